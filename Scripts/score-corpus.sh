#!/usr/bin/env bash
# Extracts every corpus page that has a gold table and scores the result with the
# corpus's own scorer. The corpus is third-party content: it is read in place from
# CHARTER_CORPUS (default ../shared/corpus) and never copied into the repository.
#
#   Scripts/score-corpus.sh [--verbose]     one line per page, then the totals
#   Scripts/score-corpus.sh --by-site       one line per site (names F1 and each field), then the totals
#   Scripts/score-corpus.sh --leave-language-out
#                                           each language's pages read without that language's
#                                           lexicon (how charter reads a language it has no words
#                                           for), one line per language
#   Scripts/score-corpus.sh --group NAME    the pages of MANIFEST group NAME ("2026-12 additions"),
#                                           then the others, one line each
#
# CHARTER_BIN runs that binary instead of building the release one (to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CHARTER_CORPUS:-../shared/corpus}
scorer=${CHARTER_SCORER:-$corpus/../eval/score.py}
if [ ! -d "$corpus/gold" ]; then
  echo "score-corpus: no corpus at $corpus (set CHARTER_CORPUS); nothing scored" >&2
  exit 0
fi
corpus=$(cd "$corpus" && pwd)
mode=pages
case "${1:-}" in
  --by-site) mode=sites; shift ;;
  --leave-language-out) mode=languages; shift ;;
  --group) mode=group; group=${2:?--group needs a MANIFEST group name}; shift 2 ;;
esac
bin=${CHARTER_BIN:-$(Scripts/release-binary.sh)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# extract GOLD_NAME OUTPUT_DIR [extra options]: the page behind a gold file, as JSON.
extract() {
  local name=$1 dir=$2; shift 2
  local page="$corpus/pages/$name"
  [ "$name" = SEED ] && page="$corpus/../seed/charte-cookies.txt"
  [ -f "$page" ] || return 0
  # Exit 1 (no cookie table) is a valid answer for negative pages.
  "$bin" extract --format json "$@" "$page" > "$dir/$name.json" 2> "$dir/$name.stderr" || [ $? -eq 1 ]
}

names=()
for gold in "$corpus"/gold/*.json; do names+=("$(basename "$gold" .json)"); done

if [ "$mode" = pages ]; then
  for name in "${names[@]}"; do extract "$name" "$out"; done
  python3 "$scorer" "$corpus/gold" "$out" --min-f1=0.97 --min-field=0.90 "$@"
  exit
fi

for name in "${names[@]}"; do extract "$name" "$out"; done
# score GROUP NAME...: the scorer's totals over those gold files, on one line.
score() {
  local group=$1; shift
  local golds; golds=$(mktemp -d)
  for name in "$@"; do ln -s "$corpus/gold/$name.json" "$golds/$name.json"; done
  printf '%-36s %3d pages  %s\n' "$group" "$#" "$(python3 "$scorer" "$golds" "$out" | tail -n 1)"
  rm -rf "$golds"
}
if [ "$mode" = group ]; then
  inside=(); outside=()
  for name in "${names[@]}"; do
    if awk -F'\t' -v file="$name" -v group="$group" '$1 == file && $11 == group { found = 1 } END { exit !found }' "$corpus/MANIFEST.tsv"; then
      inside+=("$name")
    else
      outside+=("$name")
    fi
  done
  [ ${#inside[@]} -gt 0 ] || { echo "score-corpus: no page of group \"$group\" in $corpus/MANIFEST.tsv" >&2; exit 2; }
  score "$group" "${inside[@]}"
  score "the other pages" "${outside[@]}"
  exit
fi
if [ "$mode" = sites ]; then
  for site in $(printf '%s\n' "${names[@]}" | sed 's/__.*//' | sort -u); do
    members=(); for name in "${names[@]}"; do [ "${name%%__*}" = "$site" ] && members+=("$name"); done
    score "$site" "${members[@]}"
  done
  score "all" "${names[@]}"
  exit
fi

# Leave one language out: that language's pages, extracted without its lexicon.
# The lexicons the binary knows, from its own error message for an unknown one.
known=$({ "$bin" extract --without-lexicon none /dev/null 2>&1 || true; } | sed -n 's/.*known: \(.*\))/\1/p' | tr -d ',')
for language in $known; do
  members=(); for name in "${names[@]}"; do
    page_language=$(printf '%s' "$name" | awk -F'__' '{print $3}' | cut -d- -f1)
    [ "$page_language" = "$language" ] && members+=("$name")
  done
  [ ${#members[@]} -gt 0 ] || continue
  for name in "${members[@]}"; do extract "$name" "$out" --without-lexicon "$language"; done
  score "without $language" "${members[@]}"
  for name in "${members[@]}"; do extract "$name" "$out"; done
done
