/// Regular expressions that always run in linear time.
///
/// `LinearPattern` is an RE2-style engine: the pattern is parsed to a syntax tree, compiled
/// to a small instruction program, and run by a Pike VM (a Thompson NFA simulation that
/// visits each instruction at most once per input position). Matching therefore costs
/// O(program size × text length) steps, whatever the pattern; there is no backtracking.
/// Text is matched as a sequence of Unicode scalars.
///
/// Supported syntax:
/// - Literals (any scalar); `.` matches any scalar except "\n" (any scalar under `(?s)`).
/// - Escapes: `\n \t \r \f \v`; `\uXXXX`, `\u{...}`, `\xHH`, `\x{...}`; any escaped
///   non-alphanumeric scalar is a literal (`\. \\ \/ \- \( \) \[ \] \{ \} \* \+ \? \| \^ \$` ...).
/// - Sets: `\d \D` (ASCII digits), `\w \W` (ASCII letters, digits, `_`, plus any Unicode
///   letter or decimal digit), `\s \S` (Unicode whitespace), `\p{X}` / `\P{X}` / `\pX` for the
///   general categories L, Lu, Ll, Lt, Lm, Lo, M, N, Nd, P, S, Z.
/// - Classes: `[abc]`, `[^abc]`, ranges `[a-z]`, escapes and sets inside classes; `]` first in
///   a class is literal; `-` first or last is literal.
/// - Anchors: `^` and `$` (start and end of the text; of a line under `(?m)`), `\A`, `\z`,
///   `\b` and `\B` (word boundary, using the `\w` definition of a word scalar).
/// - Groups: `(...)`, `(?:...)`, `(?<name>...)`, `(?P<name>...)` (grouping only, no captures);
///   alternation `|` with empty alternatives allowed.
/// - Quantifiers: `* + ?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy (`*?` ...). A `{` that
///   does not start a valid quantifier is a literal. Counts are at most 1000, and the compiled
///   program at most 20,000 instructions.
/// - Flags: `(?i)` (ignore case), `(?m)` (multiline anchors), `(?s)` (dot matches newline), also
///   combined and negated (`(?i-s)`), either to the end of the enclosing group or scoped
///   (`(?i:...)`).
///
/// Rejected with a ``LinearPattern/SyntaxError``: backreferences (`\1`, `\k<name>`,
/// `(?P=name)`), lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), atomic groups `(?>`, possessive
/// quantifiers (`*+ ++ ?+`), quantifiers with nothing to repeat (including `a**`), unknown
/// escapes and flags, bad ranges, unbalanced brackets, and groups nested more than 100 deep.
public struct LinearPattern: Sendable, Hashable {
    /// Why a pattern could not be compiled, and where.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 0-based offset, in Unicode scalars of the pattern, of where the problem is.
        public let offset: Int
        /// Says what is wrong and what to do about it.
        public let message: String
        public var description: String { message }

