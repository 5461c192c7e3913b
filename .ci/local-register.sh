#!/usr/bin/env bash
# Sourced by the .ci checks that run against a register started as README does (deploy/run-local.sh) on a scratch
# data dir, and read its embedded store with mongosh, installed from npm into the scratch dir when it is not on PATH.
# Sets: scratch (removed on exit, the register stopped), mongosh, base (the register's URL), MONGO_PORT.
# Defines: fail MESSAGE, json PYTHON-SUBSCRIPT (reads JSON on stdin), token SUBJECT ROLE [REGION], and
# register_artisan CLERK-TOKEN (registers an artisan in MA-MAR, prints its id).
# The sourcing script names itself in check_name, for its messages.

scratch="$(mktemp -d)"
register_pid=""
stop_local_register() {
  if [ -n "$register_pid" ]; then
    kill "$register_pid" 2>/dev/null || true
    wait "$register_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap stop_local_register EXIT
fail() { [ -f "$scratch/run.log" ] && cat "$scratch/run.log" >&2; echo "$check_name: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

mongosh="$(command -v mongosh || true)"
if [ -z "$mongosh" ]; then
  command -v npm >/dev/null || fail "mongosh is not installed and npm is not there to install it"
  npm install --prefix "$scratch/mongosh" --no-audit --no-fund --loglevel=error mongosh >/dev/null
  mongosh="$scratch/mongosh/node_modules/.bin/mongosh"
fi
echo "mongosh $("$mongosh" --version)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"; MONGO_PORT="$(free_port)"; DATA_DIR="$scratch/data"; KEY_DIR="$scratch/keys"
REGISTER_AUTH_MODE=dev
export PORT MONGO_PORT DATA_DIR KEY_DIR REGISTER_AUTH_MODE
deploy/run-local.sh >"$scratch/run.log" 2>&1 &
register_pid=$!
for _ in $(seq 1 600); do
  grep -q "Crafts Register is up" "$scratch/run.log" && break
  kill -0 "$register_pid" 2>/dev/null || fail "run-local.sh exited"
  sleep 1
done
grep -q "Crafts Register is up" "$scratch/run.log" || fail "the register did not come up"
base="http://127.0.0.1:$PORT"

token() {
  local region=null
  [ -n "${3:-}" ] && region="\"$3\""
  curl -fsS -X POST "$base/api/v1/dev/tokens" -H 'Content-Type: application/json' \
    -d "{\"subject\":\"$1\",\"roles\":[\"$2\"],\"region\":$region}" | json "['token']"
}

register_artisan() {
  local activity
  activity=$(curl -fsS "$base/api/v1/reference/activities" -H "Authorization: Bearer $1" | json "['activities'][0]['code']")
  curl -fsS -X POST "$base/api/v1/artisans" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"cin\":\"MS$((RANDOM % 900000 + 100000))\",\"firstName\":{\"ar\":\"فاطمة\",\"fr\":\"Fatima\"},
         \"lastName\":{\"ar\":\"الزهراء\",\"fr\":\"Zahra\"},\"birthDate\":\"1984-03-02\",\"gender\":\"F\",
         \"phone\":\"+212612345678\",\"address\":\"Derb Dabachi 12, Marrakech\",\"provinceCode\":\"MA-MAR\",
         \"activityCode\":\"$activity\",\"qualification\":{\"route\":\"EXPERIENCE\",\"yearsOfPractice\":12}}" \
    | json "['artisanId']"
}
