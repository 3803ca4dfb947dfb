import PlaybookModel
import YAMLReader

/// Runs one scenario: checks its names against the playbook, builds the test lead's moves, judges
/// them and compares the outcome with `expect`.
struct ScenarioRunner {
    let file: String
    let scenario: Scenario
    let playbook: Playbook
    let flow: FlowPlaybook

    typealias Failure = ScenarioRun.Failure

    /// `problems`: what reading the scenario found (it fails with them, and with any name the playbook lacks).
    func result(problems reading: [Failure] = []) -> ScenarioRun.Result {
        var problems = reading
        let moves = self.moves(problems: &problems)
        checkNames(&problems)
        guard problems.isEmpty, let (moves, spans, asOf) = moves else {
            problems.sort { ($0.span.start, $0.message) < ($1.span.start, $1.message) }
            return ScenarioRun.Result(name: scenario.name.value, span: scenario.name.span, failures: problems, violations: [],
                                      endsIn: nil, elapsed: nil)
        }
        let happened = flow.judge(moves, asOf: asOf).map { ScenarioRun.Happened(violation: $0, span: spans[$0.move]) }
        let endsIn = moves.last.flatMap { $0.stage }.map { flow.stages[$0].id } ?? moves.last?.value
        let lastSpan = spans.last ?? scenario.name.span
        return ScenarioRun.Result(name: scenario.name.value, span: scenario.name.span,
                                  failures: compare(happened, endsIn: endsIn, lastSpan: lastSpan), violations: happened,
                                  endsIn: endsIn, elapsed: asOf)
    }

    private func problem(_ span: SourceSpan, _ message: String, _ rule: RuleDescription) -> Failure {
        Failure(expectation: "scenario", file: file, span: span, message: "\(message) [\(rule.id)]")
    }

    private var stageIDs: [String] { flow.stages.map(\.id) }

    /// The stage a name in the scenario means (an id, a name or a CRM value), or a problem with a suggestion.
    private func stage(_ name: Located<String>, _ what: String, _ problems: inout [Failure]) -> Int? {
        if let number = flow.stage(named: name.value) { return number }
        let suggestion = Suggestion.closest(to: name.value, among: stageIDs)
        problems.append(problem(name.span, "\(what) '\(name.value)' is not a stage of the playbook\(Suggestion.didYouMean(suggestion))",
                                .undefinedStage))
        return nil
    }

    /// The test lead's moves (from its start stage at time 0), the place of the step behind each move,
    /// and the end of the last step.
    private func moves(problems: inout [Failure]) -> ([FlowMove], [SourceSpan], Int64)? {
        let startNumber: Int?
        let startSpan: SourceSpan
        if let start = scenario.start {
            startNumber = stage(start, "`start`", &problems)
            startSpan = start.span
        } else {
            let entries = flow.stages.indices.filter { flow.stages[$0].kind == .entry }
            startSpan = scenario.name.span
            if entries.count == 1 {
                startNumber = entries[0]
            } else {
                startNumber = nil
                problems.append(problem(scenario.name.span, entries.isEmpty
                    ? "the playbook has no entry stage: write `start:` with the stage the lead starts in"
                    : "the playbook has several entry stages (\(entries.map { flow.stages[$0].id }.joined(separator: ", "))): "
                        + "write `start:` with the one the lead starts in", .missingKey))
            }
        }
        var known = Set(scenario.lead.filter(\.isKnown).map(\.name.value))
        var time: Int64 = 0
        var moves: [FlowMove] = []
        var spans: [SourceSpan] = []
        if let startNumber {
            moves.append(FlowMove(stage: startNumber, value: flow.stages[startNumber].id, at: 0, knownFields: known))
            spans.append(startSpan)
        }
        for step in scenario.steps {
            switch step {
            case .wait(let length, _):
                time = time.addingReportingOverflow(length).partialValue
            case .move(let to, let after, let set, let span):
                time = time.addingReportingOverflow(after).partialValue
                known.formUnion(set.filter(\.isKnown).map(\.name.value))
                guard let number = stage(to, "`to`", &problems) else { continue }
                let count = moves.count
                FlowPlaybook.appendMerging(FlowMove(stage: number, value: flow.stages[number].id, at: time, knownFields: known), to: &moves)
                if moves.count > count { spans.append(span) }
            }
        }
        guard startNumber != nil else { return nil }
        return (moves, spans, time)
    }

