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
    ]

    /// All rule descriptions: structure first, then the playbook rules.
    public static let all: [RuleDescription] = structureRules + playbookRules.map { type(of: $0).description }

    public static func rule(_ id: String) -> RuleDescription? {
        all.first { $0.id == id }
    }
}
