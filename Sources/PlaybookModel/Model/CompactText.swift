/// The model's free texts (stage names, entry and exit rules, actions…) kept as slices of shared
/// byte blocks rather than as a `String` each.
///
/// A Swift string longer than 15 bytes is an allocation of its own with a 32-byte header, and the
/// allocator rounds it up: a 20,000-stage playbook has 140,000 of them, 11 MiB for 5 MiB of text.
/// A `CompactText` is the same 16 bytes inline as a `String`, and its bytes sit in a block shared
/// with the texts decoded before it. The model's public properties still give `String`s (made when
/// asked for), so rules, generators and the differ read the model as before.
public struct CompactText: Sendable, Hashable, CustomStringConvertible {
    private let block: TextBlock
    private let offset: UInt32
    private let count: UInt32

    /// A text in a block of its own (the model's setters, tests).
    public init(_ string: String) {
        var store = TextStore()
        self = store.store(string)
    }

    fileprivate init(block: TextBlock, offset: Int, count: Int) {
        self.block = block
        self.offset = UInt32(truncatingIfNeeded: offset)
        self.count = UInt32(truncatingIfNeeded: count)
    }

    private var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: block.base + Int(offset), count: Int(count))
    }

    /// The text as a `String` (a new one each time: keep it if it is used more than once).
    public var string: String {
        withExtendedLifetime(block) { String(decoding: bytes, as: UTF8.self) }
    }

    public var description: String { string }

    /// Calls `body` with the text's UTF-8 bytes, in place.
    package func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(block) { try body(bytes) }
    }

    /// Equal when the strings are: the same bytes, or bytes that `String` takes as the same text
    /// (canonically equivalent forms of an accented letter).
    public static func == (lhs: CompactText, rhs: CompactText) -> Bool {
        let sameBytes = withExtendedLifetime((lhs.block, rhs.block)) { lhs.bytes.elementsEqual(rhs.bytes) }
        return sameBytes || lhs.string == rhs.string
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(string)  // as `String` hashes, so that equal texts hash alike
    }
}

/// Bytes of texts, written once by the `TextStore` that made the block, read by the texts that
/// point into it.
private final class TextBlock: @unchecked Sendable {
    // Sendable: a text's bytes are written before the text exists and never again; the store goes on
    // writing past them only while it decodes one playbook, on one thread, before the model is shared.
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        base.deallocate()
    }
}

/// Writes the texts of one playbook into blocks that grow from a few hundred bytes to 64 KiB, so
/// a small playbook takes little and a big one a block per thousand texts or so.
///
/// A value: the decoder of each streamed stage gets the store and gives it back. Only the copy given
/// back may go on storing texts (an empty store, which has no block yet, is free to make).
package struct TextStore {
    private var block: TextBlock?
    /// How much of `block` is written.
    private var used = 0
    private var nextCapacity = 256
    private static let largestBlock = 1 << 16

    package init() {}

    package mutating func store(_ string: String) -> CompactText {
        var string = string
        return string.withUTF8 { utf8 in
            let count = utf8.count
            let (block, offset) = room(for: count)
            if let source = utf8.baseAddress {
                (block.base + offset).update(from: source, count: count)
            }
            return CompactText(block: block, offset: offset, count: count)
        }
    }

    package mutating func store(_ located: Located<String>) -> Located<CompactText> {
        Located(store(located.value), at: located.span)
    }

    /// A block with room for `count` bytes, and where they go in it.
    private mutating func room(for count: Int) -> (TextBlock, Int) {
        if let block, block.capacity - used >= count {
            defer { used += count }
            return (block, used)
        }
        // A text longer than a block gets a block of its own, which does not become the current one
        // (the current block's room is kept for the texts that follow).
        if count > Self.largestBlock { return (TextBlock(capacity: count), 0) }
        let fresh = TextBlock(capacity: max(nextCapacity, count))
        nextCapacity = min(nextCapacity * 2, Self.largestBlock)
        block = fresh
        used = count
        return (fresh, 0)
    }
}

extension Located where Value == CompactText {
    /// The text as a located `String`.
    package var expanded: Located<String> { Located<String>(value.string, at: span) }
}

extension Located where Value == String {
    /// The text in a block of its own (the model's setters; the decoder stores texts in a `TextStore`).
    package var compacted: Located<CompactText> { Located<CompactText>(CompactText(value), at: span) }
}
