public import Foundation

/// A JSON value, decoded without Foundation's number/boolean ambiguity.
public indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// Checks a JSON value against the subset of JSON Schema charter's schemas use:
/// `type` (one or several, `null` included), `enum`, `required`, `properties`,
/// `additionalProperties` (false or a schema), `items`, `pattern` and local `$ref`s.
public enum JSONSchemaCheck {
    /// The problems found, each with its JSON path; empty when the value conforms.
    public static func problems(_ value: JSONValue, schema: JSONValue, path: String = "$", root: JSONValue? = nil) -> [String] {
        let root = root ?? schema
        if case .string(let reference)? = schema["$ref"], reference.hasPrefix("#/$defs/"),
            let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))]
        {
            return problems(value, schema: target, path: path, root: root)
        }
        var found: [String] = []
        if let types = schema["type"] {
            let allowed: [String]
            switch types {
            case .string(let one): allowed = [one]
            case .array(let many): allowed = many.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: allowed = []
            }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): expected \(allowed.joined(separator: " or ")), got \(value)"]
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            found.append("\(path): \(value) is not one of the allowed values")
        }
        if case .string(let pattern)? = schema["pattern"], case .string(let string) = value,
            string.range(of: pattern, options: .regularExpression) == nil
        {
            found.append("\(path): \(string) does not match \(pattern)")
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where members[key] == nil {
                    found.append("\(path): missing key \(key)")
                }
            }
            for (key, member) in members {
                if let sub = schema["properties"]?[key] {
                    found += problems(member, schema: sub, path: "\(path).\(key)", root: root)
                } else if let extra = schema["additionalProperties"] {
                    if extra == .bool(false) {
                        found.append("\(path): unexpected key \(key)")
                    } else if case .object = extra {
                        found += problems(member, schema: extra, path: "\(path).\(key)", root: root)
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                found += problems(item, schema: itemSchema, path: "\(path)[\(index)]", root: root)
            }
        }
        return found
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }
}
