#!/usr/bin/env bash
# Sourced by the benchmark scripts: builds the modules a benchmark needs, then runs one main class of the benchmarks
# module from a private copy of its jar and libraries.
#
#   run_benchmark <script name> <modules, e.g. query-side,benchmarks> <default heap> <main class> [<default GC flag>]
#
# SKIP_BUILD=1 reuses the last build; MVN_ARGS and JAVA_OPTS add flags; BENCH_HEAP overrides the heap and BENCH_GC
# the collector (G1 unless the script names another).

run_benchmark() {
  local name="$1" modules="$2" heap="${BENCH_HEAP:-$3}" main="$4" gc="${BENCH_GC:-${5:--XX:+UseG1GC}}"

  if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo "$name: building $modules (SKIP_BUILD=1 to reuse the last build)" >&2
    # shellcheck disable=SC2086  # MVN_ARGS is a list of flags, e.g. "-o"
    mvn -q ${MVN_ARGS:-} -pl "$modules" -am package -Dmaven.test.skip=true >&2
  fi

  local jar=benchmarks/target/benchmarks.jar
  if [[ ! -f "$jar" || ! -d benchmarks/target/lib ]]; then
    echo "$name: $jar or benchmarks/target/lib is missing; run without SKIP_BUILD=1" >&2
    return 1
  fi

  # Run from a private copy, so that a rebuild while the benchmark runs cannot pull classes from under it.
  local run_dir
  run_dir="$(mktemp -d "${TMPDIR:-/tmp}/$name-bench.XXXXXX")"
  # shellcheck disable=SC2064  # the directory is known now
  trap "rm -rf '$run_dir'" EXIT
  cp "$jar" "$run_dir/"
  cp -r benchmarks/target/lib "$run_dir/lib"

  # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
  java -Xms"$heap" -Xmx"$heap" "$gc" -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
    -Djava.io.tmpdir="${TMPDIR:-/tmp}" ${JAVA_OPTS:-} \
    -cp "$run_dir/benchmarks.jar:$run_dir/lib/*" "$main"
}
