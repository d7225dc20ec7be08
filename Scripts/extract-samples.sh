#!/usr/bin/env bash
# Extraction alone on bundled samples: the seed charter as a tab-separated text table and
# as an Opendatasoft portal page, printed as tables.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product charter >&2
bin=$(swift build --show-bin-path)/charter
samples=Tests/CharterExtractTests/Fixtures
seed=${CHARTER_SEED:-../shared/seed/charte-cookies.txt}
[ -f "$seed" ] || seed=$samples/text-table.txt
echo "== $seed (text table)"
"$bin" extract --format text "$seed"
echo
echo "== $samples/opendatasoft-portal-fr.html (Opendatasoft portal page, French)"
"$bin" extract --format markdown "$samples/opendatasoft-portal-fr.html"
