import PlaybookModel
extension RuleDescription {
    public static let deadEndStage = RuleDescription(
        id: "dead-end-stage",
        defaultSeverity: .error,
        category: .flow,
        summary: "An entry, active or nurture stage has no exits.",
        rationale: """
            Leads that enter a stage without exits can never move on: they sit there until someone cleans \
            the CRM by hand, and the funnel report shows them as live pipeline. Only `won` and \
            `disqualified` stages end the funnel.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: demo, when: Demo request form submitted }]
              demo: # <-
                name: Demo Scheduled
                entry: Meeting booked on the AE calendar
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: demo, when: Demo request form submitted }]
              demo:
                name: Demo Scheduled
                entry: Meeting booked on the AE calendar
                exits: [{ to: won, when: Account executive created the deal after the demo }]
              won: { name: Opportunity Created, kind: won }
            """,
        ])
}

/// `dead-end-stage`: an entry, active or nurture stage without transitions.
public struct DeadEndStageRule: PlaybookRule {
    public static let description = RuleDescription.deadEndStage

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where stage.isDeadEnd {
            let missing = stage.exits == nil ? "has no `exits`" : "has an empty `exits` list"
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' (\(stage.kind.rawValue)) \(missing), so leads that enter it can never move on; "
                    + "add `exits` to the next stage and to an off-ramp (nurture or disqualified)")
        }
    }
}

extension Stage {
    /// A stage that should have exits (entry, active, nurture) but has none.
    var isDeadEnd: Bool {
        // `exits` written with a value that is not a list was reported as invalid-value already.
        !kind.isTerminal && (exits?.isEmpty ?? (exitsKey == nil))
    }
}
