import PlaybookModel
extension RuleDescription {
    public static let nurtureWithoutReentry = RuleDescription(
        id: "nurture-without-reentry",
        defaultSeverity: .warning,
        category: .flow,
        summary: "A nurture stage has no exit back to an entry or active stage.",
        rationale: """
            Nurture is a pause, not a grave. The re-entry rule says what brings a parked lead back (a new \
            demo request, a pricing-page visit during a campaign, an activation milestone). Without it, \
            leads that become ready are never noticed and sales repeats discovery from scratch.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - { to: nurture, when: Contact asked to be contacted next quarter }
                  - { to: lost, when: Email domain is on the competitor list }
              nurture: # <-
                name: Nurture
                kind: nurture
                exits: [{ to: lost, when: Contact unsubscribed from all email }]
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
                  - { to: nurture, when: Contact asked to be contacted next quarter }
                  - { to: lost, when: Email domain is on the competitor list }
              nurture:
                name: Nurture
                kind: nurture
                exits:
                  - { to: new_lead, when: Demo request form submitted again }
                  - { to: lost, when: Contact unsubscribed from all email }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `nurture-without-reentry`: a nurture stage that never sends leads back into the funnel.
public struct NurtureWithoutReentryRule: PlaybookRule {
    public static let description = RuleDescription.nurtureWithoutReentry

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let stages = context.playbook.stages
        let graph = context.graph
        for (index, stage) in stages.enumerated() where stage.kind == .nurture && stage.exits?.isEmpty == false && !graph.hasUnknownExit[index] {
            let returns = graph.successors[index].contains { stages[$0].kind == .entry || stages[$0].kind == .active }
            guard !returns else { continue }
            sink.report(Self.description, at: stage.id.span,
                "nurture stage '\(stage.id.value)' has no exit back to an entry or active stage, so leads that become ready "
                    + "are never picked up again; add a re-entry exit that says what brings them back "
                    + "(for example a new demo request)")
        }
    }
}
