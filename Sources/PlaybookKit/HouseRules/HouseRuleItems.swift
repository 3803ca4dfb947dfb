import PlaybookModel
import YAMLReader

/// One thing a house rule looks at.
enum HouseItem: Sendable, Hashable {
    case playbook
    case stage(Int)
    /// A stage's exit, by the stage's index and the exit's.
    case transition(stage: Int, exit: Int)
    case team(Int)
    case field(Int)
}

/// A value found at a path, with where it was written. A value reached through a reference (`owner.role`)
/// is placed on the reference as the item writes it, and derived values (`incoming`, `handoff`) on the
/// item's key: a finding stays with the item it is about.
enum HouseValue: Sendable {
    case absent
    case text(String, SourceSpan)
    case number(Double, SourceSpan)
    case boolean(Bool, SourceSpan)
    case list([HouseValue], SourceSpan)
    /// A mapping, seen as its keys (`reasons`, `sla`): the node for going on below it.
    case mapping(FormatNode)
    /// A mapping kept as data (an `x-` key's value).
    case data([(key: String, value: HouseValue)], SourceSpan)
    case item(HouseItem, SourceSpan)

    var span: SourceSpan? {
        switch self {
        case .absent: return nil
        case .text(_, let span), .number(_, let span), .boolean(_, let span), .list(_, let span), .data(_, let span), .item(_, let span):
            return span
        case .mapping(let node): return node.span
        }
    }

    /// Present: not null, not an empty list, text or mapping.
    var isDefined: Bool {
        switch self {
        case .absent: return false
        case .text(let text, _): return !text.isEmpty
        case .list(let items, _): return !items.isEmpty
        case .mapping(let node):
            if case .mapping(let members) = node.value { return !members.isEmpty }
            return true
        case .data(let members, _): return !members.isEmpty
        case .number, .boolean, .item: return true
        }
    }

    /// How a message shows it.
    var shown: String {
        switch self {
        case .absent: return "(none)"
        case .text(let text, _): return text
        case .number(let number, _): return JSONValue.double(number).rendered()
        case .boolean(let value, _): return value ? "true" : "false"
        case .list(let items, _): return items.isEmpty ? "(none)" : items.map(\.shown).joined(separator: ", ")
        case .mapping(let node): return node.summary
        case .data(let members, _): return members.map { "\($0.key): \($0.value.shown)" }.joined(separator: ", ")
        case .item: return "(item)"
        }
    }
}

/// A playbook as house rules see it: its items, and what they need worked out once (who points at a
/// stage, which stages a team owns, which stages require a field). The values found at paths are
/// kept for the check of one file: the rules of a team read the same few paths (`owner.role`,
/// `kind`, `name`) of every item.
final class HouseRuleFacts {
    let playbook: Playbook
    /// The derived values, worked out when a rule first reads one (few rules do).
    private lazy var incoming: [[Int]] = {
        var incoming = [[Int]](repeating: [], count: playbook.stages.count)
        for (index, stage) in playbook.stages.enumerated() {
            for transition in stage.transitions {
                if let target = transition.to.flatMap({ playbook.stageIndex[$0.value] }), incoming[target].last != index {
                    incoming[target].append(index)
                }
            }
        }
        return incoming
    }()
    private lazy var ownedStages: [[Int]] = {
        var owned = [[Int]](repeating: [], count: playbook.teams.count)
        for (index, stage) in playbook.stages.enumerated() {
            if let owner = stage.owner.flatMap({ playbook.teamIndex[$0.value] }) { owned[owner].append(index) }
        }
        return owned
    }()
    private lazy var requiredBy: [String: [Int]] = {
        var requiredBy: [String: [Int]] = [:]
        for (index, stage) in playbook.stages.enumerated() {
            for field in stage.requiredFields ?? [] where requiredBy[field.value]?.last != index {
                requiredBy[field.value, default: []].append(index)
            }
        }
        return requiredBy
    }()
    private lazy var fieldIndex: [String: Int] = Playbook.index((playbook.fields ?? []).lazy.map(\.id.value))
    /// The values found, in the order they were.
    private var values: [HouseValue] = []
    /// Where in `values` the value at a path from an item is (-1 before it is looked for), at `path
    /// number × slots + slot` (see `slot`), for the paths numbered when the check began. Buffers, not
    /// arrays: they are read for every judgement, and a buffer is read without exclusivity checks.
    private let found: UnsafeMutableBufferPointer<Int32>
    /// Whether a clause held for an item (1), did not (2), or was not judged yet (0), at `clause number ×
    /// slots + slot`.
    private let judged: UnsafeMutableBufferPointer<UInt8>
    /// The slot of the item a reference names (-1 before it is looked for, -2 when it names none), at
    /// `reference path number × slots + slot`.
    private let targets: UnsafeMutableBufferPointer<Int32>
    /// Where a `then` clause failed for an item, at the index of `judged` (kept for `then` clauses only:
    /// a failing `where` is reported nowhere).
    private var failures: [Int: SourceSpan] = [:]
    /// Each slot's item.
    private let itemsBySlot: [HouseItem]
    /// How many items there are, of every kind together.
    private let slots: Int
    private let stageCount: Int
    private let teamCount: Int
    /// Where each stage's exits start in the list of every transition.
    private let firstExit: [Int]
    private let transitionCount: Int
    /// Each item's key span, by slot.
    private let keySpans: [SourceSpan]

