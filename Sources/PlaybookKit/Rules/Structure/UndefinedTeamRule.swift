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
        ])
}
