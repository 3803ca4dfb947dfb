extension RuleDescription {
    public static let unknownKey = RuleDescription(
        id: "unknown-key",
        defaultSeverity: .error,
        category: .structure,
        summary: "A key the playbook format does not know; the message suggests the closest known key.",
        rationale: """
            A misspelt key (`exit` for `exits`, `requried_fields`) is not an error YAML can see: the value \
            is simply ignored, and the stage loses its transitions or required fields without anyone \
            noticing. Keys of your own are welcome with an `x-` prefix (`x-crm-value: MQL`).
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exit: # <-
                  - { to: lost, when: Email domain is on the competitor list }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                x-crm-value: NEW
                exits:
                  - { to: lost, when: Email domain is on the competitor list }
              lost: { name: Disqualified, kind: disqualified }
            """,
        ],
        corrections: [
            Correction("""
                playbook: Inbound
                stages:
                  new_lead:
                    name: New Lead
                    kind: entry
                    exit:   # leads that are not a fit
                      - { to: lost, when: Email domain is on the competitor list }
                  lost: { name: Disqualified, kind: disqualified, reasons: { competitor: Competitor } }
                """, fixing: [("exit", "exits")]),
            Correction("""
                playbook: Inbound
                stages:
                  new_lead:
                    name: New Lead
                    kind: entry
                    exits:
                      - { to: lost, when: Email domain is on the competitor list, action: Archive, no follow-up }
                  lost: { name: Disqualified, kind: disqualified, reasons: { competitor: Competitor } }
                """, fixing: [("Archive, no follow-up", "\"Archive, no follow-up\"")]),
        ])
}
