import PlaybookModel
extension RuleDescription {
    public static let probabilityOrder = RuleDescription(
        id: "probability-order",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "Along an exit between two active stages, `probability` goes down.",
        rationale: """
            Moving forward in the funnel should make a win more likely, not less; forecasts weight \
            pipeline by these numbers. A later stage with a lower probability than the stage before it \
            is usually a typo or a stage in the wrong place, and it makes the forecast jump backwards \
            when leads progress.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              sql:
                name: Sales Qualified Lead
                probability: 40
                exits:
                  - to: demo # <-
                    when: Demo booked on the AE calendar
              demo:
                name: Demo Scheduled
                probability: 25
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              sql:
                name: Sales Qualified Lead
                probability: 25
                exits:
                  - to: demo
                    when: Demo booked on the AE calendar
                  - to: lost
                    when: AE confirmed there is no budget
              demo:
                name: Demo Scheduled
                probability: 40
              lost:
                name: Closed Lost
                kind: disqualified
                probability: 0
            """,
        ])
}

/// `probability-order`: a forward move between active stages that lowers the win probability.
public struct ProbabilityOrderRule: PlaybookRule {
    public static let description = RuleDescription.probabilityOrder

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        for (index, stage) in playbook.stages.enumerated() where stage.kind == .active {
            guard let from = stage.probability else { continue }
            for transition in stage.transitions {
                // Only forward moves (to a stage later in the funnel order): a lead returned to an
                // earlier stage (a rejection) is expected to lose probability.
                guard let to = transition.to, let targetIndex = playbook.stageIndex[to.value], targetIndex > index else { continue }
                let target = playbook.stages[targetIndex]
                guard target.kind == .active, let lower = target.probability, lower.value < from.value else { continue }
                sink.report(Self.description, at: to.span,
                    "moving from '\(stage.id.value)' (\(Self.percent(from.value))) to '\(target.id.value)' "
                        + "(\(Self.percent(lower.value))) lowers the win probability; a later stage should be at least as "
                        + "likely to win, so fix one of the probabilities or the order of the stages")
            }
        }
    }

    static func percent(_ value: Double) -> String { FormatNode.percent(value) }
}
