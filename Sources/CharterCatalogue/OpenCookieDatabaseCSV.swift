/// Why a catalogue CSV could not be read, on one line: "line 12: expected 10 fields, found 9".
public struct CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line the problem record starts on (1-based), when there is one.
    public let line: Int?
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

extension CookieCatalogue {
    /// Reads a full Open Cookie Database CSV a user downloads (`--catalogue FILE`).
    ///
    /// Columns are found by name, in any order and letter case. "Cookie / Data Key name",
    /// "Platform", "Category" and "Wildcard match" are required; "Retention period" and
    /// "Data Controller" are read when present; all others (the description among them)
    /// are ignored. Rows without a name are skipped. The same CSV gives the same entries
    /// as `Scripts/make-catalogue.py` embeds.
    public init(openCookieDatabaseCSV bytes: [UInt8]) throws(CatalogueError) {
        self.init(entries: try OpenCookieDatabaseCSV.entries(from: bytes))
    }
}

/// The Open Cookie Database's columns, and the rows turned into entries.
enum OpenCookieDatabaseCSV {
    static let name = "Cookie / Data Key name"
    static let platform = "Platform"
    static let category = "Category"
    static let wildcard = "Wildcard match"
    static let retention = "Retention period"
    static let controller = "Data Controller"

    static func entries(from bytes: [UInt8]) throws(CatalogueError) -> [CatalogueEntry] {
        let records = try CSVReader.records(from: bytes)
        guard let header = records.first else { throw CatalogueError(line: nil, "no header line") }

        var columns: [String: Int] = [:]
        for (index, cell) in header.fields.enumerated() where columns[columnKey(cell)] == nil {
            columns[columnKey(cell)] = index
        }
        func required(_ column: String) throws(CatalogueError) -> Int {
            guard let index = columns[columnKey(column)] else {
                throw CatalogueError(line: header.line, "missing column \"\(column)\"")
            }
            return index
        }
        let nameColumn = try required(name)
        let platformColumn = try required(platform)
        let categoryColumn = try required(category)
        let wildcardColumn = try required(wildcard)
        let retentionColumn = columns[columnKey(retention)]
        let controllerColumn = columns[columnKey(controller)]

        var entries: [CatalogueEntry] = []
        for record in records.dropFirst() {
            let fields = record.fields
            guard fields.count == header.fields.count else {
                throw CatalogueError(line: record.line, "expected \(header.fields.count) fields, found \(fields.count)")
            }
            func cell(_ column: Int?) -> String { column.map { fields[$0].trimmingWhitespace() } ?? "" }
            let cookieName = cell(nameColumn)
            guard !cookieName.isEmpty else { continue }  // Nothing to look up by.

            let categoryName = cell(categoryColumn)
            guard let category = CatalogueCategory(openCookieDatabaseName: categoryName) else {
                throw CatalogueError(line: record.line, "unknown category \"\(categoryName)\"")
            }
            let match: CatalogueEntry.Match
            switch cell(wildcardColumn) {
            case "1": match = .prefix
            case "0", "": match = .exact
            case let other: throw CatalogueError(line: record.line, "unknown wildcard match \"\(other)\"")
            }
            let controller = cell(controllerColumn)
            let retention = cell(retentionColumn)
            entries.append(
                CatalogueEntry(
                    name: cookieName, match: match, platform: cell(platformColumn),
                    controller: controller.isEmpty ? nil : controller, category: category,
                    retention: retention.isEmpty ? nil : retention))
        }
        return entries
    }

    private static func columnKey(_ header: String) -> String { header.trimmingWhitespace().lowercased() }
}

/// One CSV record and the line it starts on.
struct CSVRecord {
    let line: Int
    let fields: [String]
}

/// RFC 4180 records from UTF-8 bytes: quoted fields may hold commas, doubled quotes and
/// line breaks; records end with CRLF, LF or a lone CR. Empty lines are skipped.
enum CSVReader {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"),
        lf = UInt8(ascii: "\n")

    static func records(from input: [UInt8]) throws(CatalogueError) -> [CSVRecord] {
        try validateUTF8(input)
        // A byte order mark is not part of the first column's name.
        let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? input.dropFirst(3) : input[...]
        var records: [CSVRecord] = []
        var index = bytes.startIndex
        var line = 1
        while index < bytes.endIndex {
            let recordLine = line
            var fields: [String] = []
            while true {
                var field: [UInt8] = []
                if index < bytes.endIndex, bytes[index] == quote {
                    index += 1
                    while true {
                        guard index < bytes.endIndex else {
                            throw CatalogueError(line: recordLine, "a quoted field is never closed")
                        }
                        let byte = bytes[index]
                        if byte == quote {
                            index += 1
                            guard index < bytes.endIndex, bytes[index] == quote else { break }
                        } else if isLineBreak(at: index, in: bytes) {
                            line += 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    if index < bytes.endIndex, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                        throw CatalogueError(line: line, "text after a closing quote")
                    }
                } else {
                    while index < bytes.endIndex, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                        field.append(bytes[index])
                        index += 1
                    }
                }
                // Valid UTF-8 split at ASCII bytes stays valid, so decoding never repairs.
                fields.append(String(decoding: field, as: UTF8.self))
                guard index < bytes.endIndex, bytes[index] == comma else { break }
                index += 1
            }
            // The record's line break: CRLF, LF or CR (or the end of the input).
            if index < bytes.endIndex {
                if bytes[index] == cr, index + 1 < bytes.endIndex, bytes[index + 1] == lf { index += 1 }
                index += 1
                line += 1
            }
            if fields != [""] { records.append(CSVRecord(line: recordLine, fields: fields)) }
        }
        return records
    }

    /// Whether the byte at `index` ends a line: an LF, or a CR not followed by an LF.
    private static func isLineBreak(at index: Int, in bytes: ArraySlice<UInt8>) -> Bool {
        bytes[index] == lf || (bytes[index] == cr && (index + 1 == bytes.endIndex || bytes[index + 1] != lf))
    }

    /// Rejects bytes that are not UTF-8, naming the line, rather than reading them as U+FFFD.
    private static func validateUTF8(_ bytes: [UInt8]) throws(CatalogueError) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return
            case .error: throw CatalogueError(line: line, "invalid UTF-8")
            }
        }
    }
}
