import PlaybookModel
/// Every rule stagelint knows, in documentation order.
public enum RuleCatalog {
    /// Rules reported by the reader and the decoder while they read a file.
    public static let structureRules: [RuleDescription] = [
        .yamlSyntax, .duplicateKey, .unknownKey, .invalidValue, .missingKey,
        .duplicateStage, .undefinedStage, .undefinedTeam, .undefinedField, .resourceLimit,
    ]

    /// Rules that read a decoded playbook, in the order they run.
    public static let playbookRules: [any PlaybookRule] = [
        NoEntryStageRule(), UnreachableStageRule(), DeadEndStageRule(), NoPathToEndRule(),
        TerminalWithExitsRule(), MissingOffRampRule(), NoDisqualifiedStageRule(), NoNurtureStageRule(),
        NurtureWithoutReentryRule(),
        MissingOwnerRule(), MissingEntryRuleRule(), MissingReasonsRule(), MissingNurturePlanRule(),
        VagueStageNameRule(), StatusAsStageRule(), VagueRuleRule(), UntestableRuleRule(), TimeOnlyExitRule(),
        WeakSignalQualificationRule(), ScoreOnlyHandoffRule(), MissingSLARule(), MissingRequiredFieldsRule(),
        HandoffWithoutAcceptanceRule(), ProbabilityOrderRule(),
        UnusedTeamRule(), UnusedFieldRule(),
    ]

    /// Rules reported while suppression comments are applied.
    public static let suppressionRules: [RuleDescription] = [.unusedSuppression]

    /// All rule descriptions: structure, flow, definitions, hygiene.
    public static let all: [RuleDescription] = {
        let every = structureRules + playbookRules.map { type(of: $0).description } + suppressionRules
        return RuleCategory.allCases.flatMap { category in every.filter { $0.category == category } }
    }()

    private static let byID: [String: RuleDescription] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    public static func rule(_ id: String) -> RuleDescription? {
        byID[id]
    }
}
