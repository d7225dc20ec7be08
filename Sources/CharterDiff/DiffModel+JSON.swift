// Explicit encoders: in charter's JSON an absent value is `null`, never a missing key.

extension FieldChange {
    enum CodingKeys: String, CodingKey { case old, new, words }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
        try c.encode(words, forKey: .words)
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
    enum CodingKeys: String, CodingKey { case kind, heading, words }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(heading, forKey: .heading)
        try c.encode(words, forKey: .words)
    }
}

extension Finding {
    enum CodingKeys: String, CodingKey { case rule, verdict, cookie, message, explanation, source, needsReview, audit }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(cookie, forKey: .cookie)
        try c.encode(message, forKey: .message)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(source, forKey: .source)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(audit, forKey: .audit)
    }
}

extension VersionSummary {
    enum CodingKeys: String, CodingKey { case input, title, language, cookies, contentSHA256, sha256 }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(title, forKey: .title)
        try c.encode(language, forKey: .language)
        try c.encode(cookies, forKey: .cookies)
        try c.encode(contentSHA256, forKey: .contentSHA256)
        try c.encode(sha256, forKey: .sha256)
    }
}
