import PlaybookModel

/// What a house rule looks at: one finding at most per item.
public enum HouseRuleGiven: String, Sendable, Hashable, CaseIterable {
    case playbook, teams, fields, stages, transitions

    var item: HouseItemKind {
        switch self {
        case .playbook: return .playbook
        case .teams: return .team
        case .fields: return .field
        case .stages: return .stage
        case .transitions: return .transition
        }
    }
}

/// The kinds of item a path can start from or lead to through a reference.
public enum HouseItemKind: String, Sendable, Hashable {
    case playbook, team, field, stage, transition
}

/// What a path reaches, as the configuration is checked: which operators apply and how their
/// arguments are read. Worked out from the format's description (`PlaybookFormat`), so a key added
/// there can be used by house rules without code here.
enum HouseValueKind: Sendable, Equatable {
    /// A string; `choices` for an enumeration (`kind`, `role`).
    case text(choices: [String]?)
    case number
    case duration
    case boolean
    /// The id of a stage, team or field: a string to the operators, and paths go on into what it names.
    case reference(HouseItemKind)
    indirect case list(HouseValueKind)
    /// A mapping with the keys of a place of the format (`sla`, `crm`).
    case record(String)
    /// A mapping of code → text (`reasons`): its keys are what `contains` and `count` see.
    case mapping
    /// An item reached whole (`exits` holds transitions).
    case item(HouseItemKind)
    /// An `x-` key's value: any kind, told apart when the rule runs.
    case any

    static let text = HouseValueKind.text(choices: nil)

    /// How messages name the kind.
    var name: String {
        switch self {
        case .text(let choices): return choices == nil ? "a text" : "one of " + (choices ?? []).joined(separator: ", ")
        case .number: return "a number"
        case .duration: return "a duration"
        case .boolean: return "true or false"
        case .reference(let item): return "a \(item.rawValue) id"
        case .list(let item): return "a list of \(item.pluralName)"
        case .record: return "a mapping"
        case .mapping: return "a mapping"
        case .item(let item): return "a \(item.rawValue)"
        case .any: return "any value"
        }
    }

    private var pluralName: String {
        switch self {
        case .text: return "texts"
        case .reference(let item): return "\(item.rawValue) ids"
        case .item(let item): return item == .transition ? "transitions" : "\(item.rawValue)s"
        default: return "values"
        }
    }

    /// A text to the operators: a string or an id.
    var isText: Bool {
        switch self {
        case .text, .reference, .any: return true
        default: return false
        }
    }
}

/// The paths of house rules: dotted keys into an item, as `stagelint docs --format json` shows it,
/// with references followed (`owner.role`, `to.kind`) and a few derived values (`incoming`,
/// `handoff`, a team's `stages`, a field's `required_by`).
enum HouseRulePaths {
    /// What a key of an item holds, looked up while rules run (worked out once).
    static func kind(ofKey key: String, in item: HouseItemKind) -> HouseValueKind? {
        keyKinds[item]?[key]
    }

