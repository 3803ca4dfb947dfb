import YAMLReader

public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding: what is wrong, where, how bad, and under which rule.
public struct Diagnostic: Sendable, Hashable {
    /// The file as the user named it (or as found under a folder they named).
    public var file: String
    public var span: SourceSpan
    public var severity: Severity
    public var rule: String
    /// What is wrong and what to do about it.
    public var message: String
    /// The span's byte range in the file (from the start of the file, BOM included), once the check
    /// has read the lines it is on; nil when they could not be read.
    public var offset: Int?
    public var endOffset: Int?
    /// How to fix it, when that is known (the edits' byte ranges are set with `offset`).
    public var fix: Fix?

    public init(file: String, span: SourceSpan, severity: Severity, rule: String, message: String, fix: Fix? = nil) {
        self.file = file
        self.span = span
        self.severity = severity
        self.rule = rule
        self.message = message
        self.fix = fix
    }

    public var line: Int { span.start.line }
    public var column: Int { span.start.column }

    /// File order: by position, then rule id, then message.
    public static func inFileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.span.start != rhs.span.start { return lhs.span.start < rhs.span.start }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message < rhs.message
    }
}

/// Collects the findings for one file while it is decoded and checked.
public struct DiagnosticSink: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public mutating func report(_ rule: RuleDescription, at span: SourceSpan, _ message: String, fix: Fix? = nil) {
        diagnostics.append(Diagnostic(file: file, span: span, severity: rule.defaultSeverity, rule: rule.id, message: message, fix: fix))
    }

    /// Gives the finding of `rule` at `span` (the last one, when there are several) a fix.
    package mutating func attach(_ fix: Fix, to rule: RuleDescription, at span: SourceSpan) {
        guard let index = diagnostics.lastIndex(where: { $0.rule == rule.id && $0.span == span }) else { return }
        diagnostics[index].fix = fix
    }

    /// Adds findings collected in another sink for the same file.
    package mutating func report(_ collected: [Diagnostic]) {
        diagnostics.append(contentsOf: collected)
    }

    /// The findings in file order, with exact repeats removed (an aliased block decoded twice
    /// reports its problem once).
    public func sorted() -> [Diagnostic] {
        var kept: [Diagnostic] = []
        kept.reserveCapacity(diagnostics.count)
        // Repeats start where the finding they repeat starts: each is looked for among the findings
        // kept at the same place (a handful), not in a set of them all.
        var samePlace = 0
        for diagnostic in diagnostics.sorted(by: Diagnostic.inFileOrder) {
            if let last = kept.last, last.span.start != diagnostic.span.start { samePlace = kept.count }
            let earlier = kept[samePlace...]
            if earlier.contains(diagnostic) { continue }
            // A node has at most one unknown-key or invalid-value finding; the same node reached again
            // through an alias or merge key (with another stage named in the message) is not repeated.
            if diagnostic.rule == RuleDescription.unknownKey.id || diagnostic.rule == RuleDescription.invalidValue.id,
               earlier.contains(where: { $0.rule == diagnostic.rule && $0.span == diagnostic.span }) { continue }
            kept.append(diagnostic)
        }
        return kept
    }
}
