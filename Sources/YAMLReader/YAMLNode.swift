/// How a scalar was written in the file.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// How a sequence or mapping was written in the file.
public enum CollectionStyle: String, Sendable, Hashable {
    case block, flow
}

/// Identifies a node inside its `YAMLDocument`.
///
/// Nodes live in one flat array (an arena), never as a tree of objects: a deep tree of
/// class instances can overflow the stack when it is torn down, an array cannot.
public struct NodeID: Hashable, Sendable, Comparable {
    /// 32 bits: the node limit keeps a document far below 2³¹ nodes, and a `stages` mapping of
    /// 20,000 stages holds 40,000 ids (its pairs, and the children of the open collections).
    @usableFromInline let stored: Int32
    @inlinable public var index: Int { Int(stored) }
    init(_ index: Int) { stored = Int32(truncatingIfNeeded: index) }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.stored < rhs.stored }
}

/// A key and its value in a mapping, after merge keys (`<<`) have been applied.
public struct YAMLPair: Sendable, Hashable {
    public let key: NodeID
    public let value: NodeID
    /// True when the pair came in through a merge key rather than being written in the mapping.
    public let merged: Bool
}

public enum YAMLContent: Sendable, Hashable {
    case scalar(String, ScalarStyle)
    case sequence([NodeID], CollectionStyle)
    case mapping([YAMLPair], CollectionStyle)
}

/// One node of a YAML document, with the place it was written.
public struct YAMLNode: Sendable, Hashable {
    public let content: YAMLContent
    public let span: SourceSpan
    /// The tag and anchor, which few nodes have: kept out of line so the arena stays small.
    private let marks: Marks?

    private final class Marks: Sendable, Hashable {
        let tag: String?
        let anchor: String?

        init(tag: String?, anchor: String?) {
            self.tag = tag
            self.anchor = anchor
        }

        static func == (lhs: Marks, rhs: Marks) -> Bool { lhs.tag == rhs.tag && lhs.anchor == rhs.anchor }
        func hash(into hasher: inout Hasher) {
            hasher.combine(tag)
            hasher.combine(anchor)
        }
    }

    public init(content: YAMLContent, tag: String?, anchor: String?, span: SourceSpan) {
        self.content = content
        self.span = span
        marks = tag == nil && anchor == nil ? nil : Marks(tag: tag, anchor: anchor)
    }

    /// The tag as libyaml reports it (`tag:yaml.org,2002:str` for `!!str`), when one was written.
    public var tag: String? { marks?.tag }
    /// The anchor name (without `&`) when the node was anchored.
    public var anchor: String? { marks?.anchor }

    public var position: SourcePosition { span.start }

    /// A scalar that stands for null (`~`, `null`, nothing, or tagged `!!null`), found without
    /// resolving numbers.
    public var isNullScalar: Bool {
        guard case .scalar(let text, let style) = content else { return false }
        if let tag { return tag == "tag:yaml.org,2002:null" }
        // Null words are at most 4 bytes: longer texts (nearly all) skip hashing for the set.
        return style == .plain && text.utf8.count <= 4 && ResolvedScalar.nullWords.contains(text)
    }

    @inlinable public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var kindName: String {
        switch content {
        case .scalar: return resolvedScalar.kindName
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The scalar's value resolved as YAML 1.1 does for untagged plain scalars.
    /// Quoted and block scalars are always strings. Collections resolve to `.string("")`.
    public var resolvedScalar: ResolvedScalar {
        guard case .scalar(let text, let style) = content else { return .string("") }
        return ResolvedScalar.resolve(text, style: style, tag: tag)
    }
}

/// The value a scalar stands for.
public enum ResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    public var kindName: String {
        switch self {
        case .null: return "nothing (null)"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        }
    }

    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

    public static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> ResolvedScalar {
        let core = "tag:yaml.org,2002:"
        if let tag {
            switch tag {
            case core + "str": return .string(text)
            case core + "null": return .null
            case core + "bool":
                if trueWords.contains(text) { return .bool(true) }
                if falseWords.contains(text) { return .bool(false) }
                return .string(text)
            case core + "int":
                return parseInt(text).map(ResolvedScalar.int) ?? .string(text)
            case core + "float":
                return parseFloat(text).map(ResolvedScalar.float) ?? .string(text)
            default:
                // "!" (non-specific) or a local tag: take the text as written.
                return .string(text)
            }
        }
        guard style == .plain else { return .string(text) }
        if nullWords.contains(text) { return .null }
        if trueWords.contains(text) && text.count > 1 { return .bool(true) }
        if falseWords.contains(text) && text.count > 1 { return .bool(false) }
        if let int = parseInt(text) { return .int(int) }
        if let float = parseFloat(text) { return .float(float) }
        return .string(text)
    }

    /// Decimal integers with an optional sign and `_` separators, plus 0x / 0o forms.
    static func parseInt(_ text: String) -> Int? {
        // The common case first: a few decimal digits.
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, !body.hasPrefix("_") else { return nil }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if body.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty, digits.count <= 20,
              digits.allSatisfy({ $0.isHexDigit }),
              let value = Int(digits, radix: radix) else { return nil }
        return negative ? -value : value
    }

    static func parseFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let body = text.filter { $0 != "_" }
        guard body.count <= 64,
              body.contains(where: \.isNumber),
              body.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }),
              let first = body.first, first.isNumber || "+-.".contains(first),
              let value = Double(body) else { return nil }
        return value
    }
}

