import PlaybookModel
/// The change log in each output format. All render the same `PlaybookDiff`.
public enum ChangeLogRenderer {
    static let order: [ChangeSeverity] = [.breaking, .notable, .info]

    static func sorted(_ changes: [Change]) -> [Change] {
        // Severity first; within it, the order the differ found them (playbook, then stages in funnel order).
        order.flatMap { severity in changes.filter { $0.severity == severity } }
    }

    static func summaryLine(_ diff: PlaybookDiff) -> String {
        "\(diff.count(.breaking)) breaking, \(diff.count(.notable)) notable, \(diff.count(.info)) info"
    }

    // MARK: Text

    public static func text(_ diff: PlaybookDiff, oldName: String, newName: String) -> String {
        var out = "\(oldName) → \(newName)\n"
        for change in sorted(diff.changes) {
            let location = change.position.map { "\(newName):\($0.line):\($0.column): " } ?? ""
            out += "\(location)\(change.severity.rawValue): \(change.message) [\(change.id)]\n"
        }
        if !diff.migrations.isEmpty {
            out += "migrations: " + diff.migrations.map { "\($0.from) → \($0.to)" }.joined(separator: ", ") + "\n"
        }
        return out + summaryLine(diff) + "\n"
    }

    // MARK: GitHub annotations

    public static func github(_ diff: PlaybookDiff, newName: String) -> String {
        var out = ""
        for change in sorted(diff.changes) {
            let level = change.severity == .breaking ? "error" : change.severity == .notable ? "warning" : "notice"
            var properties = ["file=\(GitHubReporter.escapeProperty(newName))"]
            if let position = change.position { properties += ["line=\(position.line)", "col=\(position.column)"] }
            properties.append("title=\(GitHubReporter.escapeProperty("stagelint diff \(change.id)"))")
            out += "::\(level) \(properties.joined(separator: ","))::\(GitHubReporter.escapeData(change.message))\n"
        }
        return out + "stagelint diff: \(summaryLine(diff))\n"
    }

    // MARK: JSON

    public static func json(_ diff: PlaybookDiff, oldName: String, newName: String) -> String {
        func side(_ playbook: Playbook, _ file: String) -> JSONValue {
            .object([
                ("file", .string(file)),
                ("playbook", playbook.title.map { .string($0.value) } ?? .null),
                ("version", playbook.version.map { .string($0.value) } ?? .null),
            ])
        }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let changes: [JSONValue] = sorted(diff.changes).map { change in
            var members: [(String, JSONValue)] = [
                ("id", .string(change.id)),
                ("severity", .string(change.severity.rawValue)),
                ("stage", optional(change.stage)),
            ]
            if let oldStage = change.oldStage { members.append(("oldStage", .string(oldStage))) }
            members += [("old", optional(change.old)), ("new", optional(change.new)), ("message", .string(change.message))]
            if let position = change.position { members += [("line", .int(position.line)), ("column", .int(position.column))] }
            return .object(members)
        }
        return JSONValue.object([
            ("from", side(diff.old, oldName)),
            ("to", side(diff.new, newName)),
            ("changes", .array(changes)),
            ("summary", .object(order.map { ($0.rawValue, .int(diff.count($0))) })),
            ("migrations", .array(diff.migrations.map { .object([("from", .string($0.from)), ("to", .string($0.to))]) })),
        ]).rendered() + "\n"
    }

    // MARK: Markdown

    /// For people: a section per severity, what changes for each team, the migration table and a
    /// Mermaid picture of the new version with added, changed and removed stages styled apart.
    /// `heading` is the level of the top heading ("##" inside a CHANGELOG).
    public static func markdown(_ diff: PlaybookDiff, oldName: String, newName: String, heading: String = "#",
                                title: String? = nil) -> String {
        let sub = heading + "#"
        var out = "\(heading) \(MarkdownText.escape(title ?? "Changes to \(diff.new.title?.value ?? newName)"))\n\n"
        out += "`\(oldName)`" + (diff.old.version.map { " (version \(MarkdownText.escape($0.value)))" } ?? "")
            + " → `\(newName)`" + (diff.new.version.map { " (version \(MarkdownText.escape($0.value)))" } ?? "") + "\n\n"
        out += "**\(summaryLine(diff)).**\n"
        let titles: [ChangeSeverity: String] = [.breaking: "Breaking changes", .notable: "Notable changes", .info: "Other changes"]
        for severity in order {
            let changes = diff.changes.filter { $0.severity == severity }
            guard !changes.isEmpty else { continue }
            out += "\n\(sub) \(titles[severity] ?? severity.rawValue)\n\n"
            for change in changes {
                out += "- **\(change.id)**" + (change.stage.map { " `\($0)`" } ?? "") + ": \(MarkdownText.message(change.message))\n"
            }
        }
        let teams = teamImpact(diff)
        if !teams.isEmpty {
            out += "\n\(sub) What changes for each team\n\n"
            for (team, lines) in teams {
                out += "- **\(MarkdownText.escape(team))**\n" + lines.map { "  - \(MarkdownText.message($0))\n" }.joined()
            }
        }
        if !diff.migrations.isEmpty {
            out += "\n\(sub) Migration\n\nMove leads and update CRM values from the old stage to the new one:\n\n| From (old stage) | To (new stage) |\n|---|---|\n"
            for migration in diff.migrations { out += "| `\(migration.from)` | `\(migration.to)` |\n" }
        }
        out += "\n\(sub) The new version\n\nAdded and renamed stages are green, changed ones yellow, removed ones red and dashed.\n\n"
        out += "```mermaid\n" + diagram(diff) + "```\n"
        return out
    }

