extension RuleDescription {
    public static let unusedField = RuleDescription(
        id: "unused-field",
        defaultSeverity: .info,
        category: .hygiene,
        summary: "A field is declared but no stage requires it and no rule mentions it.",
        rationale: """
            Fields are declared so that stages can require them. A field nobody requires or mentions is \
            dead weight in the handbook's glossary, or a sign that a `required_fields` list forgot it.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            fields:
              use_case: { type: text }
              shoe_size: { type: number } # <-
            stages:
              sql: { name: Sales Qualified Lead, required_fields: [use_case] }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            fields:
              use_case: { type: text }
              lead_score: { type: number }
            stages:
              sql:
                name: Sales Qualified Lead
                entry: Lead score reaches 60
                required_fields: [use_case]
            """,
        ])
}

/// `unused-field`: a field neither required by a stage nor named in a rule.
public struct UnusedFieldRule: PlaybookRule {
    public static let description = RuleDescription.unusedField

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        guard let fields = playbook.fields else { return }
        let candidates = Suggestion.Candidates(fields.map(\.id.value))
        // A required field that misspells a field (reported as undefined-field) counts as using it.
        let required = Set(playbook.stages.flatMap { ($0.requiredFields ?? []).map(\.value) }.flatMap { id in
            [id] + (candidates.closest(to: id).map { [$0] } ?? [])
        })
        // Field names are looked for in the rules and routing; a name with a word that no text has is
        // ruled out without a scan.
        let texts = (playbook.ruleTexts.map(\.text.value) + playbook.stages.flatMap { ($0.routing?.items ?? []).map(\.value) })
            .map(context.wording)
        let words = Set(texts.flatMap(\.words))
        func mentioned(_ name: String) -> Bool {
            let parts = Wording.split(name)
            guard !parts.isEmpty, parts.allSatisfy(words.contains) else { return false }
            return texts.contains { $0.contains(name) }
        }
        for field in fields where !required.contains(field.id.value) {
            let names = [field.id.value, field.id.value.replacingUnderscores()] + (field.label.map { [$0.value] } ?? [])
            if names.contains(where: mentioned) { continue }
            sink.report(Self.description, at: field.id.span,
                "field '\(field.id.value)' is required by no stage and named in no rule; add it to a stage's "
                    + "`required_fields`, or remove it")
        }
    }
}
