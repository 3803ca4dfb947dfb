import PlaybookModel
extension RuleDescription {
    public static let terminalWithExits = RuleDescription(
        id: "terminal-with-exits",
        defaultSeverity: .error,
        category: .flow,
        summary: "A `won` or `disqualified` stage has exits.",
        rationale: """
            `won` and `disqualified` stages end the funnel: conversion reports count a lead that reaches \
            them as done. A terminal stage with exits makes that count wrong. If disqualified leads can come \
            back, model the way back as a `nurture` stage with a re-entry rule, or make the stage `active`.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: lost, when: Email domain is on the competitor list }]
              lost:
                name: Disqualified
                kind: disqualified
                exits: # <-
                  - { to: new_lead, when: Contact submitted a new demo request }
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
              lost:
                name: Disqualified
                kind: disqualified
            """,
        ])
}

/// `terminal-with-exits`: a won or disqualified stage with transitions.
public struct TerminalWithExitsRule: PlaybookRule {
    public static let description = RuleDescription.terminalWithExits

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages where stage.kind.isTerminal && !stage.transitions.isEmpty {
            sink.report(Self.description, at: stage.exitsKey ?? stage.id.span,
                "stage '\(stage.id.value)' is `\(stage.kind.rawValue)`, which ends the funnel, but it has exits; "
                    + "remove the exits, or model the way back as a `nurture` stage with a re-entry rule")
        }
    }
}
