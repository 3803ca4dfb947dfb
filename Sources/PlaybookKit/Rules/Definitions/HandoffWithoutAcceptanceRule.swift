import PlaybookModel
extension RuleDescription {
    public static let handoffWithoutAcceptance = RuleDescription(
        id: "handoff-without-acceptance",
        defaultSeverity: .info,
        category: .definitions,
        summary: "A marketing → sales hand-off whose target stage has no way back to marketing or nurture, so sales cannot reject the lead.",
        rationale: """
            A hand-off is an agreement, not a dump: sales reviews what marketing sends and accepts it or \
            returns it with a reason (the SAL checkpoint). If the receiving stage has no exit back to a \
            marketing-owned or nurture stage, rejected leads have nowhere to go but disqualification, and \
            marketing never hears why they were not ready.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: marketing
                exits: [{ to: sal, when: Lead score reaches 60 and SDR accepted the lead }]
              sal: # <-
                name: Sales Accepted Lead
                owner: sdr
                exits: [{ to: lost, when: SDR confirmed the company is outside the ICP }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: marketing
                exits: [{ to: sal, when: Lead score reaches 60 and SDR accepted the lead }]
              sal:
                name: Sales Accepted Lead
                owner: sdr
                exits:
                  - { to: nurture, when: SDR rejected the lead with a reason code }
                  - { to: lost, when: SDR confirmed the company is outside the ICP }
              nurture: { name: Nurture, kind: nurture, owner: marketing }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `handoff-without-acceptance`: marketing hands leads to sales with no way for sales to return them.
public struct HandoffWithoutAcceptanceRule: PlaybookRule {
    public static let description = RuleDescription.handoffWithoutAcceptance

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        let stages = playbook.stages
        for (index, stage) in stages.enumerated() where stage.kind == .active || stage.kind == .entry {
            guard let role = playbook.ownerRole(stage), role == .sales || role == .salesDevelopment else { continue }
            guard let source = context.graph.predecessors[index].first(where: { playbook.ownerRole(stages[$0]) == .marketing }) else { continue }
            let canReturn = context.graph.successors[index].contains { next in
                stages[next].kind == .nurture || playbook.ownerRole(stages[next]) == .marketing
            }
            guard !canReturn else { continue }
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' receives leads from marketing ('\(stages[source].id.value)') but has no exit back "
                    + "to a marketing-owned or nurture stage, so sales cannot reject a lead; add an exit such as "
                    + "'SDR rejected the lead with a reason code' to nurture")
        }
    }
}
