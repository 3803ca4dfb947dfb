import YAMLReader

/// A part of the model that a place of the format describes: its values can be read as data, key by
/// key, with where each was written. Keys with a typed property are read from it; the others from
/// `described`, where the decoder keeps them.
public protocol FormatModel {
    static var place: FormatPlace { get }
    /// The keys this part of the model has typed properties for, each with how its value is read as
    /// data (nil when it is not written, or not valid). The decoder fills the others into `described`.
    static var modelled: [String: @Sendable (Self) -> FormatNode?] { get }
    /// The place's other keys (`place.keyNames` without the modelled ones), kept in `described`.
    static var describedKeys: [String] { get }
    var described: [String: FormatNode] { get }
    /// Where this part starts (a stage's id, a transition's item), for the mapping that holds its values.
    var anchor: SourceSpan { get }
}

extension FormatModel {
    /// The value of a key as data, nil when it is not written (or not valid).
    public func node(forKey key: String) -> FormatNode? {
        if let read = Self.modelled[key] { return read(self) }
        return described[key]
    }

    /// The value of a key, or what stands for it when it is not written (`kind: active`; with `id`
    /// and `name`, the id and the display name of the entry).
    public func node(forKey key: String, orAbsent id: Located<String>?, name: String? = nil) -> FormatNode? {
        node(Self.reader(forKey: key), orAbsent: id, name: name)
    }

    /// A key looked up once, for reading it from part after part (house rules read a few keys of every stage).
    public static func reader(forKey key: String) -> FormatKeyReader<Self> {
        FormatKeyReader(name: key, read: modelled[key], whenAbsent: place.key(key)?.whenAbsent ?? .nothing)
    }

    /// The value of a key looked up with `reader(forKey:)`, nil when it is not written (or not valid).
    public func node(_ key: FormatKeyReader<Self>) -> FormatNode? {
        if let read = key.read { return read(self) }
        return described[key.name]
    }

    /// The same, or what stands for it when it is not written.
    public func node(_ key: FormatKeyReader<Self>, orAbsent id: Located<String>?, name: String? = nil) -> FormatNode? {
        node(key) ?? key.whenAbsent.standIn(id: id?.value, name: name, at: SourceSpan(at: anchor.start))
    }

    /// All the values written here, in the format's order of keys (`x-` keys are left out).
    public var node: FormatNode {
        let members = Self.place.keys.compactMap { key in
            node(forKey: key.name).map { FormatNode.Member(key: Located(key.name, at: SourceSpan(at: $0.span.start)), node: $0) }
        }
        return FormatNode(.mapping(members), at: anchor)
    }
}

/// A key of a part of the model, looked up once: whether a typed property holds it, and what stands
/// in when it is not written.
public struct FormatKeyReader<Model: FormatModel>: Sendable {
    public let name: String
    /// How a modelled key is read; nil for a key kept in `described`.
    let read: (@Sendable (Model) -> FormatNode?)?
    let whenAbsent: FormatAbsence

    /// True when what stands in for the key is the entry's display name (then pass it to `node`).
    public var standsInWithName: Bool {
        if case .name = whenAbsent { return true }
        return false
    }
}

extension FormatNode {
    package static func text(_ value: Located<String>?) -> FormatNode? { value.map(FormatNode.string) }

    package static func raw<E: RawRepresentable>(_ value: Located<E>?) -> FormatNode? where E.RawValue == String {
        value.map { FormatNode(.string($0.value.rawValue), at: $0.span) }
    }

    package static func duration(_ value: Located<Duration>?) -> FormatNode? {
        value.map { FormatNode(.string($0.value.description), at: $0.span) }
    }

    /// A string or a list of strings, always as a list.
    package static func texts(_ list: TextList?) -> FormatNode? {
        list.map { FormatNode(.list($0.items.map(FormatNode.string)), at: $0.span) }
    }

    /// A list of strings, spanning its items (or placed at `anchor` when it has none).
    package static func strings(_ items: [Located<String>]?, anchor: SourceSpan) -> FormatNode? {
        items.map { FormatNode(.list($0.map(FormatNode.string)), at: span(of: $0.map(\.span), anchor: anchor)) }
    }

    package static func span(of spans: [SourceSpan], anchor: SourceSpan) -> SourceSpan {
        guard let first = spans.first, let last = spans.last else { return SourceSpan(at: anchor.start) }
        return SourceSpan(start: first.start, end: last.end)
    }

    /// Entries keyed by id (teams, fields, stages).
    package static func entries<Entry: FormatModel>(_ entries: [Entry], id: (Entry) -> Located<String>, anchor: SourceSpan?) -> FormatNode {
        let members = entries.map { FormatNode.Member(key: id($0), node: $0.node) }
        return FormatNode(.mapping(members), at: span(of: members.map(\.node.span), anchor: anchor ?? .fileStart))
    }

