public import Foundation

// Explicit encoders: the contract says an absent value is `null`, never a missing key,
// and synthesized Codable would drop nil values.

extension Charter {
    enum CodingKeys: String, CodingKey {
        case schema, source, language, title, sections, cookies, parties, warnings, contentSHA256, observed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(source, forKey: .source)
        try c.encode(language, forKey: .language)
        try c.encode(title, forKey: .title)
        try c.encode(sections, forKey: .sections)
        try c.encode(cookies, forKey: .cookies)
        try c.encode(parties, forKey: .parties)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(contentSHA256, forKey: .contentSHA256)
        try c.encode(observed, forKey: .observed)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        guard schema == Self.schemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schema, in: c,
                debugDescription: "schema \(schema) is not supported (this charter reads schema \(Self.schemaVersion))")
        }
        source = try c.decode(CharterSource.self, forKey: .source)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        sections = try c.decodeIfPresent([Section].self, forKey: .sections) ?? []
        cookies = try c.decode([Cookie].self, forKey: .cookies)
        parties = try c.decodeIfPresent([DisclosedParty].self, forKey: .parties) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        observed = try c.decodeIfPresent([ObservedCookie].self, forKey: .observed)
    }
}

extension CharterSource {
    enum CodingKeys: String, CodingKey {
        case input, format, url, requestedLanguage, contentLanguage, declaredLanguage, detectedLanguage,
            servedLanguage, charset, fetchedAt, sha256, setCookieNames
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(format, forKey: .format)
        try c.encode(url, forKey: .url)
        try c.encode(requestedLanguage, forKey: .requestedLanguage)
        try c.encode(contentLanguage, forKey: .contentLanguage)
        try c.encode(declaredLanguage, forKey: .declaredLanguage)
        try c.encode(detectedLanguage, forKey: .detectedLanguage)
        try c.encode(servedLanguage, forKey: .servedLanguage)
        try c.encode(charset, forKey: .charset)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(setCookieNames, forKey: .setCookieNames)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(String.self, forKey: .input)
        format = try c.decode(InputFormat.self, forKey: .format)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        requestedLanguage = try c.decodeIfPresent(String.self, forKey: .requestedLanguage)
        contentLanguage = try c.decodeIfPresent(String.self, forKey: .contentLanguage)
        declaredLanguage = try c.decodeIfPresent(String.self, forKey: .declaredLanguage)
        detectedLanguage = try c.decodeIfPresent(String.self, forKey: .detectedLanguage)
        charset = try c.decodeIfPresent(String.self, forKey: .charset)
        fetchedAt = try c.decodeIfPresent(Date.self, forKey: .fetchedAt)
        sha256 = try c.decode(String.self, forKey: .sha256)
        setCookieNames = try c.decodeIfPresent([String].self, forKey: .setCookieNames) ?? []
    }
}

extension Section {
    enum CodingKeys: String, CodingKey { case level, heading, paragraphs, kinds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            level: try c.decode(Int.self, forKey: .level), heading: try c.decodeIfPresent(String.self, forKey: .heading),
            paragraphs: try c.decode([String].self, forKey: .paragraphs),
            kinds: try c.decodeIfPresent([ParagraphKind].self, forKey: .kinds) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(heading, forKey: .heading)
        try c.encode(paragraphs, forKey: .paragraphs)
        if !kinds.isEmpty { try c.encode(kinds, forKey: .kinds) }
    }
}

extension Cookie {
    enum CodingKeys: String, CodingKey {
        case name, provider, service, location, purpose, category, categoryLabel, party, retention, domain,
            extra, origin, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(provider, forKey: .provider)
        try c.encode(service, forKey: .service)
        try c.encode(location, forKey: .location)
        try c.encode(purpose, forKey: .purpose)
        try c.encode(category, forKey: .category)
        try c.encode(categoryLabel, forKey: .categoryLabel)
        try c.encode(party, forKey: .party)
        try c.encode(retention, forKey: .retention)
        try c.encode(domain, forKey: .domain)
        try c.encode(extra, forKey: .extra)
        try c.encode(origin, forKey: .origin)
        try c.encode(evidence, forKey: .evidence)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        service = try c.decodeIfPresent(String.self, forKey: .service)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose)
        category = try c.decodeIfPresent(CookieCategory.self, forKey: .category) ?? .unclassified
        categoryLabel = try c.decodeIfPresent(String.self, forKey: .categoryLabel)
        party = try c.decodeIfPresent(Party.self, forKey: .party)
        retention = try c.decodeIfPresent(Retention.self, forKey: .retention)
        domain = try c.decodeIfPresent(String.self, forKey: .domain)
        extra = try c.decodeIfPresent([String: String].self, forKey: .extra) ?? [:]
        origin = try c.decodeIfPresent(Origin.self, forKey: .origin)
        evidence = try c.decodeIfPresent(Evidence.self, forKey: .evidence)
    }
}

