import PlaybookModel

extension AuditReport {
    /// Seconds as JSON shows them: a whole number, or with the milliseconds.
    static func writeSeconds(_ milliseconds: Int64?, into json: inout JSONWriter) {
        guard let milliseconds else { return json.null() }
        if milliseconds % 1000 == 0 { json.int(Int(milliseconds / 1000)) } else { json.double(Double(milliseconds) / 1000) }
    }

    /// `2h 5m` or `45s`: a time in stage for people.
    static func shownLength(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "-" }
        if milliseconds < 60_000 { return "\(milliseconds / 1000)s" }
        return FlowPaths.shown(milliseconds)
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "-" }
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The contract's keys, and a few more (`fitness`, each transition's `share`, `unusedTransitions`,
    /// each stage's `slaBreachShare` and `withoutReason`).
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("playbook"); json.string(playbook)
        json.key("asOf")
        if let asOf { json.string(HistoryTimestamp.shown(asOf)) } else { json.null() }
        json.key("rows")
        json.beginObject()
        json.key("read"); json.int(rowsRead)
        json.key("used"); json.int(rowsUsed)
        json.key("rejected"); json.int(rejected.count)
        json.endObject()
        json.key("rejected")
        json.beginArray()
        for row in rejected {
            json.item()
            json.beginObject()
            json.key("line"); json.int(row.line)
            json.key("reason"); json.string(row.reason)
            json.endObject()
        }
        json.endArray()
        json.key("records"); json.int(records)
        json.key("moves"); json.int(moves)
        json.key("conforming"); json.int(conforming)
        json.key("fitness")
        if let fitness { json.double(fitness) } else { json.null() }
        json.key("violations")
        json.beginObject()
        for (kind, count) in violations {
            json.key(kind.rawValue); json.int(count)
        }
        json.endObject()
        json.key("transitions")
        json.beginArray()
        for transition in transitions {
            json.item()
            json.beginObject()
            json.key("from"); json.string(transition.from)
            json.key("to"); json.string(transition.to)
            json.key("count"); json.int(transition.count)
            json.key("declared"); json.bool(transition.declared)
            json.key("share")
            if let share = transition.share { json.double(share) } else { json.null() }
            json.key("examples")
            json.beginArray()
            for example in transition.examples {
                json.item()
                json.string(example)
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("unusedTransitions")
        json.beginArray()
        for transition in unused {
            json.item()
            json.beginObject()
            json.key("from"); json.string(transition.from)
            json.key("to"); json.string(transition.to)
            json.endObject()
        }
        json.endArray()
        json.key("unknownStages")
        json.beginArray()
        for unknown in unknownStages {
            json.item()
            json.beginObject()
            json.key("value"); json.string(unknown.value)
            json.key("count"); json.int(unknown.count)
            json.endObject()
        }
        json.endArray()
        json.key("stages")
        json.beginArray()
        for stage in stages {
            json.item()
            json.beginObject()
            json.key("id"); json.string(stage.id)
            json.key("visits"); json.int(stage.visits)
            json.key("p50"); Self.writeSeconds(stage.p50, into: &json)
            json.key("p90"); Self.writeSeconds(stage.p90, into: &json)
            json.key("slaBreaches"); json.int(stage.slaBreaches)
            json.key("slaBreachShare")
            if stage.visits > 0 { json.double(Double(stage.slaBreaches) / Double(stage.visits)) } else { json.null() }
            json.key("stuck"); json.int(stage.stuck)
            if let without = stage.withoutReason { json.key("withoutReason"); json.int(without) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// For people at a terminal: the totals, what leaves the playbook, each stage's figures, and the
    /// rejected rows (the first 20; JSON lists them all).
    public func text(history: String) -> String {
        var out = "Audit of \(history) against \(playbook)" + (asOf.map { ", as of \(HistoryTimestamp.shown($0))" } ?? "") + "\n"
        out += "Rows: \(rowsRead) read, \(rowsUsed) used, \(rejected.count) rejected\n"
        out += "Records: \(records), moves: \(moves), conforming: \(conforming) (\(Self.percent(fitness)))\n"
        let found = violations.filter { $0.count > 0 }
        out += "Violations: " + (found.isEmpty ? "none" : found.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ", ")) + "\n"
        let undeclared = transitions.filter { !$0.declared && !$0.hasUnknownStage }
        if !undeclared.isEmpty {
            out += "\nTransitions the playbook does not have (most frequent first):\n"
            for transition in undeclared.prefix(20) {
                out += "  \(TextReporter.escaped(transition.from)) -> \(TextReporter.escaped(transition.to)): \(transition.count) "
                    + "(e.g. \(TextReporter.escaped(transition.examples.joined(separator: ", "))))\n"
            }
            if undeclared.count > 20 { out += "  and \(undeclared.count - 20) more (--format json lists them all)\n" }
        }
        if !unknownStages.isEmpty {
            out += "\nStage values the playbook does not have:\n"
            for unknown in unknownStages { out += "  '\(TextReporter.escaped(unknown.value))': \(unknown.count)\n" }
        }
        let declared = transitions.filter(\.declared)
        if !declared.isEmpty {
            out += "\nTransitions of the playbook taken:\n"
            for transition in declared {
                out += "  \(transition.from) -> \(transition.to): \(transition.count) (\(Self.percent(transition.share)) of the moves out of \(transition.from))\n"
            }
        }
        if !unused.isEmpty {
            out += "\nTransitions of the playbook nobody took:\n"
            for transition in unused { out += "  \(transition.from) -> \(transition.to)\n" }
        }
        out += "\nStages:\n"
        let rows = [["stage", "visits", "p50", "p90", "SLA breaches", "stuck"]] + stages.map { stage in
            [stage.id, "\(stage.visits)", Self.shownLength(stage.p50), Self.shownLength(stage.p90),
             stage.visits > 0 ? "\(stage.slaBreaches) (\(Self.percent(Double(stage.slaBreaches) / Double(stage.visits))))" : "0",
             "\(stage.stuck)"]
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            out += "  " + row.indices.map { column in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ") + "\n"
        }
        let withoutReason = stages.compactMap { stage in stage.withoutReason.map { (stage.id, $0) } }.filter { $0.1 > 0 }
        for (stage, count) in withoutReason { out += "  \(stage): \(count) without a declared reason code\n" }
        if !rejected.isEmpty {
            out += "\nRejected rows:\n"
            for row in rejected.prefix(20) { out += "  line \(row.line): \(TextReporter.escaped(row.reason))\n" }
            if rejected.count > 20 { out += "  and \(rejected.count - 20) more (--format json lists them all)\n" }
        }
        return out
    }

    /// For a pull-request comment or a wiki page: the same as the text report, as Markdown tables.
    public func markdown(history: String) -> String {
        func cell(_ text: String) -> String {
            TextReporter.escaped(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "\\`")
        }
        var out = "# Audit of \(cell(history)) against \(cell(playbook))\n\n"
        if let asOf { out += "As of \(HistoryTimestamp.shown(asOf)).\n\n" }
        out += "| Rows read | used | rejected | Records | Moves | Conforming |\n|---:|---:|---:|---:|---:|---:|\n"
        out += "| \(rowsRead) | \(rowsUsed) | \(rejected.count) | \(records) | \(moves) | \(conforming) (\(Self.percent(fitness))) |\n\n"
        out += "## Violations\n\n| Violation | Count |\n|---|---:|\n"
        for (kind, count) in violations { out += "| `\(kind.rawValue)` | \(count) |\n" }
        let undeclared = transitions.filter { !$0.declared && !$0.hasUnknownStage }
        if !undeclared.isEmpty {
            out += "\n## Transitions the playbook does not have\n\n| From | To | Records | Examples |\n|---|---|---:|---|\n"
            for transition in undeclared {
                out += "| \(cell(transition.from)) | \(cell(transition.to)) | \(transition.count) | \(cell(transition.examples.joined(separator: ", "))) |\n"
            }
        }
        if !unknownStages.isEmpty {
            out += "\n## Stage values the playbook does not have\n\n| Value | Moves |\n|---|---:|\n"
            for unknown in unknownStages { out += "| \(cell(unknown.value)) | \(unknown.count) |\n" }
        }
        let declared = transitions.filter(\.declared)
        if !declared.isEmpty || !unused.isEmpty {
            out += "\n## Transitions of the playbook\n\n| From | To | Records | Share of the moves out |\n|---|---|---:|---:|\n"
            for transition in declared {
                out += "| \(cell(transition.from)) | \(cell(transition.to)) | \(transition.count) | \(Self.percent(transition.share)) |\n"
            }
            for transition in unused { out += "| \(cell(transition.from)) | \(cell(transition.to)) | 0 | - |\n" }
        }
        out += "\n## Stages\n\n| Stage | Visits | p50 | p90 | SLA breaches | Stuck |\n|---|---:|---:|---:|---:|---:|\n"
        for stage in stages {
            let share = stage.visits > 0 ? " (\(Self.percent(Double(stage.slaBreaches) / Double(stage.visits))))" : ""
            out += "| \(cell(stage.id)) | \(stage.visits) | \(Self.shownLength(stage.p50)) | \(Self.shownLength(stage.p90)) | "
                + "\(stage.slaBreaches)\(share) | \(stage.stuck) |\n"
        }
        if !rejected.isEmpty {
            out += "\n## Rejected rows\n\n| Line | Reason |\n|---:|---|\n"
            for row in rejected.prefix(100) { out += "| \(row.line) | \(cell(row.reason)) |\n" }
            if rejected.count > 100 { out += "\n\(rejected.count - 100) more rows were rejected (`--format json` lists them all).\n" }
        }
        return out
    }
}
