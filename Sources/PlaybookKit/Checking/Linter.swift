import PlaybookModel
import YAMLReader

/// The outcome of checking one file: its findings (in file order) and, when the file could be
/// decoded, the playbook model.
public struct FileReport: Sendable {
    public let file: String
    public let diagnostics: [Diagnostic]
    public let playbook: Playbook?
    /// The source lines findings are on, for code frames.
    public let source: SourceText

    public init(file: String, diagnostics: [Diagnostic], playbook: Playbook?, source: SourceText) {
        self.file = file
        self.diagnostics = diagnostics
        self.playbook = playbook
        self.source = source
    }
}

/// Reads, decodes and checks playbooks under one configuration. One instance can check many files.
public struct Linter: Sendable {
    public let configuration: Configuration
    public let rules: [any PlaybookRule]
    /// The configuration's vocabulary, compiled once.
    let lexicon: Lexicon

    public init(configuration: Configuration = .default, rules: [any PlaybookRule] = RuleCatalog.playbookRules) {
        self.configuration = configuration
        self.rules = rules
        self.lexicon = configuration.vocabulary == .builtIn ? .builtIn : Lexicon(configuration.vocabulary)
    }

    /// Files of at least this many bytes are read piece by piece as they are parsed, never held whole
    /// in memory beside their model (see `check(path:name:)`); smaller files are read in one go.
    public var readsPiecewiseFrom = 1 << 20

    public var limits: YAMLLimits { configuration.limits }

    /// Checks one playbook's bytes; `file` is the name findings carry.
    public func check(file: String, bytes: [UInt8]) -> FileReport {
        var sink = DiagnosticSink(file: file)
        let (playbook, textLines) = readForChecking(bytes, into: &sink)
        return check(playbook, found: sink, suppressions: Suppressions(source: bytes, textLines: textLines)) {
            SourceText(bytes).linesWithOffsets($0)
        }
    }

    /// Runs the rules on a decoded playbook and finishes its findings; `lines` gives the text of the lines
    /// findings are on, all the report keeps of the source.
    func check(_ playbook: Playbook?, found sink: DiagnosticSink, suppressions: Suppressions,
               lines: (Set<Int>) -> SourceLines) -> FileReport {
        var sink = sink
        let disabled = configuration.disabledRules
        if let playbook, !rules.isEmpty {  // no rules (diff reads versions so): no graph to build
            let context = RuleContext(playbook: playbook, graph: StageGraph(playbook),
                                      lexicon: lexicon, disabledRules: disabled)
            for rule in rules where !disabled.contains(type(of: rule).description.id) {
                rule.check(context, into: &sink)
            }
            if configuration.houseRules.contains(where: { !disabled.contains($0.id) }) {
                let facts = HouseRuleFacts(playbook, graph: context.graph)
                for rule in configuration.houseRules where !disabled.contains(rule.id) { rule.check(facts, into: &sink) }
            }
        }
        var diagnostics = sink.sorted()
        if let playbook {
            // Findings about a stage the decoder could not read are guesses: keep the structural ones and
            // unreachable-stage (which depends on the transitions into the stage, not on the stage itself).
            let malformed = Set(playbook.stages.filter(\.isMalformed).map(\.id.span))
            if !malformed.isEmpty {
                diagnostics.removeAll { diagnostic in
                    malformed.contains(diagnostic.span) && configuration.rule(diagnostic.rule)?.category != .structure
                        && diagnostic.rule != RuleDescription.unreachableStage.id
                }
            }
        }
        diagnostics = finish(diagnostics, file: sink.file, suppressions: suppressions, rulesRan: playbook != nil)
        // The lines findings start and end on: their text for code frames, and where they start for
        // the findings' byte ranges.
        var wanted = Set(diagnostics.flatMap { [$0.span.start.line, $0.span.end.line] })
        for diagnostic in diagnostics { for edit in diagnostic.fix?.edits ?? [] { wanted.formUnion([edit.span.start.line, edit.span.end.line]) } }
        let found = wanted.isEmpty ? SourceLines(text: [:], starts: [:]) : lines(wanted)
        // A file that does not parse is never fixed: none of its findings is fixable.
        let parses = !diagnostics.contains { $0.rule == RuleDescription.yamlSyntax.id }
        for index in diagnostics.indices {
            let span = diagnostics[index].span
            if let start = found.offset(of: span.start) {
                diagnostics[index].offset = start
                diagnostics[index].endOffset = max(start, found.offset(of: span.end) ?? start)
            }
            guard var fix = diagnostics[index].fix else { continue }
            for edit in fix.edits.indices {
                fix.edits[edit].offset = found.offset(of: fix.edits[edit].span.start)
                fix.edits[edit].endOffset = found.offset(of: fix.edits[edit].span.end)
            }
            // A fix is only as good as its byte ranges (a file changed while it was checked has none), and
            // it never replaces a node's anchor, tag or alias, nor a block scalar with its line breaks: the
            // one guard for every fix, the decoder's and the references' alike.
            let keeps = fix.edits.allSatisfy { Self.isPlainText(at: $0.span, in: found) }
            diagnostics[index].fix = parses && keeps && fix.isLocated ? fix : nil
        }
        let starting = Set(diagnostics.map(\.line))
        return FileReport(file: sink.file, diagnostics: diagnostics, playbook: playbook,
                          source: SourceText(lines: found.text.filter { starting.contains($0.key) }))
    }

