internal import Crypto
public import Foundation

extension Charter {
    /// SHA-256 of the canonical content: language, sections and cookies without their
    /// origin. Two extractions of the same content give the same hash whatever the
    /// markup, the fetch time or the row positions, so a store keeps one version per
    /// distinct content.
    public var contentSHA256: String {
        let content = CanonicalContent(
            schema: schema, language: language, sections: sections,
            cookies: cookies.map { var c = $0; c.origin = nil; return c })
        let data = (try? CharterJSON.encoder(pretty: false).encode(content)) ?? Data()
        return SHA256Digest.hex(of: data)
    }
}

private struct CanonicalContent: Encodable {
    let schema: Int
    let language: String?
    let sections: [Section]
    let cookies: [Cookie]

    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case schema, language, sections, cookies }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(language, forKey: .language)
        try c.encode(sections, forKey: .sections)
        try c.encode(cookies, forKey: .cookies)
    }
}

/// Lower-case hex SHA-256, the only digest charter records.
public enum SHA256Digest {
    public static func hex(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
