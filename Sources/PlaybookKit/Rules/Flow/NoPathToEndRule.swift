import PlaybookModel
extension RuleDescription {
    public static let noPathToEnd = RuleDescription(
        id: "no-path-to-end",
        defaultSeverity: .error,
        category: .flow,
        summary: "From this stage no `won` or `disqualified` stage can be reached.",
        rationale: """
            A lead must always have a way out of the funnel: converted, or disqualified with a reason. \
            Stages that only lead to each other (an MQL that goes to Nurture and back, and nowhere else) \
            trap leads forever, inflate pipeline and hide the real conversion rate. Stages that cannot \
            reach an end only because a later stage is a dead end are not reported again: fix the dead end.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - { to: mql, when: Lead score reaches 60 }
                  - { to: lost, when: Email domain is on the competitor list }
              mql: # <-
                name: Marketing Qualified Lead
                exits: [{ to: nurture, when: SDR rejected the lead as not ready to buy this quarter }]
              nurture: # <-
                name: Nurture
                kind: nurture
                exits: [{ to: mql, when: Demo request form submitted again }]
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
                exits: [{ to: mql, when: Lead score reaches 60 }]
              mql:
                name: Marketing Qualified Lead
                exits:
                  - { to: nurture, when: SDR rejected the lead as not ready to buy this quarter }
                  - { to: lost, when: SDR confirmed the company is outside the ICP }
              nurture:
                name: Nurture
                kind: nurture
                exits: [{ to: mql, when: Demo request form submitted again }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `no-path-to-end`: stages from which no terminal stage is reachable.
public struct NoPathToEndRule: PlaybookRule {
    public static let description = RuleDescription.noPathToEnd

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let stages = context.playbook.stages
        let graph = context.graph
        guard !stages.isEmpty else { return }
        let terminals = stages.indices.filter { stages[$0].kind.isTerminal }
        if terminals.isEmpty {
            sink.report(Self.description, at: context.playbook.stagesKey ?? stages[0].id.span,
                "no stage is `won` or `disqualified`, so no lead can ever leave this funnel; "
                    + "add a `won` stage for converted leads and a `disqualified` stage with coded reasons")
            return
        }
        // A stage that reaches a dead end or an unresolved transition is explained by that finding.
        let explained = terminals + stages.indices.filter {
            stages[$0].isDeadEnd || graph.hasUnknownExit[$0] || stages[$0].isMalformed || stages[$0].exits == nil
        }
        let canEnd = graph.canReach(explained)
        let hasEntries = !graph.entryStages.isEmpty
        for index in stages.indices where !canEnd[index] {
            if hasEntries && !graph.reachable[index] { continue }  // reported as unreachable-stage
            let stage = stages[index]
            sink.report(Self.description, at: stage.id.span,
                "no `won` or `disqualified` stage can be reached from stage '\(stage.id.value)': every path from it "
                    + "loops among stages that never end, so leads that enter it can never leave the funnel; "
                    + "add an exit to a disqualified stage (or onwards to a won stage)")
        }
    }
}
