#!/usr/bin/env bash
# charter against its peers, on the same pages, in the same rounds (release build).
#
#   Scripts/bench.sh [ROUNDS]        default 5; CHARTER_BENCH_WATCH=0 skips the watch round
#   CHARTER_BIN=/path/to/charter     times that binary instead of building the release one
#   CHARTER_BENCH_BASELINE=/path/to/older/charter Scripts/bench.sh
#                                    also times that binary, single core, in the same rounds
#                                    (to measure what a change cost: ratios in one run)
#
# Sets up, idempotently, in bench-work/ (ignored by git): the reference corpus from
# ../shared/bench/gen_corpus.py, the C floor (system libxml2, every table walked), and a
# Python venv with lxml and pandas. Then runs every contender once per round, in an order
# that rotates between rounds, and prints median seconds, MB/s and the ratio to the C floor
# measured in the same round (median of per-round ratios). The C and Python figures are
# their own in-process loop timings (as in shared/bench/BASELINES.md); charter's are whole
# processes, start-up included, so its ratios are if anything pessimistic.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
bench=${CHARTER_BENCH_REFERENCE:-../shared/bench}
work=bench-work
mkdir -p "$work"

bin=${CHARTER_BIN:-$(Scripts/release-binary.sh)}
[ -f "$work/corpus/small.txt" ] || python3 "$bench/gen_corpus.py" --out "$work/corpus" >&2
[ -x "$work/extract_libxml2" ] || gcc -O2 -o "$work/extract_libxml2" "$bench/c/extract_libxml2.c" $(pkg-config --cflags --libs libxml-2.0) -lz
if [ ! -x "$work/.venv/bin/python" ] || ! "$work/.venv/bin/python" -c 'import lxml, pandas' 2>/dev/null; then
  python3 -m venv "$work/.venv" >&2
  "$work/.venv/bin/pip" install --quiet -r "$bench/requirements.txt" >&2
fi
command -v hyperfine >/dev/null || echo "bench: hyperfine is missing (apt-get install hyperfine); start-up not measured" >&2

# A 1,000-cookie charter in two versions, for the diff.
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

"$work/.venv/bin/python" - "$bin" "$work" "$bench" "$rounds" "${CHARTER_BENCH_BASELINE:-}" <<'PY'
import json, os, statistics, subprocess, sys, time
binary, work, bench, rounds, baseline = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
corpus = os.path.join(work, "corpus")
small = [os.path.join(corpus, n) for n in open(os.path.join(corpus, "small.txt")).read().split()]
big = [os.path.join(corpus, n) for n in open(os.path.join(corpus, "big.txt")).read().split()]
size = {name: sum(os.path.getsize(p) for p in pages) for name, pages in (("small", small), ("big", big))}
cores = os.cpu_count()
python = os.path.join(work, ".venv", "bin", "python")

def wall(args, ok=(0, 1)):
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert done.returncode in ok, f"{args[:3]} exited {done.returncode}: {done.stderr[-300:]}"
    return time.perf_counter() - start

def inprocess(args):
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["seconds"]

def contenders(corpus_name):
    pages = small if corpus_name == "small" else big
    listing = os.path.join(corpus, f"{corpus_name}.txt")
    timed = {
        "C floor (libxml2 walk)": lambda: inprocess([os.path.join(work, "extract_libxml2"), "--list", listing, "--mode", "walk"]),
        "charter, 1 core": lambda: wall([binary, "extract", "--format", "jsonl", "--jobs", "1", *pages]),
        f"charter, {cores} cores": lambda: wall([binary, "extract", "--format", "jsonl", *pages]),
        "lxml + XPath": lambda: inprocess([python, os.path.join(bench, "py", "extract.py"), "--impl", "lxml", "--list", listing]),
        "pandas.read_html": lambda: inprocess([python, os.path.join(bench, "py", "extract.py"), "--impl", "pandas", "--list", listing]),
    }
    if baseline:
        timed["baseline charter, 1 core"] = lambda: wall([baseline, "extract", "--format", "jsonl", "--jobs", "1", *pages])
    return timed

rows = []
for corpus_name in ("small", "big"):
    runs = contenders(corpus_name)
    if corpus_name == "big":
        runs.pop("pandas.read_html")
    names = list(runs)
    times = {n: [] for n in names}
    ratios = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        measured = {n: runs[n]() for n in order}
        for n in names:
            times[n].append(measured[n])
            ratios[n].append(measured[n] / measured["C floor (libxml2 walk)"])
    for n in names:
        t = statistics.median(times[n])
        rows.append((f"{n} — {corpus_name} ({len(small) if corpus_name == 'small' else len(big)} pages, {size[corpus_name] / 1e6:.1f} MB)",
                     t, size[corpus_name] / 1e6 / t, statistics.median(ratios[n])))

