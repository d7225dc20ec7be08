#!/usr/bin/env bash
# Extracts every corpus page that has a gold table and scores the result with the
# corpus's own scorer. The corpus is third-party content: it is read in place from
# CHARTER_CORPUS (default ../shared/corpus) and never copied into the repository.
#
#   Scripts/score-corpus.sh [--verbose]     prints one line per page, then the totals
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CHARTER_CORPUS:-../shared/corpus}
scorer=${CHARTER_SCORER:-$corpus/../eval/score.py}
if [ ! -d "$corpus/gold" ]; then
  echo "score-corpus: no corpus at $corpus (set CHARTER_CORPUS); nothing scored" >&2
  exit 0
fi
bin=$(Scripts/release-binary.sh)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for gold in "$corpus"/gold/*.json; do
  name=$(basename "$gold" .json)
  page="$corpus/pages/$name"
  [ "$name" = SEED ] && page="$corpus/../seed/charte-cookies.txt"
  [ -f "$page" ] || continue
  # Exit 1 (no cookie table) is a valid answer for negative pages.
  "$bin" extract --format json "$page" > "$out/$name.json" || [ $? -eq 1 ]
done
python3 "$scorer" "$corpus/gold" "$out" --min-f1=0.97 --min-field=0.90 "$@"
