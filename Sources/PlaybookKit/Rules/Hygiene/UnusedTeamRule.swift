import PlaybookModel
extension RuleDescription {
    public static let unusedTeam = RuleDescription(
        id: "unused-team",
        defaultSeverity: .info,
        category: .hygiene,
        summary: "A team is declared but owns no stage.",
        rationale: """
            A declared team that owns nothing is usually left over from a reorganisation, or the stage \
            it should own names another team by mistake. Either way the handbook lists a team with no job.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
              partners: { name: Partner Team, role: partner } # <-
            stages:
              new_lead: { name: New Lead, kind: entry, owner: marketing }
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            teams:
              marketing: { name: Marketing, role: marketing }
            stages:
              new_lead: { name: New Lead, kind: entry, owner: marketing }
            """,
        ])
}

/// `unused-team`: a team that owns no stage.
public struct UnusedTeamRule: PlaybookRule {
    public static let description = RuleDescription.unusedTeam

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        // An owner that misspells a team (reported as undefined-team) counts as using it.
        let owners = Suggestion.Candidates(context.playbook.teams.map(\.id.value))
            .named(by: context.playbook.stages.lazy.compactMap { $0.owner?.value })
        for team in context.playbook.teams where !owners.contains(team.id.value) {
            sink.report(Self.description, at: team.id.span,
                "team '\(team.id.value)' owns no stage; make it the `owner` of the stages it works, or remove it")
        }
    }
}