    /// True when the text an edit replaces does not start with `&` (an anchor), `!` (a tag), `*` (an
    /// alias), `|` or `>` (a block scalar): the decoder's spans of such nodes take those along (an
    /// alias's span is its anchor's), and the model's values (a reference's `Located` span) do not say so.
    static func isPlainText(at span: SourceSpan, in lines: SourceLines) -> Bool {
        guard span.end > span.start, let line = lines.text[span.start.line] else { return true }
        let scalars = line.unicodeScalars
        guard span.start.column - 1 < scalars.count else { return true }
        let first = scalars[scalars.index(scalars.startIndex, offsetBy: span.start.column - 1)]
        return !"&!*|>".unicodeScalars.contains(first)
    }

    /// Applies configured severities (dropping rules that are off) and inline suppressions; `rulesRan`
    /// is false when the file could not be read as a playbook, so no directive can have been needed.
    func finish(_ diagnostics: [Diagnostic], file: String, suppressions: Suppressions, rulesRan: Bool) -> [Diagnostic] {
        let configured: [Diagnostic] = diagnostics.compactMap { diagnostic in
            guard let rule = configuration.rule(diagnostic.rule) else { return diagnostic }
            guard let severity = configuration.severity(of: rule) else { return nil }
            var copy = diagnostic
            copy.severity = severity
            return copy
        }
        guard !suppressions.isEmpty else { return configured }
        return suppressions.apply(
            to: configured, file: file, knownRules: Set(RuleCatalog.all.map(\.id)).union(configuration.everyHouseRule.map(\.id)),
            disabledRules: configuration.disabledRules,
            unusedSeverity: configuration.severity(of: .unusedSuppression), rulesRan: rulesRan
        ).sorted(by: Diagnostic.inFileOrder)
    }

    /// Parses and decodes; keeps of the YAML document only what suppression comments need (the lines
    /// inside multi-line scalars, and only when the file has a directive), so the node tree is freed
    /// before the rules run.
    func readForChecking(_ bytes: [UInt8], into sink: inout DiagnosticSink) -> (Playbook?, [ClosedRange<Int>]) {
        readForChecking(into: &sink, mentionsMarker: { Suppressions.mentionsMarker(bytes) }) { stages in
            YAMLParser.parse(bytes, limits: limits, handingOver: &stages)
        }
    }

    /// The same, with the parse given: `mentionsMarker` is asked once it is done.
    func readForChecking(into sink: inout DiagnosticSink, mentionsMarker: () -> Bool,
                         parse: (inout StreamedStages) -> YAMLParseResult) -> (Playbook?, [ClosedRange<Int>]) {
        let (playbook, textLines) = decode(into: &sink, keeping: nil, parse: parse)
        return (playbook, mentionsMarker() ? textLines : [])
    }

    /// Parses and decodes, reporting YAML and structural findings.
    ///
    /// Stages are decoded while the file is read, so the YAML tree never holds them all at once.
    /// `streamingStages: false` builds the whole tree first and decodes it afterwards: the same
    /// playbook and findings with more memory, kept so tests and the fuzzer can hold the two ways
    /// against each other. Front ends load a `PlaybookDocument` instead; this is for those tests.
    package func read(_ bytes: [UInt8], into sink: inout DiagnosticSink, streamingStages: Bool = true) -> Playbook? {
        readDocument(bytes, into: &sink, streamingStages: streamingStages).playbook
    }

    /// Parses and decodes; also returns the YAML document (when it could be built).
    func readDocument(_ bytes: [UInt8], into sink: inout DiagnosticSink, streamingStages: Bool = true)
        -> (playbook: Playbook?, document: YAMLDocument?) {
        var document: YAMLDocument?
        let (playbook, _) = decode(into: &sink, keeping: { document = $0 }) { stages in
            streamingStages
                ? YAMLParser.parse(bytes, limits: limits, handingOver: &stages) : YAMLParser.parse(bytes, limits: limits)
        }
        return (playbook, document)
    }

    /// Runs the parse (which may hand stages over as they are read) and decodes its document. Returns
    /// the lines inside multi-line scalars (for suppression comments); the document itself goes to
    /// `keep` when there is one (tests), and is otherwise freed as soon as the model is built.
    func decode(
        into sink: inout DiagnosticSink, keeping keep: ((YAMLDocument) -> Void)?,
        parse: (inout StreamedStages) -> YAMLParseResult
    ) -> (playbook: Playbook?, multilineScalarLines: [ClosedRange<Int>]) {
        var stages = StreamedStages(file: sink.file)
        let parsed = parse(&stages)
        for problem in parsed.problems {
            sink.report(Self.rule(for: problem.kind), at: problem.span, problem.message)
        }
        if parsed.isEmpty {
            sink.report(.missingKey, at: .fileStart, PlaybookDecoder.emptyFileMessage)
            return (nil, [])
        }
        guard let document = (consume parsed).document else { return (nil, []) }
        let lines = document.multilineScalarLines
        keep?(document)
        return (PlaybookDecoder.decode(consume document, into: &sink, streamed: stages.handOver(), texts: stages.texts), lines)
    }

    static func rule(for kind: YAMLProblem.Kind) -> RuleDescription {
        switch kind {
        case .syntax, .badAlias, .multipleDocuments: return .yamlSyntax
        case .duplicateKey: return .duplicateKey
        case .badMerge: return .invalidValue
        case .resourceLimit: return .resourceLimit
        }
    }
}
