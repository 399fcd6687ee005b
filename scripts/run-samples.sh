#!/bin/sh
# make run: the main job on the bundled samples, with the embedded default.
# Screens every bundled API (PAXLST) and PNR (PNRGOV) message and the
# bundled travelers CSV against the real UN Security Council and OFAC SDN
# lists and a small unit list, applies the shipped risk rules, and prints
# the alerts for a person to read.
set -eu
bin=${1:-build/paxwatch}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/data"

echo "== paxwatch: screening the bundled API/PNR messages and travelers"
echo "   lists: UN consolidated, OFAC SDN, data/unit-watchlist.csv; rules: rules/*.rules"
echo
"$bin" screen --format text --allow-rejects \
    --watchlist "$data/lists/un-consolidated/consolidated.xml" \
    --watchlist "$data/lists/ofac-sdn-2021/sdn.csv" \
    --watchlist "$data/unit-watchlist.csv" \
    --rules "$here/rules/angel-watch.rules" --rules "$here/rules/trafficking.rules" \
    --rules "$here/rules/route.rules" --rules "$here/rules/co-traveler.rules" \
    "$data"/samples/paxlst/* "$data"/samples/pnrgov/* "$data/travelers-sample.csv" 2>&1 |
    grep -v ': warning: '
