#!/usr/bin/env bash
# Checks an exported checkpoint with jq and openssl alone, as docs/audit-checkpoints.md describes: its heads give its
# headsDigest, and its canonical text carries a valid Ed25519 signature by the key the auditor trusts (not the key the
# file itself names). Exits non-zero, saying why, when either does not hold.
# usage: deploy/check-checkpoint-signature.sh CHECKPOINT.json TRUSTED-PUBLIC-KEY.pem
set -euo pipefail
file="$1"
trusted="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

jq -r '.heads[] | "\(.aggregateId) \(.lastSequence) \(.hash)"' "$file" | LC_ALL=C sort > "$work/heads.txt"
digest="$(sha256sum "$work/heads.txt" | cut -d' ' -f1)"
if [ "$digest" != "$(jq -r .headsDigest "$file")" ]; then
  echo "heads do not give the sealed headsDigest" >&2
  exit 1
fi

# Format 2 seals the personal-data read log's head too (readLog); format 1, sealed before it was, has none.
jq -j 'if .readLog then "crafts-register-checkpoint/2\n" else "crafts-register-checkpoint/1\n" end
  + "id=\(.id)\nposition=\(.position)\nsealedAt=\(.sealedAt)\nevents=\(.events)\nstreams=\(.streams)\nheadsDigest=\(.headsDigest)\n"
  + if .readLog then "readLogSequence=\(.readLog.sequence)\nreadLogHash=\(.readLog.hash)\n" else "" end' \
  "$file" > "$work/signed.txt"
jq -r .signature "$file" | base64 -d > "$work/signature.bin"
openssl pkeyutl -verify -pubin -inkey "$trusted" -rawin -in "$work/signed.txt" -sigfile "$work/signature.bin"
