import PlaybookModel
extension RuleDescription {
    public static let missingOffRamp = RuleDescription(
        id: "missing-off-ramp",
        defaultSeverity: .warning,
        category: .flow,
        summary: "An entry or active stage has no direct exit to a nurture or disqualified stage.",
        rationale: """
            At every working stage some leads turn out not to be a fit, or not yet. Without a direct way to \
            Nurture or Disqualified they linger in the stage, the CRM looks busy, and the reason they \
            stalled is never recorded. Reported only when the playbook has an off-ramp stage at all; \
            otherwise `no-disqualified-stage` and `no-nurture-stage` say it once.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - { to: sql, when: SDR confirmed use case and timeline on a call }
                  - { to: lost, when: Email domain is on the competitor list }
              sql: # <-
                name: Sales Qualified Lead
                exits: [{ to: won, when: Account executive created the deal }]
              won: { name: Opportunity Created, kind: won }
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
                exits:
                  - { to: sql, when: SDR confirmed use case and timeline on a call }
                  - { to: lost, when: Email domain is on the competitor list }
              sql:
                name: Sales Qualified Lead
                exits:
                  - { to: won, when: Account executive created the deal }
                  - { to: lost, when: Account executive confirmed there is no budget this year }
              won: { name: Opportunity Created, kind: won }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `missing-off-ramp`: an entry or active stage without a direct exit to nurture or disqualified.
public struct MissingOffRampRule: PlaybookRule {
    public static let description = RuleDescription.missingOffRamp

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let stages = context.playbook.stages
        let graph = context.graph
        let offRamps = stages.filter { $0.kind.isOffRamp }
        guard !offRamps.isEmpty else { return }
        let suggestion = offRamps.map { "'\($0.id.value)'" }.prefix(2).joined(separator: " or ")
        for (index, stage) in stages.enumerated() {
            guard stage.kind == .entry || stage.kind == .active, stage.exits?.isEmpty == false, !graph.hasUnknownExit[index] else { continue }
            guard !graph.successors[index].contains(where: { stages[$0].kind.isOffRamp }) else { continue }
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' has no exit to a nurture or disqualified stage, so leads that turn out not to be "
                    + "a fit linger in it; add an exit to \(suggestion) with the rule that sends them there")
        }
    }
}
