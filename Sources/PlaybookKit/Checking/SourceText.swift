import PlaybookModel
import Foundation
import YAMLReader

/// A file's text, kept for showing source lines under findings: the whole text, or only the lines
/// the findings are on (what a checked file's report keeps).
public struct SourceText: Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case lines([Int: String])
    }

    private let storage: Storage

    public init(_ bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    /// Only these lines of a file (by 1-based number); other lines read as missing.
    public init(lines: [Int: String]) {
        storage = .lines(lines)
    }

    /// The text of the given 1-based lines, without line breaks (and without a leading BOM),
    /// found in one pass. Invalid UTF-8 shows as replacement characters.
    public func lines(_ wanted: Set<Int>) -> [Int: String] {
        linesWithOffsets(wanted).text
    }

    /// The same, with the byte offset in the file where each line's text starts (known only when
    /// the whole text is kept).
    func linesWithOffsets(_ wanted: Set<Int>) -> SourceLines {
        switch storage {
        case .bytes(let bytes):
            var collector = LineCollector(wanted)
            bytes.withUnsafeBufferPointer { collector.feed($0) }
            return collector.finish()
        case .lines(let kept):
            return SourceLines(text: kept.filter { wanted.contains($0.key) }, starts: [:])
        }
    }

    public func line(_ number: Int) -> String? {
        lines([number])[number]
    }

    /// The given lines read back from a file, in pieces (never the whole file at once); nil when the
    /// file cannot be read or its first `digest.count` bytes are no longer the ones `digest` was made
    /// of (a file touched without being changed still matches).
    static func lines(_ wanted: Set<Int>, ofFileAt path: String, digest: ContentDigest) -> SourceLines? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var collector = LineCollector(wanted)
        var check = ContentDigest()
        while !collector.isDone || check.count < digest.count {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 16) ?? Data()  // nil at the end
            } catch {
                return nil
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                if !collector.isDone { collector.feed(bytes) }
                let unchecked = min(bytes.count, digest.count - check.count)
                if unchecked > 0 { check.add(UnsafeBufferPointer(rebasing: bytes[0..<unchecked])) }
            }
        }
        return check == digest ? collector.finish() : nil
    }
}

/// What a file held when it was read: how many bytes, and their 64-bit FNV-1a hash. Whatever is read
/// from the file again later (lines for code frames, directives) must come from the same bytes.
struct ContentDigest: Equatable, Sendable {
    private(set) var count = 0
    private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

    init() {}

    init(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { add($0) }
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = self.hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        self.hash = hash
        count += bytes.count
    }
}

/// Collects the text of wanted lines from bytes given in one or more pieces. A line ends at LF, CR or
/// CR LF (as YAML counts lines); a BOM at the very start is not part of line 1.
/// Some lines of a file: their text, and the byte offset where each starts in the file.
struct SourceLines: Sendable {
    var text: [Int: String]
    var starts: [Int: Int]

    /// The byte offset of `position`: its line's start plus the UTF-8 length of the characters before
    /// its column (a column past the line's end counts one byte a column); nil when the line is unknown.
    func offset(of position: SourcePosition) -> Int? {
        guard let start = starts[position.line] else { return nil }
        guard let text = text[position.line] else { return position.column == 1 ? start : nil }
        var bytes = 0, column = 1
        for scalar in text.unicodeScalars {
            guard column < position.column else { break }
            bytes += UTF8.width(scalar)
            column += 1
        }
        return start + bytes + max(0, position.column - column)
    }
}

struct LineCollector {
    /// The wanted lines in order, and the first of them not passed yet (lines are read in order: no
    /// set is asked at every line end).
    private let wanted: [Int]
    private var nextWanted = 0
    private let last: Int
    private var number = 1
    /// Bytes of the file before the piece being scanned, and where the current line starts.
    private var base = 0
    private var lineStart = 0
    private var starts: [Int: Int] = [:]
    /// The wanted current line's bytes from earlier pieces.
    private var current: [UInt8] = []
    private var result: [Int: String] = [:]
    private var afterCR = false
    /// The first bytes, held until there are three: they may be a BOM.
    private var head: [UInt8]? = []

    init(_ wanted: Set<Int>) {
        self.wanted = wanted.sorted()
        last = self.wanted.last ?? 0
    }

    /// Whether line `number` is wanted; asked with numbers that never go down.
    private mutating func isWanted(_ number: Int) -> Bool {
        while nextWanted < wanted.count, wanted[nextWanted] < number { nextWanted += 1 }
        return nextWanted < wanted.count && wanted[nextWanted] == number
    }

    /// Every wanted line is complete.
    var isDone: Bool { number > last }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var start = head else { return scan(bytes) }
        let taken = min(3 - start.count, bytes.count)
        start += UnsafeBufferPointer(rebasing: bytes[0..<taken])
        guard start.count == 3 else {
            head = start
            return
        }
        head = nil
        if start != [0xEF, 0xBB, 0xBF] {
            start.withUnsafeBufferPointer { scan($0) }
        } else {
            base = 3  // line 1's text starts after the BOM
            lineStart = 3
        }
        scan(UnsafeBufferPointer(rebasing: bytes[taken...]))
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !afterCR, let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil {
            return scanLF(bytes)
        }
        var index = 0
        var start = 0
        while index < bytes.count, number <= last {
            if bytes[index] > 0x0D {
                // Most bytes end no line: passed over in a loop of their own.
                afterCR = false
                index += 1
                while index < bytes.count, bytes[index] > 0x0D { index += 1 }
                continue
            }
            let byte = bytes[index]
            index += 1
            guard byte == 0x0A || byte == 0x0D else {
                afterCR = false
                continue
            }
            if byte == 0x0A, afterCR {  // the LF of a CR LF: the line ended at the CR
                afterCR = false
                start = index
                lineStart = base + index
                continue
            }
            endLine(UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
            afterCR = byte == 0x0D
            start = index
            lineStart = base + index
        }
        keepUnended(bytes, from: start, to: index)
    }

    /// The same for bytes without a CR (most files): lines end at LF only, found with `memchr`.
    private mutating func scanLF(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count, number <= last {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { break }
            let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            endLine(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end + 1
            lineStart = self.base + start
        }
        keepUnended(bytes, from: start, to: bytes.count)
    }

    /// Line `number` ended; `tail` is its text in the piece being scanned (earlier pieces' part is in
    /// `current`). Kept when the line is wanted.
    private mutating func endLine(_ tail: UnsafeBufferPointer<UInt8>) {
        if isWanted(number) {
            current.append(contentsOf: tail)
            result[number] = String(decoding: current, as: UTF8.self)
            starts[number] = lineStart
            current.removeAll(keepingCapacity: true)
        }
        number += 1
    }

    /// The piece ended inside a line: its bytes from `start` up to `end` are kept for the next piece when
    /// the line is wanted.
    private mutating func keepUnended(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if number <= last, isWanted(number), start < end {
            current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        base += bytes.count
    }

    /// The lines found, with where each starts; the last line counts as ended at the end of the bytes.
    mutating func finish() -> SourceLines {
        if let start = head {  // fewer than three bytes in all
            head = nil
            start.withUnsafeBufferPointer { scan($0) }
        }
        if number <= last { endLine(UnsafeBufferPointer(start: nil, count: 0)) }
        return SourceLines(text: result, starts: starts)
    }
}
