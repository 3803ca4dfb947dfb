extension RuleDescription {
    public static let duplicateKey = RuleDescription(
        id: "duplicate-key",
        defaultSeverity: .error,
        category: .structure,
        summary: "A mapping has the same key twice.",
        rationale: """
            YAML keeps only one value of a repeated key, so one of the two definitions silently disappears: \
            a second `name` overrides the first, a second stage with the same id replaces a whole stage. \
            libyaml does not catch this; stagelint does, and keeps the first.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                name: Fresh Lead # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
            """,
        ])
}
