import PlaybookModel
extension RuleDescription {
    public static let unreachableStage = RuleDescription(
        id: "unreachable-stage",
        defaultSeverity: .error,
        category: .flow,
        summary: "No path from any entry stage leads to this stage.",
        rationale: """
            A stage that no transition reaches is either left over from an old process or missing its way \
            in. Reports and automations built on it never fire, and the handbook describes a step nobody \
            takes. Only the first stage of a cut-off group is reported; the stages behind it are named in \
            the same message.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits: [{ to: lost, when: Email domain is on the competitor list }]
              webinar: # <-
                name: Webinar Attendee
                exits: [{ to: lost, when: Attendee confirmed they are a student }]
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
                  - { to: webinar, when: Webinar registration form submitted }
                  - { to: lost, when: Email domain is on the competitor list }
              webinar:
                name: Webinar Attendee
                exits: [{ to: lost, when: Attendee confirmed they are a student }]
              lost: { name: Disqualified, kind: disqualified }
            """,
        ])
}

/// `unreachable-stage`: stages that no path from an entry stage reaches.
/// Reports the first stage of each cut-off group only, naming the stages stranded behind it.
public struct UnreachableStageRule: PlaybookRule {
    public static let description = RuleDescription.unreachableStage

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        let graph = context.graph
        let stages = context.playbook.stages
        guard !graph.entryStages.isEmpty else { return }
        let unreachable = graph.reachable.map { !$0 }
        // Roots first (no way in at all), then whatever remains in cycles, in file order.
        let roots = stages.indices.filter { unreachable[$0] && graph.predecessors[$0].isEmpty }
        let rest = stages.indices.filter { unreachable[$0] && !graph.predecessors[$0].isEmpty }
        var covered = [Bool](repeating: false, count: stages.count)
        for start in roots + rest where !covered[start] {
            covered[start] = true
            var stranded: [Int] = []
            var queue = [start]
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for next in graph.successors[node] where unreachable[next] && !covered[next] {
                    covered[next] = true
                    stranded.append(next)
                    queue.append(next)
                }
            }
            let stage = stages[start]
            var message = "stage '\(stage.id.value)' cannot be reached from any entry stage: "
            message += graph.predecessors[start].isEmpty
                ? "no transition leads to it"
                : "the only transitions into it come from stages that are themselves cut off"
            if !stranded.isEmpty {
                let names = stranded.prefix(5).map { "'\(stages[$0].id.value)'" }.joined(separator: ", ")
                message += " (\(names)\(stranded.count > 5 ? " and \(stranded.count - 5) more" : "") "
                    + "behind it cannot be reached either)"
            }
            message += "; add a transition to it from an earlier stage, make it `kind: entry`, or remove it"
            sink.report(Self.description, at: stage.id.span, message)
        }
    }
}
