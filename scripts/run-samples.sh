#!/bin/sh
# make run: the main job on the bundled samples, with the embedded default.
# Screens the bundled travelers against the real UN Security Council and
# OFAC SDN lists and prints the alerts for a person to read.
set -eu
bin=${1:-build/paxwatch}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/data"

echo "== paxwatch: screening the bundled travelers against the UN and OFAC lists"
"$bin" screen --format text \
    --watchlist "$data/lists/un-consolidated/consolidated.xml" \
    --watchlist "$data/lists/ofac-sdn-2021/sdn.csv" \
    "$data/travelers-sample.csv"
