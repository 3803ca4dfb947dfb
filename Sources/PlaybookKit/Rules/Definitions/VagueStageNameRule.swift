extension RuleDescription {
    public static let vagueStageName = RuleDescription(
        id: "vague-stage-name",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A stage name that says nothing about the next step (\"Working\", \"In Progress\", \"Other\").",
        rationale: """
            Stages that only say "Working" or "Progressing" make reporting unclear and hide where deals \
            stall. A stage name should be a milestone someone can verify ("Demo Scheduled", "Discovery \
            Completed"), so the name itself tells the owner what happened and what comes next.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              working:
                name: Working # <-
              other:
                name: Other # <-
              progressing:
                name: Progressing Lead # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              demo:
                name: Demo Scheduled
              evaluation:
                name: Active Evaluation
              discovery:
                name: Discovery Completed
            """,
        ])
}

/// `vague-stage-name`: a stage named after no milestone at all.
public struct VagueStageNameRule: PlaybookRule {
    public static let description = RuleDescription.vagueStageName

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages {
            guard let name = stage.name, Self.isVague(name.value, context.lexicon) else { continue }
            sink.report(Self.description, at: name.span,
                "stage name '\(name.value)' says nothing about where the lead is or what happens next; name the "
                    + "milestone that puts a lead here, such as 'Discovery Call Booked' or 'Demo Completed'")
        }
    }

    /// The name, without a trailing "lead(s)" or "stage", is one of the vague names.
    static func isVague(_ name: String, _ lexicon: Lexicon) -> Bool {
        var words = Wording(name).words
        if words.count > 1, let last = words.last, ["lead", "leads", "stage", "prospect", "prospects"].contains(last) {
            words.removeLast()
        }
        let core = words.joined(separator: " ")
        return !core.isEmpty && lexicon.vagueStageNames.contains(core)
    }
}