        init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }
    }

    /// The pattern as written.
    public let source: String
    /// The program and its literals, behind one reference: a pattern is handed from test to test.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let program: Program
        /// Texts one of which every match contains: a text without any of them is passed over unsearched.
        let required: RequiredLiterals?

        init(program: Program, required: RequiredLiterals?) {
            self.program = program
            self.required = required
        }
    }

    /// Step allowance used by ``matches(_:)``.
    static let defaultBudget = 1_000_000

    public init(_ source: String) throws(SyntaxError) {
        var parser = Parser(source)
        let tree = try parser.parse()
        compiled = Compiled(program: try Compiler.compile(tree), required: RequiredLiterals(tree))
        self.source = source
    }

    /// Unanchored search: true when the pattern matches somewhere in `text` (like JavaScript's `RegExp.test`).
    /// `budget` is a step allowance decreased by the work done (one step per thread per input position, roughly);
    /// returns nil (and leaves budget <= 0) when it runs out before an answer.
    public func matches(_ text: String, budget: inout Int) -> Bool? {
        if let required = compiled.required, required.isMissing(from: text) { return false }
        var search = Search(program: compiled.program, input: Array(text.unicodeScalars), budget: budget)
        let result = search.run()
        budget = search.budget
        return result
    }

    /// The same with a generous default budget (1_000_000 steps); nil when exceeded.
    public func matches(_ text: String) -> Bool? {
        var budget = Self.defaultBudget
        return matches(text, budget: &budget)
    }

    /// Number of compiled instructions (for tests and for bounding work up front).
    public var programSize: Int { compiled.program.instructions.count }

    public static func == (lhs: LinearPattern, rhs: LinearPattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

// MARK: - Required literals

/// Literal texts at least one of which any match of a pattern contains (`sales qualified` in
/// `(?i)\bsales qualified\b`; `MQL`, `SAL`, `SQL` in `\b(MQL|SAL|SQL)\b`), in ASCII. A text
/// that holds none of them cannot match, and is not searched: most texts a house rule tests do not.
struct RequiredLiterals: Sendable {
    /// One byte of a literal: lowercase when case is ignored (then ASCII letters compare without case).
    struct Unit: Sendable {
        let byte: UInt8
        let folded: Bool
    }

    let literals: [[Unit]]
    /// The bytes a literal can begin with (both cases of a letter whose case is ignored).
    private let starts: ASCIISet
    /// The pairs of ASCII bytes a literal can begin with (first byte × 128 + second, as bits; every
    /// second byte for a literal of one byte): a text's bytes are passed over two at a time, and a
    /// literal is compared only where its first two bytes are.
    private let pairs: [UInt64]
    /// The literals' lengths together: a search costs at most this many comparisons per byte of text.
    private let length: Int
    static let maxLiterals = 32
    /// Texts longer than this many bytes per literal byte go to the search (whose work is bounded).
    static let maxComparisons = 4_000_000

    /// Nil when the pattern promises no literal (or one outside ASCII).
    init?(_ tree: Node) {
        guard let literals = Self.required(tree) else { return nil }
        self.init(literals)
    }

    /// Words, one of which must be in a text, ignoring case; nil when one is empty or not ASCII.
    init?(words: [String]) {
        let literals = words.map { word in word.unicodeScalars.compactMap { Self.unit($0, ignoreCase: true) } }
        guard zip(literals, words).allSatisfy({ $0.count == $1.unicodeScalars.count }) else { return nil }
        self.init(literals)
    }

    private init?(_ literals: [[Unit]]) {
        guard !literals.isEmpty, literals.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.literals = literals
        length = literals.reduce(0) { $0 + $1.count }
        var starts = ASCIISet()
        var pairs = [UInt64](repeating: 0, count: 128 * 128 / 64)
        func cases(_ unit: Unit) -> [UInt8] { unit.folded ? [unit.byte, unit.byte - 0x20] : [unit.byte] }
        for literal in literals {
            for first in cases(literal[0]) {
                starts.insert(first)
                for second in literal.count > 1 ? cases(literal[1]) : Array(0..<128) {
                    let bit = Int(first) << 7 | Int(second)
                    pairs[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        self.starts = starts
        self.pairs = pairs
    }

    /// A set of ASCII bytes, as two words of bits.
    struct ASCIISet: Sendable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
        }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }
    }

    /// True when `text` is ASCII and holds none of the literals (false when it holds one, or is not ASCII).
    func isMissing(from text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count <= Self.maxComparisons / length else { return false }
            // One pass: most pairs of bytes begin no literal and are passed over with one bit test.
            return pairs.withUnsafeBufferPointer { pairs in
                guard let last = bytes.last, last < 0x80 else { return false }
                for start in bytes.indices.dropLast() {
                    let byte = bytes[start], next = bytes[start + 1]
                    if byte >= 0x80 || next >= 0x80 { return false }
                    let bit = Int(byte) << 7 | Int(next)
                    if pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0,
                       literals.contains(where: { Self.occurs($0, in: bytes, at: start) }) { return false }
                }
                return !(starts.contains(last) && literals.contains { Self.occurs($0, in: bytes, at: bytes.count - 1) })
            }
        }
    }

    private static func occurs(_ literal: [Unit], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + literal.count <= bytes.count else { return false }
        for index in literal.indices {
            let unit = literal[index]
            var byte = bytes[start + index]
            if unit.folded, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            guard byte == unit.byte else { return false }
        }
        return true
    }

    /// The literals one of which every match of `node` contains; nil when there are none to promise.
    private static func required(_ node: Node) -> [[Unit]]? {
        switch node {
        case .literal(let c, let ignoreCase):
            return unit(c, ignoreCase: ignoreCase).map { [[$0]] }
        case .concat(let items):
            // The best of: each run of literals written one after another, and what each item requires.
            var best: [[Unit]]?
            var run: [Unit] = []
            func consider(_ candidate: [[Unit]]) {
                if best.map({ strength(candidate) > strength($0) }) ?? true { best = candidate }
            }
            for item in items {
                if case .literal(let c, let ignoreCase) = item, let unit = unit(c, ignoreCase: ignoreCase) {
                    run.append(unit)
                    continue
                }
                if !run.isEmpty { consider([run]) }
                run = []
                if let inner = required(item) { consider(inner) }
            }
            if !run.isEmpty { consider([run]) }
            return best
        case .alternate(let branches):
            var all: [[Unit]] = []
            for branch in branches {
                guard let inner = required(branch) else { return nil }
                all += inner
            }
            return all.count <= maxLiterals ? all : nil
        case .repetition(let inner, let min, _):
            return min >= 1 ? required(inner) : nil
        case .empty, .dot, .set, .assertion:
            return nil
        }
    }

    /// How much a set of literals narrows a search: its shortest literal's length, then fewer literals.
    private static func strength(_ literals: [[Unit]]) -> (Int, Int) {
        (literals.map(\.count).min() ?? 0, -literals.count)
    }

    /// A scalar as the search compares it, when that is an ASCII byte.
    private static func unit(_ c: Unicode.Scalar, ignoreCase: Bool) -> Unit? {
        let compared = ignoreCase ? CaseMapping.lower(c) : c
        guard compared.isASCII else { return nil }
        let byte = UInt8(compared.value)
        // Only letters have another case in ASCII.
        let folded = ignoreCase && byte >= 0x61 && byte <= 0x7A
        return Unit(byte: byte, folded: folded)
    }
}

// MARK: - Character predicates

/// A Unicode general category (or group of categories) usable with `\p{...}`.
enum CategoryName: String, Sendable {
    case L, Lu, Ll, Lt, Lm, Lo, M, N, Nd, P, S, Z

    func contains(_ c: Unicode.Scalar) -> Bool {
        let category = c.properties.generalCategory
        switch self {
        case .L: return [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(category)
        case .Lu: return category == .uppercaseLetter
        case .Ll: return category == .lowercaseLetter
        case .Lt: return category == .titlecaseLetter
        case .Lm: return category == .modifierLetter
        case .Lo: return category == .otherLetter
        case .M: return [.nonspacingMark, .spacingMark, .enclosingMark].contains(category)
        case .N: return [.decimalNumber, .letterNumber, .otherNumber].contains(category)
        case .Nd: return category == .decimalNumber
        case .P:
            return [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                    .initialPunctuation, .finalPunctuation, .otherPunctuation].contains(category)
        case .S: return [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol].contains(category)
        case .Z: return [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(category)
        }
    }
}

/// The predefined sets `\d`, `\w`, `\s` and `\p{...}`.
enum BuiltinSet: Sendable {
    case digit, word, space
    case category(CategoryName)

    func contains(_ c: Unicode.Scalar) -> Bool {
        switch self {
        case .digit:
            return c.value >= 0x30 && c.value <= 0x39
        case .word:
            if c.value < 0x80 {
                return c == "_" || (c.value >= 0x30 && c.value <= 0x39) || isASCIILetter(c)
            }
            return CategoryName.L.contains(c) || CategoryName.Nd.contains(c)
        case .space:
            return c.properties.isWhitespace
        case .category(let name):
            return name.contains(c)
        }
    }
}

func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
    (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
}

func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
    isASCIILetter(c) || (c.value >= 0x30 && c.value <= 0x39)
}

/// Simple (one-scalar) case mappings, used by `(?i)`.
enum CaseMapping {
    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 0x80 {
            return c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(UInt8(c.value + 0x20)) : c
        }
        return single(c.properties.lowercaseMapping) ?? c
    }

    static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 0x80 {
            return c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(UInt8(c.value - 0x20)) : c
        }
        return single(c.properties.uppercaseMapping) ?? c
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var scalars = mapping.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first
    }
}

