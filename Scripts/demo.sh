#!/usr/bin/env bash
# charter's main job, with no internet: a loopback Opendatasoft-like portal serves a
# cookie charter in fr, en and de (bundled in Scripts/demo/); `charter watch` runs once,
# the portal publishes version 2 (a statistics cookie in fr and en, the German page not
# updated), and `charter watch` runs again: the change, its re-consent verdict, the
# language findings and the HTML report are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --product charter >&2
bin=$(swift build --show-bin-path)/charter
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

. Scripts/demo/start-portal.sh
start_portal "$work"
cat > "$work/charter.yml" <<YAML
timeout: 10
notify:
  atom: $work/feed.xml
sources:
  - id: portal
    url: http://127.0.0.1:$port/pages/charte-cookies/
    languages: [fr, en, de]
YAML

echo "== round 1: the portal publishes version 1 in fr, en and de"
"$bin" watch --config "$work/charter.yml" --db "$work/charter.sqlite" --reports "$work/reports" || true
echo
echo 2 > "$work/version"
echo "== round 2: version 2 adds a statistics cookie (fr, en); the German page is left behind"
status=0
"$bin" watch --config "$work/charter.yml" --db "$work/charter.sqlite" --reports "$work/reports" || status=$?
echo "(exit code $status: 3 means re-consent is needed)"
echo
echo "== history of portal"
"$bin" history --db "$work/charter.sqlite" portal
echo
echo "== what changed in French, as legal reads it"
"$bin" diff --db "$work/charter.sqlite" portal@fr~1 portal@fr || true
report=$(ls "$work"/reports/*.html 2>/dev/null | head -n 1)
if [ -n "$report" ]; then
  mkdir -p .build/demo && cp "$work"/reports/*.html .build/demo/ && cp "$work/feed.xml" .build/demo/
  echo
  echo "HTML report of the change: .build/demo/$(basename "$report") (Atom feed: .build/demo/feed.xml)"
fi
