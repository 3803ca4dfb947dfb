import Foundation

/// Reads CSV (RFC 4180) piece by piece: quoted fields with embedded commas, doubled quotes and line
/// ends, CRLF or LF (or CR) line ends, a UTF-8 byte-order mark, blank lines (which are not rows). A
/// row that breaks the format (a quote inside an unquoted field, text after a closing quote, a quote
/// left open at the end of the file) is handed over as malformed with its reason, never dropped.
/// Each row comes with the physical line it starts on.
public struct CSVRows {
    public enum Row {
        case fields([String], line: Int)
        case malformed(reason: String, line: Int)
    }

    private let input: any CSVByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    /// The source of bytes: a file read in pieces, or bytes in memory.
    public init(_ input: any CSVByteSource) {
        self.input = input
    }

    public init(bytes: [UInt8]) {
        self.init(CSVMemorySource(bytes))
    }

    private mutating func refill() -> Bool {
        if position < buffer.count { return true }
        guard !atEnd else { return false }
        buffer = input.nextPiece()
        position = 0
        if buffer.isEmpty { atEnd = true }
        return !buffer.isEmpty
    }

    private mutating func peek() -> UInt8? {
        refill() ? buffer[position] : nil
    }

    private mutating func take() -> UInt8? {
        guard refill() else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Consumes a line end (LF, CRLF or CR) when one is next.
    private mutating func lineEnd(after byte: UInt8) -> Bool {
        if byte == 0x0A { line += 1; return true }
        if byte == 0x0D {
            if peek() == 0x0A { position += 1 }
            line += 1
            return true
        }
        return false
    }

    /// A row read into `rowBytes` and `fieldEnds` (its fields' contents one after the other, quotes
    /// undone), or why it could not be read.
    public enum RawRow {
        case fields(line: Int)
        case malformed(reason: String, line: Int)
    }

    /// The fields of the last row read with `nextRaw()`, one after the other.
    public private(set) var rowBytes: [UInt8] = []
    /// Where each field of the last row ends in `rowBytes`.
    public private(set) var fieldEnds: [Int] = []

    public var fieldCount: Int { fieldEnds.count }

    /// Where field `index` of the last row is in `rowBytes`.
    public func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    /// Field `index` of the last row, as text.
    public func string(_ index: Int) -> String {
        String(decoding: rowBytes[fieldRange(index)], as: UTF8.self)
    }

    /// The next row with its fields as texts, or nil at the end of the input.
    public mutating func next() -> Row? {
        switch nextRaw() {
        case nil: return nil
        case .malformed(let reason, let line)?: return .malformed(reason: reason, line: line)
        case .fields(let line)?: return .fields((0..<fieldCount).map(string), line: line)
        }
    }

    /// The next row, read into `rowBytes` and `fieldEnds` (no text is made of its fields), or nil at the end.
    public mutating func nextRaw() -> RawRow? {
        if !started {
            started = true
            // A UTF-8 byte-order mark before the header.
            if peek() == 0xEF {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                var matched = 0
                while matched < 3, peek() == bom[matched] { position += 1; matched += 1 }
                if matched < 3 { position -= matched }  // not a BOM (the three bytes are in one piece in practice)
            }
        }
        while true {
            guard let first = peek() else { return nil }
            // Blank lines are not rows.
            if first == 0x0A || first == 0x0D {
                position += 1
                _ = lineEnd(after: first)
                continue
            }
            return row()
        }
    }

    private mutating func row() -> RawRow {
        let startLine = line
        rowBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        var fieldStart = 0
        var problem: String?
        var quoted = false  // the current field started with a quote
        var inQuotes = false
        var afterQuote = false  // a quoted field's closing quote was read
        while true {
            // Ordinary bytes up to the next one that means something here are copied as one run.
            if !afterQuote, refill() {
                let start = position
                let end = buffer.withUnsafeBufferPointer { bytes in
                    var end = start
                    while end < bytes.count {
                        let byte = bytes[end]
                        if byte == 0x22 || byte == 0x0A || byte == 0x0D || (byte == 0x2C && !inQuotes) { break }
                        end += 1
                    }
                    return end
                }
                if end > start {
                    rowBytes.append(contentsOf: buffer[start..<end])
                    position = end
                    continue
                }
            }
            guard let byte = take() else { break }
            if inQuotes {
                if byte == 0x22 {
                    if peek() == 0x22 {
                        position += 1
                        rowBytes.append(0x22)
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if byte == 0x0A || (byte == 0x0D && peek() != 0x0A) { line += 1 }
                    rowBytes.append(byte)
                }
                continue
            }
            if byte == 0x2C {
                fieldEnds.append(rowBytes.count)
                fieldStart = rowBytes.count
                quoted = false
                afterQuote = false
                continue
            }
            if lineEnd(after: byte) {
                fieldEnds.append(rowBytes.count)
                return problem.map { .malformed(reason: $0, line: startLine) } ?? .fields(line: startLine)
            }
            if byte == 0x22 {
                if rowBytes.count == fieldStart, !quoted {
                    quoted = true
                    inQuotes = true
                    continue
                }
                problem = problem ?? "a quote inside a field that does not start with one (write it as \"\" in a quoted field)"
            } else if afterQuote {
                problem = problem ?? "text after the closing quote of a field"
            }
            rowBytes.append(byte)
        }
        if inQuotes {
            return .malformed(reason: "a quoted field is not closed before the end of the file", line: startLine)
        }
        fieldEnds.append(rowBytes.count)
        return problem.map { .malformed(reason: $0, line: startLine) } ?? .fields(line: startLine)
    }
}

/// Where CSV bytes come from, one piece at a time (an empty piece at the end).
public protocol CSVByteSource {
    func nextPiece() -> [UInt8]
}

final class CSVMemorySource: CSVByteSource {
    private var bytes: [UInt8]?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func nextPiece() -> [UInt8] {
        defer { bytes = nil }
        return bytes ?? []
    }
}

/// A file read in pieces of 1 MiB: a history of millions of rows is never held whole.
public final class CSVFileSource: CSVByteSource {
    private let handle: FileHandle
    public static let pieceSize = 1 << 20

    public init(path: String) throws(InputError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, reason: access(path, F_OK) == 0 ? "permission denied" : "no such file")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    public func nextPiece() -> [UInt8] {
        guard let data = try? handle.read(upToCount: Self.pieceSize) else { return [] }
        return [UInt8](data)
    }
}
