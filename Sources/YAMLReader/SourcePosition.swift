/// A position in a source file: 1-based line and column, plus the byte offset.
///
/// Columns count Unicode scalar values (characters as libyaml counts them), not bytes,
/// so a position after `Ünïcödé` text is the column a person sees in an editor.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored in 32 bits each (files are limited far below 4 GiB), so a span takes 16 bytes: the
    // model keeps one for every value of a playbook.
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The extent of a node in its file: from `start` up to (not including) `end`.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// A span that only marks a place (a caret, no extent).
    public init(at position: SourcePosition) {
        self.start = position
        self.end = position
    }

    public static let fileStart = SourceSpan(at: .start)

    public var description: String { "\(start)-\(end)" }
}