    /// Per team (by name): stages gained or lost, new SLAs, fields now required.
    static func teamImpact(_ diff: PlaybookDiff) -> [(String, [String])] {
        var lines: [String: [String]] = [:]
        func teamName(_ id: String?, in playbook: Playbook) -> String? {
            guard let id else { return nil }
            return playbook.team(id)?.name?.value ?? id
        }
        for change in diff.changes {
            guard let stageID = change.stage else { continue }
            let stage = diff.new.stage(stageID)
            let owner = teamName(stage?.owner?.value, in: diff.new)
            switch change.kind {
            case .ownerChanged:
                if let gained = teamName(change.new, in: diff.new) { lines[gained, default: []].append("now owns stage '\(stageID)'") }
                if let lost = teamName(change.old, in: diff.old) { lines[lost, default: []].append("no longer owns stage '\(stageID)'") }
            case .stageAdded:
                if let owner { lines[owner, default: []].append("owns the new stage '\(stageID)'") }
            case .stageRemoved:
                if let lost = teamName(diff.old.stage(stageID)?.owner?.value, in: diff.old) {
                    lines[lost, default: []].append("loses the removed stage '\(stageID)'")
                }
            case .slaChanged:
                if let owner { lines[owner, default: []].append("SLA of '\(stageID)': \(change.new ?? "none") (was \(change.old ?? "none"))") }
            case .requiredFieldAdded:
                if let owner { lines[owner, default: []].append("must have '\(change.new ?? "")' before leads enter '\(stageID)'") }
            default:
                continue
            }
        }
        return lines.keys.sorted().map { ($0, lines[$0] ?? []) }
    }

    /// The new version's diagram with added, changed and removed stages marked.
    static func diagram(_ diff: PlaybookDiff) -> String {
        var text = MermaidDiagram.render(Handbook(diff.new))
        let ids = MermaidDiagram.NodeIDs(diff.new.stages.map(\.id.value))
        let added = Set(diff.changes.filter { [.stageAdded, .stageRenamed, .renameUndeclared].contains($0.kind) }.compactMap(\.stage))
        let changed = Set(diff.changes.filter { $0.severity != .info && !added.contains($0.stage ?? "") }.compactMap(\.stage))
            .filter { diff.new.stage($0) != nil }
        let removed = diff.changes.filter { $0.kind == .stageRemoved }.compactMap(\.stage)
        var lines = ["    classDef added fill:#dcfce7,stroke:#15803d,stroke-width:3px,color:#052e16",
                     "    classDef changed fill:#fef9c3,stroke:#a16207,stroke-width:3px,color:#422006",
                     "    classDef removed fill:#fee2e2,stroke:#b91c1c,stroke-dasharray:4 3,color:#7f1d1d"]
        for id in removed {
            let name = diff.old.stage(id)?.displayName ?? id
            lines.append("    \(MermaidDiagram.id("removed_" + id))[\"\(MermaidDiagram.escape("removed: \(name)"))\"]")
        }
        if !added.isEmpty { lines.append("    class \(added.sorted().map { ids[$0] }.joined(separator: ",")) added") }
        if !changed.isEmpty { lines.append("    class \(changed.sorted().map { ids[$0] }.joined(separator: ",")) changed") }
        if !removed.isEmpty { lines.append("    class \(removed.map { MermaidDiagram.id("removed_" + $0) }.joined(separator: ",")) removed") }
        text += lines.joined(separator: "\n") + "\n"
        return text
    }
}
