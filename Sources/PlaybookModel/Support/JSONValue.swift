/// A JSON value that keeps object keys in the order given, for deterministic, readable output.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(key: $0.0, value: $0.1) })
    }

    /// Pretty-printed with two-space indentation.
    public func rendered() -> String {
        var writer = JSONWriter()
        write(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Writes the value where the writer is (after a key or an item, or at the top).
    public func write(into writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .int(let value): writer.int(value)
        case .double(let value): writer.double(value)
        case .string(let value): writer.string(value)
        case .array(let items):
            writer.beginArray()
            for item in items {
                writer.item()
                item.write(into: &writer)
            }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                member.value.write(into: &writer)
            }
            writer.endObject()
        }
    }

    package static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

public struct JSONMember: Sendable, Hashable {
    public let key: String
    public let value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
