import YAMLReader

/// How a finding can be fixed: text edits of the file, and whether the fix is certain.
public struct Fix: Sendable, Hashable {
    public enum Safety: String, Sendable, Hashable {
        /// Certain and meaning-preserving (`exit` → `exits`, `2 days` → `2d`): `check --fix` applies it.
        case safe
        /// A guess (`to: sq` → `sql`, `6 months` → `26w`): applied only with `--unsafe-fixes`.
        case unsafe
    }

    public var safety: Safety
    /// What the fix does, for people ("rename `exit` to `exits`").
    public var description: String
    /// The edits, none overlapping another.
    public var edits: [TextEdit]

    public init(_ safety: Safety, _ description: String, edits: [TextEdit]) {
        self.safety = safety
        self.description = description
        self.edits = edits
    }

    /// True when every edit knows its byte range.
    public var isLocated: Bool { edits.allSatisfy { $0.offset != nil && $0.endOffset != nil } }
}

/// Replace the text of a span with other text.
public struct TextEdit: Sendable, Hashable {
    /// The text replaced, from `start` up to (not including) `end`.
    public var span: SourceSpan
    public var replacement: String
    /// The span in bytes from the start of the file, once the check has read the lines it is on.
    public var offset: Int?
    public var endOffset: Int?

    public init(_ span: SourceSpan, _ replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}
