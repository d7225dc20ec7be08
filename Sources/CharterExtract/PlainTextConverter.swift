/// Text and Markdown charters → HTML, so that one extractor reads every format.
///
/// It knows the block syntax charters use: ATX and setext headings, pipe tables,
/// tab-separated tables (the seed charter's form), lists, raw HTML blocks (Markdown
/// sources often embed an HTML `<table>`), and paragraphs. Front matter and fenced code
/// are not charter text and are dropped.
enum PlainTextConverter {
    static func html(from source: String) -> String {
        // Lines end at LF, CR LF or CR only: a vertical tab, form feed or NEL inside a cell
        // (`Character.isNewline` counts them) would cut the row in two; they separate words.
        func isSoftBreak(_ scalar: Unicode.Scalar) -> Bool { scalar == "\u{0B}" || scalar == "\u{0C}" || scalar == "\u{85}" }
        var lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map { line in
            guard line.unicodeScalars.contains(where: isSoftBreak) else { return String(line) }
            return String(String.UnicodeScalarView(line.unicodeScalars.map { isSoftBreak($0) ? " " : $0 }))
        }
        lines = dropFrontMatter(lines)
        var out = "<html><body>\n"
        var index = 0
        var paragraph: [String] = []
        var listOpen = false

        func flushParagraph() {
            if !paragraph.isEmpty {
                out += "<p>" + MarkdownInline.html(paragraph.joined(separator: " ")) + "</p>\n"
                paragraph = []
            }
        }
        func closeList() {
            if listOpen {
                out += "</ul>\n"
                listOpen = false
            }
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimming(" \t")
            if trimmed.isEmpty {
                flushParagraph()
                closeList()
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                closeList()
                let fence = String(trimmed.prefix(3))
                index += 1
                while index < lines.count, !lines[index].trimming(" \t").hasPrefix(fence) { index += 1 }
                index += 1
                continue
            }
            if line.contains("\t") {
                flushParagraph()
                closeList()
                let table = tabTable(lines, from: index)
                out += table.html
                index = table.end
                continue
            }
            if isPipeRow(trimmed), index + 1 < lines.count, isDelimiterRow(lines[index + 1]) {
                flushParagraph()
                closeList()
                let table = pipeTable(lines, from: index)
                out += table.html
                index = table.end
                continue
            }
            if trimmed.hasPrefix("<"), let next = trimmed.dropFirst().first, next.isLetter || next == "/" || next == "!" {
                flushParagraph()
                closeList()
                while index < lines.count, !lines[index].trimming(" \t").isEmpty {
                    out += lines[index] + "\n"
                    index += 1
                }
                continue
            }
            if isLinkDefinition(trimmed) {
                // "[cfduid]: https://…": where a reference link points, not text a reader sees.
                index += 1
                continue
            }
            if let heading = atxHeading(trimmed) {
                flushParagraph()
                closeList()
                out += "<h\(heading.level)>" + MarkdownInline.html(heading.text) + "</h\(heading.level)>\n"
                index += 1
                continue
            }
            if paragraph.isEmpty, index + 1 < lines.count, let level = setextLevel(lines[index + 1]), !isListItem(trimmed) {
                closeList()
                out += "<h\(level)>" + MarkdownInline.html(trimmed) + "</h\(level)>\n"
                index += 2
                continue
            }
            if isRule(trimmed) {
                flushParagraph()
                closeList()
                out += "<hr>\n"
                index += 1
                continue
            }
            if let item = listItem(trimmed) {
                flushParagraph()
                if !listOpen {
                    out += "<ul>\n"
                    listOpen = true
                }
                out += "<li>" + MarkdownInline.html(item) + "</li>\n"
                index += 1
                continue
            }
            closeList()
            paragraph.append(trimmed.hasPrefix(">") ? String(trimmed.dropFirst()).trimming(" ") : trimmed)
            index += 1
        }
        flushParagraph()
        closeList()
        return out + "</body></html>\n"
    }

    // MARK: Tables

