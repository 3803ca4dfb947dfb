import PlaybookModel
extension RuleDescription {
    public static let missingNurturePlan = RuleDescription(
        id: "missing-nurture-plan",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A nurture stage has no `nurture` plan, or its plan has no `follow_up`.",
        rationale: """
            A nurture stage is a promise to come back. The plan says how often leads are touched \
            (`cadence`), with what (`content`), and when someone looks again (`follow_up`); without a \
            follow-up date, "Not Now" quietly becomes "Never".
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              nurture: # <-
                name: Nurture
                kind: nurture
              not_now:
                name: Not Now
                kind: nurture
                nurture: { cadence: monthly newsletter } # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              nurture:
                name: Nurture
                kind: nurture
                nurture: { cadence: every 2 weeks, content: case studies and ROI guide, follow_up: 90d }
            """,
        ])
}

/// `missing-nurture-plan`: a nurture stage without a plan or without a follow-up.
public struct MissingNurturePlanRule: PlaybookRule {
    public static let description = RuleDescription.missingNurturePlan

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where stage.kind == .nurture {
            if stage.writtenKeys.contains("nurture") && (stage.nurture == nil || stage.nurture?.isEmpty == true) { continue }
            guard let plan = stage.nurture else {
                sink.report(Self.description, at: stage.id.span,
                    "nurture stage '\(stage.id.value)' has no `nurture` plan; add `nurture:` with `cadence`, `content` "
                        + "and `follow_up` (when someone looks at the lead again)")
                continue
            }
            if plan.followUpKey == nil {
                sink.report(Self.description, at: plan.span,
                    "the nurture plan of stage '\(stage.id.value)' has no `follow_up`, so parked leads are never "
                        + "looked at again; add `follow_up:` with a duration such as 90d")
            }
        }
    }
}
