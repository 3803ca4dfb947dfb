import PlaybookModel
extension RuleDescription {
    public static let untestableRule = RuleDescription(
        id: "untestable-rule",
        defaultSeverity: .info,
        category: .definitions,
        summary: "An entry or exit rule with no observable anchor: no event, number, field or named confirmation.",
        rationale: """
            A rule can be audited when it names something a CRM or a person can record: an event \
            ("submitted", "booked", "signed"), a number or threshold, a field of the playbook, or a \
            confirmation by a named team. Without one, automation cannot apply the rule and a reviewer \
            cannot check it. Rules already reported as vague are not reported again.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              mql:
                name: Marketing Qualified Lead
                entry: Account is strategic for the region # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            fields:
              budget: { type: number }
            teams:
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                entry: Pricing page visited 3 times in 7 days
              sql:
                name: Sales Qualified Lead
                entry: Budget known
              sal:
                name: Sales Accepted Lead
                entry: Trial activated, first workflow created and run
            """,
        ])
}

/// `untestable-rule`: a rule that names nothing observable.
public struct UntestableRuleRule: PlaybookRule {
    public static let description = RuleDescription.untestableRule

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for rule in context.ruleTexts {
            let facts = rule.facts
            // An event, a number or threshold, a field or its value, a score, a date or a named
            // confirmation can be checked (a time-only exit is `time-only-exit`'s).
            if facts.hasAnchor { continue }
            guard let text = rule.text(in: context.playbook) else { continue }
            // Left to the more precise rule that reports the same text.
            if context.isEnabled(.vagueRule), facts.vagueTerm(context.lexicon, in: text.value) != nil { continue }
            sink.report(Self.description, at: text.span,
                "\(rule.label(in: context.playbook)) '\(text.quoted)' names nothing that can be observed; anchor it to an event (submitted, "
                    + "booked, signed), a number or threshold, a field, or a confirmation by a named team")
        }
    }
}
