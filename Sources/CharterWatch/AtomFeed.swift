public import CharterStore
public import Foundation
internal import CharterHTML
internal import CharterModel

/// Where a feed lives and what it links to.
public struct AtomFeedSettings: Sendable, Hashable {
    public var title: String
    /// The store's identity (`CharterDatabase.feedIdentity()`): entry ids are
    /// `tag:charter,2026:<storeID>/check/<N>`, unique per store.
    public var storeID: String
    /// `notify.report_base_url`: entries link to their report there; no link without it.
    public var reportBaseURL: String?
    /// `notify.feed_url`: the feed's own address (`rel="self"`), only when configured: a
    /// guessed one (the report folder's URL plus the feed's name) would send readers to a
    /// wrong address whenever the feed is served elsewhere, which is worse than none.
    public var feedURL: String?

    public init(title: String = "charter watch", storeID: String, reportBaseURL: String? = nil, feedURL: String? = nil) {
        self.title = title
        self.storeID = storeID
        self.reportBaseURL = reportBaseURL
        self.feedURL = feedURL
    }

    /// The tag URI of this store's feed, or of one of its checks.
    public func tag(_ path: String) -> String { "tag:charter,2026:\(storeID)/\(path)" }
}

/// A written feed, and the warning to show when some characters could not be kept.
public struct AtomFeed: Sendable {
    public let xml: String
    /// Characters XML cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD.
    public let replacedCharacters: Int

    public var warning: String? {
        guard replacedCharacters > 0 else { return nil }
        let count = replacedCharacters == 1 ? "1 character" : "\(replacedCharacters) characters"
        return "\(count) that the Atom feed cannot hold (control characters, U+FFFE, U+FFFF): written as U+FFFD"
    }
}

extension Notifier {
    /// Findings shown per entry; the rest are counted (the report has them all).
    static let findingsPerEntry = 30

    /// An Atom 1.0 feed of the store's alerts (`CharterDatabase.feedEvents`), newest first.
    ///
    /// Each entry's content is XHTML written element by element through `XMLWriter`, so
    /// whatever a server sent (a reason, a cookie name, a finding's text) is text, escaped
    /// once, never markup; what XML cannot hold becomes U+FFFD and is counted for the
    /// caller's warning.
    ///
    /// - Parameter reviews: the review state of the versions entries stored, by check
    ///   (`CharterDatabase.reviewStates(of:)`): said in the entry, the reviewer's name and
    ///   comment as text like everything else.
    public static func atomFeed(
        _ events: [FeedEvent], settings: AtomFeedSettings, updated: Date, reviews: [CheckID: ReviewState] = [:]
    ) throws -> AtomFeed {
        var xml = try XMLWriter()
        xml.start("feed", namespace: "http://www.w3.org/2005/Atom")
        xml.element("id", text: settings.tag("feed"))
        xml.element("title", text: settings.title)
        xml.element("updated", text: CharterJSON.timestamp(events.first?.at ?? updated))
        if let feedURL = settings.feedURL { Self.link(rel: "self", type: "application/atom+xml", href: feedURL, into: &xml) }
        xml.start("author")
        xml.element("name", text: "charter watch")
        xml.end()
        for event in events {
            xml.start("entry")
            xml.element("id", text: settings.tag("check/\(event.check.rawValue)"))
            xml.element("title", text: title(event))
            xml.element("updated", text: CharterJSON.timestamp(event.at))
            let link = ReportLink.url(report: event.report, base: settings.reportBaseURL)
            if let link { Self.link(rel: "alternate", type: "text/html", href: link, into: &xml) }
            xml.start("content")
            xml.attribute("type", "xhtml")
            xml.start("div", namespace: "http://www.w3.org/1999/xhtml")
            content(event, link: link, review: reviews[event.check], into: &xml)
            xml.end()
            xml.end()
            xml.end()
        }
        xml.end()
        let replaced = xml.replacedCharacters
        return AtomFeed(xml: try xml.finish(), replacedCharacters: replaced)
    }

