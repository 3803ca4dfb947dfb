import PlaybookModel
/// A rule that reads a decoded playbook (the structural rules are reported by the decoder
/// itself, while it reads the YAML).
public protocol PlaybookRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ context: RuleContext, into sink: inout DiagnosticSink)
}

/// What a rule gets to look at: the playbook, its stage graph, the vocabulary, and which rules
/// are switched on (so a rule can leave a text to a more precise rule that will report it).
public struct RuleContext: Sendable {
    public let playbook: Playbook
    public let graph: StageGraph
    public let lexicon: Lexicon
    /// Rule ids switched off by configuration.
    public let disabledRules: Set<String>

    /// Every entry rule and exit `when` with what the vocabulary says about it, worked out once
    /// (several rules read each).
    public let ruleTexts: [RuleText]
    /// The playbook's fields (by index in `fields`) that some entry or exit rule names.
    let fieldsNamedInRules: Set<Int>
    /// The playbook's teams and fields as phrases that rule texts may name.
    let phrases: PlaybookPhrases

    public init(playbook: Playbook, graph: StageGraph, lexicon: Lexicon = .builtIn, disabledRules: Set<String> = []) {
        self.playbook = playbook
        self.graph = graph
        self.lexicon = lexicon
        self.disabledRules = disabledRules
        phrases = lexicon.phrases(for: playbook)
        let (texts, fields) = playbook.ruleTexts(lexicon, phrases)
        ruleTexts = texts
        fieldsNamedInRules = Set(fields.lazy.map(Int.init))
    }

    /// The playbook's fields (by index in `fields`) that a text that is not a rule (routing) names.
    func fieldsNamed(in text: String) -> [Int] {
        var fields: [Int32] = []
        _ = TextFacts(text, lexicon: lexicon, playbook: phrases, fields: &fields)
        return fields.map(Int.init)
    }

    public func isEnabled(_ rule: RuleDescription) -> Bool {
        !disabledRules.contains(rule.id)
    }
}