    /// The value at a dotted path below this node (`stages.mql.sla.within`, `stages.mql.exits.0.to`):
    /// mapping keys by name, list items by their index from 0.
    public func node(at path: String) -> FormatNode? {
        var node = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch node.value {
            case .mapping(let members):
                guard let member = members.first(where: { $0.key.value == component }) else { return nil }
                node = member.node
            case .list(let items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// Every value below this node with its dotted path, parents before their children, in file order.
    public func walk(path: String = "", _ visit: (String, FormatNode) -> Void) {
        // An explicit stack: the model is shallow, but paths come from data.
        var stack: [(String, FormatNode)] = [(path, self)]
        while let (path, node) = stack.popLast() {
            visit(path, node)
            let prefix = path.isEmpty ? "" : path + "."
            switch node.value {
            case .mapping(let members):
                for member in members.reversed() { stack.append((prefix + member.key.value, member.node)) }
            case .list(let items):
                for (index, item) in items.enumerated().reversed() { stack.append((prefix + String(index), item)) }
            case .string, .number, .null:
                break
            }
        }
    }
}

extension Playbook: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.topLevel }
    public static let modelled: [String: @Sendable (Playbook) -> FormatNode?] = [
        "playbook": { .text($0.title) },
        "version": { .text($0.version) },
        "description": { .text($0.description) },
        "motion": { .raw($0.motion) },
        "level": { .raw($0.level) },
        "teams": { $0.teamsKey == nil ? nil : .entries($0.teams, id: \.id, anchor: $0.teamsKey) },
        "fields": { $0.fields.map { .entries($0, id: \.id, anchor: nil) } },
        "stages": { $0.stagesKey == nil ? nil : .entries($0.stages, id: \.id, anchor: $0.stagesKey) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { .fileStart }

    /// The whole playbook as data, every value with where it was written; `node(at:)` on it finds one by path.
    public var root: FormatNode { node }
}

extension Team: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.team }
    public static let modelled: [String: @Sendable (Team) -> FormatNode?] = [
        "name": { .text($0.name) },
        "role": { .raw($0.role) },
        "description": { .text($0.description) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { id.span }
}

extension Field: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.field }
    public static let modelled: [String: @Sendable (Field) -> FormatNode?] = [
        "label": { .text($0.label) },
        "type": { .raw($0.type) },
        "values": { .strings($0.values, anchor: $0.id.span) },
        "description": { .text($0.description) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { id.span }
}

extension Stage: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.stage }
    public static let modelled: [String: @Sendable (Stage) -> FormatNode?] = [
        "name": { .text($0.name) },
        "kind": { stage in stage.kindSpan.map { FormatNode(.string(stage.kind.rawValue), at: $0) } },
        "owner": { .text($0.owner) },
        "description": { .text($0.description) },
        "entry": { .texts($0.entry) },
        "exits": { stage in
            stage.exits.map { exits in
                let items = exits.map(\.node)
                return FormatNode(.list(items), at: FormatNode.span(of: items.map(\.span), anchor: stage.exitsKey ?? stage.id.span))
            }
        },
        "required_fields": { .strings($0.requiredFields, anchor: $0.id.span) },
        "sla": { $0.sla?.node },
        "routing": { .texts($0.routing) },
        "probability": { $0.probability.map { FormatNode(.number($0.value), at: $0.span) } },
        "nurture": { $0.nurture?.node },
        "reasons": { stage in
            stage.reasons.map { reasons in
                let members = reasons.map { reason in
                    FormatNode.Member(key: reason.code, node: .text(reason.description) ?? FormatNode(.null, at: SourceSpan(at: reason.code.span.end)))
                }
                return FormatNode(.mapping(members), at: FormatNode.span(of: members.map(\.key.span), anchor: stage.id.span))
            }
        },
        "renamed_from": { .texts($0.renamedFrom) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { id.span }

    /// A key of a part of a stage that the model holds as its own (`within` of `sla`), read from that
    /// part without building its whole mapping: the value `node(forKey: record)?[key]` would give. Nil
    /// when `record` is not such a part.
    public static func reader(forKey key: String, in record: String) -> FormatKeyReader<Stage>? {
        func below<Part: FormatModel & SendableMetatype>(_ part: @escaping @Sendable (Stage) -> Part?) -> FormatKeyReader<Stage> {
            let inner = Part.reader(forKey: key)
            return FormatKeyReader(name: record + "." + key, read: { part($0)?.node(inner) }, whenAbsent: .nothing)
        }
        switch record {
        case "sla": return below { $0.sla }
        case "nurture": return below { $0.nurture }
        default: return nil
        }
    }
}

extension Transition: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.transition }
    public static let modelled: [String: @Sendable (Transition) -> FormatNode?] = [
        "to": { .text($0.to) },
        "when": { .text($0.when) },
        "action": { .text($0.action) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { span }
}

extension SLA: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.sla }
    public static let modelled: [String: @Sendable (SLA) -> FormatNode?] = [
        "within": { .duration($0.within) },
        "action": { .text($0.action) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { span }
}

extension NurturePlan: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.nurture }
    public static let modelled: [String: @Sendable (NurturePlan) -> FormatNode?] = [
        "cadence": { .text($0.cadence) },
        "content": { .text($0.content) },
        "follow_up": { .duration($0.followUp) },
    ]
    public static let describedKeys = place.keyNames.filter { modelled[$0] == nil }
    public var anchor: SourceSpan { span }
}