    /// `portal@fr: changed, verdict reconsent`, `portal@de: check failed`, `portal@de: working again`.
    /// An Atom `<link>`.
    static func link(rel: String, type: String, href: String, into xml: inout XMLWriter) {
        xml.start("link")
        xml.attribute("rel", rel)
        xml.attribute("type", type)
        xml.attribute("href", href)
        xml.end()
    }

    static func title(_ event: FeedEvent) -> String {
        let verdict = event.verdict.map { ", verdict \($0.rawValue)" } ?? ""
        switch event.kind {
        case .firstVersion: return "\(event.series): first version" + (event.recovering ? ", after failed checks" : "")
        case .newVersion: return "\(event.series): changed\(verdict)" + (event.recovering ? ", after failed checks" : "")
        case .failed: return "\(event.series): check failed"
        case .recovered: return "\(event.series): working again, unchanged"
        }
    }

    /// The entry's XHTML: what happened, the verdict, the rules' findings, the languages'
    /// findings, and the report.
    static func content(_ event: FeedEvent, link: String?, review: ReviewState? = nil, into xml: inout XMLWriter) {
        switch event.kind {
        case .failed:
            // A reason may quote the page's URL: its credentials and query values are not shown.
            xml.element("p", text: "The check failed: \(WatchLog.redactingURLs(event.reason ?? "no reason recorded")). "
                + "The feed says so once; the next entry of this page is when it works again.")
        case .recovered:
            xml.element("p", text: "The page is read again and has not changed.")
        case .firstVersion:
            xml.element("p", text: "The first version of this page was stored.")
        case .newVersion:
            xml.element("p", text: "The page changed: a new version was stored.")
        }
        if event.recovering, let previous = event.previousReason {
            xml.element("p", text: "The last failed check before it: \(WatchLog.redactingURLs(previous)).")
        }
        if let verdict = event.verdict { xml.element("p", text: "Verdict: \(verdict.rawValue)") }
        if let review {
            // One line each: a name typed with a line break stays one paragraph of text.
            let oneLine = { (text: String) in text.split(whereSeparator: \.isNewline).joined(separator: " ") }
            switch review.status {
            case .awaitingReview:
                xml.element("p", text: "Review: awaiting a decision (charter review \(event.series)#\(review.version))")
            case .decided:
                var line = "Review: #\(review.version) \(review.decision?.rawValue ?? "decided")"
                if let reviewer = review.reviewer { line += " by \(oneLine(reviewer))" }
                if let at = review.at { line += " at \(at)" }
                xml.element("p", text: line)
                if let comment = review.comment { xml.element("p", text: "Comment: \(oneLine(comment))") }
            }
        }
        let diff = event.findings.filter { $0.kind == .diff }
        let locale = event.findings.filter { $0.kind == .locale }
        list("Reasons", diff, into: &xml)
        list("Languages", locale, into: &xml)
        if let link {
            xml.start("p")
            xml.start("a")
            xml.attribute("href", link)
            xml.text("The report of this change")
            xml.end()
            xml.end()
        }
    }

    /// A heading and one item per finding: `[level] rule (cookie): message`.
    static func list(_ heading: String, _ findings: [CheckFinding], into xml: inout XMLWriter) {
        guard !findings.isEmpty else { return }
        xml.element("h4", text: heading)
        xml.start("ul")
        for finding in findings.prefix(findingsPerEntry) {
            let cookie = finding.cookie.map { " (\($0))" } ?? ""
            xml.element("li", text: "[\(finding.level.rawValue)] \(finding.rule)\(cookie): \(finding.message)")
        }
        if findings.count > findingsPerEntry {
            xml.element("li", text: "… and \(findings.count - findingsPerEntry) more in the report")
        }
        xml.end()
    }
}