/// One `\d`-like member of a bracketed class, possibly negated (`\D`, `\P{L}`).
struct SetItem: Sendable {
    var set: BuiltinSet
    var negated: Bool
}

/// A bracketed class such as `[^a-z\d]`, or a lone `\w`.
struct CharClass: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var sets: [SetItem] = []
    var negated = false
    /// Under `(?i)`, ranges are also tested with the scalar's lowercase and uppercase mapping.
    var ignoreCase = false

    func contains(_ c: Unicode.Scalar) -> Bool {
        var hit = inRanges(c)
        if !hit && ignoreCase {
            hit = inRanges(CaseMapping.lower(c)) || inRanges(CaseMapping.upper(c))
        }
        if !hit {
            hit = sets.contains { $0.set.contains(c) != $0.negated }
        }
        return hit != negated
    }

    private func inRanges(_ c: Unicode.Scalar) -> Bool {
        ranges.contains { $0.contains(c.value) }
    }
}

// MARK: - Syntax tree

/// A zero-width test made at a position between two scalars.
enum Assertion: Sendable, Equatable {
    case textStart, textEnd, lineStart, lineEnd, wordBoundary, notWordBoundary
}

/// Parsed pattern. Flags are already applied to the leaves.
indirect enum Node {
    case empty
    case literal(Unicode.Scalar, ignoreCase: Bool)
    case dot(matchesNewline: Bool)
    case set(CharClass)
    case assertion(Assertion)
    case concat([Node])
    case alternate([Node])
    case repetition(Node, min: Int, max: Int?)

    var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }

    /// A sequence, with empty parts dropped so that every non-empty node compiles to instructions.
    static func sequence(_ items: [Node]) -> Node {
        let kept = items.filter { !$0.isEmpty }
        switch kept.count {
        case 0: return .empty
        case 1: return kept[0]
        default: return .concat(kept)
        }
    }

    static func repeated(_ node: Node, min: Int, max: Int?) -> Node {
        if node.isEmpty || max == 0 { return .empty }
        if min == 1 && max == 1 { return node }
        return .repetition(node, min: min, max: max)
    }
}

/// Flags in effect while parsing.
struct PatternFlags {
    var ignoreCase = false
    var multiline = false
    var dotAll = false
}

// MARK: - Parser

