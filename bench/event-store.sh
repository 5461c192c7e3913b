#!/usr/bin/env bash
# Event-store benchmark: append, replay and aggregate-load figures of the register's Mongo event store on the embedded
# server (memory and H2 backends), against axon-mongo 4.12.0 and the raw driver. See bench/README.md.
#
#   bench/event-store.sh                                        # full run: 10k, 100k and 1M events (long)
#   SIZES=10000 BASELINE_SIZES=10000 bench/event-store.sh       # smoke run, a couple of minutes
#   bench/event-store.sh create-ab                              # create append only, both engines in alternating rounds
#
# Figures go to stdout, progress to stderr. The last line is the RESULT line (memory backend).
set -euo pipefail

cd "$(dirname "$0")/.."

# 1M commit documents in the memory backend, plus the working set of a replay, need a few GB of heap; 10 GB leaves
# headroom on the 24 GB machines this runs on. Lower it only together with SIZES.
HEAP="${BENCH_HEAP:-10g}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "event-store.sh: building event-store and benchmarks (SKIP_BUILD=1 to reuse the last build)" >&2
  # shellcheck disable=SC2086  # MVN_ARGS is a list of flags, e.g. "-o"
  mvn -q ${MVN_ARGS:-} -pl event-store,benchmarks -am package -Dmaven.test.skip=true >&2
fi

case "${1:-}" in
  "") MAIN=ma.crafts.register.bench.EventStoreBenchmark ;;
  create-ab) MAIN=ma.crafts.register.bench.CreateAlternation ;;
  *) echo "event-store.sh: unknown mode '$1' (none for the full benchmark, or create-ab)" >&2; exit 2 ;;
esac

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" || ! -d benchmarks/target/lib ]]; then
  echo "event-store.sh: $JAR or benchmarks/target/lib is missing; run without SKIP_BUILD=1" >&2
  exit 1
fi

# Run from a private copy, so that a rebuild while the benchmark runs cannot pull classes from under it.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/event-store-bench.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT
cp "$JAR" "$RUN_DIR/"
cp -r benchmarks/target/lib "$RUN_DIR/lib"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" ${JAVA_OPTS:-} \
  -cp "$RUN_DIR/benchmarks.jar:$RUN_DIR/lib/*" "$MAIN"
