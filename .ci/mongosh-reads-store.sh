#!/usr/bin/env bash
# mongosh, the operator's shell, reads the embedded store: start the register as README does (deploy/run-local.sh) on a
# scratch data dir, store one registration, and read its commit back with mongosh. mongosh is installed from npm into
# the scratch dir when it is not on PATH. Fails if mongosh cannot connect (it refuses servers below wire version 9) or
# does not find the commit.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { [ -f "$scratch/run.log" ] && cat "$scratch/run.log" >&2; echo "mongosh check: $*" >&2; exit 1; }

mongosh="$(command -v mongosh || true)"
if [ -z "$mongosh" ]; then
  command -v npm >/dev/null || fail "mongosh is not installed and npm is not there to install it"
  npm install --prefix "$scratch/mongosh" --no-audit --no-fund --loglevel=error mongosh >/dev/null
  mongosh="$scratch/mongosh/node_modules/.bin/mongosh"
fi
echo "mongosh $("$mongosh" --version)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"; MONGO_PORT="$(free_port)"; DATA_DIR="$scratch/data"; REGISTER_AUTH_MODE=dev
export PORT MONGO_PORT DATA_DIR REGISTER_AUTH_MODE
deploy/run-local.sh >"$scratch/run.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "Crafts Register is up" "$scratch/run.log" && break
  kill -0 "$pid" 2>/dev/null || fail "run-local.sh exited"
  sleep 1
done
grep -q "Crafts Register is up" "$scratch/run.log" || fail "the register did not come up"

base="http://127.0.0.1:$PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token=$(curl -fsS -X POST "$base/api/v1/dev/tokens" -H 'Content-Type: application/json' \
  -d '{"subject":"ci-clerk","roles":["CHAMBER_CLERK"],"region":"MA-07"}' | json "['token']")
activity=$(curl -fsS "$base/api/v1/reference/activities" -H "Authorization: Bearer $token" | json "['activities'][0]['code']")
id=$(curl -fsS -X POST "$base/api/v1/artisans" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"cin\":\"MS$((RANDOM % 900000 + 100000))\",\"firstName\":{\"ar\":\"فاطمة\",\"fr\":\"Fatima\"},
       \"lastName\":{\"ar\":\"الزهراء\",\"fr\":\"Zahra\"},\"birthDate\":\"1984-03-02\",\"gender\":\"F\",
       \"phone\":\"+212612345678\",\"address\":\"Derb Dabachi 12, Marrakech\",\"provinceCode\":\"MA-MAR\",
       \"activityCode\":\"$activity\",\"qualification\":{\"route\":\"EXPERIENCE\",\"yearsOfPractice\":12}}" \
  | json "['artisanId']")

read=$("$mongosh" --quiet "mongodb://127.0.0.1:$MONGO_PORT/register" --eval "
  const commit = db.getSiblingDB('register').commits.findOne({'events.aggregateId': '$id'});
  print(commit === null ? 'no commit' : 'commit of ' + commit.events[0].aggregateId);" 2>&1) \
  || fail "mongosh could not read the store: $read"
[ "$read" = "commit of $id" ] || fail "mongosh did not find the registration's commit: $read"
echo "mongosh check: read the commit of artisan $id from the embedded store"
