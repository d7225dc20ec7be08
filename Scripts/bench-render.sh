#!/usr/bin/env bash
# Rendered extraction of a small page (the Cookiebot-shaped test fixture) from a loopback
# server, browser start and stop included, against the static extraction of the same
# URL in the same run. Release build; prints the median of N runs and checks that no
# Chromium is left running.
#
#   Scripts/bench-render.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bin=$(Scripts/release-binary.sh)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# The fixtures as a site: the page, and the declaration script it loads.
fixtures=Tests/CharterRenderTests/Fixtures
mkdir -p "$work/site/consent.cookiebot.com"
cp "$fixtures/cookiebot-page.html" "$work/site/cookies.html"
cp "$fixtures/cookiebot-cd.js" "$work/site/consent.cookiebot.com/cd.js"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/site" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  port=$(grep -o 'port [0-9]*' "$work/server.log" | head -1 | cut -d' ' -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
url="http://127.0.0.1:$port/cookies.html"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
measure() {
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" extract "$@" > /dev/null 2>&1 || [ $? -eq 1 ]
    end=$(date +%s%N)
    printf '%d.%03d\n' $(( (end - start) / 1000000000 )) $(( (end - start) / 1000000 % 1000 ))
  done | median
}
static=$(measure --render never "$url")
rendered=$(measure --render auto "$url")
cookies=$("$bin" extract --render auto "$url" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["cookies"]), len(d["observed"]))')
echo "charter render benchmark — $(date +%Y-%m-%d), $(nproc) cores, $runs runs each, release build"
echo "static extraction (no table found, no browser):   median ${static} s"
echo "rendered extraction (Chromium start to stop):     median ${rendered} s"
echo "rendered page: $cookies (declared cookies, observed cookies)"
left=$(pgrep -f 'charter-render-' || true)
echo "Chromium processes left running: ${left:-none}"
