import PlaybookModel
extension RuleDescription {
    public static let weakSignalQualification = RuleDescription(
        id: "weak-signal-qualification",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A lead enters a qualification stage on email opens, clicks or page views alone.",
        rationale: """
            Early engagement signals are useful, but opens alone do not show fit or intent: if email \
            opens move leads to MQL or SQL, sales spends its time on leads that do not need the product. \
            Qualification should rest on an intent action (a demo request, a reply, a pricing-page visit, \
            a trial started) or a confirmation by a person. A qualification stage is one owned by a \
            sales-development or sales team, or named "…Qualified…" (MQL, SQL, PQL).
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - to: mql
                    when: Opened 3 emails # <-
              mql:
                name: Marketing Qualified Lead
                owner: marketing
                entry: Clicked 2 links in the newsletter # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - to: mql
                    when: Pricing page visited 3 times in 7 days
                  - to: subscriber
                    when: Opened 3 emails
              subscriber:
                name: Newsletter Subscriber
                owner: marketing
                entry: Newsletter sign-up form submitted
              mql:
                name: Marketing Qualified Lead
                owner: marketing
                entry: Demo request form submitted or replied to an SDR email
            """,
        ])
}

/// `weak-signal-qualification`: opens, clicks or views as the whole reason to qualify a lead.
public struct WeakSignalQualificationRule: PlaybookRule {
    public static let description = RuleDescription.weakSignalQualification

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        var qualification: [Bool]?
        for rule in context.ruleTexts {
            let facts = rule.facts
            guard facts.hasWeakSignal, !facts.hasStrongEvent, !facts.hasIntent, !facts.hasNamedConfirmation,
                  let text = rule.text(in: playbook), let weak = facts.weakSignal(in: text.value) else { continue }
            let target: Stage?
            if let transition = rule.transition(in: playbook) {
                target = playbook.target(of: transition)
            } else {
                target = playbook.stages[rule.stage]
            }
            // Off-ramps are not qualification, whatever their owner or name.
            guard let target, !target.kind.isOffRamp, !target.kind.isTerminal else { continue }
            let isQualification = qualification ?? playbook.stages.map { Self.isQualificationStage($0, in: playbook) }
            qualification = isQualification
            guard let number = playbook.stageIndex[target.id.value], isQualification[number] else { continue }
            sink.report(Self.description, at: text.span,
                "\(rule.label(in: playbook)) '\(text.quoted)' qualifies a lead for '\(target.displayName)' on a weak signal ('\(weak)') "
                    + "alone; require an intent action (demo request, reply, pricing-page visit, trial started) or a "
                    + "confirmation by a person")
        }
    }

    /// Owned by sales development or sales, or named …Qualified… (MQL, SQL, PQL).
    static func isQualificationStage(_ stage: Stage, in playbook: Playbook) -> Bool {
        if let role = playbook.ownerRole(stage), role == .salesDevelopment || role == .sales { return true }
        let words = Wording.split(stage.displayName) + Wording.split(stage.id.value)
        return words.contains { $0 == "qualified" || $0 == "mql" || $0 == "sql" || $0 == "pql" }
    }
}
