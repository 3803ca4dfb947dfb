import YAMLReader

/// A value together with the place in the playbook file it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var span: SourceSpan

    public init(_ value: Value, at span: SourceSpan) {
        self.value = value
        self.span = span
    }

    public var position: SourcePosition { span.start }
}

/// A value that is a string in the file but may also be written as a list of strings
/// (an entry rule, routing, `renamed_from`).
public struct TextList: Sendable, Hashable {
    /// Where the key's value starts (the string, or the list).
    public var span: SourceSpan
    /// A single string is kept without an array around it (most entry rules are one string).
    private let stored: Items

    private enum Items: Sendable, Hashable {
        case single(Located<CompactText>)
        case list([Located<CompactText>])
    }

    public init(span: SourceSpan, items: [Located<String>], isList: Bool) {
        self.init(span: span, compactItems: items.map(\.compacted), isList: isList)
    }

    package init(span: SourceSpan, compactItems items: [Located<CompactText>], isList: Bool) {
        self.span = span
        stored = !isList && items.count == 1 ? .single(items[0]) : .list(items)
    }

    public var items: [Located<String>] {
        switch stored {
        case .single(let item): return [item.expanded]
        case .list(let items): return items.map(\.expanded)
        }
    }

    public var count: Int {
        switch stored {
        case .single: return 1
        case .list(let items): return items.count
        }
    }

    /// The item at `index` as stored, if there is one.
    package func compactItem(_ index: Int) -> Located<CompactText>? {
        switch stored {
        case .single(let item): return index == 0 ? item : nil
        case .list(let items): return items.indices.contains(index) ? items[index] : nil
        }
    }

    /// The item at `index`, if there is one.
    public func item(_ index: Int) -> Located<String>? {
        compactItem(index)?.expanded
    }

    /// True when the file wrote a list rather than a single string.
    public var isList: Bool {
        if case .list = stored { return true }
        return false
    }
}

/// One stage playbook, decoded from one YAML file. Every part remembers its source position;
/// the checker, the handbook generator and the differ all read this model.
public struct Playbook: Sendable, Hashable {
    public var title: Located<String>?
    public var version: Located<String>?
    public var description: Located<String>?
    public var motion: Located<Motion>?
    public var level: Located<Level>?
    /// Teams in file order.
    public var teams: [Team] = [] {
        didSet { teamIndex = Self.index(teams.lazy.map(\.id.value)) }
    }
    /// Fields in file order; nil when the playbook has no `fields` key.
    public var fields: [Field]?
    /// Stages in file order, which is the funnel order of generated documents. Setting them (or one of
    /// them, `stages[i].x = …`) rebuilds the index by id; `modifyStage(at:_:)` changes one in place.
    public var stages: [Stage] {
        get { storedStages }
        set {
            storedStages = newValue
            stageIndex = Self.index(newValue.lazy.map(\.id.value))
        }
    }
    private var storedStages: [Stage] = []

    /// Changes one stage in place; the index by id is rebuilt only when its id changed, so a front end
    /// that edits stage after stage (an import, an editor) does not do it in quadratic time.
    public mutating func modifyStage(at index: Int, _ change: (inout Stage) -> Void) {
        let id = storedStages[index].id.value
        change(&storedStages[index])
        if storedStages[index].id.value != id { stageIndex = Self.index(storedStages.lazy.map(\.id.value)) }
    }
    /// Stage id → index in `stages` (the first stage with that id).
    public private(set) var stageIndex: [String: Int] = [:]
    /// Team id → index in `teams`.
    public private(set) var teamIndex: [String: Int] = [:]
    /// Where the `stages` key is written (nil when it is missing).
    public var stagesKey: SourceSpan?
    /// Where `teams` is written (nil when it is missing).
    public var teamsKey: SourceSpan?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]

    public init() {}

    public func stage(_ id: String) -> Stage? { stageIndex[id].map { stages[$0] } }
    public func team(_ id: String) -> Team? { teamIndex[id].map { teams[$0] } }

    /// Sized once: on a 20,000-stage playbook, growing it by doubling held two tables at once.
    package static func index<IDs: Collection<String>>(_ ids: IDs) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (offset, id) in ids.enumerated() where index[id] == nil {
            index[id] = offset
        }
        return index
    }
}

public enum Motion: String, Sendable, Hashable, CaseIterable {
    case demoLed = "demo-led"
    case trialLed = "trial-led"
    case highTouch = "high-touch"
    case partnerLed = "partner-led"
    case selfServe = "self-serve"
    case other
}

public enum Level: String, Sendable, Hashable, CaseIterable {
    case contact, account
}

public struct Team: Sendable, Hashable {
    public var id: Located<String>
    public var name: Located<String>?
    public var role: Located<TeamRole>?
    public var description: Located<String>?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]
}

