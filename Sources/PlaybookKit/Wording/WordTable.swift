import PlaybookModel
/// Word forms numbered 0, 1, 2… and found by their UTF-8 bytes: an open-addressing table with an
/// FNV-1a hash, so a text's words are looked up without making a String of each or running the
/// standard library's seeded hash. Built once per vocabulary (and once per playbook for its teams
/// and fields), then only read.
struct WordTable: Sendable {
    /// The bytes of every form, one after another; form `n` is `bytes[offsets[n]..<offsets[n + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int32] = [0]
    /// Form number + 1 in each slot (0: empty); the slot count is a power of two, at least twice the
    /// number of forms.
    private var slots: [Int32]
    /// Which first bytes any form has: a word starting with another byte is not looked up.
    private var firstBytes: [UInt64] = [0, 0, 0, 0]

    /// An empty table, filled with `insert`, with room for `forms` forms of `bytes` bytes in all.
    init(forms: Int = 0, bytes: Int = 0) {
        var capacity = 16
        while capacity < forms * 2 { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        offsets.reserveCapacity(forms + 1)
        self.bytes.reserveCapacity(bytes)
    }

    /// Numbers `forms` in order (a repeated form keeps its first number).
    init(_ forms: [String]) {
        self.init(forms: forms.count)
        for var form in forms {
            form.withUTF8 { _ = insert($0) }
        }
    }

    var count: Int { offsets.count - 1 }

    /// The form's number: the one it has, or the next one, which it gets.
    mutating func insert(_ form: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(form)
        if let number = number(of: form, hash: hash) { return number }
        let number = count
        bytes.append(contentsOf: form)
        offsets.append(Int32(bytes.count))
        if let first = form.first { firstBytes[Int(first >> 6)] |= 1 << UInt64(first & 63) }
        if count * 2 > slots.count {
            // More forms than room was made for: twice the slots, and every form placed again.
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for placed in 0...number {
                place(placed, hash: Self.hash(bytes[Int(offsets[placed])..<Int(offsets[placed + 1])]))
            }
        } else {
            place(number, hash: hash)
        }
        return number
    }

    private mutating func place(_ number: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
    }

    /// The form's number, if it is in the table.
    func number(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { number(of: $0) }
    }

    func number(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = word.first, firstBytes[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 else { return nil }
        return number(of: word, hash: Self.hash(word))
    }

    private func number(of word: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            let start = Int(offsets[number]), end = Int(offsets[number + 1])
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