/// Recursive-descent parser; recursion is bounded by the group nesting limit.
struct Parser {
    typealias SyntaxError = LinearPattern.SyntaxError
    static let maxDepth = 100
    static let maxCount = 1000
    static let linearNote = "patterns run in linear time"

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// Escape results: a single scalar, a set like `\d`, or an assertion like `\b`.
    private enum Escape {
        case scalar(Unicode.Scalar)
        case set(SetItem)
        case assertion(Assertion)
    }

    /// What follows a quantified atom: `{min,max}` ending before `end`.
    private struct Quantifier {
        var min: Int
        var max: Int?
        var end: Int
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let j = index + ahead
        return j < scalars.count ? scalars[j] : nil
    }

    private func error(_ offset: Int, _ message: String) -> SyntaxError {
        SyntaxError(offset: offset, message: message)
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[from..<min(to, scalars.count)])
        return String(s)
    }

    mutating func parse() throws(SyntaxError) -> Node {
        let node = try parseAlternation(flags: PatternFlags(), depth: 0)
        if index < scalars.count {  // only an unmatched ')' stops the top level early
            throw error(index, "unmatched ')': there is no '(' for it to close; remove it or write \\) for a literal parenthesis")
        }
        return node
    }

    /// Parses `a|b|...` up to a `)` or the end. `(?i)` changes flags until the end of this group.
    private mutating func parseAlternation(flags: PatternFlags, depth: Int) throws(SyntaxError) -> Node {
        var flags = flags
        var branches: [Node] = []
        var items: [Node] = []
        while let c = peek(), c != ")" {
            if c == "|" {
                branches.append(Node.sequence(items))
                items = []
                index += 1
                continue
            }
            if quantifier(at: index) != nil {
                throw error(index, "nothing to repeat before '\(c)'; write \\\(c) for a literal '\(c)'")
            }
            if let atom = try parseAtom(c, flags: &flags, depth: depth) {
                items.append(try parseQuantifier(atom))
            }
        }
        branches.append(Node.sequence(items))
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    /// Parses one atom starting at `c`; nil for a flag setting such as `(?i)`.
    private mutating func parseAtom(_ c: Unicode.Scalar, flags: inout PatternFlags, depth: Int) throws(SyntaxError) -> Node? {
        switch c {
        case "(":
            return try parseGroup(flags: &flags, depth: depth)
        case "[":
            return try parseClass(flags: flags)
        case ".":
            index += 1
            return .dot(matchesNewline: flags.dotAll)
        case "^":
            index += 1
            return .assertion(flags.multiline ? .lineStart : .textStart)
        case "$":
            index += 1
            return .assertion(flags.multiline ? .lineEnd : .textEnd)
        case "\\":
            switch try parseEscape() {
            case .scalar(let s): return .literal(s, ignoreCase: flags.ignoreCase)
            case .set(let item): return .set(CharClass(sets: [item]))
            case .assertion(let a): return .assertion(a)
            }
        default:
            index += 1
            return .literal(c, ignoreCase: flags.ignoreCase)
        }
    }

    /// `*`, `+`, `?` or a valid `{n}`, `{n,}`, `{n,m}` at `j`. Counts saturate just above the limit.
    private func quantifier(at j: Int) -> Quantifier? {
        guard j < scalars.count else { return nil }
        switch scalars[j] {
        case "*": return Quantifier(min: 0, max: nil, end: j + 1)
        case "+": return Quantifier(min: 1, max: nil, end: j + 1)
        case "?": return Quantifier(min: 0, max: 1, end: j + 1)
        case "{":
            var k = j + 1
            guard let low = number(&k) else { return nil }
            var high: Int? = low
            if k < scalars.count, scalars[k] == "," {
                k += 1
                high = number(&k)
            }
            guard k < scalars.count, scalars[k] == "}" else { return nil }
            return Quantifier(min: low, max: high, end: k + 1)
        default:
            return nil
        }
    }

    private func number(_ k: inout Int) -> Int? {
        var value: Int?
        while k < scalars.count, scalars[k].value >= 0x30, scalars[k].value <= 0x39 {
            value = min((value ?? 0) * 10 + Int(scalars[k].value - 0x30), Self.maxCount + 1)
            k += 1
        }
        return value
    }

    private mutating func parseQuantifier(_ atom: Node) throws(SyntaxError) -> Node {
        let start = index
        guard let q = quantifier(at: start) else { return atom }
        let written = text(start, q.end)
        if q.min > Self.maxCount || (q.max ?? 0) > Self.maxCount {
            throw error(start, "repetition \(written) is too large: counts may be at most \(Self.maxCount)")
        }
        if let max = q.max, max < q.min {
            throw error(start, "repetition \(written) has its minimum above its maximum; write {\(max),\(q.min)}")
        }
        index = q.end
        if peek() == "?" {
            index += 1  // lazy: same answer for match / no match
        } else if peek() == "+" {
            throw error(start, "possessive quantifiers (\(written)+) are not supported; use \(written) instead")
        }
        if let c = peek(), quantifier(at: index) != nil {
            throw error(index, "nothing to repeat before '\(c)': a quantifier cannot follow \(written); wrap it in (?:...) first, or write \\\(c) for a literal '\(c)'")
        }
        return Node.repeated(atom, min: q.min, max: q.max)
    }

    /// Parses `(...)` and the `(?...)` forms; nil for a flag setting `(?flags)`.
    private mutating func parseGroup(flags: inout PatternFlags, depth: Int) throws(SyntaxError) -> Node? {
        let open = index
        guard depth < Self.maxDepth else {
            throw error(open, "groups are nested more than \(Self.maxDepth) levels deep; simplify the pattern")
        }
        index += 1
        var inner = flags
        if peek() == "?" {
            index += 1
            let unsupported = "\(Self.linearNote); match the text itself instead"
            switch peek() {
            case ":":
                index += 1
            case "=":
                throw error(open, "lookahead (?=...) is not supported: \(unsupported)")
            case "!":
                throw error(open, "negative lookahead (?!...) is not supported: \(unsupported)")
            case ">":
                throw error(open, "atomic groups (?>...) are not supported; use an ordinary group (?:...)")
            case "<":
                if peek(1) == "=" {
                    throw error(open, "lookbehind (?<=...) is not supported: \(unsupported)")
                }
                if peek(1) == "!" {
                    throw error(open, "negative lookbehind (?<!...) is not supported: \(unsupported)")
                }
                index += 1
                try parseGroupName(open: open)
            case "P":
                switch peek(1) {
                case "<":
                    index += 2
                    try parseGroupName(open: open)
                case "=":
                    throw error(open, "backreferences (?P=name) are not supported: \(Self.linearNote); write the alternatives out")
                default:
                    throw error(open, "unknown group syntax (?P; use (?P<name>...) or (?:...)")
                }
            case nil:
                throw error(open, "missing ')' to close the group opened here")
            default:
                if try parseFlags(into: &inner, open: open) {
                    flags = inner  // (?flags): applies to the rest of the enclosing group
                    return nil
                }
            }
        }
        let body = try parseAlternation(flags: inner, depth: depth + 1)
        guard peek() == ")" else {
            throw error(open, "missing ')' to close the group opened here; write \\( for a literal parenthesis")
        }
        index += 1
        return body
    }

    /// Reads `name>` of a named group.
    private mutating func parseGroupName(open: Int) throws(SyntaxError) {
        let nameStart = index
        while let c = peek(), c != ">" {
            guard isASCIIAlphanumeric(c) || c == "_" else {
                throw error(index, "a group name may contain only ASCII letters, digits and '_'")
            }
            index += 1
        }
        guard peek() == ">" else { throw error(open, "missing '>' after the group name") }
        guard index > nameStart else { throw error(open, "empty group name; write (?<name>...) or (?:...)") }
        index += 1
    }

    /// Reads the letters of `(?ims-ims)` or `(?ims-ims:`. Returns true for the first form.
    private mutating func parseFlags(into flags: inout PatternFlags, open: Int) throws(SyntaxError) -> Bool {
        var enable = true
        var sawFlag = false
        var sawMinus = false
        while let c = peek() {
            switch c {
            case "i": flags.ignoreCase = enable
            case "m": flags.multiline = enable
            case "s": flags.dotAll = enable
            case "-":
                guard !sawMinus else { throw error(index, "only one '-' is allowed in a flag group") }
                sawMinus = true
                enable = false
                index += 1
                continue
            case ")", ":":
                guard sawFlag else { throw error(open, "empty flag group; write (?i), (?m), (?s) or (?:...)") }
                index += 1
                return c == ")"
            default:
                if isASCIILetter(c) {
                    throw error(index, "unknown flag '\(c)'; the supported flags are i (ignore case), m (multiline) and s (dot matches newline)")
                }
                throw error(open, "unknown group syntax (?\(c); use (?:...), (?<name>...) or flags like (?i)")
            }
            sawFlag = true
            index += 1
        }
        throw error(open, "missing ')' to close the group opened here")
    }

    /// Parses `[...]`.
    private mutating func parseClass(flags: PatternFlags) throws(SyntaxError) -> Node {
        let open = index
        index += 1
        var cls = CharClass(ignoreCase: flags.ignoreCase)
        if peek() == "^" {
            cls.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let c = peek() else {
                throw error(open, "missing ']' to close the class opened here; write \\[ for a literal '['")
            }
            if c == "]" && !first {
                index += 1
                return .set(cls)
            }
            first = false
            if c == "[" && peek(1) == ":" {
                throw error(index, "POSIX classes like [:alpha:] are not supported; use \\p{L}, \\d, \\w or \\s")
            }
            let start = index
            let low = try parseClassMember()
            if peek() == "-", let after = peek(1), after != "]" {
                guard case .scalar(let a) = low else {
                    throw error(start, "a set like \\d cannot start a range; put '-' first or last in the class for a literal '-'")
                }
                index += 1
                let highStart = index
                guard case .scalar(let b) = try parseClassMember() else {
                    throw error(highStart, "a set like \\d cannot end a range; put '-' first or last in the class for a literal '-'")
                }
                guard a.value <= b.value else {
                    throw error(start, "bad range \(a)-\(b) in class: the start comes after the end; write \(b)-\(a)")
                }
                cls.ranges.append(a.value...b.value)
            } else {
                switch low {
                case .scalar(let a): cls.ranges.append(a.value...a.value)
                case .set(let item): cls.sets.append(item)
                case .assertion: break  // parseClassMember never returns one
                }
            }
        }
    }

    private mutating func parseClassMember() throws(SyntaxError) -> Escape {
        let start = index
        guard let c = peek() else { throw error(start, "missing ']' to close the class") }
        guard c == "\\" else {
            index += 1
            return .scalar(c)
        }
        let escape = try parseEscape()
        if case .assertion = escape {
            throw error(start, "\(text(start, index)) is not allowed inside a class; use it outside the brackets")
        }
        return escape
    }

    /// Parses a backslash escape.
    private mutating func parseEscape() throws(SyntaxError) -> Escape {
        let start = index
        index += 1
        guard let c = peek() else {
            throw error(start, "the pattern ends with a single backslash; write \\\\ for a literal backslash")
        }
        index += 1
        switch c {
        case "n": return .scalar("\n")
        case "t": return .scalar("\t")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "d", "D": return .set(SetItem(set: .digit, negated: c == "D"))
        case "w", "W": return .set(SetItem(set: .word, negated: c == "W"))
        case "s", "S": return .set(SetItem(set: .space, negated: c == "S"))
        case "p", "P": return .set(SetItem(set: .category(try parseCategory(start)), negated: c == "P"))
        case "b": return .assertion(.wordBoundary)
        case "B": return .assertion(.notWordBoundary)
        case "A": return .assertion(.textStart)
        case "z": return .assertion(.textEnd)
        case "u":
            return .scalar(peek() == "{" ? try parseBracedHex(start) : try parseHex(digits: 4, start))
        case "x":
            return .scalar(peek() == "{" ? try parseBracedHex(start) : try parseHex(digits: 2, start))
        case "k":
            throw error(start, "backreferences (\\k<name>) are not supported: \(Self.linearNote); write the alternatives out")
        case "1"..."9":
            throw error(start, "backreferences (\\\(c)) are not supported: \(Self.linearNote); write the alternatives out")
        default:
            if isASCIIAlphanumeric(c) {
                throw error(start, "unknown escape \\\(c); write \\\\\(c) for a backslash followed by '\(c)'")
            }
            return .scalar(c)
        }
    }

    /// Reads `{Name}` or a one-letter name after `\p`.
    private mutating func parseCategory(_ start: Int) throws(SyntaxError) -> CategoryName {
        var name = String.UnicodeScalarView()
        if peek() == "{" {
            index += 1
            while let c = peek(), c != "}" {
                name.append(c)
                index += 1
            }
            guard peek() == "}" else { throw error(start, "missing '}' after \\p{") }
            index += 1
        } else if let c = peek() {
            name.append(c)
            index += 1
        }
        guard let category = CategoryName(rawValue: String(name)) else {
            throw error(start, "unknown Unicode category '\(String(name))'; supported: L, Lu, Ll, Lt, Lm, Lo, M, N, Nd, P, S, Z, written \\p{Lu} or \\pL")
        }
        return category
    }

    private mutating func parseHex(digits: Int, _ start: Int) throws(SyntaxError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let c = peek(), let d = hexValue(c) else {
                throw error(start, "\(text(start, start + 2)) needs exactly \(digits) hex digits (or braces, as in \\x{1F600})")
            }
            value = value * 16 + d
            index += 1
        }
        return try scalar(value, start)
    }

    private mutating func parseBracedHex(_ start: Int) throws(SyntaxError) -> Unicode.Scalar {
        index += 1  // past "{"
        var value: UInt32 = 0
        var count = 0
        while let c = peek(), let d = hexValue(c), count < 8 {
            value = value * 16 + d
            count += 1
            index += 1
        }
        guard count > 0, peek() == "}" else {
            throw error(start, "a braced escape needs 1 to 6 hex digits and a '}', as in \\x{1F600}")
        }
        index += 1
        return try scalar(value, start)
    }

    private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f": return c.value - 0x61 + 10
        case "A"..."F": return c.value - 0x41 + 10
        default: return nil
        }
    }

    private func scalar(_ value: UInt32, _ start: Int) throws(SyntaxError) -> Unicode.Scalar {
        guard let s = Unicode.Scalar(value) else {
            throw error(start, "\(text(start, index)) is not a Unicode scalar (surrogates and values above 10FFFF are not allowed)")
        }
        return s
    }
}