public enum TeamRole: String, Sendable, Hashable, CaseIterable {
    case marketing
    case salesDevelopment = "sales-development"
    case sales
    case customerSuccess = "customer-success"
    case partner
    case operations
}

public struct Field: Sendable, Hashable {
    public var id: Located<String>
    public var label: Located<String>?
    public var type: Located<FieldType>?
    public var values: [Located<String>]?
    public var description: Located<String>?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]
}

public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text, number, boolean, date, `enum`, email, url
}

public enum StageKind: String, Sendable, Hashable, CaseIterable {
    case entry, active, nurture, disqualified, won

    /// `won` and `disqualified` stages end the funnel.
    public var isTerminal: Bool { self == .won || self == .disqualified }
    /// `nurture` and `disqualified` stages take leads that are not, or not yet, a fit.
    public var isOffRamp: Bool { self == .nurture || self == .disqualified }
}

/// One stage. Copy-on-write: rules and generators pass stages around freely, so a copy is one
/// reference, not one per field; the decoder mutates a stage it holds alone, in place.
public struct Stage: Sendable, Hashable {
    /// The stored values; synthesized equality and hashing compare them all.
    private struct Values: Sendable, Hashable {
        // In order of alignment, so the fields pack without gaps (16 bytes a stage).
        var id: Located<String>
        var name: Located<CompactText>? = nil
        var owner: Located<String>? = nil
        var entry: TextList? = nil
        var sla: SLA? = nil
        var exits: [Transition]? = nil
        var writtenKeys = StageKeys()
        /// Nil when the stage has none of the rare parts.
        var rare: RareBox? = nil
        var probability: Located<Double>? = nil
        var kindSpan: SourceSpan? = nil
        var exitsKey: SourceSpan? = nil
        var kind: StageKind = .active
        var isMalformed = false
    }

    /// The parts most stages leave out (about half a stage's size), kept out of line so that a stage
    /// without them is small: a 20,000-stage playbook is 5 MiB lighter.
    private struct RareValues: Sendable, Hashable {
        var description: Located<CompactText>? = nil
        var requiredFields: [Located<String>]? = nil
        // Rarer still, and large: each behind a reference of its own (a third of the box's size).
        var routing: Indirect<TextList>? = nil
        var nurture: Indirect<NurturePlan>? = nil
        var reasons: [Reason]? = nil
        var renamedFrom: Indirect<TextList>? = nil
        var extensions: [Extension] = []
        var described: [String: FormatNode] = [:]
    }

