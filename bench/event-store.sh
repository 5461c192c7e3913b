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

case "${1:-}" in
  "") MAIN=ma.crafts.register.bench.EventStoreBenchmark ;;
  create-ab) MAIN=ma.crafts.register.bench.CreateAlternation ;;
  *) echo "event-store.sh: unknown mode '$1' (none for the full benchmark, or create-ab)" >&2; exit 2 ;;
esac

# 1M commit documents in the memory backend, plus the working set of a replay, need a few GB of heap; 10 GB leaves
# headroom on the 24 GB machines this runs on. Lower it only together with SIZES.
# shellcheck source=lib/java-benchmark.sh
source bench/lib/java-benchmark.sh
run_benchmark event-store.sh event-store,benchmarks 10g "$MAIN"
