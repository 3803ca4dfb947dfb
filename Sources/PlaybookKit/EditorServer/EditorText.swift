/// An open document as the editor has it: its text, its version, and the conversions between the
/// protocol's positions (line, and character in UTF-16 code units) and byte offsets in its UTF-8.
public struct EditorText: Sendable {
    public private(set) var bytes: [UInt8]
    public var version: Int
    /// Where each line starts, in bytes (after LF, CR LF or CR).
    private var lineStarts: [Int] = [0]

    public init(_ text: String, version: Int) {
        bytes = Array(text.utf8)
        self.version = version
        index()
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func index() {
        lineStarts = [0]
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x0A || (byte == 0x0D && (offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A)) {
                lineStarts.append(offset + 1)
            }
            offset += 1
        }
    }

    public struct Position: Sendable, Equatable {
        public var line: Int
        public var character: Int

        public init(line: Int, character: Int) {
            self.line = line
            self.character = character
        }
    }

    /// The byte offset of a position; positions past a line's end stand for its end, past the last line for the end of the text.
    public func offset(of position: Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        var offset = lineStarts[position.line]
        let end = lineEnd(position.line)
        var units = 0
        while offset < end, units < position.character {
            let (length, width) = Self.scalar(at: offset, in: bytes)
            if units + width > position.character { break }
            units += width
            offset += length
        }
        return offset
    }

    /// The position of a byte offset.
    public func position(of offset: Int) -> Position {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var units = 0
        var at = lineStarts[low]
        while at < clamped {
            let (length, width) = Self.scalar(at: at, in: bytes)
            units += width
            at += length
        }
        return Position(line: low, character: units)
    }

    /// The positions of many byte offsets, in one walk over the text (each line once, however many
    /// offsets are on it).
    public func positions(of offsets: [Int]) -> [Int: Position] {
        var found: [Int: Position] = [:]
        var line = 0
        var at = 0
        var units = 0
        for offset in Set(offsets.map { min(max($0, 0), bytes.count) }).sorted() {
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset {
                line += 1
                at = lineStarts[line]
                units = 0
            }
            while at < offset {
                let (length, width) = Self.scalar(at: at, in: bytes)
                units += width
                at += length
            }
            found[offset] = Position(line: line, character: units)
        }
        return found
    }

    /// Where a line's text ends (before its line break).
    private func lineEnd(_ line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        while end > lineStarts[line], bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    /// The UTF-8 length of the scalar at `offset` and its width in UTF-16 units (a broken byte counts as one of each).
    static func scalar(at offset: Int, in bytes: [UInt8]) -> (length: Int, width: Int) {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard offset + length <= bytes.count else { return (1, 1) }
        return (length, length == 4 ? 2 : 1)
    }

    /// Replaces the text between two positions (an incremental change), or all of it (`range` nil).
    public mutating func apply(_ range: (start: Position, end: Position)?, _ replacement: String) {
        if let range {
            let start = offset(of: range.start)
            let end = max(start, offset(of: range.end))
            bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
        } else {
            bytes = Array(replacement.utf8)
        }
        index()
    }
}