    /// A value kept out of line, never changed once made.
    private final class Indirect<Value: Sendable & Hashable>: Sendable, Hashable {
        let value: Value
        init(_ value: Value) { self.value = value }
        static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs === rhs || lhs.value == rhs.value }
        func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
    }

    /// Never changed once made: a change makes a new box.
    private final class RareBox: Sendable, Hashable {
        let values: RareValues
        init(_ values: RareValues) { self.values = values }
        static func == (lhs: RareBox, rhs: RareBox) -> Bool { lhs === rhs || lhs.values == rhs.values }
        func hash(into hasher: inout Hasher) { values.hash(into: &hasher) }
    }

    /// Shared between copies until one of them is changed.
    private final class Box: @unchecked Sendable {  // never mutated while shared (see `change`)
        // Accessed only through `Stage`, which copies the box before changing a shared one: no two accesses
        // can overlap, so the run-time exclusivity check (a call per property read) is left out.
        @exclusivity(unchecked) var values: Values
        init(_ values: Values) { self.values = values }
    }

    private var box: Box

    public init(id: Located<String>) {
        box = Box(Values(id: id))
    }

    private mutating func change(_ update: (inout Values) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.values) }
        update(&box.values)
    }

    private var rare: RareValues { box.values.rare?.values ?? RareValues() }

    private mutating func changeRare(_ update: (inout RareValues) -> Void) {
        var values = rare
        update(&values)
        let box = values == RareValues() ? nil : RareBox(values)
        change { $0.rare = box }
    }

    public static func == (lhs: Stage, rhs: Stage) -> Bool { lhs.box === rhs.box || lhs.box.values == rhs.box.values }
    public func hash(into hasher: inout Hasher) { box.values.hash(into: &hasher) }

    /// The stage id: its key under `stages`.
    public var id: Located<String> {
        get { box.values.id }
        set { change { $0.id = newValue } }
    }
    public var name: Located<String>? {
        get { box.values.name?.expanded }
        set { change { $0.name = newValue.map(\.compacted) } }
    }
    /// The name as stored, for the decoder.
    package var compactName: Located<CompactText>? {
        get { box.values.name }
        set { change { $0.name = newValue } }
    }
    /// The kind, `active` when the file does not say.
    public var kind: StageKind {
        get { box.values.kind }
        set { change { $0.kind = newValue } }
    }
    /// Where `kind` is written, when it is.
    public var kindSpan: SourceSpan? {
        get { box.values.kindSpan }
        set { change { $0.kindSpan = newValue } }
    }
    public var owner: Located<String>? {
        get { box.values.owner }
        set { change { $0.owner = newValue } }
    }
    public var description: Located<String>? {
        get { box.values.rare?.values.description?.expanded }
        set { changeRare { $0.description = newValue.map(\.compacted) } }
    }
    /// The description as stored, for the decoder.
    package var compactDescription: Located<CompactText>? {
        get { box.values.rare?.values.description }
        set { changeRare { $0.description = newValue } }
    }
    public var entry: TextList? {
        get { box.values.entry }
        set { change { $0.entry = newValue } }
    }
    /// The transitions, in file order; nil when the stage has no `exits` key.
    public var exits: [Transition]? {
        get { box.values.exits }
        set { change { $0.exits = newValue } }
    }
    public var exitsKey: SourceSpan? {
        get { box.values.exitsKey }
        set { change { $0.exitsKey = newValue } }
    }
    public var requiredFields: [Located<String>]? {
        get { box.values.rare?.values.requiredFields }
        set { changeRare { $0.requiredFields = newValue } }
    }
    public var sla: SLA? {
        get { box.values.sla }
        set { change { $0.sla = newValue } }
    }
    public var routing: TextList? {
        get { box.values.rare?.values.routing?.value }
        set { changeRare { $0.routing = newValue.map(Indirect.init) } }
    }
    public var probability: Located<Double>? {
        get { box.values.probability }
        set { change { $0.probability = newValue } }
    }
    public var nurture: NurturePlan? {
        get { box.values.rare?.values.nurture?.value }
        set { changeRare { $0.nurture = newValue.map(Indirect.init) } }
    }
    /// Disqualification reasons in file order; nil when the stage has no `reasons` key.
    public var reasons: [Reason]? {
        get { box.values.rare?.values.reasons }
        set { changeRare { $0.reasons = newValue } }
    }
    public var renamedFrom: TextList? {
        get { box.values.rare?.values.renamedFrom?.value }
        set { changeRare { $0.renamedFrom = newValue.map(Indirect.init) } }
    }
    public var extensions: [Extension] {
        get { box.values.rare?.values.extensions ?? [] }
        set { changeRare { $0.extensions = newValue } }
    }
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] {
        get { box.values.rare?.values.described ?? [:] }
        set { changeRare { $0.described = newValue } }
    }
    /// True when the stage's value is not a mapping or its `kind` could not be read: the decoder
    /// reported that, and rules that judge a stage leave it alone rather than guess.
    public var isMalformed: Bool {
        get { box.values.isMalformed }
        set { change { $0.isMalformed = newValue } }
    }
    /// The keys written in the stage, valid or not: a key written with a bad value is reported as
    /// invalid-value, not again as missing.
    public var writtenKeys: StageKeys {
        get { box.values.writtenKeys }
        set { change { $0.writtenKeys = newValue } }
    }

    /// The display name, falling back to the id.
    public var displayName: String { box.values.name?.value.string ?? id.value }
    public var transitions: [Transition] { exits ?? [] }
}

/// A set of the keys a stage knows (`name`, `exits`…), one bit each.
public struct StageKeys: Sendable, Hashable {
    private var bits: UInt64 = 0

    public init() {}

    public init<Keys: Sequence<String>>(_ keys: Keys) {
        for key in keys { insert(key) }
    }

    private static func bit(_ key: String) -> UInt64? {
        PlaybookFormat.stage.keyNames.firstIndex(of: key).map { 1 << UInt64($0) }
    }

    public func contains(_ key: String) -> Bool {
        Self.bit(key).map { bits & $0 != 0 } ?? false
    }

    /// Adds a key of the stage schema (other keys are not kept).
    public mutating func insert(_ key: String) {
        if let bit = Self.bit(key) { bits |= bit }
    }
}

public struct Transition: Sendable, Hashable {
    /// Where the item (`- to: …`) starts.
    public var span: SourceSpan
    public var to: Located<String>?
    package var compactWhen: Located<CompactText>?
    package var compactAction: Located<CompactText>?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]

    public init(span: SourceSpan, to: Located<String>? = nil, when: Located<String>? = nil, action: Located<String>? = nil,
                extensions: [Extension] = []) {
        self.span = span
        self.to = to
        self.extensions = extensions
        self.when = when
        self.action = action
    }

    public var when: Located<String>? {
        get { compactWhen?.expanded }
        set { compactWhen = newValue.map(\.compacted) }
    }
    public var action: Located<String>? {
        get { compactAction?.expanded }
        set { compactAction = newValue.map(\.compacted) }
    }
    /// True when the transition has a `when` (found without making its string).
    public var hasWhen: Bool { compactWhen != nil }
    /// True when the transition has an `action`.
    public var hasAction: Bool { compactAction != nil }
}

