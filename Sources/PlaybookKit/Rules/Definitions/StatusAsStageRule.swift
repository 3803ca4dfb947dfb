import PlaybookModel
extension RuleDescription {
    public static let statusAsStage = RuleDescription(
        id: "status-as-stage",
        defaultSeverity: .info,
        category: .definitions,
        summary: "A stage named like a lead status (\"New\", \"Attempted to Contact\", \"Contacted\").",
        rationale: """
            Lead status tracks how outreach is going inside a stage (New, Attempted to Contact, \
            Connected); the lead stage says how ready the lead is and who owns it. Mixing the two turns \
            every call attempt into a stage change and breaks conversion reporting. Keep statuses as a \
            separate CRM field.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new:
                name: New # <-
              attempted:
                name: Attempted to Contact # <-
              open:
                name: Open - Not Contacted # <-
              working_contacted:
                name: Working - Contacted # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
              first_call:
                name: First Call Completed
            """,
        ])
}

/// `status-as-stage`: a stage whose name is a lead status.
public struct StatusAsStageRule: PlaybookRule {
    public static let description = RuleDescription.statusAsStage

    /// Every part of the name is a lead status or a vague name, and at least one is a status
    /// ("Contacted", "Open - Not Contacted", "Working - Contacted").
    static func isStatus(parts: [[String]], _ lexicon: Lexicon) -> Bool {
        // "New Lead" is a stage in most templates; only the bare status ("New") is flagged.
        // Numbers and labels are left out ("Attempt 2", "2nd Attempt"), but not "lead": "New Lead" is a stage.
        let parts = parts.compactMap { words -> String? in
            let kept = words.enumerated().filter { !VagueStageNameRule.isNumbering($0.element, at: $0.offset, of: words) }.map(\.element)
            return kept.isEmpty ? nil : kept.joined(separator: " ")
        }
        return !parts.isEmpty && parts.allSatisfy { lexicon.isStatusName($0) || lexicon.isVagueName($0) }
            && parts.contains { lexicon.isStatusName($0) }
    }

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages {
            guard let name = stage.name, Self.isStatus(parts: VagueStageNameRule.nameParts(name.value), context.lexicon) else { continue }
            sink.report(Self.description, at: name.span,
                "stage name '\(name.value)' is a lead status (how outreach is going), not a lead stage; track it in a "
                    + "status field and name the stage after the milestone that puts a lead here")
        }
    }
}
