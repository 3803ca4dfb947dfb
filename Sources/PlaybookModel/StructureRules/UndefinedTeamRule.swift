extension RuleDescription {
    public static let undefinedTeam = RuleDescription(
        id: "undefined-team",
        defaultSeverity: .error,
        category: .structure,
        summary: "A stage is owned by a team id that `teams` does not declare.",
        rationale: """
            Ownership is the accountability of a stage: routing, SLAs and hand-off rules all follow from \
            the owner's role. An owner that is not a declared team has no role, so none of that can be \
            checked or documented.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: sdrs # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
            stages:
              mql:
                name: Marketing Qualified Lead
                owner: sdr
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
                    owner: sdrs
                    required_fields: [budget]
                    sla: { within: 1d }
                    exits:
                      - { to: sql, when: SDR confirmed budget on a call }
                  sql: { name: Sales Qualified Lead, kind: won }
                """, fixing: [("sdrs", "sdr")], unsafe: true),
        ])
}