extension ObservedCookie {
    enum CodingKeys: String, CodingKey {
        case name, domain, path, expires, lifetimeSeconds, secure, httpOnly, sameSite, party
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(domain, forKey: .domain)
        try c.encode(path, forKey: .path)
        try c.encode(expires, forKey: .expires)
        try c.encode(lifetimeSeconds, forKey: .lifetimeSeconds)
        try c.encode(secure, forKey: .secure)
        try c.encode(httpOnly, forKey: .httpOnly)
        try c.encode(sameSite, forKey: .sameSite)
        try c.encode(party, forKey: .party)
    }
}

extension Retention {
    enum CodingKeys: String, CodingKey { case text, seconds, session, amount, unit }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(session, forKey: .session)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encodeIfPresent(unit, forKey: .unit)
    }
}

/// The one JSON form of the model: sorted keys, ISO 8601 dates, no escaped slashes.
public enum CharterJSON {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The charter as JSON text; `pretty` for people, compact for JSON Lines.
    public static func encode(_ charter: Charter, pretty: Bool = true) -> String {
        var json = JSONWriter(pretty: pretty, reserving: 512 * (charter.cookies.count + charter.sections.count + 4))
        charter.write(to: &json)
        return json.text
    }

    /// ISO 8601 in UTC with whole seconds ("2026-11-29T21:37:00Z"), as JSONEncoder's
    /// `.iso8601` writes it. One formatter serves every call: making one per timestamp
    /// was 7 % of a watch round.
    public static func timestamp(_ date: Date) -> String {
        timestampFormatter.withLock { $0.string(from: date) }
    }

    private static let timestampFormatter: Locked<ISO8601DateFormatter> = {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return Locked(formatter)
    }()

    /// The date of a timestamp as `timestamp` writes it (and `JSONDecoder`'s `.iso8601` reads).
    public static func date(_ text: String) -> Date? {
        timestampFormatter.withLock { $0.date(from: text) }
    }

    /// A charter from its JSON form (UTF-8), read by `JSONReader`: the same rules as the
    /// `Codable` initialisers, about five times faster.
    public static func decode(_ data: Data) throws(CharterJSONError) -> Charter {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(CharterJSONError) in try decode(raw.bindMemory(to: UInt8.self)) }
        }
        return try result.get()
    }

    /// Observed cookies as the store keeps them (a JSON array), read by the same reader.
    public static func decodeObserved(_ data: Data) throws(CharterJSONError) -> [ObservedCookie] {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(CharterJSONError) in
                var reader = JSONReader(raw.bindMemory(to: UInt8.self))
                let observed = try reader.requiredArray { reader throws(CharterJSONError) in try ObservedCookie(reading: &reader) }
                try reader.end()
                return observed
            }
        }
        return try result.get()
    }

    public static func decode(_ bytes: [UInt8]) throws(CharterJSONError) -> Charter {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(CharterJSONError) in try decode(buffer) }
        }
        return try result.get()
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(CharterJSONError) -> Charter {
        var reader = JSONReader(bytes)
        do {
            let charter = try Charter(reading: &reader)
            try reader.end()
            return charter
        } catch {
            // A charter of another schema fails wherever its shape first differs: say why.
            var again = JSONReader(bytes)
            if let schema = try? Charter.schema(reading: &again), schema != Charter.schemaVersion {
                throw Charter.unsupported(schema)
            }
            throw error
        }
    }
}

extension Evidence {
    enum CodingKeys: String, CodingKey { case category, party, provider, retention, notes }

    /// Every key written, absent values null, as the canonical writer does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(category, forKey: .category)
        try c.encode(party, forKey: .party)
        try c.encode(provider, forKey: .provider)
        try c.encode(retention, forKey: .retention)
        try c.encode(notes, forKey: .notes)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            category: try c.decodeIfPresent(Source.self, forKey: .category),
            party: try c.decodeIfPresent(Source.self, forKey: .party),
            provider: try c.decodeIfPresent(Source.self, forKey: .provider),
            retention: try c.decodeIfPresent(Source.self, forKey: .retention),
            notes: try c.decodeIfPresent([String].self, forKey: .notes) ?? [])
    }
}

extension DisclosedParty {
    enum CodingKeys: String, CodingKey { case name, purpose, category, country, evidence, origin }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(purpose, forKey: .purpose)
        try c.encode(category, forKey: .category)
        try c.encode(country, forKey: .country)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(origin, forKey: .origin)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name), purpose: try c.decodeIfPresent(String.self, forKey: .purpose),
            category: try c.decodeIfPresent(CookieCategory.self, forKey: .category) ?? .unclassified,
            country: try c.decodeIfPresent(String.self, forKey: .country),
            evidence: try c.decodeIfPresent(Evidence.self, forKey: .evidence),
            origin: try c.decodeIfPresent(Origin.self, forKey: .origin))
    }
}
