internal import Crypto
public import Foundation

extension Charter {
    /// SHA-256 of the canonical content: language, sections and cookies without their
    /// origin, as compact sorted JSON. Two extractions of the same content give the same
    /// hash whatever the markup, the fetch time or the row positions, so a store keeps
    /// one version per distinct content.
    public var contentSHA256: String {
        SHA256Digest.hex(of: canonicalContent())
    }

    /// The bytes the content hash is taken over.
    public func canonicalContent() -> [UInt8] {
        var json = JSONWriter(pretty: false, reserving: 256 * (cookies.count + sections.count + 1))
        json.object { o in
            o.key("cookies") { w in w.array(cookies) { $1.write(to: &$0, includingOrigin: false) } }
            o.key("language") { $0.string(language) }
            // Only when there are parties: a charter without them keeps the hash it had
            // before parties were read, so no stored version looks changed.
            if !parties.isEmpty {
                o.key("parties") { w in w.array(parties) { $1.write(to: &$0, includingOrigin: false) } }
            }
            o.key("schema") { $0.integer(Int64(schema)) }
            o.key("sections") { w in w.array(sections) { $1.write(to: &$0, includingKinds: false) } }
        }
        return json.output
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
