public import CharterModel

// Explicit encoders: in charter's JSON an absent value is `null`, never a missing key.

extension FieldChange {
    enum CodingKeys: String, CodingKey { case old, new, words, rewritten }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(words, forKey: .words)
        try c.encode(rewritten, forKey: .rewritten)
    }

    // Reports written before `rewritten` existed lack the key: they compared every word.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            old: try c.decodeIfPresent(String.self, forKey: .old), new: try c.decodeIfPresent(String.self, forKey: .new),
            words: try c.decodeIfPresent([WordRun].self, forKey: .words),
            rewritten: try c.decodeIfPresent(Bool.self, forKey: .rewritten) ?? false)
    }
}

extension CookieChange {
    enum CodingKeys: String, CodingKey { case kind, cookie, previousName, evidence, fields, old, new, rules }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(cookie, forKey: .cookie)
        try c.encode(previousName, forKey: .previousName)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(fields, forKey: .fields)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(rules, forKey: .rules)
    }
}

extension ProseChange {
    enum CodingKeys: String, CodingKey { case kind, heading, words, rewritten, paragraphs }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(heading, forKey: .heading)
        try c.encode(words, forKey: .words)
        try c.encode(rewritten, forKey: .rewritten)
        try c.encode(paragraphs, forKey: .paragraphs)
    }

    // Reports written before `rewritten` existed lack the key: they compared every word;
    // before `paragraphs`, they kept the runs in one sequence only.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        heading = try c.decodeIfPresent(String.self, forKey: .heading)
        words = try c.decode([WordRun].self, forKey: .words)
        rewritten = try c.decodeIfPresent(Bool.self, forKey: .rewritten) ?? false
        paragraphs = try c.decodeIfPresent([ProseParagraph].self, forKey: .paragraphs) ?? []
    }
}

extension Finding {
    enum CodingKeys: String, CodingKey {
        case rule, verdict, cookie, message, explanation, source, needsReview, reviewReason, audit
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(cookie, forKey: .cookie)
        try c.encode(message, forKey: .message)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(source, forKey: .source)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(reviewReason, forKey: .reviewReason)
        try c.encode(audit, forKey: .audit)
    }
}

extension VersionDiffResult {
    enum CodingKeys: String, CodingKey {
        case verdict, profile, old, new, changes, parties, findings, prose, needsReview, reviewReasons, report
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(profile, forKey: .profile)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(changes, forKey: .changes)
        try c.encode(parties, forKey: .parties)
        try c.encode(findings, forKey: .findings)
        try c.encode(prose, forKey: .prose)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(reviewReasons, forKey: .reviewReasons)
        try c.encode(report, forKey: .report)
    }
}

extension VersionSummary {
    enum CodingKeys: String, CodingKey { case input, title, language, cookies, contentSHA256, sha256, url, fetchedAt, stored }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(stored, forKey: .stored)
        try c.encode(input, forKey: .input)
        try c.encode(title, forKey: .title)
        try c.encode(language, forKey: .language)
        try c.encode(cookies, forKey: .cookies)
        try c.encode(contentSHA256, forKey: .contentSHA256)
        try c.encode(sha256, forKey: .sha256)
    }
}

// The report as `JSONWriter` writes it: the same bytes as `JSONEncoder` with sorted keys
// (a test compares them), at a fifth of the time. Keys are listed in sorted order.

extension VersionDiffResult {
    package func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("changes") { w in w.array(changes) { $1.write(to: &$0) } }
            o.key("findings") { w in w.array(findings) { $1.write(to: &$0) } }
            o.key("needsReview") { $0.bool(needsReview) }
            o.key("new") { new.write(to: &$0) }
            o.key("old") { old.write(to: &$0) }
            o.key("parties") { w in w.array(parties) { $1.write(to: &$0) } }
            o.key("profile") { $0.string(profile.rawValue) }
            o.key("prose") { w in w.array(prose) { $1.write(to: &$0) } }
            o.key("report") { w in report.map { $0.write(to: &w) } ?? w.raw("null") }
            o.key("reviewReasons") { w in w.array(reviewReasons) { $0.string($1) } }
            o.key("verdict") { $0.string(verdict.rawValue) }
        }
    }
}

