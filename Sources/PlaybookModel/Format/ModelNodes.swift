import YAMLReader

/// A part of the model that a place of the format describes: its values can be read as data, key by
/// key, with where each was written. Keys with a typed property are read from it; the others from
/// `described`, where the decoder keeps them.
public protocol FormatModel {
    static var place: FormatPlace { get }
    /// The keys this part of the model has typed properties for (the decoder fills the others into `described`).
    static var modelledKeys: Set<String> { get }
    /// The place's other keys (`place.keyNames` without `modelledKeys`), kept in `described`.
    static var describedKeys: [String] { get }
    var described: [String: FormatNode] { get }
    /// The value of a modelled key as data, nil when it is not written (or not valid).
    func modelledNode(forKey key: String) -> FormatNode?
    /// Where this part starts (a stage's id, a transition's item), for the mapping that holds its values.
    var anchor: SourceSpan { get }
}

extension FormatModel {
    /// The value of a key as data, nil when it is not written (or not valid).
    public func node(forKey key: String) -> FormatNode? {
        Self.modelledKeys.contains(key) ? modelledNode(forKey: key) : described[key]
    }

    /// The value of a key, or what stands for it when it is not written (`kind: active`; with `id`
    /// and `name`, the id and the display name of the entry).
    public func node(forKey key: String, orAbsent id: Located<String>?, name: String? = nil) -> FormatNode? {
        node(Self.reader(forKey: key), orAbsent: id, name: name)
    }

    /// A key looked up once, for reading it from part after part (house rules read a few keys of every stage).
    public static func reader(forKey key: String) -> FormatKeyReader {
        FormatKeyReader(name: key, modelled: modelledKeys.contains(key), whenAbsent: place.key(key)?.whenAbsent ?? .nothing)
    }

    /// The value of a key looked up with `reader(forKey:)`, or what stands for it when it is not written.
    public func node(_ key: FormatKeyReader, orAbsent id: Located<String>?, name: String? = nil) -> FormatNode? {
        if let node = key.modelled ? modelledNode(forKey: key.name) : described[key.name] { return node }
        return key.whenAbsent.standIn(id: id?.value, name: name, at: SourceSpan(at: anchor.start))
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
public struct FormatKeyReader: Sendable {
    public let name: String
    let modelled: Bool
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
    public static let modelledKeys: Set<String> = ["playbook", "version", "description", "motion", "level", "teams", "fields", "stages"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { .fileStart }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "playbook": return .text(title)
        case "version": return .text(version)
        case "description": return .text(description)
        case "motion": return .raw(motion)
        case "level": return .raw(level)
        case "teams": return teamsKey == nil ? nil : .entries(teams, id: \.id, anchor: teamsKey)
        case "fields": return fields.map { .entries($0, id: \.id, anchor: nil) }
        case "stages": return stagesKey == nil ? nil : .entries(stages, id: \.id, anchor: stagesKey)
        default: return nil
        }
    }

    /// The whole playbook as data, every value with where it was written; `node(at:)` on it finds one by path.
    public var root: FormatNode { node }
}

extension Team: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.team }
    public static let modelledKeys: Set<String> = ["name", "role", "description"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { id.span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "name": return .text(name)
        case "role": return .raw(role)
        case "description": return .text(description)
        default: return nil
        }
    }
}

extension Field: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.field }
    public static let modelledKeys: Set<String> = ["label", "type", "values", "description"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { id.span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "label": return .text(label)
        case "type": return .raw(type)
        case "values": return .strings(values, anchor: id.span)
        case "description": return .text(description)
        default: return nil
        }
    }
}

extension Stage: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.stage }
    public static let modelledKeys: Set<String> = [
        "name", "kind", "owner", "description", "entry", "exits", "required_fields", "sla", "routing", "probability",
        "nurture", "reasons", "renamed_from",
    ]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { id.span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "name": return .text(name)
        case "kind": return kindSpan.map { FormatNode(.string(kind.rawValue), at: $0) }
        case "owner": return .text(owner)
        case "description": return .text(description)
        case "entry": return .texts(entry)
        case "exits":
            return exits.map { exits in
                let items = exits.map(\.node)
                return FormatNode(.list(items), at: FormatNode.span(of: items.map(\.span), anchor: exitsKey ?? id.span))
            }
        case "required_fields": return .strings(requiredFields, anchor: id.span)
        case "sla": return sla?.node
        case "routing": return .texts(routing)
        case "probability": return probability.map { FormatNode(.number($0.value), at: $0.span) }
        case "nurture": return nurture?.node
        case "reasons":
            return reasons.map { reasons in
                let members = reasons.map { reason in
                    FormatNode.Member(key: reason.code, node: .text(reason.description) ?? FormatNode(.null, at: SourceSpan(at: reason.code.span.end)))
                }
                return FormatNode(.mapping(members), at: FormatNode.span(of: members.map(\.key.span), anchor: id.span))
            }
        case "renamed_from": return .texts(renamedFrom)
        default: return nil
        }
    }
}

extension Transition: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.transition }
    public static let modelledKeys: Set<String> = ["to", "when", "action"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "to": return .text(to)
        case "when": return .text(when)
        case "action": return .text(action)
        default: return nil
        }
    }
}

extension SLA: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.sla }
    public static let modelledKeys: Set<String> = ["within", "action"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "within": return .duration(within)
        case "action": return .text(action)
        default: return nil
        }
    }
}

extension NurturePlan: FormatModel {
    public static var place: FormatPlace { PlaybookFormat.nurture }
    public static let modelledKeys: Set<String> = ["cadence", "content", "follow_up"]
    public static let describedKeys = place.keyNames.filter { !modelledKeys.contains($0) }
    public var anchor: SourceSpan { span }

    public func modelledNode(forKey key: String) -> FormatNode? {
        switch key {
        case "cadence": return .text(cadence)
        case "content": return .text(content)
        case "follow_up": return .duration(followUp)
        default: return nil
        }
    }
}