/// The nodes of a document, in the order they were added, kept in chunks of 4,096: the arena
/// never holds more than one chunk it does not use, and never copies itself to grow (an array that
/// doubles kept up to half its room unused, and both buffers while it grew: on a 20,000-stage
/// playbook, a megabyte at the peak of memory).
public struct NodeArena: Sendable {
    @usableFromInline static let chunkShift = 12
    @usableFromInline static let chunkMask = (1 << chunkShift) - 1

    /// Every chunk made so far; those past `count` are empty and kept for reuse (a stage handed over
    /// across a chunk boundary would otherwise free and make a chunk each time).
    @usableFromInline var chunks: [ContiguousArray<YAMLNode>] = []
    public private(set) var count = 0

    init() {}

    @inlinable public subscript(index: Int) -> YAMLNode {
        _read { yield chunks[index >> Self.chunkShift][index & Self.chunkMask] }
    }

    mutating func append(_ node: YAMLNode) {
        let chunk = count >> Self.chunkShift
        if chunk == chunks.count {
            var fresh = ContiguousArray<YAMLNode>()
            // The first chunk grows as nodes come (most documents are small); the others are made whole.
            if chunk > 0 { fresh.reserveCapacity(Self.chunkMask + 1) }
            chunks.append(fresh)
        }
        chunks[chunk].append(node)
        count += 1
    }

    /// Drops the nodes from `index` on.
    mutating func removeAll(from index: Int) {
        while count > index {
            let chunk = (count - 1) >> Self.chunkShift
            let kept = max(index - (chunk << Self.chunkShift), 0)
            chunks[chunk].removeSubrange(kept...)  // keeps the chunk's room
            count = (chunk << Self.chunkShift) + kept
        }
    }
}

/// A parsed YAML document: the node arena and its root.
public struct YAMLDocument: Sendable {
    public let nodes: NodeArena
    public let root: NodeID
    /// Values handed to a `SubtreeConsumer` while reading: the empty collection left in each one's
    /// place, with the number of the hand-over (0 for the first).
    public let detached: DetachedValues
    /// Lines that lie inside multi-line block or quoted scalars (after their first line): they
    /// hold text, so a `#` there is not a comment. Collected while reading, so detached values count.
    public let multilineScalarLines: [ClosedRange<Int>]

    init(nodes: NodeArena, root: NodeID, detached: DetachedValues = DetachedValues(), multilineScalarLines: [ClosedRange<Int>] = []) {
        self.nodes = nodes
        self.root = root
        self.detached = detached
        self.multilineScalarLines = multilineScalarLines
    }

    /// A node, lent in place: reading one of its properties copies only that property. Inlinable,
    /// so the decoder reads the arena directly rather than through a call that copies the node.
    @inlinable public subscript(id: NodeID) -> YAMLNode {
        _read { yield nodes[id.index] }
    }

    /// The pairs of a mapping node, or nil when the node is not a mapping.
    public func pairs(_ id: NodeID) -> [YAMLPair]? {
        if case .mapping(let pairs, _) = self[id].content { return pairs }
        return nil
    }

    /// The items of a sequence node, or nil when the node is not a sequence.
    public func items(_ id: NodeID) -> [NodeID]? {
        if case .sequence(let items, _) = self[id].content { return items }
        return nil
    }
}

extension YAMLNode {
    /// The lines after the first of a multi-line quoted or block scalar, or nil.
    var multilineTextLines: ClosedRange<Int>? {
        guard case .scalar(_, let style) = content, style != .plain else { return nil }
        var last = span.end.line
        if span.end.column == 1 { last -= 1 }  // a block scalar ends at the start of the next line
        let first = span.start.line + 1
        return first <= last ? first...last : nil
    }
}

/// The empty nodes left in the place of values handed to a `SubtreeConsumer`, each with the number
/// of its hand-over. Kept as a sorted list of node indices (nodes are handed over in increasing
/// order), half the memory of a dictionary for a 20,000-stage playbook's stages.
public struct DetachedValues: Sendable {
    private var indices: [Int] = []

    init() {}

    /// Records the next hand-over; `id` is past every node recorded before.
    mutating func append(_ id: NodeID) {
        indices.append(id.index)
    }

    /// The number of the hand-over that left `id`, if it is such a node.
    public subscript(id: NodeID) -> Int? {
        indices.position(ofSorted: id.index)
    }

    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.isEmpty }
}

extension [Int] {
    /// Where `value` is in this array, which is sorted in increasing order (binary search); nil when
    /// it is not there.
    func position(ofSorted value: Int) -> Int? {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value ? low : nil
    }
}
