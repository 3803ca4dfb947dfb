extension RuleDescription {
    public static let undefinedField = RuleDescription(
        id: "undefined-field",
        defaultSeverity: .error,
        category: .structure,
        summary: "A stage requires a field id that `fields` does not declare.",
        rationale: """
            Required fields are what must be known before a lead enters a stage, and they become CRM \
            validation rules. When the playbook declares its `fields`, every required field must be one of \
            them, or the validation points at a field that does not exist.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            fields:
              budget: { type: number }
            stages:
              sql:
                name: Sales Qualified Lead
                required_fields: [budjet] # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            fields:
              budget: { type: number }
            stages:
              sql:
                name: Sales Qualified Lead
                required_fields: [budget]
            """,
        ],
        corrections: [
            Correction("""
                playbook: Inbound
                teams:
                  sdr: { name: Sales Development, role: sales-development }
                fields:
                  budget: { type: number }
                stages:
                  new_lead:
                    name: New Lead
                    kind: entry
                    owner: sdr
                    required_fields: [budgt]
                    sla: { within: 1d }
                    exits:
                      - { to: sql, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
                """, fixing: [("budgt", "budget")], unsafe: true),
        ])
}