// MARK: - Program

/// One instruction of the compiled program.
enum Instruction: Sendable {
    case scalar(Unicode.Scalar)
    /// Matches scalars whose lowercase mapping is this (already lowercased) scalar.
    case scalarIgnoringCase(Unicode.Scalar)
    case any
    case anyButNewline
    case set(Int)  // index into Program.classes
    case split(Int, Int)
    case jump(Int)
    case assert(Assertion)
    case match
}

/// The compiled form of a pattern.
struct Program: Sendable {
    static let maxInstructions = 20_000
    var instructions: [Instruction] = []
    var classes: [CharClass] = []
    /// True when instruction 0 is `\A` / `^`: new threads only start at position 0.
    var anchoredAtStart = false
    /// The consuming instructions a match can begin with (assertions passed over), when a match
    /// cannot be empty and cannot begin with any scalar at all: a search starts threads only where one
    /// of them accepts the scalar, and jumps over the text between.
    var starts: [Int]?
    /// For ASCII scalars, whether a match may begin with each (bit `c` of the two words).
    var asciiStarts: (low: UInt64, high: UInt64) = (~0, ~0)

    /// Works out `starts` from the instructions.
    mutating func findStarts() {
        var seen = Set<Int>()
        var stack = [0]
        var found: [Int] = []
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted, instructions.indices.contains(pc) else { continue }
            switch instructions[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(contentsOf: [second, first])
            case .assert: stack.append(pc + 1)
            case .match, .any: return
            case .anyButNewline, .scalar, .scalarIgnoringCase, .set: found.append(pc)
            }
        }
        starts = found.isEmpty ? nil : found
        guard !found.isEmpty else { return }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for value in 0..<128 {
            guard let c = Unicode.Scalar(UInt32(value)), found.contains(where: { consumes($0, c) }) else { continue }
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
        asciiStarts = (low, high)
    }

