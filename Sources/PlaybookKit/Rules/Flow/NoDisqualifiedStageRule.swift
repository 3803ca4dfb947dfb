import PlaybookModel
extension RuleDescription {
    public static let noDisqualifiedStage = RuleDescription(
        id: "no-disqualified-stage",
        defaultSeverity: .warning,
        category: .flow,
        summary: "The playbook has no stage of kind `disqualified`.",
        rationale: """
            Disqualification should not mean deleting history. A disqualified stage with coded reasons \
            (budget, wrong use case, competitor chosen) keeps the record, tells marketing what to fix in \
            targeting, and keeps unfit leads out of the pipeline figures.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages: # <-
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: won, when: Account executive created the deal }]
              won: { name: Opportunity Created, kind: won }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - { to: won, when: Account executive created the deal }
                  - { to: lost, when: Email domain is on the competitor list }
              won: { name: Opportunity Created, kind: won }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `no-disqualified-stage`: no stage of kind disqualified.
public struct NoDisqualifiedStageRule: PlaybookRule {
    public static let description = RuleDescription.noDisqualifiedStage

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        guard !playbook.stages.isEmpty, !playbook.stages.contains(where: { $0.kind == .disqualified }) else { return }
        sink.report(Self.description, at: playbook.stagesKey ?? playbook.stages[0].id.span,
            "the playbook has no `disqualified` stage, so leads that are not a fit have nowhere to go but deletion; "
                + "add a stage with `kind: disqualified` and coded `reasons`")
    }
}
