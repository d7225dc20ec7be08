#!/usr/bin/env bash
# Renders a sample version diff to HTML and takes a screenshot of it with headless
# Chromium (Debian's `chromium`). Fails when the page does not render or lacks its
# verdict. Look at the PNG: the report is for people.
#
#   Scripts/check-report.sh [OUT_DIR]      default: .build/report-check
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/report-check}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "check-report: chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
swift build --product charter >&2
bin=$(swift build --show-bin-path)/charter
samples=Tests/CharterReportTests/Fixtures
status=0
"$bin" diff --format html --report-lang en --output "$out/report.html" "$samples/portal-v1.html" "$samples/portal-v2.html" || status=$?
[ "$status" -eq 3 ] || { echo "check-report: expected exit 3 (re-consent) from charter diff, got $status" >&2; exit 1; }

flags=(--headless --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$(mktemp -d)")
[ "$(id -u)" = 0 ] && flags+=(--no-sandbox)
url="file://$(cd "$out" && pwd)/report.html"
timeout 60 "$browser" "${flags[@]}" --window-size=900,1400 --screenshot="$out/report.png" "$url" 2>/dev/null
timeout 60 "$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null > "$out/dom.html"
timeout 60 "$browser" "${flags[@]}" --print-to-pdf="$out/report.pdf" --no-pdf-header-footer "$url" 2>/dev/null || true

[ -s "$out/report.png" ] && [ "$(stat -c %s "$out/report.png")" -gt 20000 ] \
  || { echo "check-report: no screenshot, or an empty one" >&2; exit 1; }
grep -q "Re-consent required" "$out/dom.html" || { echo "check-report: the rendered page lacks its verdict" >&2; exit 1; }
grep -q "<del>" "$out/dom.html" && grep -q "<ins>" "$out/dom.html" || { echo "check-report: no redline in the rendered page" >&2; exit 1; }
echo "check-report: rendered $out/report.png ($(stat -c %s "$out/report.png") bytes)${out:+, $out/report.pdf}"