extension VersionSummary {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("contentSHA256") { $0.string(contentSHA256) }
            o.key("cookies") { $0.integer(Int64(cookies)) }
            o.key("fetchedAt") { $0.string(fetchedAt.map(CharterJSON.timestamp)) }
            o.key("input") { $0.string(input) }
            o.key("language") { $0.string(language) }
            o.key("sha256") { $0.string(sha256) }
            o.key("stored") { w in
                guard let stored else { return w.raw("null") }
                w.object { r in
                    r.key("decision") { w in
                        guard let decision = stored.decision else { return w.raw("null") }
                        w.object { d in
                            d.key("at") { $0.string(decision.at) }
                            d.key("decision") { $0.string(decision.decision) }
                            d.key("reviewer") { $0.string(decision.reviewer) }
                        }
                    }
                    r.key("id") { $0.integer(stored.id) }
                    r.key("language") { $0.string(stored.language) }
                    r.key("number") { $0.integer(Int64(stored.number)) }
                    r.key("source") { $0.string(stored.source) }
                }
            }
            o.key("title") { $0.string(title) }
            o.key("url") { $0.string(url) }
        }
    }
}

extension StoredVersionReference {
    enum CodingKeys: String, CodingKey { case source, language, number, id, decision }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(language, forKey: .language)
        try c.encode(number, forKey: .number)
        try c.encode(id, forKey: .id)
        try c.encode(decision, forKey: .decision)
    }
}

extension ReportIdentity {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("acrossLanguages") { $0.bool(acrossLanguages) }
            o.key("charterVersion") { $0.string(charterVersion) }
            o.key("generatedAt") { $0.string(CharterJSON.timestamp(generatedAt)) }
            o.key("rulesVersion") { $0.string(rulesVersion) }
        }
    }
}

extension CookieChange {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("cookie") { $0.string(cookie) }
            o.key("evidence") { $0.string(evidence) }
            o.key("fields") { w in
                w.object { f in
                    for name in fields.keys.sorted() { f.key(name) { fields[name]?.write(to: &$0) } }
                }
            }
            o.key("kind") { $0.string(kind.rawValue) }
            o.key("new") { w in new.map { $0.write(to: &w, includingOrigin: true) } ?? w.raw("null") }
            o.key("old") { w in old.map { $0.write(to: &w, includingOrigin: true) } ?? w.raw("null") }
            o.key("previousName") { $0.string(previousName) }
            o.key("rules") { w in w.array(rules) { $0.string($1) } }
        }
    }
}

extension PartyChange {
    enum CodingKeys: String, CodingKey { case kind, party }

    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("kind") { $0.string(kind.rawValue) }
            o.key("party") { party.write(to: &$0, includingOrigin: true) }
        }
    }
}

extension FieldChange {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("new") { $0.string(new) }
            o.key("old") { $0.string(old) }
            o.key("rewritten") { $0.bool(rewritten) }
            o.key("words") { w in words.map { w.array($0) { $1.write(to: &$0) } } ?? w.raw("null") }
        }
    }
}

extension WordRun {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("operation") { $0.string(operation.rawValue) }
            o.key("text") { $0.string(text) }
        }
    }
}

extension ProseChange {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("heading") { $0.string(heading) }
            o.key("kind") { $0.string(kind.rawValue) }
            o.key("paragraphs") { w in
                w.array(paragraphs) { json, paragraph in
                    json.object { o in
                        o.key("kind") { $0.string(paragraph.kind.rawValue) }
                        o.key("words") { w in w.array(paragraph.words) { $1.write(to: &$0) } }
                    }
                }
            }
            o.key("rewritten") { $0.bool(rewritten) }
            o.key("words") { w in w.array(words) { $1.write(to: &$0) } }
        }
    }
}

extension Finding {
    func write(to json: inout JSONWriter) {
        json.object { o in
            o.key("audit") { $0.bool(audit) }
            o.key("cookie") { $0.string(cookie) }
            o.key("explanation") { $0.string(explanation) }
            o.key("message") { $0.string(message) }
            o.key("needsReview") { $0.bool(needsReview) }
            o.key("reviewReason") { $0.string(reviewReason) }
            o.key("rule") { $0.string(rule) }
            o.key("source") { $0.string(source) }
            o.key("verdict") { $0.string(verdict.rawValue) }
        }
    }
}
