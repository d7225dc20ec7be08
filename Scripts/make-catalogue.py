#!/usr/bin/env python3
"""Generates Sources/CharterCatalogue/EmbeddedCatalogue.swift from an Open Cookie Database CSV.

Usage: Scripts/make-catalogue.py OPEN-COOKIE-DATABASE.csv [OUTPUT.swift]

The Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database, Apache-2.0)
is third-party content: the CSV is never copied into this repository. Only facts are
kept (cookie name, whether it is a name prefix, platform, data controller, category,
retention period); the ID, Description, Domain and privacy-portal columns are dropped.

The rules here mirror CookieCatalogue.init(openCookieDatabaseCSV:) in Swift, so that
reading the same CSV at run time (`--catalogue FILE`) gives the same entries as the
embedded copy: columns found by name, whitespace trimmed (Unicode White_Space, as
Swift's Unicode.Scalar.Properties.isWhitespace), rows without a name skipped, for the
same name and match kind the first row wins, entries sorted by name (code points), then
exact before prefix.
"""

import csv
import hashlib
import io
import os
import sys

# Unicode White_Space (stable since Unicode 4.1): what Swift trims, not Python's isspace(),
# which also counts U+001C..U+001F.
WHITE_SPACE = set(
    [chr(c) for c in range(0x09, 0x0E)]
    + ['\u0020', '\u0085', '\u00a0', '\u1680']
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ['\u2028', '\u2029', '\u202f', '\u205f', '\u3000']
)

COLUMN_NAME = 'cookie / data key name'
COLUMN_PLATFORM = 'platform'
COLUMN_CATEGORY = 'category'
COLUMN_WILDCARD = 'wildcard match'
COLUMN_RETENTION = 'retention period'
COLUMN_CONTROLLER = 'data controller'
REQUIRED = [COLUMN_NAME, COLUMN_PLATFORM, COLUMN_CATEGORY, COLUMN_WILDCARD]
OPTIONAL = [COLUMN_RETENTION, COLUMN_CONTROLLER]

CATEGORIES = ['necessary', 'security', 'functional', 'personalization', 'analytics', 'marketing']

# One array literal of all ~2,250 rows takes gigabytes to compile; tables of 100 build in
# seconds in ~200 MB (measured with Swift 6.3; 300 a table took 1.3x as long and more memory).
CHUNK = 100


def fail(message):
    sys.exit(f'make-catalogue: {message}')


def trim(text):
    start, end = 0, len(text)
    while start < end and text[start] in WHITE_SPACE:
        start += 1
    while end > start and text[end - 1] in WHITE_SPACE:
        end -= 1
    return text[start:end]