    init(_ playbook: Playbook) {
        self.playbook = playbook
        var first: [Int] = []
        var exits = 0
        for stage in playbook.stages {
            first.append(exits)
            exits += stage.transitions.count
        }
        firstExit = first
        transitionCount = exits
        stageCount = playbook.stages.count
        teamCount = playbook.teams.count
        slots = stageCount + exits + teamCount + (playbook.fields?.count ?? 0) + 1
        // In the order of `slot`.
        itemsBySlot = [HouseRuleGiven.stages, .transitions, .teams, .fields, .playbook].flatMap { Self.listed($0, in: playbook) }
        keySpans = itemsBySlot.map { Self.keySpan($0, in: playbook) }
        found = .allocate(capacity: HouseNumbering.paths.count * slots)
        found.initialize(repeating: -1)
        targets = .allocate(capacity: HouseNumbering.paths.count * slots)
        targets.initialize(repeating: -1)
        judged = .allocate(capacity: HouseNumbering.clauses.count * slots)
        judged.initialize(repeating: 0)
    }

    deinit {
        found.deallocate()
        judged.deallocate()
        targets.deallocate()
    }

    /// An item's place among the items of its kind, and how many there are of them all: the stages,
    /// then the transitions, teams, fields and the playbook, one after the other.
    private func slot(_ item: HouseItem) -> Int {
        switch item {
        case .stage(let index): return index
        case .transition(let stage, let exit): return stageCount + firstExit[stage] + exit
        case .team(let index): return stageCount + transitionCount + index
        case .field(let index): return stageCount + transitionCount + teamCount + index
        case .playbook: return slots - 1
        }
    }

    /// The items of a `given` in file order, each with its key's span.
    func items(_ given: HouseRuleGiven) -> [(item: HouseItem, key: SourceSpan)] {
        let slots: Range<Int>
        switch given {
        case .stages: slots = 0..<stageCount
        case .transitions: slots = stageCount..<stageCount + transitionCount
        case .teams: slots = stageCount + transitionCount..<stageCount + transitionCount + teamCount
        case .fields: slots = stageCount + transitionCount + teamCount..<self.slots - 1
        case .playbook: slots = self.slots - 1..<self.slots
        }
        return slots.map { (itemsBySlot[$0], keySpans[$0]) }
    }

    private static func listed(_ given: HouseRuleGiven, in playbook: Playbook) -> [HouseItem] {
        switch given {
        case .playbook: return [.playbook]
        case .stages: return playbook.stages.indices.map(HouseItem.stage)
        case .teams: return playbook.teams.indices.map(HouseItem.team)
        case .fields: return (playbook.fields ?? []).indices.map(HouseItem.field)
        case .transitions:
            return playbook.stages.indices.flatMap { stage in
                playbook.stages[stage].transitions.indices.map { HouseItem.transition(stage: stage, exit: $0) }
            }
        }
    }

    /// Where a finding about the item lands when the failing value is not written: the stage, team or
    /// field id, the transition's `to`, the playbook's title.
    func keySpan(_ item: HouseItem) -> SourceSpan {
        keySpans[slot(item)]
    }

    private static func keySpan(_ item: HouseItem, in playbook: Playbook) -> SourceSpan {
        switch item {
        case .playbook: return playbook.title?.span ?? .fileStart
        case .stage(let index): return playbook.stages[index].id.span
        case .transition(let stage, let exit):
            let transition = playbook.stages[stage].transitions[exit]
            return transition.to?.span ?? transition.span
        case .team(let index): return playbook.teams[index].id.span
        case .field(let index): return (playbook.fields ?? [])[index].id.span
        }
    }

    /// The value at `path` from `item`.
    func value(at path: HousePath, of item: HouseItem) -> HouseValue {
        let index = path.number * slots + slot(item)
        guard index < found.count else { return look(at: path, from: item) }  // a path numbered after this file's check began
        if found[index] >= 0 { return values[Int(found[index])] }
        let value = look(at: path, from: item)
        found[index] = Int32(values.count)
        values.append(value)
        return value
    }

