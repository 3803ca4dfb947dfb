import PlaybookModel
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
        for rule in context.ruleTexts {
            // Routing, assignment and field updates are automation, not a person's confirmation.
            let facts = rule.facts
            guard facts.mentionsScore, !facts.hasStrongEvent, !facts.hasNamedConfirmation,
                  let transition = rule.transition(in: playbook), let text = transition.when,
                  let target = playbook.target(of: transition),
                  playbook.ownerRole(target) == .sales || target.isSalesAcceptedOrQualified else { continue }
            sink.report(Self.description, at: text.span,
                "exit rule of stage '\(playbook.stages[rule.stage].id.value)' hands leads to '\(target.displayName)' on a "
                    + "score alone ('\(text.quoted)'); add a confirmation by a person, such as 'and SDR confirmed "
                    + "budget and timeline on a call'")
        }
    }
}
