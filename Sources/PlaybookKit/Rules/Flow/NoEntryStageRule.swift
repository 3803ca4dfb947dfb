import PlaybookModel
extension RuleDescription {
    public static let noEntryStage = RuleDescription(
        id: "no-entry-stage",
        defaultSeverity: .error,
        category: .flow,
        summary: "No stage has `kind: entry`, so the playbook never says where leads are created.",
        rationale: """
            Every lead starts somewhere: a form fill, a trial sign-up, an import from an event. Without an \
            entry stage nobody knows which stage new records land in, routing has nothing to start from, and \
            reachability cannot be judged (so stagelint does not also call every stage unreachable).
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages: # <-
              mql:
                name: Marketing Qualified Lead
                exits: [{ to: lost, when: SDR confirmed the company is outside the ICP }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: lost, when: Email domain is on the competitor list }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `no-entry-stage`: the playbook has stages but none of kind `entry`.
public struct NoEntryStageRule: PlaybookRule {
    public static let description = RuleDescription.noEntryStage

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        guard !playbook.stages.isEmpty, context.graph.entryStages.isEmpty, let key = playbook.stagesKey,
              !playbook.stages.contains(where: \.isMalformed) else { return }
        sink.report(Self.description, at: key,
            "no stage has `kind: entry`, so the playbook does not say where new leads are created; "
                + "set `kind: entry` on the stage where leads start (for example '\(playbook.stages[0].id.value)')")
    }
}
