import PlaybookModel
extension RuleDescription {
    public static let missingRequiredFields = RuleDescription(
        id: "missing-required-fields",
        defaultSeverity: .info,
        category: .definitions,
        summary: "A stage owned by a `sales` team has no `required_fields`.",
        rationale: """
            When a lead reaches an account executive, sales must know what was learned: use case, \
            timeline, budget, decision maker. Required fields turn that into CRM validation, so a hand-over \
            cannot happen with empty notes and discovery is not repeated.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              ae: { name: Account Executives, role: sales }
            stages:
              sql: # <-
                name: Sales Qualified Lead
                owner: ae
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              ae: { name: Account Executives, role: sales }
            fields:
              use_case: { type: text }
              timeline: { type: date }
            stages:
              sql:
                name: Sales Qualified Lead
                owner: ae
                required_fields: [use_case, timeline]
            """,
        ])
}

/// `missing-required-fields`: a sales-owned stage that asks for nothing to be known.
public struct MissingRequiredFieldsRule: PlaybookRule {
    public static let description = RuleDescription.missingRequiredFields

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let playbook = context.playbook
        for stage in playbook.stages where playbook.ownerRole(stage) == .sales && (stage.requiredFields ?? []).isEmpty {
            sink.report(Self.description, at: stage.id.span,
                "stage '\(stage.id.value)' is owned by a sales team but has no `required_fields`; list what must be known "
                    + "before sales takes the lead (use case, timeline, budget, decision maker)")
        }
    }
}
