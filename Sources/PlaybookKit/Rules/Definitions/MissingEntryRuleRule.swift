import PlaybookModel
extension RuleDescription {
    public static let missingEntryRule = RuleDescription(
        id: "missing-entry-rule",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A stage other than an entry stage has no `entry` rule.",
        rationale: """
            The entry rule is the definition of the stage: what is true of every lead in it. Without one, \
            each rep decides for themselves when a lead is an MQL or an SQL, conversion rates stop \
            meaning anything, and the handbook has nothing to say. Entry stages are where leads are \
            created, so their entry is the creation itself.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              sql: # <-
                name: Sales Qualified Lead
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
              sql:
                name: Sales Qualified Lead
                entry: SDR confirmed use case and timeline on a discovery call
            """,
        ])
}

/// `missing-entry-rule`: a non-entry stage without an entry rule.
public struct MissingEntryRuleRule: PlaybookRule {
    public static let description = RuleDescription.missingEntryRule

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where stage.kind != .entry && !stage.writtenKeys.contains("entry") {
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' has no `entry` rule, so nobody can tell which leads belong in it; add `entry:` "
                    + "with the event, threshold or confirmation that is true of every lead that enters")
        }
    }
}
