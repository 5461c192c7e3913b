#!/usr/bin/env bash
# The capacity plan's figures (docs/capacity.md): ma.crafts.register.bench.capacity.CapacityPlan. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -q -B ${MVN_ARGS:-} -pl benchmarks -am package -Dmaven.test.skip=true >&2
fi
exec java -Xmx2g -Daxoniq.update-checker.disabled=true -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  ma.crafts.register.bench.capacity.CapacityPlan
