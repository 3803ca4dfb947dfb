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
    /// The stage's id and name as words, for matching stage names against vocabularies.
    var nameWording: Wording { Wording(displayName) }

    /// A sales-accepted or sales-qualified stage: SAL or SQL in its id or name, or "Sales Accepted" /
    /// "Sales Qualified" in its name.
    var isSalesAcceptedOrQualified: Bool {
        let idWords = Wording(id.value.replacingUnderscores())
        let name = nameWording
        return idWords.words.contains("sal") || idWords.words.contains("sql")
            || name.words.contains("sal") || name.words.contains("sql")
            || name.contains("sales accepted") || name.contains("sales qualified")
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

    init(_ text: String, _ lexicon: Lexicon) {
        self.wording = Wording(text)
        self.lexicon = lexicon
    }

    var hedge: String? { lexicon.hedges.firstMatch(in: wording) }
    var event: String? { lexicon.events.firstMatch(in: wording) }
    var hasNumber: Bool { wording.hasNumber || lexicon.numberWords.matches(wording) }
    var person: String? { lexicon.people.firstMatch(in: wording) }
    var mentionsScore: Bool { lexicon.scores.matches(wording) }
    var weakSignal: String? { lexicon.weakSignals.firstMatch(in: wording) }
    var intent: String? { lexicon.intentSignals.firstMatch(in: wording) }
    /// An event that is not a weak signal (a reply, a booking, a submission, a confirmation).
    var strongEvent: String? { lexicon.strongEvents.firstMatch(in: wording) }
    /// An event other than a score moving past a threshold.
    var nonThresholdEvent: String? { lexicon.nonThresholdEvents.firstMatch(in: wording) }

    func mentionsAny(_ phrases: PhraseList) -> String? { phrases.firstMatch(in: wording) }
}