    /// Whether a clause held for an item, when it has been judged before (by this rule or another).
    func knownResult(of clause: HouseTests, for item: HouseItem) -> Bool? {
        let index = clause.number * slots + slot(item)
        guard index < judged.count, judged[index] != 0 else { return nil }
        return judged[index] == 1
    }

    func remember(_ held: Bool, of clause: HouseTests, for item: HouseItem) {
        let index = clause.number * slots + slot(item)
        if index < judged.count { judged[index] = held ? 1 : 2 }
    }

    /// True when a clause of `condition` is known to fail for the item and every clause before it is
    /// known to hold (so no pattern before it could have given up on the item).
    func isKnownToFail(_ condition: HouseCondition, for item: HouseItem) -> Bool {
        for clause in condition.clauses {
            guard case .test(let tests) = clause, let held = knownResult(of: tests, for: item) else { return false }
            if !held { return true }
        }
        return false
    }

    /// Keeps where a `then` clause failed, for the rules that share it.
    func keep(_ failure: SourceSpan, of clause: HouseTests, for item: HouseItem) {
        failures[clause.number * slots + slot(item)] = failure
    }

    /// Where a clause failed for an item, when it was judged before with its tests.
    func knownFailure(of clause: HouseTests, for item: HouseItem) -> SourceSpan? {
        failures[clause.number * slots + slot(item)]
    }

    /// The item the reference at the start of `path` names (`to` of `to.kind`); nil when the path has
    /// no reference or it names nothing. Worked out once per path and item (rules through `to` ask it
    /// for every exit).
    func targetItem(of path: HousePath, from item: HouseItem) -> HouseItem? {
        guard let through = path.through else { return nil }
        let index = through.reference.number * slots + slot(item)
        if index < targets.count, targets[index] != -1 { return targets[index] >= 0 ? itemsBySlot[Int(targets[index])] : nil }
        guard case .text(let id, _) = value(at: through.reference, of: item), let target = self.item(through.target, id: id) else {
            if index < targets.count { targets[index] = -2 }
            return nil
        }
        if index < targets.count { targets[index] = Int32(slot(target)) }
        return target
    }

    private func look(at path: HousePath, from item: HouseItem) -> HouseValue {
        if let through = path.through {
            // Below a reference, values are placed on the reference as the item writes it.
            guard let target = targetItem(of: path, from: item), let span = value(at: through.reference, of: item).span else { return .absent }
            return value(at: through.rest, of: target).placed(at: span)
        }
        var current = HouseValue.item(item, keySpan(item))
        for step in path.steps {
            switch step {
            case .member(let member):
                guard case .item(let item, _) = current else { return .absent }
                current = self.member(member, of: item)
            case .recordKey(let key):
                guard case .mapping(let node) = current else { return .absent }
                current = node[key].map(Self.value) ?? .absent
            case .dataKey(let key):
                guard case .data(let members, _) = current else { return .absent }
                current = members.first { $0.key == key }?.value ?? .absent
            }
        }
        return current
    }

    private func item(_ kind: HouseItemKind, id: String) -> HouseItem? {
        switch kind {
        case .stage: return playbook.stageIndex[id].map(HouseItem.stage)
        case .team: return playbook.teamIndex[id].map(HouseItem.team)
        case .field: return fieldIndex[id].map(HouseItem.field)
        case .playbook, .transition: return nil
        }
    }

