import PlaybookModel
extension RuleDescription {
    public static let vagueRule = RuleDescription(
        id: "vague-rule",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "An entry or exit rule that hedges or judges without a test (\"seems interested\", \"good fit\", \"TBD\").",
        rationale: """
            Entry and exit rules should be objective and easy to audit: "Demo request form submitted", \
            "SDR confirmed use case and timeline on a call". A rule that hedges ("seems", "probably") or \
            judges ("good fit", "when ready") means every rep applies it differently, so stage counts, \
            SLAs and conversion rates cannot be trusted. "TBD", "N/A" and "etc." are definitions not yet \
            written. Extend or trim the word list with `vocabulary` in `.stagelint.yml`.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - to: mql
                    when: Lead seems interested # <-
                  - to: sql
                    when: Good fit # <-
              mql:
                name: Marketing Qualified Lead
                entry: TBD # <-
              sql:
                name: Sales Qualified Lead
                entry: When they are ready # <-
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
                  - to: mql
                    when: Demo requested
                  - to: sql
                    when: Sales confirmed account fit
              mql:
                name: Marketing Qualified Lead
                entry: Lead score reaches 60
              sql:
                name: Sales Qualified Lead
                entry: Technical discovery completed
            """,
        ])
}

/// `vague-rule`: hedge and judgement words in entry and exit rules.
public struct VagueRuleRule: PlaybookRule {
    public static let description = RuleDescription.vagueRule

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for rule in context.ruleTexts {
            guard let text = rule.text(in: context.playbook),
                  let term = rule.facts.vagueTerm(context.lexicon, in: text.value) else { continue }
            let label = rule.label(in: context.playbook)
            if rule.facts.isRestatement {
                sink.report(Self.description, at: text.span,
                    "\(label) '\(text.quoted)' only restates the move: it says that the lead moves, not when; write "
                        + "what must have happened first, such as 'Demo request form submitted' or 'SDR confirmed budget "
                        + "and timeline on a call'")
            } else {
                sink.report(Self.description, at: text.span,
                    "\(label) '\(text.quoted)' is vague ('\(term)'): people will apply it differently; "
                        + "write the event, threshold or confirmation that proves it, such as 'Demo request form submitted' "
                        + "or 'SDR confirmed budget and timeline on a call'")
            }
        }
    }
}