    /// Field ids must be the playbook's (when it declares fields); stage ids in expectations must be
    /// its stages' ids.
    private func checkNames(_ problems: inout [Failure]) {
        if let fields = playbook.fields, !fields.isEmpty {
            let ids = fields.map(\.id.value)
            var written = scenario.lead
            for case .move(_, _, let set, _) in scenario.steps { written += set }
            for field in written {
                guard let declared = fields.first(where: { $0.id.value == field.name.value }) else {
                    let suggestion = Suggestion.closest(to: field.name.value, among: ids)
                    problems.append(problem(field.name.span, "field '\(field.name.value)' is not declared in the playbook's `fields`"
                        + Suggestion.didYouMean(suggestion), .undefinedField))
                    continue
                }
                if let value = field.value, field.isKnown, let reason = Self.mismatch(value, declared) {
                    problems.append(problem(field.valueSpan, "field '\(field.name.value)': \(reason)", .invalidValue))
                }
            }
        }
        if let endsIn = scenario.expect.endsIn, flow.stage(id: endsIn.value) == nil {
            problems.append(problem(endsIn.span, "`ends-in` names '\(endsIn.value)', which is not a stage id of the playbook"
                + Suggestion.didYouMean(Suggestion.closest(to: endsIn.value, among: stageIDs)), .undefinedStage))
        }
        let patterns = (scenario.expect.violations?.items ?? []) + scenario.expect.notViolations
        for pattern in patterns where pattern.value.kind != .unknownStage {
            for name in [pattern.value.from, pattern.value.stage].compactMap({ $0 }) where flow.stage(id: name) == nil {
                problems.append(problem(pattern.span, "'\(pattern.value.label)' names '\(name)', which is not a stage id of the playbook"
                    + Suggestion.didYouMean(Suggestion.closest(to: name, among: stageIDs)), .undefinedStage))
            }
        }
    }

    /// Why a value does not fit its field's type (an enum's values, a number, a boolean, a date); nil when it does.
    static func mismatch(_ value: ResolvedScalar, _ field: Field) -> String? {
        let text: String
        switch value {
        case .string(let written): text = written
        case .int(let number): text = String(number)
        case .float(let number): text = String(number)
        case .bool(let flag): text = flag ? "true" : "false"
        case .null: return nil
        }
        switch field.type?.value {
        case .enum?:
            let allowed = (field.values ?? []).map(\.value)
            guard !allowed.isEmpty, !allowed.contains(text) else { return nil }
            return "'\(text)' is not one of its values (\(allowed.joined(separator: ", ")))"
                + Suggestion.didYouMean(Suggestion.closest(to: text, among: allowed))
        case .number?:
            if case .int = value { return nil }
            if case .float = value { return nil }
            return Double(text) == nil ? "'\(text)' is not a number" : nil
        case .boolean?:
            if case .bool = value { return nil }
            return "'\(text)' is not true or false"
        case .date?:
            return HistoryTimestamp.parse(text) == nil ? "'\(text)' is not a date (write 2027-03-01)" : nil
        default:
            return nil
        }
    }

    private func place(_ span: SourceSpan) -> String { "\(span.start.line):\(span.start.column)" }

    /// The expectations that did not hold.
    private func compare(_ happened: [ScenarioRun.Happened], endsIn: String?, lastSpan: SourceSpan) -> [Failure] {
        var failures: [Failure] = []
        let expect = scenario.expect
        if let conforms = expect.conforms {
            if conforms.value, let first = happened.first {
                let all = happened.map { "\($0.violation.label) (\(place($0.span)))" }.joined(separator: ", ")
                failures.append(Failure(expectation: "conforms", file: file, span: first.span,
                                        message: "expected the lead to conform, but it has \(happened.count) violation\(happened.count == 1 ? "" : "s"): \(all)"))
            } else if !conforms.value, happened.isEmpty {
                failures.append(Failure(expectation: "conforms", file: file, span: conforms.span,
                                        message: "expected a violation, but the lead conforms"))
            }
        }
        if let wanted = expect.endsIn, let endsIn, wanted.value != endsIn {
            failures.append(Failure(expectation: "ends-in", file: file, span: lastSpan,
                                    message: "expected the lead to end in '\(wanted.value)', but it ends in '\(endsIn)'"))
        }
        if let listed = expect.violations {
            var reported = Set<String>()
            for event in happened where !listed.items.contains(where: { $0.value.matches(event.violation) }) {
                guard reported.insert(event.violation.label).inserted else { continue }
                failures.append(Failure(expectation: "violations", file: file, span: event.span,
                                        message: "\(event.violation.label) happened at this step, but `violations` does not list it"
                                            + detail(event.violation)))
            }
            var missing = Set<String>()
            for pattern in listed.items where !happened.contains(where: { pattern.value.matches($0.violation) }) {
                guard missing.insert(pattern.value.label).inserted else { continue }
                failures.append(Failure(expectation: "violations", file: file, span: pattern.span,
                                        message: "\(pattern.value.label) is listed in `violations` but did not happen"))
            }
        }
        for pattern in expect.notViolations {
            guard let event = happened.first(where: { pattern.value.matches($0.violation) }) else { continue }
            failures.append(Failure(expectation: "not-violations", file: file, span: event.span,
                                    message: "\(event.violation.label) happened at this step, but `not-violations` rules out "
                                        + "\(pattern.value.label) (\(place(pattern.span)))" + detail(event.violation)))
        }
        return failures
    }

    private func detail(_ violation: FlowViolation) -> String {
        violation.fields.isEmpty ? "" : " (not known: \(violation.fields.joined(separator: ", ")))"
    }
}
