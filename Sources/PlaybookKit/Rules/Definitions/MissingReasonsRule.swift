import PlaybookModel
extension RuleDescription {
    public static let missingReasons = RuleDescription(
        id: "missing-reasons",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A disqualified stage has no coded `reasons`.",
        rationale: """
            Disqualification without a reason loses the most useful thing a rejected lead can teach: \
            why. Coded reasons (no budget, wrong use case, competitor chosen) tell marketing what to fix \
            in targeting and tell sales which leads to revisit.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              lost: # <-
                name: Disqualified
                kind: disqualified
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              lost:
                name: Disqualified
                kind: disqualified
                reasons:
                  no_budget: Budget mismatch
                  competitor: Competitor already selected
            """,
        ])
}

/// `missing-reasons`: a disqualified stage without reason codes.
public struct MissingReasonsRule: PlaybookRule {
    public static let description = RuleDescription.missingReasons

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where stage.kind == .disqualified && !stage.writtenKeys.contains("reasons") {
            sink.report(Self.description, at: stage.id.span,
                "disqualified stage '\(stage.id.value)' has no `reasons`, so nobody learns why leads were rejected; "
                    + "add coded reasons such as `no_budget: Budget mismatch`")
        }
    }
}
