extension RuleDescription {
    public static let undefinedStage = RuleDescription(
        id: "undefined-stage",
        defaultSeverity: .error,
        category: .structure,
        summary: "A transition goes to a stage id that the playbook does not define; the message suggests the closest.",
        rationale: """
            A transition to a stage that does not exist is a path no lead can take: the automation built \
            from it fails or, worse, creates a stray stage value in the CRM. Stage ids are matched exactly; \
            the suggestion also matches stage names (`to: Sales Qualified Lead` suggests `sql`). Among \
            equally close ids it prefers a stage that nothing leads to yet (the typo is probably its missing \
            way in), then one whose id the reference begins (`sq` → `sql`); when that still leaves a tie it \
            names each.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - to: sq # <-
                    when: SDR confirmed use case and timeline on a call
              sql:
                name: Sales Qualified Lead
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
                  - to: sql
                    when: SDR confirmed use case and timeline on a call
              sql:
                name: Sales Qualified Lead
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
                    sla: { within: 1d }
                    exits:
                      - { to: sq, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
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
                      - { to: sql, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
                """, unsafe: true),
        ])
}
