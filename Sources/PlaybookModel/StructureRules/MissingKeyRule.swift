extension RuleDescription {
    public static let missingKey = RuleDescription(
        id: "missing-key",
        defaultSeverity: .error,
        category: .structure,
        summary: "A key the format requires is absent (`playbook`, `stages`, a stage's `name`, a transition's `to` and `when`…).",
        rationale: """
            Required keys are what every other tool reads: a stage without a name cannot appear in a \
            handbook, a transition without `when` is a move nobody can audit. Keys that are only expected \
            (an owner, an entry rule) are judged by their own rules instead, whose severity a team can tune.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead: # <-
                kind: entry
                exits:
                  - to: lost # <-
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
                exits:
                  - to: lost
                    when: Email domain is on the competitor list
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}
