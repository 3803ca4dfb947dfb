import PlaybookModel
extension RuleDescription {
    public static let missingSLA = RuleDescription(
        id: "missing-sla",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "An active stage entered through a hand-off (from a stage owned by another role) has no `sla`.",
        rationale: """
            Hand-offs are where leads go cold: marketing passes an MQL, and nobody calls for a week. A \
            response SLA (`within` and the expected `action`) at every hand-off makes the receiving team's \
            commitment explicit and measurable. Entry stages may be inventory with no clock, and nurture \
            stages have their follow-up instead.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              sdr: { name: Sales Development, role: sales-development }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                owner: marketing
                exits: [{ to: mql, when: Lead score reaches 60 }]
              mql: # <-
                name: Marketing Qualified Lead
                owner: sdr
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              sdr: { name: Sales Development, role: sales-development }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                owner: marketing
                exits: [{ to: mql, when: Lead score reaches 60 }]
              mql:
                name: Marketing Qualified Lead
                owner: sdr
                sla: { within: 4h, action: First call attempt }
            """,
        ])
}

/// `missing-sla`: a hand-off into an active stage with no response commitment.
public struct MissingSLARule: PlaybookRule {
    public static let description = RuleDescription.missingSLA

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        let stages = playbook.stages
        for (index, stage) in stages.enumerated() where stage.kind == .active && !stage.writtenKeys.contains("sla") {
            guard let role = playbook.ownerRole(stage) else { continue }
            let handoff = context.graph.predecessors[index].first { source in
                playbook.ownerRole(stages[source]).map { $0 != role } ?? false
            }
            guard let handoff else { continue }
            let source = stages[handoff]
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' receives leads from '\(source.id.value)', owned by another team, but has no "
                    + "`sla`; add `sla: { within: 1d, action: … }` with how fast the receiving team acts and what it does")
        }
    }
}
