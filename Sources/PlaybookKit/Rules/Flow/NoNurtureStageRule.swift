import PlaybookModel
extension RuleDescription {
    public static let noNurtureStage = RuleDescription(
        id: "no-nurture-stage",
        defaultSeverity: .warning,
        category: .flow,
        summary: "The playbook has no stage of kind `nurture`.",
        rationale: """
            Some leads are a fit but not ready to buy. A Nurture or "Not Now" stage keeps them in a known \
            workflow with a follow-up date, instead of being disqualified (and lost) or left to go stale in \
            a sales stage where discovery is repeated later.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages: # <-
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: lost, when: Email domain is on the competitor list }]
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
                exits: [{ to: new_lead, when: Demo request form submitted again }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `no-nurture-stage`: no stage of kind nurture.
public struct NoNurtureStageRule: PlaybookRule {
    public static let description = RuleDescription.noNurtureStage

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        guard !playbook.stages.isEmpty, !playbook.stages.contains(where: { $0.kind == .nurture }) else { return }
        sink.report(Self.description, at: playbook.stagesKey ?? playbook.stages[0].id.span,
            "the playbook has no `nurture` stage, so leads that fit but are not ready to buy must be disqualified or left "
                + "to go stale; add a stage with `kind: nurture`, a nurture plan and a re-entry exit")
    }
}
