#!/bin/sh
# run.sh SECONDS — builds the libFuzzer harnesses (clang, ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS over a corpus seeded with the samples.
# New inputs are kept in build-fuzz/fuzz-corpus/<harness>/; crashes are
# written to build-fuzz/ and stop the run with a failure.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
command -v clang >/dev/null || { echo "run.sh: clang is needed" >&2; exit 1; }
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DPW_SANITIZE=ON >/dev/null
fi
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target fuzz_lexer fuzz_paxlst fuzz_pnrgov
status=0
for h in fuzz_lexer fuzz_paxlst fuzz_pnrgov; do
  case $h in
    fuzz_paxlst) seeds="$root/data/samples/paxlst" ;;
    fuzz_pnrgov) seeds="$root/data/samples/pnrgov" ;;
    *) seeds="$root/data/samples/paxlst $root/data/samples/pnrgov" ;;
  esac
  mkdir -p "$build/fuzz-corpus/$h"
  echo "== $h: $seconds s"
  (cd "$build" && "./$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      "fuzz-corpus/$h" $seeds) || status=1
done
exit $status
