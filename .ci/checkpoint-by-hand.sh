#!/usr/bin/env bash
# docs/audit-checkpoints.md tells an auditor how to check a checkpoint without the register's code: with jq and openssl
# (step 1), and with mongosh against the store (steps 2 and 3). This runs the doc's own commands, taken from its code
# blocks, so the doc and the check cannot drift: against a register started as README does, holding two artisans (one
# amended), two history reads by an auditor and seven checkpoints, on checkpoints 7 and 6 as the doc names them. Each
# step must accept what the register sealed, and each must then fail on what it is there to catch: a checkpoint file
# edited (step 1), a stream's latest commit deleted (step 2), a read-log record deleted (step 3).
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/audit-checkpoints.md
check_name="checkpoint by hand"
# shellcheck source=.ci/local-register.sh
. .ci/local-register.sh

# The first fenced code block after the heading that starts with $1, without its fences.
doc_block() {
  awk -v heading="$1" 'index($0, heading) == 1 { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$doc"
}
# The command a mongosh block's first line shows (after "// "), with the doc's example values replaced by $2 and $3.
doc_command() {
  local command
  command="$(doc_block "$1" | head -n 1)"
  command="${command#// }"
  shift
  while [ $# -gt 0 ]; do
    command="${command/$1/$2}"
    shift 2
  done
  echo "$command"
}

clerk=$(token ci-clerk CHAMBER_CLERK MA-07)
auditor=$(token ci-auditor AUDITOR)
admin=$(token ci-admin REGISTRY_ADMIN)
first=$(register_artisan "$clerk")
amended=$(register_artisan "$clerk")
curl -fsS -X POST "$base/api/v1/artisans/$amended/amendments" -H "Authorization: Bearer $clerk" \
  -H 'Content-Type: application/json' -d '{"phone":"+212612345679"}' >/dev/null
for id in "$first" "$amended"; do
  curl -fsS "$base/api/v1/artisans/$id/history" -H "Authorization: Bearer $auditor" >/dev/null
done
for _ in 1 2 3 4 5 6 7; do
  curl -fsS -X POST "$base/api/v1/audit/checkpoints" -H "Authorization: Bearer $admin" >/dev/null
done

work="$scratch/auditor"
mkdir -p "$work"
for id in 6 7; do
  curl -fsS "$base/api/v1/audit/checkpoints/$id" -H "Authorization: Bearer $auditor" -o "$work/checkpoint-$id.json"
done
curl -fsS "$base/api/v1/audit/checkpoints" -H "Authorization: Bearer $auditor" | json "['publicKey']" > "$work/trusted.pem"
digest=$(jq -r .headsDigest "$work/checkpoint-7.json")
position=$(jq -r .position "$work/checkpoint-7.json")
read_log_sequence=$(jq -r .readLog.sequence "$work/checkpoint-7.json")
read_log_hash=$(jq -r .readLog.hash "$work/checkpoint-7.json")
[ "$read_log_sequence" -ge 2 ] || fail "checkpoint 7 seals $read_log_sequence read-log records, not the two reads"

doc_block "## Step 1" > "$scratch/step1.sh"
doc_block "## Step 2" > "$work/heads.js"
doc_block "## Step 3" > "$work/read-log.js"
step2=$(doc_command "## Step 2" "const P = 12345" "const P = $position")
step3=$(doc_command "## Step 3" "const N = 42" "const N = $read_log_sequence" "<readLog.hash>" "$read_log_hash")
export MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/register"
PATH="$(dirname "$mongosh"):$PATH"

step1_holds() {
  local output
  output=$(cd "$work" && bash "$scratch/step1.sh" 2>&1) || true
  grep -qx "$digest  heads.txt" <<<"$output" && grep -qx "Signature Verified Successfully" <<<"$output" \
    && grep -qx "$(jq -r .previous "$work/checkpoint-7.json")  -" <<<"$output"
}
step2_digest() { (cd "$work" && bash -c "$step2") | cut -d' ' -f1; }
step3_says() { (cd "$work" && bash -c "$step3"); }

step1_holds || fail "step 1 rejects checkpoint 7 as the register sealed it"
[ "$(step2_digest)" = "$digest" ] || fail "step 2 does not give checkpoint 7's headsDigest $digest: $(step2_digest)"
[ "$(step3_says)" = "read log holds up to $read_log_sequence" ] || fail "step 3 rejects the read log: $(step3_says)"
echo "$check_name: steps 1 to 3 of $doc hold for checkpoint 7 (position $position, $read_log_sequence reads)"

cp "$work/checkpoint-7.json" "$scratch/sealed.json"
jq '.events += 1' "$scratch/sealed.json" > "$work/checkpoint-7.json"
step1_holds && fail "step 1 accepts checkpoint 7 with its event count edited"
cp "$scratch/sealed.json" "$work/checkpoint-7.json"

removed=$("$mongosh" --quiet "$MONGODB_URI" --eval "
  const latest = db.commits.find({streamKeys: {\$regex: '^$amended#'}}).sort({_id: -1}).limit(1).toArray()[0];
  print(db.commits.deleteOne({_id: latest._id}).deletedCount + ' at ' + latest._id);")
[[ "$removed" == "1 at "* ]] || fail "could not delete the amended artisan's latest commit: $removed"
[ "$(step2_digest)" != "$digest" ] || fail "step 2 still gives the sealed digest with a stream's latest commit deleted"

"$mongosh" --quiet "$MONGODB_URI" --eval 'db.personal_data_reads.deleteOne({_id: 1})' >/dev/null
[ "$(step3_says)" = "read log broken at record 1" ] || fail "step 3 misses a deleted read-log record: $(step3_says)"
echo "$check_name: step 1 rejects an edited file, step 2 a stream's latest commit deleted, step 3 a read deleted"
