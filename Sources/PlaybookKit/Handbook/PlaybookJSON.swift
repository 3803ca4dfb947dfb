import PlaybookModel
/// The playbook model as JSON data, for other tools (`stagelint docs --format json`).
public enum PlaybookJSON {
    public static func render(_ playbook: Playbook, source: String) -> String {
        document(playbook, source: source).rendered() + "\n"
    }

    /// Every key the format describes, in its order: the value as data, or what stands for it when it is
    /// not written (a stage's name is its id, its kind `active`), or an empty list, mapping or null. Entries
    /// (teams, fields, stages) are lists of objects that begin with their `id`; stages also give their
    /// `line` and their `x-` keys.
    public static func document(_ playbook: Playbook, source: String) -> JSONValue {
        let members: [(String, JSONValue)] = Playbook.place.keys.map { key in
            guard key.name == "stages" else { return (key.name, value(playbook.node(forKey: key.name), of: key.type)) }
            return (key.name, .array(playbook.stages.map { stage in
                guard case .object(let members) = entryObject(stage.node, id: stage.id.value, place: Stage.place) else { return .null }
                return .object(members + [JSONMember(key: "line", value: .int(stage.id.position.line)),
                                          JSONMember(key: "extensions", value: extensions(stage.extensions))])
            }))
        }
        return .object([("source", .string(source))] + members + [("extensions", extensions(playbook.extensions))])
    }

    static func extensions(_ list: [Extension]) -> JSONValue { .object(list.map { ($0.key.value, value($0.value)) }) }

    static func value(_ node: FormatNode?, of type: FormatType) -> JSONValue {
        switch type {
        case .entries(let place, _):
            guard let node, case .mapping(let entries) = node.value else { return .array([]) }
            return .array(entries.map { entryObject($0.node, id: $0.key.value, place: place) })
        case .list(let place):
            guard let node, case .list(let items) = node.value else { return .array([]) }
            return .array(items.map { entryObject($0, id: nil, place: place) })
        case .record(let place):
            return node.map { entryObject($0, id: nil, place: place) } ?? .null
        case .texts, .references, .identifiers, .strings:
            return node?.json ?? .array([])
        case .codes:
            return node?.json ?? .object([JSONMember]())
        case .text, .string, .version, .enumeration, .reference, .duration, .percentage:
            return node?.json ?? .null
        }
    }

    /// An entry or a record, from its node; stages are read from the model itself, for their defaults,
    /// line and extensions.
    static func entryObject(_ node: FormatNode, id: String?, place: FormatPlace) -> JSONValue {
        var members: [(String, JSONValue)] = id.map { [("id", .string($0))] } ?? []
        for key in place.keys {
            var value = node[key.name]
            if value == nil, let id {
                value = key.whenAbsent.standIn(id: id, name: node["name"]?.string, at: node.span)
            }
            members.append((key.name, Self.value(value, of: key.type)))
        }
        return .object(members)
    }

    static func value(_ value: ExtensionValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let number): return .double(number)
        case .string(let text): return .string(text)
        case .list(let items): return .array(items.map(Self.value))
        case .map(let pairs): return .object(pairs.map { ($0.key, Self.value($0.value)) })
        }
    }
}
