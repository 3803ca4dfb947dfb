/// Writes JSON straight into bytes, pretty-printed with two-space indentation: the layout of
/// `JSONValue.rendered()`, which writes through it. Reports with thousands of findings write their
/// values one by one here instead of building a `JSONValue` tree first.
///
///     var writer = JSONWriter()
///     writer.beginObject()
///     writer.key("line"); writer.int(3)
///     writer.endObject()
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// For each open container, whether it has a member or item yet.
    private var filled: [Bool] = []

    public init() {}

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the open object: its value is written next.
    public mutating func key(_ key: String) {
        newItem()
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts an item of the open array: its value is written next.
    public mutating func item() { newItem() }

    public mutating func null() { append("null") }
    public mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

    public mutating func int(_ value: Int) {
        guard value != 0 else { return bytes.append(UInt8(ascii: "0")) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { digits in
            while rest > 0 {
                digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in (0..<count).reversed() { bytes.append(digits[index]) }
        }
    }

    /// A number: whole numbers below 10^15 without a fraction, others as Swift writes them; not finite: null.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return append("null") }
        if value == value.rounded() && abs(value) < 1e15 { int(Int(value)) } else { append(String(value)) }
    }

    public mutating func string(_ value: String) { Self.appendQuoted(value, to: &bytes) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        filled.append(false)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        if filled.popLast() == true {
            bytes.append(UInt8(ascii: "\n"))
            appendSpaces(indent)
        }
        bytes.append(bracket)
    }

    private mutating func newItem() {
        if let last = filled.indices.last {
            if filled[last] { bytes.append(UInt8(ascii: ",")) }
            filled[last] = true
        }
        bytes.append(UInt8(ascii: "\n"))
        appendSpaces(indent)
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func appendSpaces(_ count: Int) {
        var left = count
        while left > 0 {
            let piece = min(left, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: $0[..<piece]) }
            left -= piece
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Appends `text` as a JSON string: bytes that need no escape are copied as they are.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            var copied = 0  // bytes before this index that need no escape are copied in one piece
            func escape(_ escaped: StaticString, skipping extra: Int = 0) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                escaped.withUTF8Buffer { out.append(contentsOf: $0) }
                index += extra
                copied = index + 1
            }
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x22: escape(#"\""#)
                case 0x5C: escape(#"\\"#)
                case 0x0A: escape(#"\n"#)
                case 0x0D: escape(#"\r"#)
                case 0x09: escape(#"\t"#)
                case 0..<0x20:
                    escape("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9): valid JSON, but not inside JavaScript strings.
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape(utf8[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#, skipping: 2)
                default: break
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
