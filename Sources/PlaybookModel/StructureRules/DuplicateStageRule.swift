extension RuleDescription {
    public static let duplicateStage = RuleDescription(
        id: "duplicate-stage",
        defaultSeverity: .error,
        category: .structure,
        summary: "Two stages have the same name (compared ignoring case and spaces).",
        rationale: """
            Stage names are what people see in the CRM picklist, in reports and in the handbook. Two stages \
            called \"Sales Qualified\" and \"sales  qualified\" cannot be told apart by the people who move \
            leads between them, and reports merge or split them at random.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              sql:
                name: Sales Qualified
              sql_late:
                name: sales  qualified # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              sql:
                name: Sales Qualified
              sal:
                name: Sales Accepted
            """,
        ])
}
