import Foundation

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
        switch storage {
        case .bytes(let bytes):
            var collector = LineCollector(wanted)
            bytes.withUnsafeBufferPointer { collector.feed($0) }
            return collector.finish()
        case .lines(let kept):
            return kept.filter { wanted.contains($0.key) }
        }
    }

    public func line(_ number: Int) -> String? {
        lines([number])[number]
    }

    /// The given lines read back from a file, in pieces (never the whole file at once); nil when the
    /// file cannot be read or is no longer what `stamp` recorded.
    static func lines(_ wanted: Set<Int>, ofFileAt path: String, stamp: FileStamp) -> [Int: String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard FileStamp(path) == stamp else { return nil }
        var collector = LineCollector(wanted)
        var read = 0
        while !collector.isDone {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 16) ?? Data()  // nil at the end
            } catch {
                return nil
            }
            if chunk.isEmpty { break }
            read += chunk.count
            chunk.withUnsafeBytes { collector.feed($0.bindMemory(to: UInt8.self)) }
        }
        return collector.isDone || read == stamp.size ? collector.finish() : nil
    }
}

/// What identifies one state of a file cheaply: device, inode, size and modification time. A file whose
/// lines are read back after checking must still have the stamp it had before it was read.
struct FileStamp: Equatable, Sendable {
    let isRegularFile: Bool
    let device: UInt64
    let inode: UInt64
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        isRegularFile = info.st_mode & S_IFMT == S_IFREG
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        #if canImport(Darwin)
        seconds = Int(info.st_mtimespec.tv_sec)
        nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}

/// Collects the text of wanted lines from bytes given in one or more pieces. A line ends at LF, CR or
/// CR LF (as YAML counts lines); a BOM at the very start is not part of line 1.
struct LineCollector {
    private let wanted: Set<Int>
    private let last: Int
    private var number = 1
    /// The wanted current line's bytes from earlier pieces.
    private var current: [UInt8] = []
    private var result: [Int: String] = [:]
    private var afterCR = false
    /// The first bytes, held until there are three: they may be a BOM.
    private var head: [UInt8]? = []

    init(_ wanted: Set<Int>) {
        self.wanted = wanted
        last = wanted.max() ?? 0
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
        if start != [0xEF, 0xBB, 0xBF] { start.withUnsafeBufferPointer { scan($0) } }
        scan(UnsafeBufferPointer(rebasing: bytes[taken...]))
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var start = 0
        while index < bytes.count, number <= last {
            let byte = bytes[index]
            index += 1
            guard byte == 0x0A || byte == 0x0D else {
                afterCR = false
                continue
            }
            if byte == 0x0A, afterCR {  // the LF of a CR LF: the line ended at the CR
                afterCR = false
                start = index
                continue
            }
            if wanted.contains(number) {
                current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
                result[number] = String(decoding: current, as: UTF8.self)
                current.removeAll(keepingCapacity: true)
            }
            number += 1
            afterCR = byte == 0x0D
            start = index
        }
        if number <= last, wanted.contains(number), start < index {
            current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
    }

    /// The lines found; the last line counts as ended at the end of the bytes.
    mutating func finish() -> [Int: String] {
        if let start = head {  // fewer than three bytes in all
            head = nil
            start.withUnsafeBufferPointer { scan($0) }
        }
        if number <= last, wanted.contains(number) {
            result[number] = String(decoding: current, as: UTF8.self)
            number += 1
        }
        return result
    }
}
