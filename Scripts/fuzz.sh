#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (swiftc -sanitize=fuzzer,address, release).
#
#   Scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   TARGET: html | text | markdown | json | xliff | po | config | tag | renderers
#
# Seeds: this repository's fixtures, the seed charter, and for html the corpus pages read
# in place from CHARTER_CORPUS (default ../shared/corpus; skipped with a message when
# absent). New inputs go to Fuzz/work/TARGET/ (not committed); a crash, leak or
# sanitizer report stops the run, is saved as Fuzz/work/artifacts/TARGET-*, and the
# script exits non-zero. Its last lines give the executions and their rate. Inputs are
# cut to FUZZ_MAX_LEN bytes (default 4096: small inputs run fast and reach the same code).
# The whole libFuzzer log goes to Fuzz/work/TARGET.log, or FUZZ_LOG for a second run of
# a target beside the first (both share the target's inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"usage: Scripts/fuzz.sh html|text|markdown|json|xliff|po|config|tag|renderers SECONDS [libFuzzer flags]"}
seconds=${2:?"usage: Scripts/fuzz.sh TARGET SECONDS"}
shift 2
case "$target" in
  html) product=FuzzHTML ;;
  text) product=FuzzText ;;
  markdown) product=FuzzMarkdown ;;
  json) product=FuzzCharterJSON ;;
  xliff) product=FuzzXLIFF ;;
  po) product=FuzzPO ;;
  config) product=FuzzWatchConfig ;;
  tag) product=FuzzLanguageTag ;;
  renderers) product=FuzzRenderers ;;
  *) echo "fuzz.sh: unknown target $target (html, text, markdown, json, xliff, po, config, tag, renderers)" >&2; exit 2 ;;
esac

swift build --package-path Fuzz -c release --product "$product" -Xswiftc -sanitize=fuzzer,address >&2
binary=$(swift build --package-path Fuzz -c release --show-bin-path)/$product

work=Fuzz/work/$target
seeds=Fuzz/work/seeds-$target
mkdir -p "$work" "$seeds" Fuzz/work/artifacts
corpus=${CHARTER_CORPUS:-../shared/corpus}
extra=()
case "$target" in
  html)
    cp Tests/*/Fixtures/*.html "$seeds/"
    if [ -d "$corpus/pages" ]; then extra+=("$corpus/pages"); else echo "fuzz.sh: no corpus at $corpus: fixtures only" >&2; fi ;;
  text) cp Tests/*/Fixtures/*.txt "$seeds/"; [ -d ../shared/seed ] && cp ../shared/seed/*.txt "$seeds/" ;;
  markdown) cp Tests/*/Fixtures/*.md "$seeds/" ;;
  json|xliff|po)
    # Seeds written by charter itself from the fixtures.
    swift build --product charter >&2
    charter=$(swift build --show-bin-path)/charter
    fr=Tests/CharterDiffTests/Fixtures/locale-fr.html
    en=Tests/CharterDiffTests/Fixtures/locale-en.html
    case "$target" in
      json) for page in Tests/CharterExtractTests/Fixtures/*.html; do
              "$charter" extract "$page" > "$seeds/$(basename "$page").json" 2>/dev/null || true
            done ;;
      xliff) "$charter" xliff export --source fr --target en "fr=$fr" "en=$en" > "$seeds/en.xlf" ;;
      po) "$charter" po export --source fr --target en "fr=$fr" "en=$en" > "$seeds/en.po" ;;
    esac ;;
  tag) for tag in fr en pt-BR zh-Hant-TW x-private i-klingon en-US-u-ca-gregory 'en"><b>' EN; do printf '%s' "$tag" > "$seeds/$tag.tag" 2>/dev/null || true; done ;;
  renderers)
    printf 'fr\xffCharte\xff_ga\xffGoogle\xffMesure\xff13 mois\xff<b>x|y</b>\xffA\x1b[31m\xffB\xe2\x80\xae\xff2 years' > "$seeds/charter.bin" ;;
  config)
    printf 'sources:\n  - id: portal\n    url: https://portal.example/pages/charte-cookies/\n    languages: [fr, en]\n' > "$seeds/minimal.yml"
    printf 'timeout: 20\nconcurrency: 8\nper_host: 2\nbroken_after: 3\nrender_concurrency: 1\nnotify:\n  webhook: https://hooks.example/x\n  atom: feed.xml\nsources:\n  - id: a\n    url: "https://example.org/{lang}/cookies"\n    languages: [fr, de]\n    method: template\n    scope: //main\n    render: auto\n' > "$seeds/full.yml" ;;
esac

# -rss_limit_mb: a page may use memory, not unbounded memory; -timeout: no input may hang.
"$binary" "$work" "$seeds" "${extra[@]}" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="Fuzz/work/artifacts/$target-" "$@" 2>&1 \
  | tee "${FUZZ_LOG:-Fuzz/work/$target.log}" | grep -E '^#[0-9]+.*(pulse|DONE)|ERROR|SUMMARY|stat::number_of_executed_units|stat::average_exec_per_sec|Done' \
  || true
status=${PIPESTATUS[0]}
exit "$status"
