internal import Foundation

// The model read from its JSON form with `JSONReader`, by the same rules as the
// `Codable` initialisers: unknown keys are ignored, `null` and a missing key mean the
// same for optional values, and a required value must be there with its type.

extension Charter {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var schema: Int64?, source: CharterSource?, cookies: [Cookie]?
        var language: String?, title: String?, sections: [Section]?, warnings: [String]?
        var observed: [ObservedCookie]?, parties: [DisclosedParty]?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "schema": schema = try reader.integer()
            case "source": source = try CharterSource(reading: &reader)
            case "language": language = try reader.optionalString()
            case "title": title = try reader.optionalString()
            case "sections": sections = try reader.optionalArray { reader throws(CharterJSONError) in try Section(reading: &reader) }
            case "cookies": cookies = try reader.requiredArray { reader throws(CharterJSONError) in try Cookie(reading: &reader) }
            case "parties":
                parties = try reader.optionalArray { reader throws(CharterJSONError) in try DisclosedParty(reading: &reader) }
            case "warnings": warnings = try reader.optionalArray { reader throws(CharterJSONError) in try reader.string() }
            case "observed":
                observed = try reader.optionalArray { reader throws(CharterJSONError) in try ObservedCookie(reading: &reader) }
            default: try reader.skipValue()
            }
        }
        let version = try required(schema, "schema")
        guard version == Self.schemaVersion else { throw Self.unsupported(version) }
        self.init(
            source: try required(source, "source"), language: language, title: title, sections: sections ?? [],
            cookies: try required(cookies, "cookies"), parties: parties ?? [], warnings: warnings ?? [], observed: observed)
    }

    static func unsupported(_ version: Int64) -> CharterJSONError {
        CharterJSONError(
            "schema \(version) is not supported (this charter reads schema \(schemaVersion))", path: ["schema"])
    }

    /// The `schema` of a JSON object, whatever else it holds; nil if it has none.
    static func schema(reading reader: inout JSONReader) throws(CharterJSONError) -> Int64? {
        var schema: Int64?
        try reader.object { reader, key throws(CharterJSONError) in
            if key == "schema", let version = try? reader.integer() { schema = version } else { try reader.skipValue() }
        }
        return schema
    }
}

extension CharterSource {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var input: String?, format: InputFormat?, sha256: String?
        var url: String?, requestedLanguage: String?, contentLanguage: String?, declaredLanguage: String?
        var detectedLanguage: String?, charset: String?, fetchedAt: Date?, setCookieNames: [String]?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "input": input = try reader.string()
            case "format": format = try reader.enumeration(InputFormat.self, "an input format")
            case "url": url = try reader.optionalString()
            case "requestedLanguage": requestedLanguage = try reader.optionalString()
            case "contentLanguage": contentLanguage = try reader.optionalString()
            case "declaredLanguage": declaredLanguage = try reader.optionalString()
            case "detectedLanguage": detectedLanguage = try reader.optionalString()
            case "charset": charset = try reader.optionalString()
            case "fetchedAt": fetchedAt = try reader.optionalDate()
            case "sha256": sha256 = try reader.string()
            case "setCookieNames":
                setCookieNames = try reader.optionalArray { reader throws(CharterJSONError) in try reader.string() }
            default: try reader.skipValue()
            }
        }
        self.init(
            input: try required(input, "input"), format: try required(format, "format"), url: url,
            requestedLanguage: requestedLanguage, contentLanguage: contentLanguage, declaredLanguage: declaredLanguage,
            detectedLanguage: detectedLanguage, charset: charset, fetchedAt: fetchedAt,
            sha256: try required(sha256, "sha256"), setCookieNames: setCookieNames ?? [])
    }
}

extension Section {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var level: Int64?, heading: String?, paragraphs: [String]?, kinds: [ParagraphKind] = []
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "level": level = try reader.integer()
            case "heading": heading = try reader.optionalString()
            case "paragraphs": paragraphs = try reader.requiredArray { reader throws(CharterJSONError) in try reader.string() }
            // A kind this release does not know (written by a later one) reads as text:
            // the words are all there, only their layout is lost.
            case "kinds": kinds = try reader.requiredArray { reader throws(CharterJSONError) in ParagraphKind(rawValue: try reader.string()) ?? .text }
            default: try reader.skipValue()
            }
        }
        self.init(
            level: Int(try required(level, "level")), heading: heading, paragraphs: try required(paragraphs, "paragraphs"), kinds: kinds)
    }
}

extension Cookie {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var cookie = Cookie(name: "")
        var name: String?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "name": name = try reader.string()
            case "provider": cookie.provider = try reader.optionalString()
            case "service": cookie.service = try reader.optionalString()
            case "location": cookie.location = try reader.optionalString()
            case "purpose": cookie.purpose = try reader.optionalString()
            case "category":
                cookie.category = try reader.consumeNull() ? .unclassified : try reader.enumeration(CookieCategory.self, "a category")
            case "categoryLabel": cookie.categoryLabel = try reader.optionalString()
            case "party": cookie.party = try reader.consumeNull() ? nil : try reader.enumeration(Party.self, "a party")
            case "retention": cookie.retention = try reader.consumeNull() ? nil : try Retention(reading: &reader)
            case "domain": cookie.domain = try reader.optionalString()
            case "extra":
                var extra: [String: String] = [:]
                if try !reader.consumeNull() {
                    try reader.object { reader, column throws(CharterJSONError) in extra[column] = try reader.string() }
                }
                cookie.extra = extra
            case "origin": cookie.origin = try reader.consumeNull() ? nil : try Origin(reading: &reader)
            case "evidence": cookie.evidence = try reader.consumeNull() ? nil : try Evidence(reading: &reader)
            default: try reader.skipValue()
            }
        }
        cookie.name = try required(name, "name")
        self = cookie
    }
}

