#!/usr/bin/env bash
# A watch round over N sources × 2 languages (default 1,000 × 2) served from loopback,
# against curl fetching the same URLs, with the same cookies, at the same concurrency.
# Release build; prints total time, peak memory (RSS) and the ratio to curl.
#
#   Scripts/bench-watch.sh [SOURCES] [CONCURRENCY]
#
# CHARTER_BIN=PATH measures that binary instead of building one; CHARTER_BENCH_BASELINE=PATH
# also measures an earlier build in the same run, on a store of its own, and prints the
# ratios between the two (the only comparison that means something on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
sources=${1:-1000}
concurrency=${2:-8}
bin=${CHARTER_BIN:-$(Scripts/release-binary.sh)}
baseline=${CHARTER_BENCH_BASELINE:-}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

. Scripts/demo/start-portal.sh
start_portal "$work"

{
  echo "timeout: 30"
  echo "concurrency: $concurrency"
  echo "per_host: $concurrency"
  echo "sources:"
  for i in $(seq "$sources"); do
    printf '  - id: s%s\n    url: http://127.0.0.1:%s/pages/charte-cookies/?site=%s\n    languages: [fr, en]\n' "$i" "$port" "$i"
  done
} > "$work/charter.yml"
for i in $(seq "$sources"); do
  for lang in fr en; do
    printf 'url = "http://127.0.0.1:%s/pages/charte-cookies/?site=%s"\noutput = "/dev/null"\ncookie = "django_language=%s"\n' "$port" "$i" "$lang"
  done
done > "$work/curl.cfg"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > /dev/null 2>&1 || true
  read -r seconds kb user system < "$work/time"
  # CPU seconds beside the wall time: on a shared machine the wall time follows the load,
  # the CPU a program spends much less.
  printf '%-58s %8.2f s %8.1f MB %7.2f s cpu\n' "$label" "$seconds" "$(echo "$kb / 1024" | bc -l)" "$(echo "$user + $system" | bc -l)"
  echo "$seconds" > "$work/last"
}
echo "watch round: $sources sources × 2 languages, concurrency $concurrency, loopback ($(nproc) cores)"
if [ -n "$baseline" ]; then
  measure "baseline watch, first round" "$baseline" watch --config "$work/charter.yml" --db "$work/baseline.sqlite"
  base_first=$(cat "$work/last")
  measure "baseline watch, second round (nothing changed)" "$baseline" watch --config "$work/charter.yml" --db "$work/baseline.sqlite"
  base_second=$(cat "$work/last")
fi
measure "charter watch, first round (stores $((sources * 2)) versions)" "$bin" watch --config "$work/charter.yml" --db "$work/charter.sqlite"
first=$(cat "$work/last")
measure "charter watch, second round (nothing changed)" "$bin" watch --config "$work/charter.yml" --db "$work/charter.sqlite"
second=$(cat "$work/last")
measure "curl, same $((sources * 2)) URLs, $concurrency in parallel" curl --silent --parallel --parallel-max "$concurrency" --config "$work/curl.cfg"
curl=$(cat "$work/last")
printf '%-58s %8.2f\n' "ratio charter first round / curl" "$(echo "$first / $curl" | bc -l)"
printf '%-58s %8.2f\n' "ratio charter second round / curl" "$(echo "$second / $curl" | bc -l)"
if [ -n "$baseline" ]; then
  printf '%-58s %8.2f\n' "ratio charter / baseline, first round" "$(echo "$first / $base_first" | bc -l)"
  printf '%-58s %8.2f\n' "ratio charter / baseline, second round" "$(echo "$second / $base_second" | bc -l)"
fi
