#!/usr/bin/env bash
# Benchmarks, release build, medians of interleaved runs. What it measures now:
#   - extraction of one 1,000-cookie charter page (whole process, and the extraction
#     phase alone from `--timings`);
#   - `charter diff` of two extracted 1,000-cookie charters (canonical JSON in): whole
#     process, and the diff phase alone (matching, rules, hashes) against the
#     extraction phase, measured in the same rounds.
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

python3 - "$bin" "$work" "$rounds" "$(nproc)" <<'PY'
import statistics, subprocess, sys, time
binary, work, rounds, cores = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def timed(args, ok=(0,)):
    start = time.perf_counter()
    done = subprocess.run(args + ["--timings"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert done.returncode in ok, f"{args} exited {done.returncode}"
    phases = dict((p.rsplit(" ", 2)[0].strip(), float(p.rsplit(" ", 2)[1]) / 1000)
                  for p in done.stderr.split("timings:")[1].split(","))
    return time.perf_counter() - start, phases
rows = {k: [] for k in ("extract", "extract phase", "diff", "diff phase", "process ratio", "phase ratio")}
for _ in range(rounds):
    e, ephases = timed([binary, "extract", f"{work}/charter-1000-v1.html"])
    d, dphases = timed([binary, "diff", "--format", "json", f"{work}/charter-1000-v1.json", f"{work}/charter-1000-v2.json"], ok=(1, 3))
    rows["extract"].append(e); rows["extract phase"].append(ephases["extract"])
    rows["diff"].append(d); rows["diff phase"].append(dphases["diff"])
    rows["process ratio"].append(d / e); rows["phase ratio"].append(dphases["diff"] / ephases["extract"])
m = {k: statistics.median(v) for k, v in rows.items()}
print(f"{'benchmark (' + str(rounds) + ' rounds, release, ' + cores + ' cores)':<62} {'median':>10}")
print(f"{'extract one 1,000-cookie page, whole process (s)':<62} {m['extract']:>10.4f}")
print(f"{'  of which the extraction itself (s)':<62} {m['extract phase']:>10.4f}")
print(f"{'diff two extracted 1,000-cookie charters, whole process (s)':<62} {m['diff']:>10.4f}")
print(f"{'  of which the diff itself: match, rules, hashes (s)':<62} {m['diff phase']:>10.4f}")
print(f"{'diff / extraction, whole processes (per-round ratio)':<62} {m['process ratio']:>10.3f}")
print(f"{'diff / extraction, in-process phases (per-round ratio)':<62} {m['phase ratio']:>10.3f}")
PY

# The watch round over 1,000 sources × 2 languages against curl (its own script, as it
# needs a loopback server).
if [ "${CHARTER_BENCH_WATCH:-1}" = 1 ]; then
  echo
  Scripts/bench-watch.sh "${CHARTER_BENCH_SOURCES:-1000}" 8
fi