extension Retention {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var text: String?, seconds: Int64?, session: Bool?, amount: Int64?, unit: String?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "text": text = try reader.string()
            case "seconds": seconds = try reader.consumeNull() ? nil : try reader.integer()
            case "session": session = try reader.bool()
            case "amount": amount = try reader.consumeNull() ? nil : try reader.integer()
            case "unit": unit = try reader.consumeNull() ? nil : try reader.string()
            default: try reader.skipValue()
            }
        }
        self.init(
            text: try required(text, "text"), seconds: seconds, session: try required(session, "session"), amount: amount,
            unit: unit)
    }
}

extension Origin {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var table: Int64?, row: Int64?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "table": table = try reader.integer()
            case "row": row = try reader.integer()
            default: try reader.skipValue()
            }
        }
        self.init(table: Int(try required(table, "table")), row: Int(try required(row, "row")))
    }
}

extension DisclosedParty {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var party = DisclosedParty(name: "")
        var name: String?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "name": name = try reader.string()
            case "purpose": party.purpose = try reader.optionalString()
            case "category":
                party.category = try reader.consumeNull() ? .unclassified : try reader.enumeration(CookieCategory.self, "a category")
            case "country": party.country = try reader.optionalString()
            case "evidence": party.evidence = try reader.consumeNull() ? nil : try Evidence(reading: &reader)
            case "origin": party.origin = try reader.consumeNull() ? nil : try Origin(reading: &reader)
            default: try reader.skipValue()
            }
        }
        party.name = try required(name, "name")
        self = party
    }
}

extension Evidence {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var evidence = Evidence()
        try reader.object { reader, key throws(CharterJSONError) in
            func source() throws(CharterJSONError) -> Source? {
                try reader.consumeNull() ? nil : try reader.enumeration(Source.self, "an evidence source")
            }
            switch key {
            case "category": evidence.category = try source()
            case "party": evidence.party = try source()
            case "provider": evidence.provider = try source()
            case "retention": evidence.retention = try source()
            case "notes": evidence.notes = try reader.optionalArray { reader throws(CharterJSONError) in try reader.string() } ?? []
            default: try reader.skipValue()
            }
        }
        self = evidence
    }
}

extension ObservedCookie {
    init(reading reader: inout JSONReader) throws(CharterJSONError) {
        var name: String?, domain: String?, path: String?, secure: Bool?, httpOnly: Bool?, party: Party?
        var expires: Date?, lifetimeSeconds: Int64?, sameSite: String?
        try reader.object { reader, key throws(CharterJSONError) in
            switch key {
            case "name": name = try reader.string()
            case "domain": domain = try reader.string()
            case "path": path = try reader.string()
            case "expires": expires = try reader.optionalDate()
            case "lifetimeSeconds": lifetimeSeconds = try reader.consumeNull() ? nil : try reader.integer()
            case "secure": secure = try reader.bool()
            case "httpOnly": httpOnly = try reader.bool()
            case "sameSite": sameSite = try reader.optionalString()
            case "party": party = try reader.enumeration(Party.self, "a party")
            default: try reader.skipValue()
            }
        }
        self.init(
            name: try required(name, "name"), domain: try required(domain, "domain"), path: try required(path, "path"),
            expires: expires, lifetimeSeconds: lifetimeSeconds, secure: try required(secure, "secure"),
            httpOnly: try required(httpOnly, "httpOnly"), sameSite: sameSite, party: try required(party, "party"))
    }
}

private func required<Value>(_ value: Value?, _ key: String) throws(CharterJSONError) -> Value {
    guard let value else { throw CharterJSONError("missing key \"\(key)\"") }
    return value
}

extension JSONReader {
    mutating func optionalString() throws(CharterJSONError) -> String? {
        try consumeNull() ? nil : try string()
    }

    mutating func optionalDate() throws(CharterJSONError) -> Date? {
        guard try !consumeNull() else { return nil }
        let text = try string()
        guard let date = CharterJSON.date(text) else { throw CharterJSONError("expected an ISO 8601 date, found \"\(text)\"") }
        return date
    }

    mutating func enumeration<Value: RawRepresentable<String>>(_ type: Value.Type, _ what: String) throws(CharterJSONError) -> Value {
        let text = try string()
        guard let value = Value(rawValue: text) else { throw CharterJSONError("\"\(text)\" is not \(what)") }
        return value
    }

    mutating func requiredArray<Element>(_ element: (inout JSONReader) throws(CharterJSONError) -> Element) throws(CharterJSONError) -> [Element] {
        var elements: [Element] = []
        try array { reader throws(CharterJSONError) in elements.append(try element(&reader)) }
        return elements
    }

    mutating func optionalArray<Element>(_ element: (inout JSONReader) throws(CharterJSONError) -> Element) throws(CharterJSONError) -> [Element]? {
        try consumeNull() ? nil : try requiredArray(element)
    }
}