    /// One key of an item, as the path's step says to read it.
    private func member(_ member: HouseMember, of item: HouseItem) -> HouseValue {
        let anchor = keySpan(item)
        switch (member, item) {
        case (.id, .stage(let index)): return .text(playbook.stages[index].id.value, playbook.stages[index].id.span)
        case (.id, .team(let index)): return .text(playbook.teams[index].id.value, playbook.teams[index].id.span)
        case (.id, .field(let index)):
            let field = (playbook.fields ?? [])[index]
            return .text(field.id.value, field.id.span)
        case (.incoming, .stage(let index)):
            return .list(incoming[index].map { .text(playbook.stages[$0].id.value, anchor) }, anchor)
        case (.exits, .stage(let index)):
            let stage = playbook.stages[index]
            let exits = stage.transitions.indices.map { HouseValue.item(.transition(stage: index, exit: $0), keySpan(.transition(stage: index, exit: $0))) }
            return stage.exits == nil ? .absent : .list(exits, stage.exitsKey ?? anchor)
        case (.from, .transition(let stage, _)): return .text(playbook.stages[stage].id.value, anchor)
        case (.handoff, .transition(let stageIndex, let exit)):
            // True when both ends have an owner with a role and the roles differ.
            let stage = playbook.stages[stageIndex]
            guard let target = stage.transitions[exit].to.flatMap({ playbook.stage($0.value) }),
                  let from = playbook.ownerRole(stage), let to = playbook.ownerRole(target) else { return .boolean(false, anchor) }
            return .boolean(from != to, anchor)
        case (.ownedStages, .team(let index)):
            return .list(ownedStages[index].map { .text(playbook.stages[$0].id.value, anchor) }, anchor)
        case (.requiredBy, .field(let index)):
            let id = (playbook.fields ?? [])[index].id.value
            return .list((requiredBy[id] ?? []).map { .text(playbook.stages[$0].id.value, anchor) }, anchor)
        case (.stageIDs, .playbook): return .list(playbook.stages.map { .text($0.id.value, $0.id.span) }, playbook.stagesKey ?? anchor)
        case (.teamIDs, .playbook): return .list(playbook.teams.map { .text($0.id.value, $0.id.span) }, playbook.teamsKey ?? anchor)
        case (.fieldIDs, .playbook): return .list((playbook.fields ?? []).map { .text($0.id.value, $0.id.span) }, anchor)
        case (.stage(let key), .stage(let index)):
            let stage = playbook.stages[index]
            return modelled(stage, key, id: stage.id, name: key.standsInWithName ? stage.name?.value : nil)
        case (.transition(let key), .transition(let stage, let exit)):
            return modelled(playbook.stages[stage].transitions[exit], key, id: nil, name: nil)
        case (.team(let key), .team(let index)):
            let team = playbook.teams[index]
            return modelled(team, key, id: team.id, name: key.standsInWithName ? team.name?.value : nil)
        case (.field(let key), .field(let index)):
            let field = (playbook.fields ?? [])[index]
            return modelled(field, key, id: field.id, name: key.standsInWithName ? field.label?.value : nil)
        case (.playbook(let key), .playbook):
            return modelled(playbook, key, id: nil, name: nil)
        case (.extensionKey(let key), _):
            let found: Extension?
            switch item {
            case .playbook: found = playbook.extensions.first { $0.key.value == key }
            case .stage(let index): found = playbook.stages[index].extensions.first { $0.key.value == key }
            case .transition(let stage, let exit): found = playbook.stages[stage].transitions[exit].extensions.first { $0.key.value == key }
            case .team(let index): found = playbook.teams[index].extensions.first { $0.key.value == key }
            case .field(let index): found = (playbook.fields ?? [])[index].extensions.first { $0.key.value == key }
            }
            return found.map { Self.value($0.value, at: $0.key.span) } ?? .absent
        default:
            // A step resolved for another kind of item (the configuration was checked: not reached).
            return .absent
        }
    }

    /// A key the format describes, read through the model's node view.
    private func modelled<Model: FormatModel>(_ model: Model, _ key: FormatKeyReader<Model>, id: Located<String>?, name: String?) -> HouseValue {
        model.node(key, orAbsent: id, name: name).map(Self.value) ?? .absent
    }

    static func value(_ node: FormatNode) -> HouseValue {
        switch node.value {
        case .null: return .absent
        case .string(let text): return .text(text, node.span)
        case .number(let number): return .number(number, node.span)
        case .list(let items): return .list(items.map(value), node.span)
        case .mapping: return .mapping(node)
        }
    }

    static func value(_ data: ExtensionValue, at span: SourceSpan) -> HouseValue {
        switch data {
        case .null: return .absent
        case .bool(let flag): return .boolean(flag, span)
        case .int(let number): return .number(Double(number), span)
        case .float(let number): return .number(number, span)
        case .string(let text): return .text(text, span)
        case .list(let items): return .list(items.map { value($0, at: span) }, span)
        case .map(let pairs): return .data(pairs.map { ($0.key, value($0.value, at: span)) }, span)
        }
    }
}

extension HouseItem {
    var kind: HouseItemKind {
        switch self {
        case .playbook: return .playbook
        case .stage: return .stage
        case .transition: return .transition
        case .team: return .team
        case .field: return .field
        }
    }
}

extension HouseValue {
    /// The same value placed at `span` (a value reached through a reference).
    func placed(at span: SourceSpan) -> HouseValue {
        switch self {
        case .absent: return .absent
        case .text(let text, _): return .text(text, span)
        case .number(let number, _): return .number(number, span)
        case .boolean(let flag, _): return .boolean(flag, span)
        case .list(let items, _): return .list(items.map { $0.placed(at: span) }, span)
        case .mapping(var node):
            node.span = span
            return .mapping(node)
        case .data(let members, _): return .data(members.map { ($0.key, $0.value.placed(at: span)) }, span)
        case .item(let item, _): return .item(item, span)
        }
    }
}
