import PlaybookModel
extension RuleDescription {
    public static let unusedSuppression = RuleDescription(
        id: "unused-suppression",
        defaultSeverity: .info,
        category: .hygiene,
        summary: "A `stagelint-disable` comment that suppresses nothing.",
        rationale: """
            Suppressions are debts: each one says "we know, and we accept it". When the finding is fixed \
            or the rule id is misspelt, the comment stays behind and would silently hide a future finding. \
            Reporting it keeps the list of accepted exceptions honest.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              demo:
                name: Demo Scheduled # stagelint-disable-line vague-stage-name # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              working:
                name: Working # stagelint-disable-line vague-stage-name -- name agreed with sales
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
                    # stagelint-disable-next-line missing-owner -- owned by the web form
                    owner: sdr
                    required_fields: [budget]
                    sla: { within: 1d }  # stagelint-disable-line missing-sla
                    exits:
                      - { to: sql, when: SDR confirmed budget on a call }
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
                """),
        ])
}
