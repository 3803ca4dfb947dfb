/// Word forms numbered 0, 1, 2… and found by their UTF-8 bytes: an open-addressing table with an
/// FNV-1a hash, so a text's words are looked up without making a String of each or running the
/// standard library's seeded hash. Built once per vocabulary (and once per playbook for its teams
/// and fields), then only read.
struct WordTable: Sendable {
    /// The bytes of every form, one after another; form `n` is `bytes[offsets[n]..<offsets[n + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Form number + 1 in each slot (0: empty); the slot count is a power of two.
    private var slots: [Int32]
    /// Which first bytes any form has: a word starting with another byte is not looked up.
    private var firstBytes: [UInt64] = [0, 0, 0, 0]

    /// Numbers `forms` in order (a repeated form keeps its first number).
    init(_ forms: [String]) {
        var capacity = 16
        while capacity < forms.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        for form in forms where number(of: form) == nil {
            let number = offsets.count - 1
            bytes.append(contentsOf: form.utf8)
            offsets.append(bytes.count)
            if let first = form.utf8.first { firstBytes[Int(first >> 6)] |= 1 << UInt64(first & 63) }
            var slot = Self.hash(form.utf8) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(number + 1)
        }
    }

    var count: Int { offsets.count - 1 }

    /// The form's number, if it is in the table.
    func number(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { number(of: $0) }
    }

    func number(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = word.first, firstBytes[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 else { return nil }
        let mask = slots.count - 1
        var slot = Self.hash(word) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            let start = offsets[number], end = offsets[number + 1]
            if end - start == word.count {
                var same = true
                for offset in 0..<word.count where bytes[start + offset] != word[offset] {
                    same = false
                    break
                }
                if same { return number }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