    private static let keyKinds: [HouseItemKind: [String: HouseValueKind]] = Dictionary(
        uniqueKeysWithValues: [HouseItemKind.playbook, .team, .field, .stage, .transition].map { item in
            (item, Dictionary(keys(of: item).map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first }))
        })

    /// The keys an item has, each with what it holds. The format's keys come from its description.
    static func keys(of item: HouseItemKind) -> [(name: String, kind: HouseValueKind)] {
        switch item {
        case .stage:
            return [("id", .text)] + formatKeys(PlaybookFormat.stage) + [("incoming", .list(.reference(.stage)))]
        case .transition:
            return [("from", .reference(.stage))] + formatKeys(PlaybookFormat.transition) + [("handoff", .boolean)]
        case .team:
            return [("id", .text)] + formatKeys(PlaybookFormat.team) + [("stages", .list(.reference(.stage)))]
        case .field:
            return [("id", .text)] + formatKeys(PlaybookFormat.field) + [("required_by", .list(.reference(.stage)))]
        case .playbook:
            return formatKeys(PlaybookFormat.topLevel)
        }
    }

    static func formatKeys(_ place: FormatPlace) -> [(name: String, kind: HouseValueKind)] {
        place.keys.map { key in
            switch (place.id, key.name) {
            case ("stage", "exits"): return (key.name, .list(.item(.transition)))
            case ("transition", "to"): return (key.name, .reference(.stage))
            case ("playbook", "stages"): return (key.name, .list(.reference(.stage)))
            case ("playbook", "teams"): return (key.name, .list(.reference(.team)))
            case ("playbook", "fields"): return (key.name, .list(.reference(.field)))
            default: return (key.name, kind(of: key.type))
            }
        }
    }

    static func kind(of type: FormatType) -> HouseValueKind {
        switch type {
        case .text, .string, .version: return .text
        case .enumeration(let choices): return .text(choices: choices)
        case .reference(let what): return .reference(HouseItemKind(rawValue: what) ?? .stage)
        case .references(let what): return .list(.reference(HouseItemKind(rawValue: what) ?? .stage))
        case .identifiers, .texts, .strings: return .list(.text)
        case .duration: return .duration
        case .percentage: return .number
        case .record(let place): return .record(place.id)
        case .entries, .codes: return .mapping
        case .list: return .list(.mapping)
        }
    }

    /// Why a path does not lead anywhere: the component that is not known, and what is.
    struct Problem: Error, Sendable {
        let message: String
    }

    /// What `path` reaches from an item of `item` (a `Problem` names the first component that is not
    /// known, with a suggestion), the steps that read it up to its first reference (worked out here
    /// once, so that checking an item follows them without looking keys up by name), and that
    /// reference: the component after it, and what it names.
    static func resolve(_ path: String, from item: HouseItemKind) throws(Problem)
        -> (kind: HouseValueKind, steps: [HouseStep], reference: (component: Int, target: HouseItemKind)?) {
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var kind = HouseValueKind.item(item)
        var steps: [HouseStep] = []
        var reference: (component: Int, target: HouseItemKind)?
        var stepsBeforeReference = 0
        var walked: [String] = []
        for component in components {
            let known: [(name: String, kind: HouseValueKind)]
            switch kind {
            case .item(let item), .reference(let item):
                if case .reference = kind, reference == nil {
                    reference = (walked.count, item)
                    stepsBeforeReference = steps.count
                }
                if let found = keyKinds[item]?[component] {  // the usual case, without listing the keys
                    steps.append(.member(HouseMember(component, of: item)))
                    kind = found
                    walked.append(component)
                    continue
                }
                if component.hasPrefix("x-"), component.count > 2 {
                    steps.append(.member(.extensionKey(component)))
                    kind = .any
                    walked.append(component)
                    continue
                }
                known = keys(of: item)
            case .record(let place):
                known = PlaybookFormat.places.first { $0.id == place }.map(formatKeys) ?? []
                if let found = known.first(where: { $0.name == component }) {
                    // A key of a part the model holds as its own (a stage's `sla`) is read from that part.
                    if case .member(.stage(let record))? = steps.last, let reader = Stage.reader(forKey: component, in: record.name) {
                        steps[steps.count - 1] = .member(.stage(reader))
                    } else {
                        steps.append(.recordKey(component))
                    }
                    kind = found.kind
                    walked.append(component)
                    continue
                }
            case .any:
                steps.append(.dataKey(component))
                walked.append(component)
                continue
            default:
                let at = walked.joined(separator: ".")
                throw Problem(message: "'\(at)' is \(kind.name) and has no keys below it, so '\(path)' leads nowhere")
            }
            let names = known.map(\.name)
            let suggestion = Suggestion.closest(to: component, among: names)
            let place = walked.isEmpty ? "a \(item.rawValue)" : "'\(walked.joined(separator: "."))'"
            throw Problem(message: "unknown path '\(path)': \(place) has no key '\(component)'"
                + (suggestion.map { "; did you mean '\((walked + [$0]).joined(separator: "."))'?" }
                    ?? " (it has: \(names.joined(separator: ", ")))"))
        }
        return (kind, reference == nil ? steps : Array(steps[..<stepsBeforeReference]), reference)
    }
}

/// One step of a path, resolved when the configuration is read (up to a reference: see `HousePath.through`).
enum HouseStep: Sendable {
    /// A key of an item.
    case member(HouseMember)
    /// A key of a mapping the format describes (`sla.within`).
    case recordKey(String)
    /// A key of an `x-` key's data.
    case dataKey(String)
}

/// A key of an item, and how it is read.
enum HouseMember: Sendable {
    /// A stage's, team's or field's id.
    case id
    /// Derived values: the stages with an exit to a stage, a stage's exits, a transition's stage, whether
    /// a transition changes hands, the stages a team owns, the stages that require a field.
    case incoming, exits, from, handoff, ownedStages, requiredBy
    /// The playbook's lists of ids.
    case stageIDs, teamIDs, fieldIDs
    /// A key the format describes, read through the model.
    case stage(FormatKeyReader<Stage>)
    case transition(FormatKeyReader<Transition>)
    case team(FormatKeyReader<Team>)
    case field(FormatKeyReader<Field>)
    case playbook(FormatKeyReader<Playbook>)
    /// An `x-` key.
    case extensionKey(String)

    init(_ key: String, of item: HouseItemKind) {
        switch (item, key) {
        case (.stage, "id"), (.team, "id"), (.field, "id"): self = .id
        case (.stage, "incoming"): self = .incoming
        case (.stage, "exits"): self = .exits
        case (.transition, "from"): self = .from
        case (.transition, "handoff"): self = .handoff
        case (.team, "stages"): self = .ownedStages
        case (.field, "required_by"): self = .requiredBy
        case (.playbook, "stages"): self = .stageIDs
        case (.playbook, "teams"): self = .teamIDs
        case (.playbook, "fields"): self = .fieldIDs
        case (.stage, _): self = .stage(Stage.reader(forKey: key))
        case (.transition, _): self = .transition(Transition.reader(forKey: key))
        case (.team, _): self = .team(Team.reader(forKey: key))
        case (.field, _): self = .field(Field.reader(forKey: key))
        case (.playbook, _): self = .playbook(Playbook.reader(forKey: key))
        }
    }
}
