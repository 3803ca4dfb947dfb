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
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    // Written as bytes: reports with thousands of findings are rendered in one pass, without the
    // work of growing a string piece by piece.
    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let value): Self.append(value ? "true" : "false", to: &out)
        case .int(let value): Self.append(String(value), to: &out)
        case .double(let value):
            if value.isFinite {
                Self.append(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value), to: &out)
            } else {
                Self.append("null", to: &out)
            }
        case .string(let value): Self.appendQuoted(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { Self.append("[]", to: &out); return }
            Self.append("[\n", to: &out)
            for (index, item) in items.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                item.write(into: &out, indent: indent + 2)
                Self.append(index + 1 < items.count ? ",\n" : "\n", to: &out)
            }
            Self.appendSpaces(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { Self.append("{}", to: &out); return }
            Self.append("{\n", to: &out)
            for (index, member) in members.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                Self.appendQuoted(member.key, to: &out)
                Self.append(": ", to: &out)
                member.value.write(into: &out, indent: indent + 2)
                Self.append(index + 1 < members.count ? ",\n" : "\n", to: &out)
            }
            Self.appendSpaces(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func appendSpaces(_ count: Int, to out: inout [UInt8]) {
        for _ in 0..<count { out.append(UInt8(ascii: " ")) }
    }

    package static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: bytes that need no escape are copied as they are.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x22: Self.append(#"\""#, to: &out)
                case 0x5C: Self.append(#"\\"#, to: &out)
                case 0x0A: Self.append(#"\n"#, to: &out)
                case 0x0D: Self.append(#"\r"#, to: &out)
                case 0x09: Self.append(#"\t"#, to: &out)
                case 0..<0x20: Self.append("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16), to: &out)
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9): valid JSON, but not inside JavaScript strings.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    Self.append(utf8[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#, to: &out)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
        }
        out.append(UInt8(ascii: "\""))
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