# Diff of two extracted 1,000-cookie charters against one extraction (in-process phases).
diff_ratio, diff_phase, extract_phase = [], [], []
def phases(args, ok):
    done = subprocess.run(args + ["--timings"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert done.returncode in ok
    return {p.rsplit(" ", 2)[0].strip(): float(p.rsplit(" ", 2)[1]) / 1000 for p in done.stderr.split("timings:")[1].split(",")}
for _ in range(rounds):
    e = phases([binary, "extract", os.path.join(work, "charter-1000-v1.html")], (0,))["extract"]
    d = phases([binary, "diff", "--format", "json", os.path.join(work, "charter-1000-v1.json"), os.path.join(work, "charter-1000-v2.json")], (1, 3))["diff"]
    extract_phase.append(e); diff_phase.append(d); diff_ratio.append(d / e)

print(f"charter benchmark — {time.strftime('%Y-%m-%d')}, {cores} cores, {rounds} rounds, release build")
print(f"| {'contender':<72} | {'median s':>9} | {'MB/s':>7} | {'× C floor':>9} |")
print(f"| {'-' * 72} | {'-' * 9} | {'-' * 7} | {'-' * 9} |")
for name, t, mbs, ratio in rows:
    print(f"| {name:<72} | {t:>9.3f} | {mbs:>7.1f} | {ratio:>9.2f} |")
print(f"| {'diff of two 1,000-cookie charters (diff phase) / one extraction of such a page':<72} | {statistics.median(diff_phase):>9.4f} | {'':>7} | {statistics.median(diff_ratio):>8.2f}x |")

# Nothing lost for speed: cookie rows read per page against the generator's manifest.
manifest = json.load(open(os.path.join(corpus, "manifest.json")))["pages"]
done = subprocess.run([binary, "extract", "--format", "jsonl", *small], capture_output=True, text=True)
differ = []
for path, line in zip(small, done.stdout.splitlines()):
    charter = json.loads(line)
    read = len({(c["origin"]["table"], c["origin"]["row"]) for c in charter.get("cookies", []) if c.get("origin")})
    expected = sum(t["rows_requested"] for t in manifest[os.path.basename(path)]["tables"])
    if read != expected:
        differ.append((os.path.basename(path), read, expected))
print(f"rows check: {len(small) - len(differ)} of {len(small)} pages read exactly the manifest's rows" +
      ("" if not differ else "; differing: " + ", ".join(f"{n} {a}/{b}" for n, a, b in differ[:12]) + ("…" if len(differ) > 12 else "")))
PY

if command -v hyperfine >/dev/null; then
  page=$(head -n 1 "$work/corpus/small.txt")
  echo "$page" > "$work/corpus/one.txt"
  hyperfine --warmup 3 --runs 30 --style basic --export-markdown "$work/startup.md" \
    "$bin extract --format json $work/corpus/$page" \
    "$work/extract_libxml2 --list $work/corpus/one.txt --mode walk" > /dev/null 2>&1 || true
  echo; echo "start-up and one small page (hyperfine):"; cat "$work/startup.md"
fi
largest=$(ls -S "$work"/corpus/big_*.html | head -n 1)
/usr/bin/time -f '%M' -o "$work/peak" "$bin" extract --format jsonl "$largest" > /dev/null || true
echo "peak memory extracting $(basename "$largest") ($(($(stat -c %s "$largest") / 1048576)) MB): $(( $(cat "$work/peak") / 1024 )) MB"

# Inputs that were quadratic once (issue 16): N and 8N of each, whose times must grow
# about eightfold, not sixty-fourfold. The tests count their work; this shows their time.
python3 - "$bin" "$work" <<'PY'
import subprocess, sys, time
binary, work = sys.argv[1], sys.argv[2]
def timed(args):
    start = time.perf_counter()
    subprocess.run(args, capture_output=True)
    return time.perf_counter() - start
table = "<table><tr><th>Name</th><th>Expiry</th></tr><tr><td>_ga</td><td>2 years</td></tr></table>"
print("linearity (N → 8N, seconds):")
for n in (2500, 20000):
    path = f"{work}/nested-{n}.html"
    open(path, "w").write("<html><body>" + "<table><tr><td>" * n + table + "</td></tr></table>" * n + "</body></html>")
sizes = {}
for n in (2500, 20000):
    sizes[n] = timed([binary, "extract", "--format", "json", f"{work}/nested-{n}.html"])
print(f"  nested tables 2,500 → 20,000: {sizes[2500]:.2f} → {sizes[20000]:.2f} ({sizes[20000] / sizes[2500]:.1f}×)")
def prose(n, seed):
    paragraphs = "".join(f"<p>{seed} paragraph {i} says something {seed * 3} about cookies number {i * 7}.</p>" for i in range(n))
    return f"<html><body><h1>Cookies</h1>{paragraphs}{table}</body></html>"
times = {}
for n in (1250, 10000):
    open(f"{work}/prose-old-{n}.html", "w").write(prose(n, "old"))
    open(f"{work}/prose-new-{n}.html", "w").write(prose(n, "new"))
    times[n] = timed([binary, "diff", "--format", "json", f"{work}/prose-old-{n}.html", f"{work}/prose-new-{n}.html"])
print(f"  rewritten prose diff 1,250 → 10,000 paragraphs: {times[1250]:.2f} → {times[10000]:.2f} ({times[10000] / times[1250]:.1f}×)")
PY

if [ "${CHARTER_BENCH_WATCH:-1}" = 1 ]; then
  echo
  Scripts/bench-watch.sh "${CHARTER_BENCH_SOURCES:-1000}" 8
fi