def swift_literal(text):
    """A Swift string literal for text: quotes and backslashes escaped, and anything
    not printable (controls, format characters such as U+00AD, separators) as \\u{..}."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append('\\' + ch)
        elif ch == ' ' or ch.isprintable():
            out.append(ch)
        else:
            out.append('\\u{%x}' % ord(ch))
    return '"' + ''.join(out) + '"'


def read_rows(data):
    """(line, fields) for each record, line being where the record starts (1-based)."""
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b'\n') + 1
        fail(f'line {line}: invalid UTF-8')
    reader = csv.reader(io.StringIO(text, newline=''), strict=True)
    line = 1
    try:
        for fields in reader:
            start, line = line, reader.line_num + 1
            if fields == [] or fields == ['']:
                continue
            yield start, fields
    except csv.Error as error:
        fail(f'line {line}: {error}')


def entries_from(data):
    rows = read_rows(data)
    header_line, header = next(rows, (None, None))
    if header is None:
        fail('no header line')
    columns = {}
    for index, cell in enumerate(header):
        columns.setdefault(trim(cell).lower(), index)
    for name in REQUIRED:
        if name not in columns:
            fail(f'line {header_line}: missing column "{name}"')

    def cell(fields, name):
        index = columns.get(name)
        return trim(fields[index]) if index is not None else ''

    seen = set()
    entries = []
    for line, fields in rows:
        if len(fields) != len(header):
            fail(f'line {line}: expected {len(header)} fields, found {len(fields)}')
        name = cell(fields, COLUMN_NAME)
        if not name:
            continue
        category = cell(fields, COLUMN_CATEGORY).lower()
        if category not in CATEGORIES:
            fail(f'line {line}: unknown category "{cell(fields, COLUMN_CATEGORY)}"')
        wildcard = cell(fields, COLUMN_WILDCARD)
        if wildcard not in ('0', '1', ''):
            fail(f'line {line}: unknown wildcard match "{wildcard}"')
        match = 'prefix' if wildcard == '1' else 'exact'
        if (name, match) in seen:
            continue  # The first row for a name and match kind wins.
        seen.add((name, match))
        entries.append((name, match, cell(fields, COLUMN_PLATFORM), cell(fields, COLUMN_CONTROLLER), category,
                        cell(fields, COLUMN_RETENTION)))
    entries.sort(key=lambda entry: (entry[0], entry[1] != 'exact'))
    return entries


def render(entries, source_name, source_sha256):
    chunks = [entries[start:start + CHUNK] for start in range(0, len(entries), CHUNK)]
    parts = [f'embeddedPart{index}' for index in range(len(chunks))]
    out = [
        '// Generated by Scripts/make-catalogue.py. Do not edit; run the script again instead.',
        f'// From: {source_name}',
        f'// SHA-256: {source_sha256}',
        '//',
        '// Data: the Open Cookie Database, https://github.com/jkwakman/Open-Cookie-Database,',
        '// Apache License 2.0 (see NOTICE). Facts only: cookie name, match kind, platform,',
        '// data controller, category, retention period. Descriptions are not included.',
        '',
        'extension CookieCatalogue {',
        f'    /// The {len(entries)} Open Cookie Database entries, sorted by name.',
        '    static let embeddedEntries: [CatalogueEntry] = [',
        *[f'        {part},' for part in parts],
        '    ].joined().map(CatalogueEntry.init(row:))',
        '}',
        '',
        '/// One entry: name, match kind, platform, controller, category, retention; "" is "not given".',
        '///',
        '/// Tuples of StaticString rather than calls that build Strings: the optimizer lays',
        '/// them out as constant data, so a release build of this file takes seconds, not a',
        '/// minute. Tables of 100 rows keep the compiler\'s memory small (one table of all',
        '/// the rows takes gigabytes).',
        'private typealias Row = (StaticString, CatalogueEntry.Match, StaticString, StaticString, CatalogueCategory, StaticString)',
        '',
        'extension CatalogueEntry {',
        '    fileprivate init(row: Row) {',
        '        self.init(',
        '            name: String(staticText: row.0), match: row.1, platform: String(staticText: row.2),',
        '            controller: String(nonEmpty: row.3), category: row.4, retention: String(nonEmpty: row.5))',
        '    }',
        '}',
        '',
        'extension String {',
        '    // withUTF8Buffer, not utf8Start: a one-scalar literal ("A") is stored as a scalar.',
        '    fileprivate init(staticText text: StaticString) {',
        '        self = text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }',
        '    }',
        '',
        '    fileprivate init?(nonEmpty text: StaticString) {',
        '        guard text.withUTF8Buffer({ !$0.isEmpty }) else { return nil }',
        '        self.init(staticText: text)',
        '    }',
        '}',
    ]
    for part, chunk in zip(parts, chunks):
        out += ['', f'private let {part}: [Row] = [']
        for name, match, platform, controller, category, retention in chunk:
            out.append(f'    ({swift_literal(name)}, .{match}, {swift_literal(platform)}, {swift_literal(controller)}, '
                       f'.{category}, {swift_literal(retention)}),')
        out.append(']')
    return '\n'.join(out) + '\n'


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    source = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    output = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        root, 'Sources', 'CharterCatalogue', 'EmbeddedCatalogue.swift')
    with open(source, 'rb') as file:
        data = file.read()
    entries = entries_from(data)
    text = render(entries, os.path.basename(source), hashlib.sha256(data).hexdigest())
    with open(output + '.tmp', 'w', encoding='utf-8', newline='\n') as file:
        file.write(text)
    os.replace(output + '.tmp', output)
    print(f'make-catalogue: {len(entries)} entries written to {os.path.relpath(output)}', file=sys.stderr)


if __name__ == '__main__':
    main()
