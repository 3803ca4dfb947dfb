import PlaybookModel
extension RuleDescription {
    public static let missingOwner = RuleDescription(
        id: "missing-owner",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "An entry, active or nurture stage has no `owner`.",
        rationale: """
            Every working stage needs one accountable team: who calls the MQL, who runs the nurture \
            program. Without an owner, leads in the stage belong to nobody, SLAs have nobody to measure, \
            and hand-offs cannot be seen. Won and disqualified stages end the funnel and need no owner.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql: # <-
                name: Marketing Qualified Lead
                entry: Lead score of 60 or more
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: sdr
                entry: Lead score of 60 or more
              won: { name: Opportunity Created, kind: won }
            """,
        ])
}

/// `missing-owner`: a stage of a working kind without an owner.
public struct MissingOwnerRule: PlaybookRule {
    public static let description = RuleDescription.missingOwner

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where !stage.kind.isTerminal && !stage.writtenKeys.contains("owner") {
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' (\(stage.kind.rawValue)) has no `owner`, so no team is accountable for "
                    + "the leads in it; add `owner:` with a team id")
        }
    }
}
