#!/bin/sh
# run.sh SECONDS — builds the libFuzzer harnesses (clang, ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS over its corpus and its seeds (made
# from the samples by fuzz.cmake in build-fuzz/fuzz-seeds/<harness>). New
# inputs are kept in build-fuzz/fuzz-corpus/<harness>/; crashes are written
# to build-fuzz/ and stop the run with a failure.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
command -v clang >/dev/null || { echo "run.sh: clang is needed" >&2; exit 1; }
# configured every time: a new harness is a new target
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DPW_SANITIZE=ON >/dev/null
harnesses=$(cd "$root/fuzz" && ls fuzz_*.c | sed 's/\.c$//')
# shellcheck disable=SC2086
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target $harnesses
status=0
for h in $harnesses; do
  echo "== $h: $seconds s"
  (cd "$build" && "./$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      "fuzz-corpus/$h" "fuzz-seeds/$h") || status=1
done
exit $status
