extension RuleDescription {
    public static let scoreOnlyHandoff = RuleDescription(
        id: "score-only-handoff",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A transition on lead score alone, with no confirmation by a person, into a sales-owned, SAL or SQL stage.",
        rationale: """
            Scoring should support stage entry, not replace qualification. A score threshold into an MQL \
            that sales development then works is normal practice; a score alone into a stage owned by \
            sales, or into a sales-accepted or sales-qualified stage, hands sales leads that nobody has \
            spoken to. Require a person's confirmation (an SDR call, an AE acceptance) or an event for \
            that step.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
              ae: { name: Account Executives, role: sales }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: sdr
                exits:
                  - to: sql
                    when: Lead score reaches 80 # <-
                  - to: deal
                    when: Fit score above 90 # <-
              sql:
                name: Sales Qualified Lead
                owner: sdr
              deal:
                name: Discovery
                owner: ae
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              sdr: { name: Sales Development, role: sales-development }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                owner: marketing
                exits:
                  - to: mql
                    when: Lead score reaches 60
              mql:
                name: Marketing Qualified Lead
                owner: sdr
                exits:
                  - to: sql
                    when: Lead score reaches 80 and SDR confirmed budget on a call
              sql:
                name: Sales Qualified Lead
                owner: sdr
            """,
        ])
}

/// `score-only-handoff`: a score threshold, and nothing else, moves a lead into sales territory.
public struct ScoreOnlyHandoffRule: PlaybookRule {
    public static let description = RuleDescription.scoreOnlyHandoff

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        let teams = context.teamPhrases
        let salesTargets = Set(playbook.stages.filter { playbook.ownerRole($0) == .sales || $0.isSalesAcceptedOrQualified }.map(\.id.value))
        for stage in playbook.stages {
            for transition in stage.transitions {
                guard let when = transition.when, let to = transition.to?.value, salesTargets.contains(to),
                      let target = playbook.stage(to) else { continue }
                // Routing, assignment and field updates are automation, not a person's confirmation.
                let facts = RuleTextFacts(context.wording(when.value), context.lexicon, teams: teams)
                guard facts.mentionsScore, facts.strongEvent == nil, !facts.hasNamedConfirmation else { continue }
                sink.report(Self.description, at: when.span,
                    "exit rule of stage '\(stage.id.value)' hands leads to '\(target.displayName)' on a score alone "
                        + "('\(when.quoted)'); add a confirmation by a person, such as 'and SDR confirmed budget and "
                        + "timeline on a call'")
            }
        }
    }
}
