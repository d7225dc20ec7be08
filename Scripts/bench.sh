#!/usr/bin/env bash
# Benchmarks, release build, medians of interleaved runs. What it measures now:
#   - extraction of one 1,000-cookie charter page (whole process);
#   - `charter diff` of two extracted 1,000-cookie charters (canonical JSON in, whole
#     process), and its ratio to one extraction, measured in the same rounds.
# The libxml2 floor and Python peers (shared/bench) come with the performance issue.
#
#   Scripts/bench.sh [ROUNDS]     default 5
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=bench-work
mkdir -p "$work"
swift build -c release --product charter >&2
bin=$(swift build -c release --show-bin-path)/charter

# Two versions of a 1,000-cookie charter: v2 changes 50 purposes, drops 20 cookies,
# adds 20 and extends 30 retentions.
python3 - "$work" <<'PY'
import sys
out = sys.argv[1]
def page(version):
    rows = []
    for i in range(1000):
        if version == 2 and i % 50 == 0:
            continue
        purpose = f"Measures audience for feature {i}" + (" and shares it with partners" if version == 2 and i % 20 == 1 else "")
        months = 13 + (12 if version == 2 and i % 33 == 2 else 0)
        rows.append(f"<tr><td>cookie_{i:04d}</td><td>Provider {i % 40}</td><td>{purpose}</td><td>{months} months</td><td>third party</td></tr>")
    if version == 2:
        rows += [f"<tr><td>new_cookie_{i}</td><td>Provider {i}</td><td>Advertising {i}</td><td>6 months</td><td>third party</td></tr>" for i in range(20)]
    return ("<html lang=en><body><h2>Analytics cookies</h2><table><tr><th>Cookie name</th><th>Provider</th>"
            "<th>Purpose</th><th>Expiry</th><th>Party</th></tr>" + "\n".join(rows) + "</table></body></html>")
for version in (1, 2):
    open(f"{out}/charter-1000-v{version}.html", "w").write(page(version))
PY
"$bin" extract "$work/charter-1000-v1.html" > "$work/charter-1000-v1.json"
"$bin" extract "$work/charter-1000-v2.html" > "$work/charter-1000-v2.json"

now() { date +%s.%N; }
extract_times=()
diff_times=()
ratios=()
for round in $(seq "$rounds"); do
  start=$(now); "$bin" extract "$work/charter-1000-v1.html" > /dev/null; mid=$(now)
  "$bin" diff --format json "$work/charter-1000-v1.json" "$work/charter-1000-v2.json" > /dev/null || [ $? -eq 3 ]
  end=$(now)
  e=$(echo "$mid - $start" | bc -l); d=$(echo "$end - $mid" | bc -l)
  extract_times+=("$e"); diff_times+=("$d"); ratios+=("$(echo "$d / $e" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-52s %10s\n' "benchmark ($rounds rounds, release, $(nproc) cores)" "median s"
printf '%-52s %10.4f\n' "extract one 1,000-cookie page (process)" "$(median "${extract_times[@]}")"
printf '%-52s %10.4f\n' "diff two extracted 1,000-cookie charters (process)" "$(median "${diff_times[@]}")"
printf '%-52s %10.3f\n' "diff / extract (median of per-round ratios)" "$(median "${ratios[@]}")"
