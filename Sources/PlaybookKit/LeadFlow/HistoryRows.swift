import Foundation

/// The used rows of a history, decoded (record number, time, stage code, reason kind, field bits) and
/// kept as flat columns: 17 bytes a row, plus 8 per 64 tracked fields.
struct HistoryRows {
    var record: [Int32] = []
    var time: [Int64] = []
    var stage: [Int32] = []
    var reason: [UInt8] = []
    var fields: [UInt64] = []
    let words: Int

    init(words: Int) { self.words = words }

    var count: Int { record.count }
    var bytesPerRow: Int { 17 + 8 * words }

    mutating func append(record number: Int32, time at: Int64, stage code: Int32, reason kind: UInt8, fields bits: [UInt64]) {
        record.append(number)
        time.append(at)
        stage.append(code)
        reason.append(kind)
        fields += bits
    }

    mutating func removeAll() {
        record.removeAll(keepingCapacity: true)
        time.removeAll(keepingCapacity: true)
        stage.removeAll(keepingCapacity: true)
        reason.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    /// Row `index` as bytes (little-endian), for a spill file.
    func encode(_ index: Int, into out: inout [UInt8]) {
        withUnsafeBytes(of: record[index].littleEndian) { out += $0 }
        withUnsafeBytes(of: time[index].littleEndian) { out += $0 }
        withUnsafeBytes(of: stage[index].littleEndian) { out += $0 }
        out.append(reason[index])
        for word in fields[index * words..<(index + 1) * words] { withUnsafeBytes(of: word.littleEndian) { out += $0 } }
    }

    /// Appends the rows written by `encode`; false when the bytes are not whole rows.
    mutating func decode(_ bytes: [UInt8]) -> Bool {
        let size = bytesPerRow
        guard bytes.count % size == 0 else { return false }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                record.append(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                time.append(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: Int64.self)))
                stage.append(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)))
                reason.append(raw[offset + 16])
                for word in 0..<words {
                    fields.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 17 + 8 * word, as: UInt64.self)))
                }
                offset += size
            }
        }
        return true
    }

    /// The rows' indices grouped by record (records in `records`, numbered `number / stride`), each
    /// record's rows in time order, ties in the order they were added.
    func byRecord(stride: Int, partition: Int, records: Int) -> (starts: [Int], order: [Int32]) {
        let local = records > partition ? (records - partition + stride - 1) / stride : 0
        var starts = [Int](repeating: 0, count: local + 1)
        for number in record { starts[Int(number) / stride + 1] += 1 }
        for index in 0..<local { starts[index + 1] += starts[index] }
        var next = starts
        var order = [Int32](repeating: 0, count: count)
        for (row, number) in record.enumerated() {
            let slot = Int(number) / stride
            order[next[slot]] = Int32(truncatingIfNeeded: row)
            next[slot] += 1
        }
        for slot in 0..<local where starts[slot + 1] - starts[slot] > 1 {
            order[starts[slot]..<starts[slot + 1]].sort { (time[Int($0)], $0) < (time[Int($1)], $1) }
        }
        return (starts, order)
    }
}

/// Rows spilled to temporary files, split by record (record number modulo `partitions`), so that a
/// history of millions of rows is judged one part at a time and memory grows with its records, not
/// its rows. The files are removed when the spill goes.
final class HistorySpill {
    static let partitions = 32
    /// Bytes gathered per file before they are written.
    static let bufferSize = 1 << 16

    let folder: URL
    private var handles: [FileHandle] = []
    private var buffers: [[UInt8]]
    /// Rows written to each file.
    private(set) var rows: [Int]

    /// A new folder of empty files under the system's temporary folder; nil when it cannot be made.
    init?() {
        let base = FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("stagelint-audit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        buffers = Array(repeating: [], count: Self.partitions)
        rows = Array(repeating: 0, count: Self.partitions)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            for part in 0..<Self.partitions {
                let path = file(part).path
                guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                    try? FileManager.default.removeItem(at: folder)
                    return nil
                }
                handles.append(handle)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }

    deinit {
        for handle in handles { try? handle.close() }
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ part: Int) -> URL { folder.appendingPathComponent("part-\(part).bin") }

    /// Writes the rows, each to its record's file. Throws when the disk will not take them.
    func write(_ store: HistoryRows) throws {
        for index in 0..<store.count {
            let part = Int(store.record[index]) % Self.partitions
            store.encode(index, into: &buffers[part])
            rows[part] += 1
            if buffers[part].count >= Self.bufferSize { try flush(part) }
        }
    }

    private func flush(_ part: Int) throws {
        guard !buffers[part].isEmpty else { return }
        try handles[part].write(contentsOf: buffers[part])
        buffers[part].removeAll(keepingCapacity: true)
    }

    /// The rows of one file, in the order they were written.
    func read(_ part: Int, words: Int) throws -> HistoryRows {
        try flush(part)
        var store = HistoryRows(words: words)
        let bytes = [UInt8](try Data(contentsOf: file(part)))
        guard store.decode(bytes), store.count == rows[part] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file(part).path])
        }
        return store
    }
}
