internal import CharterDiff
internal import CharterModel
internal import CharterLocales

/// What a report shows of a prose change: its paragraphs with their kind (a list item,
/// the bold line heading it), the changed ones with a few words of context, unchanged
/// ones left out but for the label heading a changed paragraph, and a gap marker where
/// paragraphs were left out.
enum ProseContext {
    enum Shown: Equatable {
        case paragraph(ParagraphKind, [WordRun])
        /// Unchanged paragraphs left out.
        case gap
    }

    static func layout(_ change: ProseChange) -> [Shown] {
        // A report written before paragraphs were kept: its runs as one paragraph.
        guard !change.paragraphs.isEmpty else { return change.words.isEmpty ? [] : [.paragraph(.text, trim(change.words))] }
        // Added or removed whole: every paragraph, every word.
        guard change.kind == .modified else { return change.paragraphs.map { .paragraph($0.kind, $0.words) } }
        var shown: [Shown] = []
        let paragraphs = change.paragraphs
        for (index, paragraph) in paragraphs.enumerated() {
            if !paragraph.isUnchanged {
                shown.append(.paragraph(paragraph.kind, trim(paragraph.words)))
            } else if paragraph.kind == .label, index + 1 < paragraphs.count, !paragraphs[index + 1].isUnchanged {
                // The list head a changed item sits under, whole: which item changed.
                shown.append(.paragraph(.label, paragraph.words))
            } else if shown.last != .gap {
                shown.append(.gap)
            }
        }
        if shown.last == .gap { shown.removeLast() }
        return shown
    }

    /// What a report says under a section added or removed with no text of its own (a
    /// heading over a table): without it the heading would stand alone, as if its text
    /// were lost.
    static func headingOnlyNote(_ change: ProseChange, _ strings: ReportStrings) -> String? {
        change.kind != .modified && change.words.isEmpty && change.paragraphs.isEmpty ? strings["note.headingOnly"] : nil
    }

    /// The layout as lines of text, each run written by `write` and the runs joined by
    /// spaces; a nil kind is a gap. What the text and Markdown reports share.
    static func lines(_ change: ProseChange, write: (WordRun) -> String) -> [(kind: ParagraphKind?, line: String)] {
        layout(change).map { shown in
            guard case .paragraph(let kind, let runs) = shown else { return (nil, "…") }
            return (kind, runs.map(write).joined(separator: " "))
        }
    }

    /// Shortens the unchanged words of a redline to a few words of context around each
    /// change, so a one-word edit in a long paragraph reads as one line.
    static func trim(_ runs: [WordRun], context: Int = 8) -> [WordRun] {
        runs.enumerated().map { index, run in
            guard run.operation == .equal else { return run }
            let words = run.text.split(separator: " ")
            let keepBefore = index > 0 ? context : 0
            let keepAfter = index < runs.count - 1 ? context : 0
            guard words.count > keepBefore + keepAfter + 1 else { return run }
            var kept: [Substring] = []
            if keepBefore > 0 { kept += words.prefix(keepBefore) }
            kept.append("…")
            if keepAfter > 0 { kept += words.suffix(keepAfter) }
            return WordRun(operation: .equal, text: kept.joined(separator: " "))
        }
    }
}
