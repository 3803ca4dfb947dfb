extension RuleDescription {
    public static let invalidValue = RuleDescription(
        id: "invalid-value",
        defaultSeverity: .error,
        category: .structure,
        summary: "A value of the wrong type, an unknown enum value, a malformed id or a bad duration; the message lists what is accepted.",
        rationale: """
            A stage of kind `entery` is treated as nothing at all, an SLA of `2 days` cannot be measured, \
            and an id with spaces breaks every CRM mapping built on it. Each such value is reported with \
            the forms that are accepted, so the fix is one edit.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entery # <-
                sla: { within: 2 days } # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                sla: { within: 2d }
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
                    required_fields: [budget]
                    sla: { within: 2 days }
                    exits:
                      - { to: sql, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
                """, fixing: [("2 days", "2d")]),
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
                    required_fields: [budget]
                    sla: { within: 6 months }
                    exits:
                      - { to: sql, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
                """, fixing: [("6 months", "26w")], unsafe: true),
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
                    required_fields: [budget]
                    sla: { within: 1d }
                    exits:
                      - { to: Sales Qualified, when: SDR confirmed budget on a call }
                  Sales Qualified: { name: Sales Qualified Lead, kind: won }
                """, """
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
                    required_fields: [budget]
                    sla: { within: 1d }
                    exits:
                      - { to: sales_qualified, when: SDR confirmed budget on a call }
                  sales_qualified: { name: Sales Qualified Lead, kind: won }
                """, unsafe: true),
        ])
}
