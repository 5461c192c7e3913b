#!/usr/bin/env bash
# Eligibility model benchmark: recompute rate after a programme revision, time to switch, p99 of the eligibility read
# during the recompute, and the artisan view's rebuild rate as a ratio to the replay ceiling of bench/event-store.sh.
# Embedded server, memory backend, one process. See bench/README.md.
#
#   bench/eligibility.sh                   # ARTISANS=50000 (about five minutes on two shared cores)
#   ARTISANS=5000 bench/eligibility.sh     # smoke run
#   BENCH_GC=-XX:+UseG1GC bench/eligibility.sh   # another collector (default ZGC, as the query side runs)
#
# Figures go to stdout, progress to stderr. The last line is the RESULT line.
set -euo pipefail

cd "$(dirname "$0")/.."

HEAP="${BENCH_HEAP:-6g}"
# ZGC, as deploy/run-local.sh runs the query side: G1's pauses during a recompute were most of the read p99.
GC="${BENCH_GC:--XX:+UseZGC}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "eligibility.sh: building query-side and benchmarks (SKIP_BUILD=1 to reuse the last build)" >&2
  # shellcheck disable=SC2086  # MVN_ARGS is a list of flags, e.g. "-o"
  mvn -q ${MVN_ARGS:-} -pl query-side,benchmarks -am package -Dmaven.test.skip=true >&2
fi

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" || ! -d benchmarks/target/lib ]]; then
  echo "eligibility.sh: $JAR or benchmarks/target/lib is missing; run without SKIP_BUILD=1" >&2
  exit 1
fi

# Run from a private copy, so that a rebuild while the benchmark runs cannot pull classes from under it.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/eligibility-bench.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT
cp "$JAR" "$RUN_DIR/"
cp -r benchmarks/target/lib "$RUN_DIR/lib"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
java -Xms"$HEAP" -Xmx"$HEAP" "$GC" -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" ${JAVA_OPTS:-} \
  -cp "$RUN_DIR/benchmarks.jar:$RUN_DIR/lib/*" ma.crafts.register.bench.EligibilityBenchmark
