#!/usr/bin/env bash
# Checks an exported checkpoint with jq and openssl alone, as docs/audit-checkpoints.md describes: its heads give its
# headsDigest, and its canonical text carries a valid Ed25519 signature by the key the auditor trusts (not the key the
# file itself names). Given the checkpoint before it too, checks that the one names the other (its `previous` is the
# SHA-256 of the earlier one's canonical text). Exits non-zero, saying why, when any of these does not hold.
# usage: deploy/check-checkpoint-signature.sh CHECKPOINT.json TRUSTED-PUBLIC-KEY.pem [PREVIOUS-CHECKPOINT.json]
set -euo pipefail
file="$1"
trusted="$2"
previous="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The signed text. Format 3 names the checkpoint before it (previous); format 2, sealed by each node on its own before
# the register kept one series, does not; format 1, sealed before the personal-data read log was, has no readLog.
canonical_text() {
  jq -j '(if .previous then "crafts-register-checkpoint/3\n" elif .readLog then "crafts-register-checkpoint/2\n"
          else "crafts-register-checkpoint/1\n" end)
    + "id=\(.id)\nposition=\(.position)\nsealedAt=\(.sealedAt)\nevents=\(.events)\nstreams=\(.streams)\nheadsDigest=\(.headsDigest)\n"
    + (if .readLog then "readLogSequence=\(.readLog.sequence)\nreadLogHash=\(.readLog.hash)\n" else "" end)
    + (if .previous then "previous=\(.previous)\n" else "" end)' "$1"
}

jq -r '.heads[] | "\(.aggregateId) \(.lastSequence) \(.hash)"' "$file" | LC_ALL=C sort > "$work/heads.txt"
digest="$(sha256sum "$work/heads.txt" | cut -d' ' -f1)"
if [ "$digest" != "$(jq -r .headsDigest "$file")" ]; then
  echo "heads do not give the sealed headsDigest" >&2
  exit 1
fi

canonical_text "$file" > "$work/signed.txt"
jq -r .signature "$file" | base64 -d > "$work/signature.bin"
openssl pkeyutl -verify -pubin -inkey "$trusted" -rawin -in "$work/signed.txt" -sigfile "$work/signature.bin"

if [ -n "$previous" ]; then
  canonical_text "$previous" > "$work/previous.txt"
  if [ "$(sha256sum "$work/previous.txt" | cut -d' ' -f1)" != "$(jq -r .previous "$file")" ]; then
    echo "checkpoint $(jq -r .id "$file") does not name checkpoint $(jq -r .id "$previous") as the one before it" >&2
    exit 1
  fi
  echo "checkpoint $(jq -r .id "$file") follows checkpoint $(jq -r .id "$previous")"
fi
