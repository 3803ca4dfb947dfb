import Foundation

/// The record ids of a history, numbered in the order they first appear: their bytes one after the
/// other and an open-addressing table of numbers, about 30 bytes a record where a dictionary of
/// strings takes 60 to 100 (an 18-character Salesforce id is a heap string of its own).
struct RecordIDs {
    private var bytes: [UInt8] = []
    /// Where each id ends in `bytes`.
    private var ends: [UInt32] = []
    /// Record numbers by hash; -1 for an empty slot. Never more than half full.
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { ends.count }

    /// The largest history the table numbers: 2 billion records, 4 GiB of ids.
    static let limit = (records: Int(Int32.max), bytes: Int(UInt32.max))

    private func range(_ number: Int32) -> Range<Int> {
        let index = Int(number)
        return (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    private static func hash(_ id: UnsafeBufferPointer<UInt8>) -> Int {
        // FNV-1a, 64 bits.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The id's number, a new one when the id is new; nil when the table is full.
    mutating func number(_ id: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(id)
        var mask = slots.count - 1
        var slot = hash & mask
        while true {
            let number = slots[slot]
            if number < 0 { break }
            let stored = range(number)
            if stored.count == id.count, bytes.withUnsafeBufferPointer({ all in
                guard let base = all.baseAddress, let other = id.baseAddress else { return stored.isEmpty }
                return memcmp(base + stored.lowerBound, other, stored.count) == 0
            }) {
                return number
            }
            slot = (slot + 1) & mask
        }
        guard count < Self.limit.records, bytes.count + id.count <= Self.limit.bytes else { return nil }
        let number = Int32(count)
        bytes.append(contentsOf: id)
        ends.append(UInt32(bytes.count))
        slots[slot] = number
        if count * 2 > slots.count {
            // Twice as many slots, every id placed again.
            slots = [Int32](repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for placed in 0..<Int32(count) {
                let stored = range(placed)
                var at = bytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[stored])) } & mask
                while slots[at] >= 0 { at = (at + 1) & mask }
                slots[at] = placed
            }
        }
        return number
    }

    /// The id of a record, as written (trimmed).
    func id(_ number: Int32) -> String {
        String(decoding: bytes[range(number)], as: UTF8.self)
    }

    /// Whether record `a`'s id comes before record `b`'s, byte by byte.
    func precedes(_ a: Int32, _ b: Int32) -> Bool {
        bytes[range(a)].lexicographicallyPrecedes(bytes[range(b)])
    }
}