    /// True when a match may begin at a scalar `c`.
    func mayStart(with c: Unicode.Scalar) -> Bool {
        guard let starts else { return true }
        let value = c.value
        if value < 64 { return asciiStarts.low & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiStarts.high & (1 << UInt64(value - 64)) != 0 }
        return starts.contains { consumes($0, c) }
    }

    func consumes(_ pc: Int, _ c: Unicode.Scalar) -> Bool {
        switch instructions[pc] {
        case .scalar(let s): return c == s
        case .scalarIgnoringCase(let s): return CaseMapping.lower(c) == s
        case .any: return true
        case .anyButNewline: return c != "\n"
        case .set(let k): return classes[k].contains(c)
        case .split, .jump, .assert, .match: return false
        }
    }
}

/// Turns a syntax tree into a program, after checking that it stays small.
struct Compiler {
    private var program = Program()
    private static let sizeCap = 1_000_000_000

    static func compile(_ node: Node) throws(LinearPattern.SyntaxError) -> Program {
        let size = add(size(of: node), 1)
        guard size <= Program.maxInstructions else {
            let count = size >= sizeCap ? "over \(sizeCap)" : "\(size)"
            throw LinearPattern.SyntaxError(
                offset: 0,
                message: "the pattern is too large once its repetitions are written out (\(count) instructions, at most \(Program.maxInstructions)); use smaller counts")
        }
        var compiler = Compiler()
        compiler.emit(node)
        compiler.append(.match)
        if case .assert(.textStart)? = compiler.program.instructions.first {
            compiler.program.anchoredAtStart = true
        }
        compiler.program.findStarts()
        return compiler.program
    }

