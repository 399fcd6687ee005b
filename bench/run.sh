#!/bin/sh
# bench/run.sh — `make bench`: the figures of the matching engine, the parsers
# and the rules. Called with the build directory as $1 (built already).
#
# Generates synthetic watchlists of 100k and 1M entries with labelled
# travelers (bench_gen), measures the matching engine on each and on the real
# UN and OFAC lists (bench_match), then runs bench_parse and bench_rules when
# they are built. Prints figures; never fails on a figure: the exit status is
# non-zero only when a program crashes. Missed examples, to help tuning, are
# kept in the build directory (bench-misses-*.txt).
#
# Environment: BENCH_SIZES (default "100000 1000000"), BENCH_PER_KIND
# (labelled travelers per variation kind, default 1000; 600 for lists of
# 500,000 entries or more, BENCH_PER_KIND_LARGE), BENCH_CLEAN (clean
# travelers, default 5000; 3000 for large lists, BENCH_CLEAN_LARGE),
# BENCH_SEED (default 1). The large-list counts keep `make bench` within
# minutes while screening is slower there.

BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
SIZES=${BENCH_SIZES:-"100000 1000000"}
PER_KIND=${BENCH_PER_KIND:-1000}
CLEAN=${BENCH_CLEAN:-5000}
PER_KIND_LARGE=${BENCH_PER_KIND_LARGE:-600}
CLEAN_LARGE=${BENCH_CLEAN_LARGE:-3000}
SEED=${BENCH_SEED:-1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/paxwatch-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 130' INT TERM

crashed=0
# Runs a program; a non-zero exit is reported, a death by signal counts as a crash.
check() {
    if [ "$1" -gt 128 ]; then
        echo "!! $2 crashed (signal $(($1 - 128)))"
        crashed=1
    elif [ "$1" -ne 0 ]; then
        echo "!! $2 exited with status $1"
    fi
    return 0
}
run() {
    "$@"
    check $? "$(basename "$1")"
}

seconds() { date +%s; }
now() { date +%s.%N; }

echo "paxwatch benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc 2>/dev/null || echo '?') cores"
start=$(seconds)

if [ ! -x "$BUILD/bench_gen" ]; then
    echo "bench_gen is not built in $BUILD"
else
    first=""
    for n in $SIZES; do
        dir="$tmp/$n"
        echo
        echo "== synthetic watchlist of $n entries"
        t0=$(seconds)
        per_kind=$PER_KIND clean=$CLEAN
        if [ "$n" -ge 500000 ]; then per_kind=$PER_KIND_LARGE clean=$CLEAN_LARGE; fi
        run "$BUILD/bench_gen" --entries "$n" --travelers-per-kind "$per_kind" --clean "$clean" \
            --seed "$SEED" --out-dir "$dir" --data-dir "$SRC/data" 2>&1
        echo "   generated in $(( $(seconds) - t0 )) s"
        [ -z "$first" ] && [ -f "$dir/travelers.csv" ] && first="$dir/travelers.csv"
        if [ -x "$BUILD/bench_match" ] && [ -f "$dir/watchlist.csv" ]; then
            run "$BUILD/bench_match" --watchlist "$dir/watchlist.csv" --travelers "$dir/travelers.csv" \
                --misses "$BUILD/bench-misses-$n.txt" --summary "$tmp/summary"
            echo "   missed examples: $BUILD/bench-misses-$n.txt"
        elif [ ! -x "$BUILD/bench_match" ]; then
            echo "   bench_match is not built (the matching engine is not in this build)"
        fi
        if [ "$dir/travelers.csv" = "$first" ] && [ -x "$BUILD/paxwatch" ] && [ -f "$dir/watchlist.csv" ]; then
            # screening with the store: the list imported, every traveler kept with its hits and alerts
            db="$tmp/store-$n.db"
            t0=$(now)
            "$BUILD/paxwatch" import --db "$db" --list synthetic --retro-days 0 "$dir/watchlist.csv" >/dev/null 2>&1
            check $? "paxwatch import"
            t1=$(now)
            "$BUILD/paxwatch" screen --db "$db" --threads 1 "$dir/travelers.csv" >/dev/null 2>"$tmp/screen-db.err"
            check $? "paxwatch screen --db"
            t2=$(now)
            travelers=$(($(wc -l <"$dir/travelers.csv") - 1))
            echo "== screening with the store (SQLite), $n entries"
            awk -v a="$t0" -v b="$t1" -v c="$t2" -v t="$travelers" -v n="$n" 'BEGIN {
                printf "   paxwatch import: %d entries in %.1f s\n", n, b - a;
                printf "   paxwatch screen --db (1 thread, list loaded from the store, index built, every traveler\n";
                printf "   stored with hits and alerts): %d travelers in %.1f s, %.0f travelers/s\n", t, c - b, t / (c - b) }'
            tail -n 1 "$tmp/screen-db.err" | sed 's/^/   /'
            rm -f "$db" "$db-wal" "$db-shm"
        fi
        rm -f "$dir/watchlist.csv"
    done
    if [ -x "$BUILD/bench_match" ]; then
        echo
        echo "== real lists (UN consolidated, OFAC SDN), names and aliases as queries"
        if [ -n "$first" ]; then
            run "$BUILD/bench_match" --real "$SRC/data" --travelers "$first" --misses "$BUILD/bench-misses-real.txt"
        else
            run "$BUILD/bench_match" --real "$SRC/data" --misses "$BUILD/bench-misses-real.txt"
        fi
        echo "   missed examples: $BUILD/bench-misses-real.txt"
    fi
fi

if [ -s "$tmp/summary" ]; then
    echo
    echo "== matching engine summary (targets at 1M entries: recall >= 99% on every kind; false alerts"
    echo "   <= 1 per 1000 clean and <= 20 per 1000 same-name travelers; >= 100000 travelers/s on one"
    echo "   core; index build <= 10 s; peak memory <= 2048 MB)"
    echo "   (told apart: clean travelers whose name, or name with one typing error, is not that of an entry"
    echo "   with no date of birth or only their birth year)"
    printf '   %-9s %-28s %10s %10s %10s %10s %10s %8s %8s\n' entries "worst recall (kind)" "clean/1k" \
        "told apart" "same/1k" "1 thread/s" "all/s" "build s" "peak MB"
    while read -r entries kind recall clean distinct same one all cores build peak; do
        printf '   %-9s %-28s %10s %10s %10s %10s %10s %8s %8s\n' "$entries" "$recall% ($kind)" "$clean" \
            "$distinct" "$same" "$one" "$all ($cores)" "$build" "$peak"
    done <"$tmp/summary"
fi

for prog in bench_parse bench_rules bench_store bench_retro; do
    if [ -x "$BUILD/$prog" ]; then
        echo
        echo "== $prog"
        (cd "$SRC" && exec "$BUILD/$prog")
        check $? "$prog"
    fi
done

echo
echo "benchmarks done in $(( $(seconds) - start )) s"
[ $crashed -eq 0 ]
