import PlaybookModel
import YAMLReader

/// An audit's results as findings at the playbook's lines (`--format sarif`, `github`, and the code
/// frames of `text`), so that where reality leaves the playbook shows up in code review.
public enum AuditFindings {
    public static let undeclaredTransition = RuleDescription(
        id: "audit-undeclared-transition", defaultSeverity: .warning, category: .flow,
        summary: "Records moved between stages the playbook has no exit for.",
        rationale: "The CRM let leads skip a stage, move back, or leave a won or disqualified stage. Either the playbook "
            + "misses an exit that the team really uses, or the CRM allows a move the process forbids.",
        triggeringExamples: [], passingExamples: [])
    public static let unknownStage = RuleDescription(
        id: "audit-unknown-stage", defaultSeverity: .warning, category: .flow,
        summary: "The history holds stage values that name no stage of the playbook.",
        rationale: "A value added in the CRM that the playbook does not know (or a renamed one): records in it are "
            + "outside every rule, SLA and report of the playbook. Add the stage, or its `crm` value.",
        triggeringExamples: [], passingExamples: [])
    public static let slaBreach = RuleDescription(
        id: "audit-sla-breach", defaultSeverity: .warning, category: .flow,
        summary: "Visits to the stage took longer than its SLA.",
        rationale: "The stage's SLA is missed in practice: staff the queue, route faster, or write the SLA the team keeps.",
        triggeringExamples: [], passingExamples: [])
    public static let unusedTransition = RuleDescription(
        id: "audit-unused-transition", defaultSeverity: .info, category: .flow,
        summary: "No record took this exit.",
        rationale: "An exit nobody uses is either dead process (remove it) or a move the CRM does not offer (add it there).",
        triggeringExamples: [], passingExamples: [])
    public static let stuck = RuleDescription(
        id: "audit-stuck", defaultSeverity: .warning, category: .flow,
        summary: "Records sit in the stage far longer than it promises.",
        rationale: "Leads left to rot: past four times the SLA, or the nurture follow-up, or 90 days. Work them or close them.",
        triggeringExamples: [], passingExamples: [])

    public static let rules = [undeclaredTransition, unknownStage, slaBreach, unusedTransition, stuck]

    /// The findings with their byte ranges in the playbook's source, in file order.
    public static func diagnostics(_ report: AuditReport, document: PlaybookDocument) -> [Diagnostic] {
        guard let playbook = document.playbook else { return [] }
        return document.locating(diagnostics(report, playbook: playbook, file: document.file))
    }

    /// The findings, in the playbook's file order (without byte ranges).
    public static func diagnostics(_ report: AuditReport, playbook: Playbook, file: String) -> [Diagnostic] {
        var sink = DiagnosticSink(file: file)
        let flow = FlowPlaybook(playbook)
        let stageSpan = { (id: String) in flow.stage(id: id).map { flow.stages[$0].span } ?? playbook.stagesKey ?? .fileStart }
        for transition in report.transitions where !transition.declared && !transition.hasUnknownStage {
            let examples = transition.examples.map { "'\($0)'" }.joined(separator: ", ")
            let left = flow.stage(id: transition.from).map { flow.stages[$0].isTerminal } ?? false
            sink.report(undeclaredTransition, at: stageSpan(transition.from),
                        "\(count(transition.count, "move")) from '\(transition.from)' to '\(transition.to)' "
                            + (left ? "left a terminal stage" : "took an exit the playbook does not have")
                            + " (for example \(examples)): add the exit if the team works this way, or stop the CRM allowing it")
        }
        for unknown in report.unknownStages {
            sink.report(unknownStage, at: playbook.stagesKey ?? .fileStart,
                        "\(count(unknown.count, "move")) into '\(unknown.value)', which names no stage: add the stage, or give the stage "
                            + "it means this value in `crm`")
        }
        for stage in report.stages {
            guard let number = flow.stage(id: stage.id) else { continue }
            let model = playbook.stages[number]
            if stage.slaBreaches > 0, let sla = model.sla?.within {
                let share = AuditReport.percent(Double(stage.slaBreaches) / Double(max(stage.visits, 1)))
                sink.report(slaBreach, at: sla.span,
                            "\(stage.slaBreaches) of \(count(stage.visits, "visit")) to '\(stage.id)' (\(share)) took longer than its SLA of "
                                + "\(sla.value.description)" + (stage.p90.map { "; 90% of visits took up to \(AuditReport.shownLength($0))" } ?? ""))
            }
            if stage.stuck > 0 {
                sink.report(stuck, at: model.id.span,
                            "\(count(stage.stuck, "record")) \(stage.stuck == 1 ? "has" : "have") been in '\(stage.id)' longer than "
                                + "\(FlowPaths.shown(stage.stuckLimit))"
                                + (report.asOf.map { " as of \(HistoryTimestamp.shown($0))" } ?? "") + ": work them or close them")
            }
        }
        for stage in playbook.stages {
            for transition in stage.transitions {
                guard let to = transition.to, let target = flow.stage(id: to.value),
                      report.unused.contains(where: { $0.from == stage.id.value && $0.to == flow.stages[target].id }) else { continue }
                // One finding per exit, even when the playbook writes the same exit twice.
                if stage.transitions.first(where: { $0.to?.value == to.value })?.span != transition.span { continue }
                sink.report(unusedTransition, at: to.span,
                            "no record moved from '\(stage.id.value)' to '\(to.value)': remove the exit if the team never uses it, "
                                + "or check that the CRM offers the move")
            }
        }
        return sink.sorted()
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
