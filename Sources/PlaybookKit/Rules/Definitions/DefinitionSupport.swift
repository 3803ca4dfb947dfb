/// An entry rule or exit rule, with the stage it belongs to and what the vocabulary says about it.
public struct RuleText: Sendable {
    public enum Place: Sendable {
        case entry
        /// The exit at this index of the stage's transitions.
        case exit(Int)
    }

    public let text: Located<String>
    /// Stage and place in 32 bits each (a 20,000-stage playbook has 80,000 rule texts); both count
    /// YAML nodes, which `limits.max-nodes` keeps under 100,000,000.
    private let stageNumber: Int32
    /// -1 for the entry rule, else the exit's index.
    private let exitNumber: Int32
    let facts: TextFacts

    init(text: Located<String>, stage: Int, place: Place, facts: TextFacts) {
        self.text = text
        stageNumber = Int32(truncatingIfNeeded: stage)
        switch place {
        case .entry: exitNumber = -1
        case .exit(let number): exitNumber = Int32(truncatingIfNeeded: number)
        }
        self.facts = facts
    }

    /// The index of the stage in `playbook.stages`.
    public var stage: Int { Int(stageNumber) }
    public var place: Place { exitNumber < 0 ? .entry : .exit(Int(exitNumber)) }

    /// "entry rule of stage 'mql'" / "exit rule of stage 'mql' (to 'sql')".
    public func label(in playbook: Playbook) -> String {
        let stage = playbook.stages[self.stage]
        switch place {
        case .entry: return "entry rule of stage '\(stage.id.value)'"
        case .exit(let number):
            return "exit rule of stage '\(stage.id.value)' (to '\(stage.transitions[number].to?.value ?? "?")')"
        }
    }

    /// The exit this rule is the `when` of, if it is one.
    public func transition(in playbook: Playbook) -> Transition? {
        guard case .exit(let number) = place else { return nil }
        return playbook.stages[stage].transitions[number]
    }
}

extension Playbook {
    /// Every entry rule item and exit `when`, in file order, each with its facts.
    func ruleTexts(_ lexicon: Lexicon, _ phrases: PlaybookPhrases) -> [RuleText] {
        var texts: [RuleText] = []
        // Counted first: growing the array by doubling held the old and the new buffer at once, the
        // peak of memory on the largest playbooks.
        texts.reserveCapacity(stages.reduce(0) { count, stage in
            count + (stage.entry?.items.count ?? 0) + stage.transitions.count { $0.when != nil }
        })
        for number in stages.indices {
            let stage = stages[number]
            for item in stage.entry?.items ?? [] {
                texts.append(RuleText(text: item, stage: number, place: .entry,
                                      facts: TextFacts(item.value, lexicon: lexicon, playbook: phrases)))
            }
            for (exit, transition) in stage.transitions.enumerated() {
                if let when = transition.when {
                    texts.append(RuleText(text: when, stage: number, place: .exit(exit),
                                          facts: TextFacts(when.value, lexicon: lexicon, playbook: phrases)))
                }
            }
        }
        return texts
    }

    /// The role of the team that owns a stage, when both are declared.
    public func ownerRole(_ stage: Stage) -> TeamRole? {
        guard let owner = stage.owner?.value else { return nil }
        return team(owner)?.role?.value
    }

    /// Stages by id, for following transitions.
    func target(of transition: Transition) -> Stage? {
        transition.to.flatMap { stage($0.value) }
    }
}

extension Stage {
    /// A sales-accepted or sales-qualified stage: SAL or SQL in its id or name, or "Sales Accepted" /
    /// "Sales Qualified" in its name.
    var isSalesAcceptedOrQualified: Bool {
        let words = Wording.split(id.value) + Wording.split(displayName)
        if words.contains("sal") || words.contains("sql") { return true }
        return zip(words, words.dropFirst()).contains { $0 == "sales" && ($1 == "accepted" || $1 == "qualified") }
    }
}

extension Located where Value == String {
    /// The text for a message: white space (a folded block's line breaks) collapsed, long text cut.
    var quoted: String {
        let collapsed = value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.count > 120 ? String(collapsed.prefix(117)) + "…" : collapsed
    }
}
