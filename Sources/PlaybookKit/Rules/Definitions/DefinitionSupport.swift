/// An entry rule or exit rule, with the stage it belongs to.
public struct RuleText: Sendable {
    public enum Place: Sendable {
        case entry
        case exit(Transition)
    }

    public let text: Located<String>
    public let stage: Stage
    public let place: Place

    /// "entry rule of stage 'mql'" / "exit rule of stage 'mql' (to 'sql')".
    public var label: String {
        switch place {
        case .entry: return "entry rule of stage '\(stage.id.value)'"
        case .exit(let transition): return "exit rule of stage '\(stage.id.value)' (to '\(transition.to?.value ?? "?")')"
        }
    }
}

extension Playbook {
    /// Every entry rule item and exit `when`, in file order.
    public var ruleTexts: [RuleText] {
        var texts: [RuleText] = []
        for stage in stages {
            for item in stage.entry?.items ?? [] {
                texts.append(RuleText(text: item, stage: stage, place: .entry))
            }
            for transition in stage.transitions {
                if let when = transition.when {
                    texts.append(RuleText(text: when, stage: stage, place: .exit(transition)))
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
        let words = Wording.split(id.value.replacingUnderscores()) + Wording.split(displayName)
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

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}

/// What the vocabularies say about one rule text.
struct RuleTextFacts {
    let wording: Wording
    let lexicon: Lexicon
    /// The playbook's own teams (ids and names), who count as named people.
    let teams: PhraseList?

    init(_ wording: Wording, _ lexicon: Lexicon, teams: PhraseList? = nil) {
        self.wording = wording
        self.lexicon = lexicon
        self.teams = teams
    }

    /// A hedge or placeholder: vague whoever says it.
    var hedge: String? { lexicon.hedges.firstMatch(in: wording) }
    /// A judgement ("good fit", "not ready"): vague unless a named person confirms or records it.
    var judgement: String? { lexicon.judgements.firstMatch(in: wording) }
    /// What makes the rule vague, if anything.
    var vagueTerm: String? { hedge ?? (hasNamedConfirmation ? nil : judgement) }

    var event: String? { lexicon.events.firstMatch(in: wording) }
    var hasNumber: Bool { wording.hasNumber || lexicon.numberWords.matches(wording) }
    var person: String? { lexicon.people.firstMatch(in: wording) ?? teams?.firstMatch(in: wording) }
    /// A named person or team together with a verb of confirming or recording ("SDR confirmed…").
    var hasNamedConfirmation: Bool { person != nil && lexicon.confirmations.matches(wording) }
    var mentionsScore: Bool { lexicon.scores.matches(wording) }
    var intent: String? { lexicon.intentSignals.firstMatch(in: wording) }
    /// An event that is neither a weak signal nor automation (a reply, a booking, a submission).
    var strongEvent: String? { lexicon.strongEvents.firstMatch(in: wording) }

    /// An open, click or view of an email, link or page that is not negated ("no email opened").
    var weakSignal: String? {
        guard wording.words.contains(where: lexicon.weakObjectForms.contains) else { return nil }
        for (index, word) in wording.words.enumerated() where lexicon.weakForms.contains(word) {
            let before = wording.words[max(0, index - 2)..<index]
            if before.contains(where: lexicon.negations.contains) { continue }
            return word
        }
        return nil
    }

    func mentionsAny(_ phrases: PhraseList) -> String? { phrases.firstMatch(in: wording) }
}

extension Playbook {
    /// The playbook's team ids and names, as phrases.
    var teamPhrases: PhraseList {
        PhraseList(teams.flatMap { [$0.id.value.replacingUnderscores()] + ($0.name.map { [$0.value] } ?? []) })
    }
}