public struct SLA: Sendable, Hashable {
    public var span: SourceSpan
    public var within: Located<Duration>?
    package var compactAction: Located<CompactText>?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]

    public init(span: SourceSpan, within: Located<Duration>? = nil, action: Located<String>? = nil, extensions: [Extension] = []) {
        self.span = span
        self.within = within
        self.extensions = extensions
        self.action = action
    }

    public var action: Located<String>? {
        get { compactAction?.expanded }
        set { compactAction = newValue.map(\.compacted) }
    }
}

public struct NurturePlan: Sendable, Hashable {
    public var span: SourceSpan
    public var cadence: Located<String>?
    public var content: Located<String>?
    public var followUp: Located<Duration>?
    /// Where `follow_up` is written, even when its value was invalid.
    public var followUpKey: SourceSpan?
    public var extensions: [Extension] = []
    /// The values of keys the format describes but the model has no property for, by key.
    public var described: [String: FormatNode] = [:]

    /// No key at all was written (`nurture: {}`, reported as invalid-value).
    public var isEmpty: Bool { cadence == nil && content == nil && followUpKey == nil && extensions.isEmpty && described.isEmpty }
}

public struct Reason: Sendable, Hashable {
    public var code: Located<String>
    public var description: Located<String>?
}

/// An `x-` key and its value, kept as written.
public struct Extension: Sendable, Hashable {
    public var key: Located<String>
    public var value: ExtensionValue
}

/// A YAML value kept as data (for `x-` extension keys).
public indirect enum ExtensionValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([ExtensionValue])
    case map([(key: String, value: ExtensionValue)])

    public static func == (lhs: ExtensionValue, rhs: ExtensionValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .float(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .list(let values): hasher.combine(values)
        case .map(let pairs):
            for pair in pairs {
                hasher.combine(pair.key)
                hasher.combine(pair.value)
            }
        }
    }
}

/// A duration such as `30m`, `4h`, `2d` or `1w`.
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: Character, Sendable, Hashable, CaseIterable {
        case minutes = "m", hours = "h", days = "d", weeks = "w"

        public var minutes: Int {
            switch self {
            case .minutes: return 1
            case .hours: return 60
            case .days: return 60 * 24
            case .weeks: return 60 * 24 * 7
            }
        }
    }

    public var amount: Int
    public var unit: Unit

    /// The length in minutes, for comparing durations written in different units.
    public var totalMinutes: Int { amount.multipliedReportingOverflow(by: unit.minutes).partialValue }

    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Parses `<positive integer><m|h|d|w>`; nil for anything else.
    public init?(parsing text: String) {
        // Byte by byte: one to six ASCII digits and a unit letter (house rules compare durations often).
        var text = text
        guard let parsed = text.withUTF8({ bytes -> Duration? in
            guard bytes.count >= 2, bytes.count <= 7, let last = bytes.last,
                  let unit = Unit(rawValue: Character(Unicode.Scalar(last))) else { return nil }
            var amount = 0
            for byte in bytes.dropLast() {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                amount = amount * 10 + Int(byte - 0x30)
            }
            return amount > 0 ? Duration(amount: amount, unit: unit) : nil
        }) else { return nil }
        self = parsed
    }

    /// Reads a duration written out in words (`2 days`, `4 hrs`, `90 minutes`) when it has an exact
    /// compact form (see `DurationSuggestion`, which also explains the inexact ones).
    public init?(spelledOut text: String) {
        guard case .exact(let duration) = DurationSuggestion(text) else { return nil }
        self = duration
    }

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }
}

extension Playbook {
    /// Every entry rule item and exit `when`, in file order, as stored: the stage's index, then the
    /// entry item's index or the exit's. The wording engine reads the texts without copying them into
    /// `String`s; rules read `entry` and `when` as usual.
    package func forEachRuleText(_ body: (_ stage: Int, _ entryItem: Int?, _ exit: Int?, _ text: CompactText) -> Void) {
        for number in stages.indices {
            let stage = stages[number]
            for index in 0..<(stage.entry?.count ?? 0) {
                if let item = stage.entry?.compactItem(index) { body(number, index, nil, item.value) }
            }
            for (exit, transition) in stage.transitions.enumerated() {
                if let when = transition.compactWhen { body(number, nil, exit, when.value) }
            }
        }
    }
}