    /// Number of instructions `emit` produces for `node` (saturating at `sizeCap`).
    private static func size(of node: Node) -> Int {
        switch node {
        case .empty:
            return 0
        case .literal, .dot, .set, .assertion:
            return 1
        case .concat(let items):
            return items.reduce(0) { add($0, size(of: $1)) }
        case .alternate(let branches):
            return branches.reduce(2 * (branches.count - 1)) { add($0, size(of: $1)) }
        case .repetition(let child, let min, let max):
            let s = size(of: child)
            guard let max else {
                return min == 0 ? add(s, 2) : add(multiply(min, s), 1)
            }
            return add(multiply(min, s), multiply(max - min, add(s, 1)))
        }
    }

    private static func add(_ a: Int, _ b: Int) -> Int { Swift.min(a + b, sizeCap) }

    private static func multiply(_ a: Int, _ b: Int) -> Int {
        if a == 0 || b == 0 { return 0 }
        return a > sizeCap / b ? sizeCap : Swift.min(a * b, sizeCap)
    }

    private var here: Int { program.instructions.count }

    @discardableResult
    private mutating func append(_ instruction: Instruction) -> Int {
        program.instructions.append(instruction)
        return program.instructions.count - 1
    }

    private mutating func emit(_ node: Node) {
        switch node {
        case .empty:
            break
        case .literal(let c, let ignoreCase):
            append(ignoreCase ? .scalarIgnoringCase(CaseMapping.lower(c)) : .scalar(c))
        case .dot(let matchesNewline):
            append(matchesNewline ? .any : .anyButNewline)
        case .set(let cls):
            program.classes.append(cls)
            append(.set(program.classes.count - 1))
        case .assertion(let a):
            append(.assert(a))
        case .concat(let items):
            for item in items { emit(item) }
        case .alternate(let branches):
            // split L1, next; L1: branch; jump end; next: split ... ; last branch; end:
            var exits: [Int] = []
            for branch in branches.dropLast() {
                let split = append(.split(0, 0))
                emit(branch)
                exits.append(append(.jump(0)))
                program.instructions[split] = .split(split + 1, here)
            }
            if let last = branches.last { emit(last) }
            for exit in exits { program.instructions[exit] = .jump(here) }
        case .repetition(let child, let min, let max):
            emitRepetition(child, min: min, max: max)
        }
    }

