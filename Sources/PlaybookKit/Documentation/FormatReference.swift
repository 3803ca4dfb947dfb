import PlaybookModel
/// The reference tables of docs/playbook-format.md and the change table of docs/changelog.md, made from
/// the format's description and the change catalogue. The docs hold each table between
/// `<!-- generated: NAME -->` and `<!-- /generated -->`; the tests check they are fresh.
public enum FormatReference {
    /// The table of a place's keys.
    public static func table(_ place: FormatPlace) -> String {
        var lines = ["| Key | Type | Required | Meaning | Example |", "|---|---|---|---|---|"]
        for key in place.keys {
            var required = key.presence.documentation
            if case .value(let value) = key.whenAbsent { required += ", default `\(value)`" }
            lines.append("| `\(key.name)` | \(key.type.documentationName) | \(required) | \(cell(meaning(key))) | "
                + (key.example.map { "`\(cell($0))`" } ?? "") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// The documentation, with the accepted values of an enumeration when it does not name them all.
    static func meaning(_ key: FormatKey) -> String {
        guard case .enumeration(let values) = key.type, !values.allSatisfy({ key.documentation.contains("`\($0)`") }) else {
            return key.documentation
        }
        return key.documentation + " One of " + ListWording.joined(values.map { "`\($0)`" }, conjunction: "or") + "."
    }

    /// The change kinds with their severity and meaning.
    public static func changeTable() -> String {
        (["| Id | Severity | Meaning |", "|---|---|---|"]
            + ChangeKind.allCases.map { "| `\($0.rawValue)` | \($0.severity.rawValue) | \(cell($0.meaning)) |" })
            .joined(separator: "\n")
    }

    /// The paths a house rule can test from an item of `item`, and what each holds (docs/house-rules.md).
    static func houseRulePaths(_ item: HouseItemKind) -> String {
        (["| Path | Holds |", "|---|---|"] + HouseRulePaths.keys(of: item).map { name, kind in
            var holds = kind.name
            switch kind {
            case .reference(let target): holds += "; `\(name).<path>` goes on into the \(target.rawValue)"
            case .record(let place): holds += " with the keys " + (PlaybookFormat.places.first { $0.id == place }?.keyNames ?? [])
                .map { "`\(name).\($0)`" }.joined(separator: ", ")
            default: break
            }
            switch (item, name) {
            case (.stage, "incoming"): holds += ", derived: the stages with an exit into it"
            case (.transition, "from"): holds += ", derived: the stage the exit is written in"
            case (.transition, "handoff"): holds += ", derived: true when both stages have an owner with a role and the roles differ"
            case (.team, "stages"): holds += ", derived: the stages it owns"
            case (.field, "required_by"): holds += ", derived: the stages that list it in `required_fields`"
            default: break
            }
            return "| `\(name)` | \(cell(holds)) |"
        }).joined(separator: "\n")
    }

    /// Every generated table, by the name the docs mark it with.
    public static func tables() -> [(name: String, text: String)] {
        PlaybookFormat.places.map { ("keys of \($0.id)", table($0)) } + [("change kinds", changeTable())]
            + [HouseItemKind.stage, .transition, .team, .field, .playbook].map { ("house rule paths of a \($0.rawValue)", houseRulePaths($0)) }
    }

    /// `markdown` with each marked table made anew; unmarked text is kept as it is.
    public static func updated(_ markdown: String) -> String {
        var text = markdown
        for (name, table) in tables() {
            let open = "<!-- generated: \(name) -->\n"
            let close = "<!-- /generated -->"
            guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { continue }
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: table + "\n")
        }
        return text
    }

    /// A table cell: a `|` would end it.
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
