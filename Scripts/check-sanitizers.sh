#!/usr/bin/env bash
# The test suite under AddressSanitizer and ThreadSanitizer, and a leak check of
# `charter extract` over the whole corpus (LeakSanitizer: valgrind 3.19, Debian 12's,
# crashes inside its own debug-info reader on Swift 6.3 binaries; it is tried last and
# reported as such).
#
#   Scripts/check-sanitizers.sh [address|thread|leaks|valgrind]...   (default: all four)
#
# Each sanitizer builds in its own folder (.build-asan, .build-tsan): the first run of
# each takes a full build; its whole output is kept in .build-asan.log / .build-tsan.log,
# and the failing tests are shown. Exits non-zero if any check reports anything.
set -uo pipefail
cd "$(dirname "$0")/.."
checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(address thread leaks valgrind)
corpus=${CHARTER_CORPUS:-../shared/corpus}
status=0

for check in "${checks[@]}"; do
  case "$check" in
    address)
      echo "== swift test --sanitize=address"
      ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan > .build-asan.log 2>&1; result=$?
      grep -E "✘|ERROR: AddressSanitizer" -A4 .build-asan.log | head -40; tail -1 .build-asan.log
      [ "$result" -eq 0 ] || status=1 ;;
    thread)
      echo "== swift test --sanitize=thread"
      TSAN_OPTIONS=halt_on_error=1 swift test --sanitize=thread --scratch-path .build-tsan > .build-tsan.log 2>&1; result=$?
      grep -E "✘|WARNING: ThreadSanitizer" -A4 .build-tsan.log | head -40; tail -1 .build-tsan.log
      [ "$result" -eq 0 ] || status=1 ;;
    leaks)
      echo "== LeakSanitizer: charter extract over every corpus page"
      if [ ! -d "$corpus/pages" ]; then echo "no corpus at $corpus: skipped"; continue; fi
      swift build --sanitize=address --scratch-path .build-asan --product charter >/dev/null 2>&1 || { echo "build failed"; status=1; continue; }
      charter=$(swift build --sanitize=address --scratch-path .build-asan --show-bin-path)/charter
      pages=0; leaking=0
      for page in "$corpus"/pages/*.html "$corpus"/pages/*.md; do
        pages=$((pages + 1))
        ASAN_OPTIONS=detect_leaks=1:exitcode=23 "$charter" extract "$page" > /dev/null 2> /tmp/charter-lsan.log
        if [ $? -eq 23 ] || grep -q "ERROR: LeakSanitizer\|ERROR: AddressSanitizer" /tmp/charter-lsan.log; then
          leaking=$((leaking + 1)); echo "leak or error: $page"; head -20 /tmp/charter-lsan.log
        fi
      done
      echo "$pages pages, $leaking with a leak or a memory error"
      [ "$leaking" -eq 0 ] || status=1 ;;
    valgrind)
      echo "== valgrind --leak-check=full (one page)"
      strip --strip-debug -o /tmp/charter-nodebug "$(Scripts/release-binary.sh 2>/dev/null)"
      valgrind --leak-check=full --error-exitcode=9 /tmp/charter-nodebug extract ../shared/seed/charte-cookies.txt > /dev/null 2> /tmp/charter-valgrind.log
      code=$?
      if grep -q "the 'impossible' happened" /tmp/charter-valgrind.log; then
        echo "valgrind $(valgrind --version) crashed inside itself on this binary: not a result (LeakSanitizer above is the leak check)"
      else
        grep -E "definitely lost|ERROR SUMMARY" /tmp/charter-valgrind.log
        [ "$code" -eq 0 ] || status=1
      fi ;;
    *) echo "unknown check $check (address, thread, leaks, valgrind)"; exit 2 ;;
  esac
done
exit $status
