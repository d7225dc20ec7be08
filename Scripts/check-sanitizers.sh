#!/usr/bin/env bash
# The test suite under AddressSanitizer and ThreadSanitizer, and leak checks of
# `charter extract` over the whole corpus: LeakSanitizer, and valgrind --leak-check=full
# on the release binary (its symbols stripped: valgrind 3.19 cannot read them).
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
      echo "== valgrind --leak-check=full: charter extract over every corpus page"
      if [ ! -d "$corpus/pages" ]; then echo "no corpus at $corpus: skipped"; continue; fi
      # Symbols stripped: valgrind 3.19 crashes reading the symbol table of a Swift 6.3
      # binary ("the 'impossible' happened"). Reports are symbolised afterwards with
      # addr2line on the unstripped binary (same addresses; valgrind loads it at 0x108000).
      binary=$(Scripts/release-binary.sh 2>/dev/null)
      strip --strip-all -o /tmp/charter-stripped "$binary"
      pages=0; failing=0; runtime=0
      for page in "$corpus"/pages/*; do
        pages=$((pages + 1))
        valgrind --leak-check=full --errors-for-leak-kinds=definite \
          /tmp/charter-stripped extract "$page" > /dev/null 2> /tmp/charter-valgrind.log
        grep -qE "definitely lost: 0 bytes|no leaks are possible" /tmp/charter-valgrind.log || {
          failing=$((failing + 1)); echo "definitely-lost bytes: $page"; grep "definitely lost" /tmp/charter-valgrind.log; continue; }
        grep -q "ERROR SUMMARY: 0 errors" /tmp/charter-valgrind.log && continue
        # Where each error happened: the first frame of each report.
        where=$(grep -A1 -E "^==[0-9]+== (Conditional jump|Use of uninitialised|Invalid |Syscall param|Mismatched|Source and destination)" /tmp/charter-valgrind.log | grep -oE "at 0x[0-9A-F]+" | cut -c4- | sort -u \
          | while read -r address; do addr2line -f -e "$binary" "$(printf '0x%x' $((address - 0x108000)))" | head -1; done | sort -u)
        # The Swift runtime initialising generic type metadata reads memory of its own
        # allocator that valgrind takes for uninitialised: not charter's code.
        if [ -n "$where" ] && ! echo "$where" | grep -qvE '^swift_init(Struct|Enum|Class)Metadata'; then
          runtime=$((runtime + 1))
        else
          failing=$((failing + 1)); echo "memory error: $page (in: $(echo $where))"
          grep -E "Invalid|uninitialised|ERROR SUMMARY" /tmp/charter-valgrind.log | head -6
        fi
      done
      echo "$pages pages: no definitely-lost bytes on $((pages - failing)); $failing failing;" \
        "$runtime with only the Swift runtime's metadata initialisation reported (not charter's code)"
      [ "$failing" -eq 0 ] || status=1 ;;
    *) echo "unknown check $check (address, thread, leaks, valgrind)"; exit 2 ;;
  esac
done
exit $status
