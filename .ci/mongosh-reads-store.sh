#!/usr/bin/env bash
# mongosh, the operator's shell, reads the embedded store: start the register as README does (deploy/run-local.sh) on a
# scratch data dir, store one registration, and read its commit back with mongosh. Fails if mongosh cannot connect (it
# refuses servers below wire version 9) or does not find the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
check_name="mongosh check"
# shellcheck source=.ci/local-register.sh
. .ci/local-register.sh

token=$(token ci-clerk CHAMBER_CLERK MA-07)
id=$(register_artisan "$token")

read=$("$mongosh" --quiet "mongodb://127.0.0.1:$MONGO_PORT/register" --eval "
  const commit = db.getSiblingDB('register').commits.findOne({'events.aggregateId': '$id'});
  print(commit === null ? 'no commit' : 'commit of ' + commit.events[0].aggregateId);" 2>&1) \
  || fail "mongosh could not read the store: $read"
[ "$read" = "commit of $id" ] || fail "mongosh did not find the registration's commit: $read"
echo "mongosh check: read the commit of artisan $id from the embedded store"
