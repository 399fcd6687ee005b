#!/bin/sh
# make run: the main job on the bundled samples, with the embedded default.
# Imports the real UN Security Council and OFAC SDN lists and a small unit
# list into a SQLite database, screens every bundled API (PAXLST) and PNR
# (PNRGOV) message and the bundled travelers CSV with the shipped risk
# rules, keeps travelers, hits and alerts, and shows the alerts an analyst
# would review. The database is made anew at each run.
set -eu
bin=${1:-build/paxwatch}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/data"
db=$(dirname "$bin")/paxwatch-demo.db
rm -f "$db" "$db-wal" "$db-shm"

echo "== importing the watchlists into $db"
"$bin" import --db "$db" --list un "$data/lists/un-consolidated/consolidated.xml" 2>/dev/null
"$bin" import --db "$db" --list ofac-sdn "$data/lists/ofac-sdn-2021/sdn.csv" 2>/dev/null
"$bin" import --db "$db" --list unit "$data/unit-watchlist.csv"
echo
echo "== screening the bundled API/PNR messages and travelers (hits and rule hits)"
"$bin" screen --db "$db" --format text --allow-rejects \
    --rules "$here/rules/angel-watch.rules" --rules "$here/rules/trafficking.rules" \
    --rules "$here/rules/route.rules" --rules "$here/rules/co-traveler.rules" \
    "$data"/samples/paxlst/* "$data"/samples/pnrgov/* "$data/travelers-sample.csv" 2>&1 |
    grep -v ': warning: '
echo
echo "== the alerts waiting for review (paxwatch alerts --db $db --status new)"
"$bin" alerts --db "$db" --status new
echo
echo "next: paxwatch review --db $db ALERT_ID --status dismissed --reason \"different person\""