    private mutating func emitRepetition(_ child: Node, min: Int, max: Int?) {
        if child.isEmpty { return }
        guard let max else {
            if min == 0 {  // loop: split body, end; body; jump loop
                let loop = append(.split(0, 0))
                emit(child)
                append(.jump(loop))
                program.instructions[loop] = .split(loop + 1, here)
            } else {  // min-1 copies, then body; split body, end
                for _ in 1..<min { emit(child) }
                let body = here
                emit(child)
                append(.split(body, here + 1))
            }
            return
        }
        for _ in 0..<min { emit(child) }
        var skips: [Int] = []
        for _ in min..<max {
            skips.append(append(.split(0, 0)))
            emit(child)
        }
        for skip in skips { program.instructions[skip] = .split(skip + 1, here) }
    }
}

// MARK: - Pike VM

/// One search of a program over a text: a breadth-first simulation of all threads at once.
struct Search {
    let program: Program
    let input: [Unicode.Scalar]
    var budget: Int
    /// `marks[pc] == position` when instruction `pc` was already visited at `position`.
    private var marks: [Int]
    private var current: [Int] = []
    private var next: [Int] = []
    private var stack: [Int] = []

    private enum Outcome { case running, matched, failed, exhausted }

    init(program: Program, input: [Unicode.Scalar], budget: Int) {
        self.program = program
        self.input = input
        self.budget = budget
        self.marks = Array(repeating: -1, count: program.instructions.count)
    }

    /// true on a match, false when none is possible, nil when the budget ran out.
    mutating func run() -> Bool? {
        var position = 0
        var outcome = Outcome.running
        if mayStart(at: 0) { outcome = addThread(0, at: 0) }
        while outcome == .running && position < input.count {
            // No thread alive: the next match can only begin where the pattern's first scalar is.
            if next.isEmpty && !program.anchoredAtStart && program.starts != nil {
                guard let start = (position..<input.count).first(where: { program.mayStart(with: input[$0]) }) else { return false }
                position = start
                outcome = addThread(0, at: position)
                if outcome != .running { break }
            }
            outcome = step(at: position)
            position += 1
        }
        switch outcome {
        case .matched: return true
        case .running, .failed: return false
        case .exhausted: return nil
        }
    }

    /// Advances every thread over `input[position]`, then starts a new thread (unanchored search).
    private mutating func step(at position: Int) -> Outcome {
        swap(&current, &next)
        next.removeAll(keepingCapacity: true)
        if current.isEmpty && program.anchoredAtStart { return .failed }
        let c = input[position]
        let threads = current
        for pc in threads where program.consumes(pc, c) {
            let outcome = addThread(pc + 1, at: position + 1)
            if outcome != .running { return outcome }
        }
        return program.anchoredAtStart || !mayStart(at: position + 1) ? .running : addThread(0, at: position + 1)
    }

    /// A thread may start at `position`: the text's end (for patterns that can match there), or a
    /// scalar a match can begin with.
    private func mayStart(at position: Int) -> Bool {
        guard program.starts != nil else { return true }
        return position < input.count && program.mayStart(with: input[position])
    }

    /// Follows jumps, splits and assertions from `pc` (the epsilon closure) with an explicit
    /// stack, adding the consuming instructions reached to `next`. Each visit costs one step.
    private mutating func addThread(_ pc: Int, at position: Int) -> Outcome {
        stack.append(pc)
        while let pc = stack.popLast() {
            if marks[pc] == position { continue }
            marks[pc] = position
            if budget <= 0 {
                stack.removeAll(keepingCapacity: true)
                return .exhausted
            }
            budget -= 1
            switch program.instructions[pc] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assert(let assertion):
                if holds(assertion, at: position) { stack.append(pc + 1) }
            case .match:
                stack.removeAll(keepingCapacity: true)
                return .matched
            case .scalar, .scalarIgnoringCase, .any, .anyButNewline, .set:
                next.append(pc)
            }
        }
        return .running
    }

    private func holds(_ assertion: Assertion, at position: Int) -> Bool {
        switch assertion {
        case .textStart:
            return position == 0
        case .textEnd:
            return position == input.count
        case .lineStart:
            return position == 0 || input[position - 1] == "\n"
        case .lineEnd:
            return position == input.count || input[position] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && BuiltinSet.word.contains(input[position - 1])
            let after = position < input.count && BuiltinSet.word.contains(input[position])
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}
