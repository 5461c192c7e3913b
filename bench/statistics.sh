#!/usr/bin/env bash
# Statistics read model benchmark: p99 of the statistics reads (groupBy of up to two dimensions, filters, asOf) and of
# a five-year monthly flow series, the projections' rate with the statistics over the rate without them, and whether
# the counts equal the generator's tally. Embedded server, memory backend, one process. See bench/README.md.
#
#   bench/statistics.sh                    # ARTISANS=20000, registrations over SPAN_DAYS=1826 (five years)
#   ARTISANS=100000 bench/statistics.sh    # the issue's first size
#   ARTISANS=5000 bench/statistics.sh      # smoke run
#
# Figures go to stdout, progress to stderr. The last line is the RESULT line.
set -euo pipefail

cd "$(dirname "$0")/.."

HEAP="${BENCH_HEAP:-6g}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "statistics.sh: building query-side and benchmarks (SKIP_BUILD=1 to reuse the last build)" >&2
  # shellcheck disable=SC2086  # MVN_ARGS is a list of flags, e.g. "-o"
  mvn -q ${MVN_ARGS:-} -pl query-side,benchmarks -am package -Dmaven.test.skip=true >&2
fi

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" || ! -d benchmarks/target/lib ]]; then
  echo "statistics.sh: $JAR or benchmarks/target/lib is missing; run without SKIP_BUILD=1" >&2
  exit 1
fi

# Run from a private copy, so that a rebuild while the benchmark runs cannot pull classes from under it.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/statistics-bench.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT
cp "$JAR" "$RUN_DIR/"
cp -r benchmarks/target/lib "$RUN_DIR/lib"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" ${JAVA_OPTS:-} \
  -cp "$RUN_DIR/benchmarks.jar:$RUN_DIR/lib/*" ma.crafts.register.bench.StatisticsBenchmark
