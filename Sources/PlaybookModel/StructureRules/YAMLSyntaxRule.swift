extension RuleDescription {
    public static let yamlSyntax = RuleDescription(
        id: "yaml-syntax",
        defaultSeverity: .error,
        category: .structure,
        summary: "The file is not valid YAML (or not UTF-8 text); libyaml's problem and position are reported.",
        rationale: """
            A playbook that does not parse cannot be checked, documented or compared, and CRM automation \
            generated from it would silently miss stages. stagelint reports libyaml's own problem at its \
            position, with advice, instead of crashing; the rest of the run goes on with the other files. \
            Undefined or recursive aliases, a merge key on something that is not a mapping, and a second \
            document in one file are reported under this rule too.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead: first touch # <-
                kind: entry
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: "New Lead: first touch"
                kind: entry
            """,
        ])
}
