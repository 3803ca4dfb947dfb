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
///
/// Items are handled by their slot: the stages, then the transitions, teams, fields and the playbook,
/// one after the other (see `slots(_:)`); what is kept for an item is kept at its slot.
final class HouseRuleFacts {
    let playbook: Playbook
    private let stages: [Stage]
    private let teams: [Team]
    private let fields: [Field]
    /// The derived values, worked out when a rule first reads one (few rules do).
    private lazy var incoming: [[Int]] = {
        var incoming = [[Int]](repeating: [], count: stages.count)
        for (index, stage) in stages.enumerated() {
            for exit in stage.transitions.indices {
                let target = Int(exitTargets[firstExit[index] + exit])
                if target >= 0, incoming[target].last != index { incoming[target].append(index) }
            }
        }
        return incoming
    }()
    /// The stage each transition names (-1 for none), in the order of the transitions' slots (from the
    /// file's stage graph).
    private let exitTargets: [Int32]
    /// Each stage's owner, by team index (-1 for none).
    private lazy var owners: [Int] = stages.map { stage in stage.owner.flatMap { playbook.teamIndex[$0.value] } ?? -1 }
    private lazy var ownedStages: [[Int]] = {
        var owned = [[Int]](repeating: [], count: teams.count)
        for (index, owner) in owners.enumerated() where owner >= 0 { owned[owner].append(index) }
        return owned
    }()
    private lazy var requiredBy: [String: [Int]] = {
        var requiredBy: [String: [Int]] = [:]
        for (index, stage) in stages.enumerated() {
            for field in stage.requiredFields ?? [] where requiredBy[field.value]?.last != index {
                requiredBy[field.value, default: []].append(index)
            }
        }
        return requiredBy
    }()
    private lazy var fieldIndex: [String: Int] = Playbook.index(fields.lazy.map(\.id.value))
    /// Each stage's owner's role, by stage (for `handoff`, asked for every exit).
    private lazy var ownerRoles: [TeamRole?] = owners.map { $0 >= 0 ? teams[$0].role?.value : nil }
    /// The values found, in the order they were. (Facts belong to the check of one file, on one thread:
    /// their arrays are not checked for overlapping access.)
    @exclusivity(unchecked) private var values: [HouseValue] = []
    /// Where in `values` the value at a path from an item is (-1 before it is looked for), at `path
    /// number × slots + slot`, for the paths numbered when the check began. Buffers, not arrays: they
    /// are read for every judgement, and a buffer is read without exclusivity checks.
    private let found: UnsafeMutableBufferPointer<Int32>
    /// Whether a clause held for an item (1), did not (2), or was not judged yet (0), at `clause number ×
    /// slots + slot`.
    private let judged: UnsafeMutableBufferPointer<UInt8>
    /// The slot of the item a reference names (-1 before it is looked for, -2 when it names none), at
    /// `reference number × slots + slot` (see `HousePath.referenceNumber`).
    private let targets: UnsafeMutableBufferPointer<Int32>
    /// Where a `then` clause failed for an item, at the index of `judged` (kept for `then` clauses only:
    /// a failing `where` is reported nowhere).
    @exclusivity(unchecked) private var failures: [Int: SourceSpan] = [:]
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

    init(_ playbook: Playbook, graph: StageGraph) {
        self.playbook = playbook
        exitTargets = graph.exitTargets
        stages = playbook.stages
        teams = playbook.teams
        fields = playbook.fields ?? []
        var first: [Int] = []
        var exits = 0
        for stage in stages {
            first.append(exits)
            exits += stage.transitions.count
        }
        firstExit = first
        transitionCount = exits
        stageCount = stages.count
        teamCount = teams.count
        slots = stageCount + exits + teamCount + fields.count + 1
        // In the order of the slots.
        itemsBySlot = [HouseRuleGiven.stages, .transitions, .teams, .fields, .playbook].flatMap { Self.listed($0, in: playbook) }
        var keySpans: [SourceSpan] = stages.map(\.id.span)
        for stage in stages {
            stage.transitions.withUnsafeBufferPointer { exits in
                for exit in exits.indices { keySpans.append(exits[exit].to?.span ?? exits[exit].span) }
            }
        }
        keySpans += teams.map(\.id.span)
        keySpans += fields.map(\.id.span)
        keySpans.append(playbook.title?.span ?? .fileStart)
        self.keySpans = keySpans
        found = .allocate(capacity: HouseNumbering.paths.count * slots)
        found.initialize(repeating: -1)
        targets = .allocate(capacity: HouseNumbering.references.count * slots)
        targets.initialize(repeating: -1)
        judged = .allocate(capacity: HouseNumbering.clauses.count * slots)
        judged.initialize(repeating: 0)
    }

