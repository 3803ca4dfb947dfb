/// A position in a source file: 1-based line and column, plus the byte offset.
///
/// Columns count Unicode scalar values (characters as libyaml counts them), not bytes,
/// so a position after `Ünïcödé` text is the column a person sees in an editor.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
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
