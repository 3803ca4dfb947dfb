import Foundation

/// A small XML reader for metadata files (Salesforce's are elements, text and an `xmlns`): elements
/// with their attributes, text (entities and character references undone, CDATA kept), comments,
/// processing instructions and a DOCTYPE skipped. Read with a stack, not recursion, and no deeper than
/// 256 elements, so deep input cannot exhaust the call stack. Not a validating parser:
/// well-formedness is what it checks.
public struct XMLTreeElement: Sendable {
    public var name: String
    public var attributes: [(name: String, value: String)] = []
    public var children: [XMLTreeElement] = []
    /// The element's own text (its children's excluded), as written between its tags.
    public var text = ""
    public var line: Int

    /// The name without a namespace prefix.
    public var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// The children with this (local) name.
    public func all(_ name: String) -> [XMLTreeElement] { children.filter { $0.localName == name } }

    /// The trimmed text of the first child with this name.
    public func value(_ name: String) -> String? {
        children.first { $0.localName == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The document's root element.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> XMLTreeElement {
        var reader = XMLTreeReader(bytes: bytes)
        return try reader.document()
    }
}

private struct XMLTreeReader {
    static let maximumDepth = 256
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        // A UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { self.bytes = Array(bytes.dropFirst(3)) } else { self.bytes = bytes }
    }

    func fail(_ reason: String) -> XMLTreeElement.Failure { XMLTreeElement.Failure(line: line, reason: reason) }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    func starts(with text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    /// Skips to just after `end`, or fails.
    mutating func skip(past end: String, what: String) throws(XMLTreeElement.Failure) {
        while index < bytes.count {
            if starts(with: end) {
                advance(end.utf8.count)
                return
            }
            advance()
        }
        throw fail("\(what) is not closed with \(end)")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A
    }

    mutating func name() throws(XMLTreeElement.Failure) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func spaces() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { advance() }
    }

    /// Text with entities and character references undone.
    func decoded(_ raw: ArraySlice<UInt8>) throws(XMLTreeElement.Failure) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { throw fail("an '&' that starts no entity (write &amp;)") }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                guard let number, let scalar = Unicode.Scalar(number) else { throw fail("unknown entity &\(entity);") }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    mutating func document() throws(XMLTreeElement.Failure) -> XMLTreeElement {
        var stack: [XMLTreeElement] = []
        var root: XMLTreeElement?
        while index < bytes.count {
            if bytes[index] != 0x3C {
                // Text: kept for the open element; outside the root only white space may stand.
                let start = index
                while index < bytes.count, bytes[index] != 0x3C { advance() }
                let text = try decoded(bytes[start..<index])
                if stack.isEmpty {
                    guard text.allSatisfy(\.isWhitespace) else { throw fail("text outside the root element") }
                } else {
                    stack[stack.count - 1].text += text
                }
                continue
            }
            if starts(with: "<?") { try skip(past: "?>", what: "a processing instruction"); continue }
            if starts(with: "<!--") { try skip(past: "-->", what: "a comment"); continue }
            if starts(with: "<![CDATA[") {
                advance(9)
                let start = index
                try skip(past: "]]>", what: "a CDATA section")
                guard !stack.isEmpty else { throw fail("CDATA outside the root element") }
                stack[stack.count - 1].text += String(decoding: bytes[start..<index - 3], as: UTF8.self)
                continue
            }
            if starts(with: "<!") { try skip(past: ">", what: "a declaration"); continue }
            if starts(with: "</") {
                advance(2)
                let closing = try name()
                spaces()
                guard index < bytes.count, bytes[index] == 0x3E else { throw fail("expected '>' after </\(closing)") }
                advance()
                guard let open = stack.popLast() else { throw fail("</\(closing)> closes no element") }
                guard open.name == closing else { throw fail("</\(closing)> closes <\(open.name)> (opened on line \(open.line))") }
                if stack.isEmpty { root = open } else { stack[stack.count - 1].children.append(open) }
                continue
            }
            advance()
            guard root == nil else { throw fail("a second root element") }
            // A tree held as nested values is freed recursively: deep nesting is refused before it is built.
            guard stack.count < Self.maximumDepth else { throw fail("elements nested deeper than \(Self.maximumDepth) (metadata files nest a few levels)") }
            var element = XMLTreeElement(name: try name(), line: line)
            while true {
                spaces()
                guard index < bytes.count else { throw fail("<\(element.name) is not closed") }
                if bytes[index] == 0x3E {
                    advance()
                    stack.append(element)
                    break
                }
                if starts(with: "/>") {
                    advance(2)
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                    break
                }
                let attribute = try name()
                spaces()
                guard index < bytes.count, bytes[index] == 0x3D else { throw fail("expected '=' after the attribute \(attribute)") }
                advance()
                spaces()
                guard index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 else { throw fail("the value of \(attribute) is not quoted") }
                let quote = bytes[index]
                advance()
                let start = index
                while index < bytes.count, bytes[index] != quote { advance() }
                guard index < bytes.count else { throw fail("the value of \(attribute) is not closed") }
                element.attributes.append((attribute, try decoded(bytes[start..<index])))
                advance()
            }
        }
        if let open = stack.last { throw fail("<\(open.name)> (line \(open.line)) is not closed at the end of the file") }
        guard let root else { throw fail("no root element") }
        return root
    }
}
