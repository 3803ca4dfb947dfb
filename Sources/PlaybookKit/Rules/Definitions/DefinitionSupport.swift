import PlaybookModel
/// An entry rule or exit rule, with the stage it belongs to and what the vocabulary says about it.
public struct RuleText: Sendable {
    public enum Place: Sendable {
        /// The item at this index of the stage's entry rule.
        case entry(Int)
        /// The exit at this index of the stage's transitions.
        case exit(Int)
    }

    /// Stage and place in 32 bits each (a 20,000-stage playbook has 80,000 rule texts, kept while the
    /// rules run); all count YAML nodes, which `limits.max-nodes` keeps under 100,000,000. The text
    /// itself is looked up in the playbook (`text(in:)`) rather than kept: half a rule text's size.
    private let stageNumber: Int32
    /// The exit's index for an exit rule; for an entry rule, -1 - the item's index.
    private let placeNumber: Int32
    let facts: TextFacts

    init(stage: Int, place: Place, facts: TextFacts) {
        stageNumber = Int32(truncatingIfNeeded: stage)
        switch place {
        case .entry(let item): placeNumber = -1 - Int32(truncatingIfNeeded: item)
        case .exit(let number): placeNumber = Int32(truncatingIfNeeded: number)
        }
        self.facts = facts
    }

    /// The rule's text, where the playbook it was taken from has it.
    public func text(in playbook: Playbook) -> Located<String>? {
        guard playbook.stages.indices.contains(stage) else { return nil }
        let stage = playbook.stages[stage]
        switch place {
        case .entry(let item):
            return stage.entry?.item(item)
        case .exit(let number):
            return stage.transitions.indices.contains(number) ? stage.transitions[number].when : nil
        }
    }

    /// The index of the stage in `playbook.stages`.
    public var stage: Int { Int(stageNumber) }
    public var place: Place { placeNumber < 0 ? .entry(Int(-1 - placeNumber)) : .exit(Int(placeNumber)) }

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
    /// Every entry rule item and exit `when`, in file order, each with its facts; and the fields
    /// (by index in `fields`) that any of them names.
    func ruleTexts(_ lexicon: Lexicon, _ phrases: PlaybookPhrases) -> (texts: [RuleText], fieldsNamed: Set<Int32>) {
        var fields: [Int32] = []  // each named field once, across all the texts
        var texts: [RuleText] = []
        // Counted first: growing the array by doubling held the old and the new buffer at once, the
        // peak of memory on the largest playbooks.
        texts.reserveCapacity(stages.reduce(0) { count, stage in
            count + (stage.entry?.count ?? 0) + stage.transitions.count(where: \.hasWhen)
        })
        forEachRuleText { stage, entryItem, exit, text in
            let place: RuleText.Place = if let entryItem { .entry(entryItem) } else { .exit(exit ?? 0) }
            texts.append(RuleText(stage: stage, place: place,
                                  facts: TextFacts(text, lexicon: lexicon, playbook: phrases, fields: &fields)))
        }
        return (texts, Set(fields))
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
