import PlaybookModel
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
        // A required field that misspells a field (reported as undefined-field) counts as using it.
        let required = Suggestion.Candidates(fields.map(\.id.value))
            .named(by: playbook.stages.lazy.flatMap { ($0.requiredFields ?? []).map(\.value) })
        // Fields named (by id or label) in a rule or in routing.
        var mentioned = [Bool](repeating: false, count: fields.count)
        for field in context.fieldsNamedInRules { mentioned[field] = true }
        for stage in playbook.stages {
            for item in stage.routing?.items ?? [] {
                for field in context.fieldsNamed(in: item.value) { mentioned[field] = true }
            }
        }
        for (number, field) in fields.enumerated() where !required.contains(field.id.value) && !mentioned[number] {
            sink.report(Self.description, at: field.id.span,
                "field '\(field.id.value)' is required by no stage and named in no rule; add it to a stage's "
                    + "`required_fields`, or remove it")
        }
    }
}
