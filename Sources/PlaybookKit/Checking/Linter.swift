import YAMLReader

/// The outcome of checking one file: its findings (in file order) and, when the file could be
/// decoded, the playbook model.
public struct FileReport: Sendable {
    public let file: String
    public let diagnostics: [Diagnostic]
    public let playbook: Playbook?
    /// The source text, for code frames.
    public let source: SourceText
}

/// Reads, decodes and checks playbooks. One instance can check many files.
public struct Linter: Sendable {
    public var limits: YAMLLimits
    public var rules: [any PlaybookRule]

    public init(limits: YAMLLimits = .default, rules: [any PlaybookRule] = RuleCatalog.playbookRules) {
        self.limits = limits
        self.rules = rules
    }

    /// Checks one playbook's bytes; `file` is the name findings carry.
    public func check(file: String, bytes: [UInt8]) -> FileReport {
        var sink = DiagnosticSink(file: file)
        let playbook = read(bytes, into: &sink)
        if let playbook {
            let structural = Set(sink.diagnostics.map(\.rule))
            let context = RuleContext(playbook: playbook, graph: StageGraph(playbook), structuralFindings: structural)
            for rule in rules {
                rule.check(context, into: &sink)
            }
        }
        return FileReport(file: file, diagnostics: sink.sorted(), playbook: playbook, source: SourceText(bytes))
    }

    /// Parses and decodes, reporting YAML and structural findings.
    public func read(_ bytes: [UInt8], into sink: inout DiagnosticSink) -> Playbook? {
        let parsed = YAMLParser.parse(bytes, limits: limits)
        for problem in parsed.problems {
            sink.report(Self.rule(for: problem.kind), at: problem.span, problem.message)
        }
        if parsed.isEmpty {
            sink.report(.missingKey, at: .fileStart, PlaybookDecoder.emptyFileMessage)
            return nil
        }
        guard let document = parsed.document else { return nil }
        return PlaybookDecoder.decode(document, into: &sink)
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
