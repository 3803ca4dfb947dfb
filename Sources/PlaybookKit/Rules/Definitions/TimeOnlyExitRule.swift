import PlaybookModel
extension RuleDescription {
    public static let timeOnlyExit = RuleDescription(
        id: "time-only-exit",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "An exit rule that is only a time period (\"after 30 days\") with no event or next action.",
        rationale: """
            Exit rules should be tied to what happened or what happens next, not only to a clock. \
            "After 30 days" moves leads nobody looked at and hides why they stalled. Say what the time \
            limit is about ("No reply after 6 attempts over 14 days"), or give the transition an \
            `action` so the move comes with a next step.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              mql:
                name: Marketing Qualified Lead
                exits:
                  - to: nurture
                    when: After 30 days # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              mql:
                name: Marketing Qualified Lead
                exits:
                  - to: nurture
                    when: No reply after 6 call and email attempts over 14 days
                  - to: recycle
                    when: After 90 days in stage
                    action: Owner reviews the lead and records a nurture reason
            """,
        ])
}

/// `time-only-exit`: an exit on a clock alone.
public struct TimeOnlyExitRule: PlaybookRule {
    public static let description = RuleDescription.timeOnlyExit

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for rule in context.ruleTexts where rule.facts.isTimeOnly {
            guard let transition = rule.transition(in: context.playbook), !transition.hasAction,
                  let text = transition.when else { continue }
            sink.report(Self.description, at: text.span,
                "\(rule.label(in: context.playbook)) '\(text.quoted)' is only a time period; say what happened "
                    + "(e.g. 'No reply after 6 attempts over 14 days') or add an `action` with the next step")
        }
    }
}