    deinit {
        found.deallocate()
        judged.deallocate()
        targets.deallocate()
    }

    /// An item's slot.
    private func slot(_ item: HouseItem) -> Int {
        switch item {
        case .stage(let index): return index
        case .transition(let stage, let exit): return stageCount + firstExit[stage] + exit
        case .team(let index): return stageCount + transitionCount + index
        case .field(let index): return stageCount + transitionCount + teamCount + index
        case .playbook: return slots - 1
        }
    }

    /// The slots of the items of a `given`, in file order.
    func slots(_ given: HouseRuleGiven) -> Range<Int> {
        switch given {
        case .stages: return 0..<stageCount
        case .transitions: return stageCount..<stageCount + transitionCount
        case .teams: return stageCount + transitionCount..<stageCount + transitionCount + teamCount
        case .fields: return stageCount + transitionCount + teamCount..<slots - 1
        case .playbook: return slots - 1..<slots
        }
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

    /// Where a finding about the item at a slot lands when the failing value is not written: the
    /// stage, team or field id, the transition's `to`, the playbook's title.
    func keySpan(_ slot: Int) -> SourceSpan { keySpans[slot] }

    /// The value at `path` from the item at `slot`.
    func value(at path: HousePath, of slot: Int) -> HouseValue {
        let index = path.number * slots + slot
        guard index < found.count else { return look(at: path, from: slot) }  // a path numbered after this file's check began
        if found[index] >= 0 { return values[Int(found[index])] }
        let value = look(at: path, from: slot)
        found[index] = Int32(values.count)
        values.append(value)
        return value
    }

    /// Whether a clause (by its number) held for the item at `slot`, when it has been judged before (by
    /// this rule or another).
    func knownResult(of clause: Int, for slot: Int) -> Bool? {
        let index = clause * slots + slot
        guard index < judged.count, judged[index] != 0 else { return nil }
        return judged[index] == 1
    }

    func remember(_ held: Bool, of clause: Int, for slot: Int) {
        let index = clause * slots + slot
        if index < judged.count { judged[index] = held ? 1 : 2 }
    }

    /// Whether a condition holds for the item at `slot`, when the answers kept tell: false when one of its
    /// leading plain clauses is known to fail and every clause before it to hold (so no pattern before
    /// it could have given up on the item), true when it has only plain clauses and all are known to hold.
    func knownResult(of condition: HouseCondition, for slot: Int) -> Bool? {
        for clause in condition.leadingTests {
            guard let held = knownResult(of: clause, for: slot) else { return nil }
            if !held { return false }
        }
        return condition.isTestsOnly ? true : nil
    }

    /// Keeps where a `then` clause failed, for the rules that share it.
    func keep(_ failure: SourceSpan, of clause: Int, for slot: Int) {
        failures[clause * slots + slot] = failure
    }

    /// Where a clause failed for an item, when it was judged before with its tests.
    func knownFailure(of clause: Int, for slot: Int) -> SourceSpan? {
        failures[clause * slots + slot]
    }

    /// The slot of the item the reference at the start of `path` names (`to` of `to.kind`); nil when the
    /// path has no reference or it names nothing. Worked out once per path and item (rules through `to`
    /// ask it for every exit).
    func targetSlot(of path: HousePath, from slot: Int) -> Int? {
        let index = path.referenceNumber * slots + slot
        if path.referenceNumber >= 0, index < targets.count, targets[index] != -1 { return targets[index] >= 0 ? Int(targets[index]) : nil }
        guard let through = path.through else { return nil }
        let target: Int?
        switch (through.link, itemsBySlot[slot]) {
        case (.exitTarget, .transition(let stage, let exit)):
            let found = Int(exitTargets[firstExit[stage] + exit])
            target = found >= 0 ? found : nil  // a stage's slot is its index
        case (.exitSource, .transition(let stage, _)):
            target = playbook.stageIndex[stages[stage].id.value]
        default:
            guard case .text(let id, _) = value(at: through.reference, of: slot) else {
                target = nil
                break
            }
            target = self.item(through.target, id: id).map(self.slot)
        }
        if index < targets.count { targets[index] = Int32(target ?? -2) }
        return target
    }

    private func look(at path: HousePath, from slot: Int) -> HouseValue {
        if let through = path.through {
            // Below a reference, values are placed on the reference as the item writes it.
            guard let target = targetSlot(of: path, from: slot), let span = value(at: through.reference, of: slot).span else { return .absent }
            return value(at: through.rest, of: target).placed(at: span)
        }
        if let parent = path.parent, let last = path.steps.last {
            // A key below a mapping (`crm.hubspot`): the mapping is found once for all its keys.
            return Self.step(last, from: value(at: parent, of: slot))
        }
        // Otherwise the path is one key of the item (a key read through a reference or below a mapping
        // was handled above).
        guard case .member(let member)? = path.steps.first else { return .absent }
        return self.member(member, of: itemsBySlot[slot], at: slot)
    }

    /// The value one step below `value` (a key of a mapping or of data).
    private static func step(_ step: HouseStep, from value: HouseValue) -> HouseValue {
        switch (step, value) {
        case (.recordKey(let key), .mapping(let node)): return node[key].map(Self.value) ?? .absent
        case (.dataKey(let key), .data(let members, _)): return members.first { $0.key == key }?.value ?? .absent
        default: return .absent
        }
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
    private func member(_ member: HouseMember, of item: HouseItem, at slot: Int) -> HouseValue {
        let anchor = keySpans[slot]
        switch (member, item) {
        case (.id, .stage(let index)): return .text(stages[index].id.value, stages[index].id.span)
        case (.id, .team(let index)): return .text(teams[index].id.value, teams[index].id.span)
        case (.id, .field(let index)): return .text(fields[index].id.value, fields[index].id.span)
        case (.incoming, .stage(let index)):
            return .list(incoming[index].map { .text(stages[$0].id.value, anchor) }, anchor)
        case (.exits, .stage(let index)):
            guard stages[index].exits != nil else { return .absent }
            let exits = stages[index].transitions.indices.map { exit in
                HouseValue.item(.transition(stage: index, exit: exit), keySpans[stageCount + firstExit[index] + exit])
            }
            return .list(exits, stages[index].exitsKey ?? anchor)
        case (.from, .transition(let stage, _)): return .text(stages[stage].id.value, anchor)
        case (.handoff, .transition(let stage, let exit)):
            // True when both ends have an owner with a role and the roles differ.
            let target = Int(exitTargets[firstExit[stage] + exit])
            guard target >= 0, let from = ownerRoles[stage], let to = ownerRoles[target] else { return .boolean(false, anchor) }
            return .boolean(from != to, anchor)
        case (.ownedStages, .team(let index)):
            return .list(ownedStages[index].map { .text(stages[$0].id.value, anchor) }, anchor)
        case (.requiredBy, .field(let index)):
            return .list((requiredBy[fields[index].id.value] ?? []).map { .text(stages[$0].id.value, anchor) }, anchor)
        case (.stageIDs, .playbook): return .list(stages.map { .text($0.id.value, $0.id.span) }, playbook.stagesKey ?? anchor)
        case (.teamIDs, .playbook): return .list(teams.map { .text($0.id.value, $0.id.span) }, playbook.teamsKey ?? anchor)
        case (.fieldIDs, .playbook): return .list(fields.map { .text($0.id.value, $0.id.span) }, anchor)
        case (.stage(let key), .stage(let index)):
            return stages.withUnsafeBufferPointer { stages in
                modelled(stages[index], key, id: stages[index].id, name: key.standsInWithName ? stages[index].name?.value : nil)
            }
        case (.transition(let key), .transition(let stage, let exit)):
            return stages[stage].transitions.withUnsafeBufferPointer { modelled($0[exit], key, id: nil, name: nil) }
        case (.team(let key), .team(let index)):
            return teams.withUnsafeBufferPointer { teams in
                modelled(teams[index], key, id: teams[index].id, name: key.standsInWithName ? teams[index].name?.value : nil)
            }
        case (.field(let key), .field(let index)):
            return fields.withUnsafeBufferPointer { fields in
                modelled(fields[index], key, id: fields[index].id, name: key.standsInWithName ? fields[index].label?.value : nil)
            }
        case (.playbook(let key), .playbook):
            return modelled(playbook, key, id: nil, name: nil)
        case (.extensionKey(let key), _):
            let found: Extension?
            switch item {
            case .playbook: found = playbook.extensions.first { $0.key.value == key }
            case .stage(let index): found = stages[index].extensions.first { $0.key.value == key }
            case .transition(let stage, let exit):
                found = stages[stage].transitions.withUnsafeBufferPointer { $0[exit].extensions.first { $0.key.value == key } }
            case .team(let index): found = teams[index].extensions.first { $0.key.value == key }
            case .field(let index): found = fields[index].extensions.first { $0.key.value == key }
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
