#!/usr/bin/env bash
# Prints the table of Sources/CharterLocales/LatinFolding.swift (`latin`): what Foundation's
# case- and diacritic-insensitive folding makes of each scalar U+00C0…U+024F, nil for
# those that are not letters. LatinFoldingTests fails when the table and Foundation disagree.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/table.swift" <<'SWIFT'
import Foundation
var items: [String] = []
for value in UInt32(0xC0)...UInt32(0x24F) {
    let folded = String(Unicode.Scalar(value)!).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    items.append(folded.allSatisfy { $0.isLetter || $0.isNumber } ? "\"\(folded)\"" : "nil")
}
stride(from: 0, to: items.count, by: 16).forEach { start in
    print("        " + items[start..<min(start + 16, items.count)].joined(separator: ", ") + ",")
}
SWIFT
swiftc -O "$work/table.swift" -o "$work/table" >/dev/null
"$work/table"
