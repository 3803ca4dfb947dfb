import PlaybookModel
import YAMLReader

/// The ids of a playbook and every place they are written, from the model: each stage, team and field
/// key (the definition) and each reference (`to`, `owner`, `required_fields`). The editor server's go
/// to definition, find references, hover and rename read it.
public struct PlaybookNavigation {
    public enum Kind: String, Sendable {
        case stage, team, field
    }

    public struct Occurrence: Sendable, Equatable {
        public let kind: Kind
        public let id: String
        public let bytes: Range<Int>
        public let isDefinition: Bool
    }

    public let document: PlaybookDocument
    public let occurrences: [Occurrence]
    /// Earlier ids in `renamed_from`, each standing for the stage that holds it (not an occurrence of
    /// that id: a rename of the stage leaves them as they are).
    public let aliases: [Occurrence]

    public init(_ document: PlaybookDocument) {
        self.document = document
        var found: [Occurrence] = []
        guard let playbook = document.playbook else {
            occurrences = []
            aliases = []
            return
        }
        var aliases: [Occurrence] = []
        /// The id's bytes, inside its quotes when it is quoted (`to: "mql"`).
        func unquoted(_ bytes: Range<Int>) -> Range<Int> {
            let source = document.source
            guard bytes.count >= 2, let first = source[safe: bytes.lowerBound], [0x22, 0x27].contains(first),
                  source[safe: bytes.upperBound - 1] == first else { return bytes }
            return bytes.lowerBound + 1..<bytes.upperBound - 1
        }
        func add(_ kind: Kind, _ located: Located<String>, definition: Bool) {
            guard let bytes = document.byteRange(of: located.span) else { return }
            found.append(Occurrence(kind: kind, id: located.value, bytes: unquoted(bytes), isDefinition: definition))
        }
        for team in playbook.teams { add(.team, team.id, definition: true) }
        for field in playbook.fields ?? [] { add(.field, field.id, definition: true) }
        for stage in playbook.stages {
            add(.stage, stage.id, definition: true)
            if let owner = stage.owner { add(.team, owner, definition: false) }
            for field in stage.requiredFields ?? [] { add(.field, field, definition: false) }
            for transition in stage.transitions { if let to = transition.to { add(.stage, to, definition: false) } }
            for earlier in stage.renamedFrom?.items ?? [] {
                guard let bytes = document.byteRange(of: earlier.span) else { continue }
                aliases.append(Occurrence(kind: .stage, id: stage.id.value, bytes: bytes, isDefinition: false))
            }
        }
        self.aliases = aliases
        occurrences = found.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
    }

    /// The id written at a byte offset (its end counts, so a cursor just after an id finds it).
    public func occurrence(at offset: Int) -> Occurrence? {
        (occurrences + aliases).first { $0.bytes.contains(offset) || $0.bytes.upperBound == offset }
    }

    public func definition(of occurrence: Occurrence) -> Occurrence? {
        occurrences.first { $0.kind == occurrence.kind && $0.id == occurrence.id && $0.isDefinition }
    }

    public func references(to occurrence: Occurrence, includingDefinition: Bool) -> [Occurrence] {
        occurrences.filter { $0.kind == occurrence.kind && $0.id == occurrence.id && (includingDefinition || !$0.isDefinition) }
    }

    /// Why `name` cannot replace the id, nil when it can: ids match `[a-z][a-z0-9_-]*` and are unique among their kind.
    public func renameProblem(_ occurrence: Occurrence, to name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        let valid = scalars.first.map { ("a"..."z").contains($0) } == true
            && scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if !valid { return "'\(name)' is not an id: ids match [a-z][a-z0-9_-]* (lowercase letters, digits, _ and -, starting with a letter)" }
        // Words YAML reads as something other than text (`to: null` would name no stage).
        if ["null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(name) {
            return "'\(name)' reads as a YAML \(name == "null" ? "null" : "boolean"), not an id: choose another name"
        }
        if name != occurrence.id, occurrences.contains(where: { $0.kind == occurrence.kind && $0.id == name && $0.isDefinition }) {
            return "a \(occurrence.kind.rawValue) '\(name)' exists already"
        }
        return nil
    }

    /// What a hover shows for the id: for a stage its name, kind, owner, entry rule and SLA; for a team
    /// its name and role; for a field its label and type (Markdown).
    public func hover(_ occurrence: Occurrence) -> String? {
        guard let playbook = document.playbook else { return nil }
        switch occurrence.kind {
        case .stage:
            guard let stage = playbook.stages.first(where: { $0.id.value == occurrence.id }) else {
                return "**\(occurrence.id)**: no stage has this id"
            }
            var lines = ["**\(stage.displayName)** (`\(stage.id.value)`, \(stage.kind.rawValue))"]
            if let owner = stage.owner?.value { lines.append("Owner: `\(owner)`") }
            if let entry = stage.entry, !entry.items.isEmpty { lines.append("Entry: " + entry.items.map(\.value).joined(separator: "; or ")) }
            if let sla = stage.sla {
                lines.append("SLA: " + [sla.within.map { "within \($0.value)" }, sla.action?.value].compactMap { $0 }.joined(separator: ": "))
            }
            let exits = stage.transitions.compactMap { $0.to?.value }
            if !exits.isEmpty { lines.append("Exits to: " + exits.map { "`\($0)`" }.joined(separator: ", ")) }
            return lines.joined(separator: "\n\n")
        case .team:
            guard let team = playbook.teams.first(where: { $0.id.value == occurrence.id }) else { return "**\(occurrence.id)**: no team has this id" }
            let owned = playbook.stages.filter { $0.owner?.value == occurrence.id }.map { "`\($0.id.value)`" }
            return ["**\(team.name?.value ?? team.id.value)** (`\(team.id.value)`" + (team.role.map { ", \($0.value.rawValue))" } ?? ")"),
                    owned.isEmpty ? nil : "Owns: " + owned.joined(separator: ", "), team.description?.value]
                .compactMap { $0 }.joined(separator: "\n\n")
        case .field:
            guard let field = (playbook.fields ?? []).first(where: { $0.id.value == occurrence.id }) else {
                return "**\(occurrence.id)**: no field has this id" + (playbook.fields == nil ? " (the playbook declares no `fields`)" : "")
            }
            let required = playbook.stages.filter { ($0.requiredFields ?? []).contains { $0.value == occurrence.id } }.map { "`\($0.id.value)`" }
            return ["**\(field.label?.value ?? field.id.value)** (`\(field.id.value)`" + (field.type.map { ", \($0.value.rawValue))" } ?? ")"),
                    required.isEmpty ? nil : "Required by: " + required.joined(separator: ", "), field.description?.value]
                .compactMap { $0 }.joined(separator: "\n\n")
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
