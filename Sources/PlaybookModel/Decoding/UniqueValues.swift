import YAMLReader

/// Values the format says must differ between the entries of a collection (`FormatKey.unique`): two
/// stages with one CRM value would be one value in the CRM. A value that is not written is stood in
/// for as the format says (a stage's id or name); two entries are reported only when at least one of
/// them wrote the value, so that two stages of one name are `duplicate-stage` and nothing more. Values
/// are compared ignoring case, as CRMs compare picklist values.
package enum UniqueValues {
    /// The dotted paths of the keys below a place (through its records) that must be unique.
    package static func paths(in place: FormatPlace) -> [(path: [String], key: FormatKey)] {
        var found: [(path: [String], key: FormatKey)] = []
        // The description nests records a few levels at most, and it is not input: plain recursion.
        func visit(_ place: FormatPlace, _ prefix: [String]) {
            for key in place.keys {
                if key.unique != nil { found.append((prefix + [key.name], key)) }
                if case .record(let inner) = key.type { visit(inner, prefix + [key.name]) }
            }
        }
        visit(place, [])
        return found
    }

    package static let stagePaths = paths(in: Stage.place)
    package static let fieldPaths = paths(in: Field.place)
    package static let teamPaths = paths(in: Team.place)

    package static func check(_ playbook: Playbook, into sink: inout DiagnosticSink) {
        check(playbook.stages, what: "stage", paths: stagePaths, name: \.displayName, into: &sink)
        check(playbook.fields ?? [], what: "field", paths: fieldPaths, name: { $0.label?.value ?? $0.id.value }, into: &sink)
        check(playbook.teams, what: "team", paths: teamPaths, name: { $0.name?.value ?? $0.id.value }, into: &sink)
    }

    package static func check<Entry: FormatModel>(_ entries: [Entry], what: String, paths: [(path: [String], key: FormatKey)],
                                          name: (Entry) -> String, into sink: inout DiagnosticSink) where Entry: Identified {
        for (path, key) in paths {
            // Only a written value can clash: a playbook that writes none at this path is done (most are).
            guard let unique = key.unique, entries.contains(where: { value(at: path, in: $0) != nil }) else { continue }
            let dotted = path.joined(separator: ".")
            // Lowercased value → the first entry with it, and whether that entry wrote it.
            var first: [String: (entry: Entry, written: FormatNode?)] = [:]
            for entry in entries {
                let written = value(at: path, in: entry)
                let standing = written ?? key.whenAbsent.standIn(id: entry.id.value, name: name(entry), at: entry.id.span)
                guard let text = standing?.string, !text.isEmpty else { continue }
                let folded = text.lowercased()
                guard let earlier = first[folded] else {
                    first[folded] = (entry, written)
                    continue
                }
                guard let at = written ?? earlier.written else { continue }  // neither wrote it: another rule's business
                let stoodIn = written == nil ? entry : earlier.written == nil ? earlier.entry : nil
                let how = stoodIn.map { "; \(what) '\($0.id.value)' has no `\(dotted)`, so its \(key.whenAbsent.standInName) stands for it" } ?? ""
                sink.report(.invalidValue, at: at.span,
                    "\(what)s '\(earlier.entry.id.value)' (line \(earlier.entry.id.position.line)) and '\(entry.id.value)' have the same "
                        + "\(unique.what) '\(text)'\(how); give each \(what) its own `\(dotted)`")
            }
        }
    }

    package static func value<Entry: FormatModel>(at path: [String], in entry: Entry) -> FormatNode? {
        guard let head = path.first, var node = entry.node(forKey: head) else { return nil }
        for component in path.dropFirst() {
            guard let next = node[component] else { return nil }
            node = next
        }
        return node
    }
}

/// An entry of a collection keyed by id (a stage, a field, a team).
package protocol Identified {
    var id: Located<String> { get }
}

extension Stage: Identified {}
extension Field: Identified {}
extension Team: Identified {}

extension FormatAbsence {
    /// What a message calls the value that stands in ("id", "name").
    package var standInName: String {
        switch self {
        case .nothing: return "value"
        case .value: return "default"
        case .id: return "id"
        case .name: return "name"
        }
    }
}