    /// Consecutive tab-separated lines. A blank line does not end the table when the
    /// next line is again a row with as many columns (the seed has one after its first
    /// data row).
    static func tabTable(_ lines: [String], from start: Int) -> (html: String, end: Int) {
        var rows: [[String]] = []
        var index = start
        var width = 0
        while index < lines.count {
            let line = lines[index]
            if line.contains("\t") {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                    String($0).trimming(" ")
                }
                width = max(width, cells.count)
                rows.append(cells)
                index += 1
                continue
            }
            if line.trimming(" \t").isEmpty {
                var next = index
                while next < lines.count, lines[next].trimming(" \t").isEmpty { next += 1 }
                if next < lines.count, lines[next].contains("\t"),
                    lines[next].split(separator: "\t", omittingEmptySubsequences: false).count == width
                {
                    index = next
                    continue
                }
            }
            break
        }
        if rows.count == 1, width >= 3, let unfolded = unfoldedRows(lines, from: index, width: width) {
            rows += unfolded.rows
            index = unfolded.end
        }
        return (tableHTML(header: nil, rows: rows, inline: MarkdownInline.escapeText), index)
    }

    /// A table pasted from a web page whose header row kept its tabs but whose cells came
    /// one per line: after a header of `width` cells, blocks of `width` lines, each block
    /// a row. A block must be whole (no blank line, no tab) and hold a cookie name at the
    /// same place as the first block; the table ends at the first block that does not, so
    /// prose after it is never read as rows.
    /// A link on a line of its own ("https://policies.google.com/privacy") is either a
    /// column of its own or a cell the header does not name; the reading that gives more
    /// rows wins. Set apart, links go to the end of their row, so the named cells keep
    /// their columns.
    static func unfoldedRows(_ lines: [String], from start: Int, width: Int) -> (rows: [[String]], end: Int)? {
        let asCells = unfoldedRows(lines, from: start, width: width, linksApart: false)
        let apart = unfoldedRows(lines, from: start, width: width, linksApart: true)
        let best = apart.rows.count > asCells.rows.count ? apart : asCells
        return best.rows.isEmpty ? nil : best
    }

    static func unfoldedRows(_ lines: [String], from start: Int, width: Int, linksApart: Bool) -> (rows: [[String]], end: Int) {
        // The cells, one a line, up to the first blank or tab-separated line.
        var cells: [(text: String, links: [String], end: Int)] = []
        var index = start
        while index < lines.count {
            let line = lines[index].trimming(" ")
            guard !line.isEmpty, !line.contains("\t") else { break }
            if linksApart, !cells.isEmpty, !line.contains(" "), line.hasPrefix("http://") || line.hasPrefix("https://") {
                cells[cells.count - 1].links.append(line)
                cells[cells.count - 1].end = index + 1
            } else {
                cells.append((line, [], index + 1))
            }
            index += 1
        }
        var rows: [[String]] = []
        var end = start
        var nameColumn: Int?
        var first = 0
        while first + width <= cells.count {
            let block = cells[first..<(first + width)]
            let texts = block.map(\.text)
            if nameColumn == nil { nameColumn = texts.firstIndex(where: CookieNames.looksLikeIdentifier) }
            guard let nameColumn, CookieNames.nameLikeness(texts[nameColumn]) >= 0.5 else { break }
            rows.append(texts + block.flatMap(\.links))
            end = cells[first + width - 1].end
            first += width
        }
        return (rows, end)
    }

    static func pipeTable(_ lines: [String], from start: Int) -> (html: String, end: Int) {
        let header = pipeCells(lines[start])
        var rows: [[String]] = []
        var index = start + 2
        while index < lines.count {
            let trimmed = lines[index].trimming(" \t")
            if trimmed.isEmpty, !lines[index].isEmpty, index + 1 < lines.count, isPipeRow(lines[index + 1]),
                pipeCells(lines[index + 1].trimming(" \t")).count == header.count,
                !(index + 2 < lines.count && isDelimiterRow(lines[index + 2]))
            {
                // A line of spaces or tabs left inside a table by an editor: the rows go on.
                index += 1
                continue
            }
            guard !trimmed.isEmpty, trimmed.contains("|") else { break }
            rows.append(pipeCells(trimmed))
            index += 1
        }
        return (tableHTML(header: header, rows: rows, inline: MarkdownInline.html), index)
    }

    static func tableHTML(header: [String]?, rows: [[String]], inline: (String) -> String) -> String {
        var html = "<table>\n"
        if let header {
            html += "<thead><tr>" + header.map { "<th>" + inline($0) + "</th>" }.joined() + "</tr></thead>\n"
        }
        html += "<tbody>\n"
        for row in rows {
            html += "<tr>" + row.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The cells of a pipe row; `\|` and pipes inside code spans are not separators.
    static func pipeCells(_ line: String) -> [String] {
        var trimmed = line.trimming(" \t")
        if trimmed.hasPrefix("|") { trimmed.removeFirst() }
        if trimmed.hasSuffix("|"), !trimmed.hasSuffix("\\|") { trimmed.removeLast() }
        var cells: [String] = []
        var current = ""
        var inCode = false
        var previous: Character?
        for c in trimmed {
            if c == "`" { inCode.toggle() }
            if c == "|", !inCode, previous != "\\" {
                cells.append(current.trimming(" \t"))
                current = ""
            } else if c == "|", previous == "\\" {
                current.removeLast()
                current.append(c)
            } else {
                current.append(c)
            }
            previous = c
        }
        cells.append(current.trimming(" \t"))
        return cells
    }

    static func isPipeRow(_ line: String) -> Bool { line.contains("|") }

    /// "[label]: destination", a Markdown link reference definition.
    static func isLinkDefinition(_ line: String) -> Bool {
        guard line.hasPrefix("["), !line.hasPrefix("[^"), let close = line.firstIndex(of: "]"), close > line.index(after: line.startIndex)
        else { return false }
        let rest = line[line.index(after: close)...]
        guard rest.hasPrefix(":") else { return false }
        let destination = rest.dropFirst().trimming(" \t")
        return !destination.isEmpty && !destination.contains(" ") || destination.hasPrefix("http") || destination.hasPrefix("<")
    }

    static func isDelimiterRow(_ line: String) -> Bool {
        let trimmed = line.trimming(" \t")
        guard trimmed.contains("-"), trimmed.contains("|") || trimmed.allSatisfy({ "-: ".contains($0) }) else {
            return false
        }
        return trimmed.allSatisfy { "|-: \t".contains($0) }
    }

    // MARK: Blocks

    static func dropFrontMatter(_ lines: [String]) -> [String] {
        guard let first = lines.first, first == "---" || first == "+++" else { return lines }
        guard let end = lines.dropFirst().prefix(200).firstIndex(of: first) else { return lines }
        return Array(lines[(end + 1)...])
    }

    static func atxHeading(_ line: String) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimming(" \t")
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimming(" \t"))
    }

    static func setextLevel(_ line: String) -> Int? {
        let trimmed = line.trimming(" \t")
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0 == "=" }) { return 1 }
        if trimmed.allSatisfy({ $0 == "-" }), trimmed.count >= 2 { return 2 }
        return nil
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    static func isListItem(_ line: String) -> Bool { listItem(line) != nil }

    static func listItem(_ line: String) -> String? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return String(line.dropFirst(2))
        }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count < 4 {
            let rest = line.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " {
                return String(rest.dropFirst(2))
            }
        }
        return nil
    }
}
