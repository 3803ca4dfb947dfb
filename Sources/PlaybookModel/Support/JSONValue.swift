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
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            if value.isFinite {
                out += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            } else {
                out += "null"
            }
        case .string(let value): Self.appendQuoted(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                item.write(into: &out, indent: indent + 2)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            Self.appendSpaces(indent, to: &out)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                Self.appendQuoted(member.key, to: &out)
                out += ": "
                member.value.write(into: &out, indent: indent + 2)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            Self.appendSpaces(indent, to: &out)
            out += "}"
        }
    }

    private static func appendSpaces(_ count: Int, to out: inout String) {
        for _ in 0..<count { out += " " }
    }

    package static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string: runs of bytes that need no escape are copied whole.
    private static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            func flush(upTo end: Int) {
                if runStart < end { out += String(decoding: UnsafeBufferPointer(rebasing: utf8[runStart..<end]), as: UTF8.self) }
            }
            while index < utf8.count {
                let byte = utf8[index]
                let escape: String?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20: escape = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9): valid JSON, but not inside JavaScript strings.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: escape = nil
                }
                if let escape {
                    flush(upTo: index)
                    out += escape
                    runStart = index + width
                }
                index += width
            }
            flush(upTo: utf8.count)
        }
        out += "\""
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
