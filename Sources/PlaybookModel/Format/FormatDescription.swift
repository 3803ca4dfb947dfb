import YAMLReader

/// The building blocks of the format's description (`PlaybookFormat`): places, their keys, what each
/// key's value is, whether it must be written, and what the differ reports when it changes. The
/// decoder, the JSON Schema, the JSON export, the reference tables of docs/playbook-format.md, the
/// handbook's stage sections and the differ all read it.
public struct FormatPlace: Sendable {
    /// The place's name in the JSON Schema's `$defs` and in paths of the docs ("stage").
    public let id: String
    /// How a message names the place ("the top level", "a stage").
    public let name: String
    /// Where the place is in a file, for the docs ("stages.<id>").
    public let path: String
    /// The known keys, in the order documentation and the JSON export list them.
    public let keys: [FormatKey]
    /// A sentence on the place for the JSON Schema, when its key's own documentation is not enough.
    public let documentation: String?
    /// A value of this place must be a mapping with at least one key (`nurture: {}` is reported).
    public let notEmpty: Bool

    /// The order in which the differ compares keys that have a `change`, and so the order of their
    /// changes in a change log: the keys given first, then the others in the order of `keys`.
    public let changeOrder: [String]

    public let keyNames: [String]
    public let required: [String]
    /// Keys whose value is free text, in which a comma is part of the text.
    public let texts: Set<String>

    public init(id: String, name: String, path: String, keys: [FormatKey], documentation: String? = nil,
                notEmpty: Bool = false, changeOrder: [String]? = nil) {
        self.id = id
        self.name = name
        self.path = path
        self.keys = keys
        self.documentation = documentation
        self.notEmpty = notEmpty
        keyNames = keys.map(\.name)
        let first = changeOrder ?? []
        self.changeOrder = first + keyNames.filter { !first.contains($0) }
        required = keys.filter { $0.presence.isRequired }.map(\.name)
        texts = Set(keys.filter { $0.type.isFreeText }.map(\.name))
    }

    public func key(_ name: String) -> FormatKey? { keys.first { $0.name == name } }

    /// A few words on what a key holds, for messages ("the stage's display name").
    public func meaning(of key: String) -> String { self.key(key)?.summary ?? key }
}

/// One key of a place.
public struct FormatKey: Sendable {
    /// The key as written in YAML, which is also its name in the JSON export and the JSON Schema.
    public let name: String
    public let type: FormatType
    public let presence: FormatPresence
    /// A few words for messages ("the id of the accountable team").
    public let summary: String
    /// The documentation: the docs' reference tables and the JSON Schema's `description`.
    public let documentation: String
    /// An example value as it is written in YAML, for the docs.
    public let example: String?
    /// What the differ reports when the value changes, for keys compared as one value.
    public let change: FormatChange?
    /// The label of the value in a handbook's stage section, for keys the handbook does not lay out
    /// by name (its value is shown as `FormatNode.summary` says).
    public let handbook: String?
    /// What stands for the value when it is not written (`kind` is `active`; a stage's name is its id).
    public let whenAbsent: FormatAbsence
    /// The value must differ between the entries of its collection (two stages with one CRM value).
    public let unique: FormatUniqueness?

    public init(_ name: String, _ type: FormatType, _ presence: FormatPresence = .optional, summary: String,
                documentation: String, example: String? = nil, whenAbsent: FormatAbsence = .nothing,
                change: FormatChange? = nil, handbook: String? = nil, unique: FormatUniqueness? = nil) {
        self.name = name
        self.type = type
        self.presence = presence
        self.summary = summary
        self.documentation = documentation
        self.example = example
        self.whenAbsent = whenAbsent
        self.change = change
        self.handbook = handbook
        self.unique = unique
    }
}

/// What a key's value is.
public indirect enum FormatType: Sendable {
    /// Prose, a non-empty string in which a comma is part of the text.
    case text
    /// A non-empty string that names or codes something (a CRM value), not prose.
    case string
    /// A string, or a non-empty list of strings.
    case texts
    /// A string or an integer (`3`, `"2.1.0"`).
    case version
    /// One of the given values.
    case enumeration([String])
    /// The id of a declared team, stage or field ("team").
    case reference(String)
    /// A list of ids of declared things.
    case references(String)
    /// An id, or a non-empty list of ids, of things that need not exist any more (`renamed_from`).
    case identifiers(String)
    /// `30m`, `4h`, `2d`, `1w`.
    case duration
    /// A number from 0 to 100.
    case percentage
    /// A non-empty list of strings.
    case strings
    /// A mapping with the keys of a place.
    case record(FormatPlace)
    /// A mapping of id → a mapping with the keys of a place (teams, fields, stages); `notEmpty` when at
    /// least one entry is needed.
    case entries(FormatPlace, notEmpty: Bool)
    /// A list of mappings with the keys of a place (exits).
    case list(FormatPlace)
    /// A non-empty mapping of code → description (disqualification reasons).
    case codes

    package var isFreeText: Bool {
        switch self {
        case .text, .texts: return true
        default: return false
        }
    }

    /// How the docs' tables name the type.
    public var documentationName: String {
        switch self {
        case .text, .string: return "string"
        case .texts: return "string or list of strings"
        case .version: return "string or integer"
        case .enumeration: return "enum"
        case .reference(let what): return "\(what) id"
        case .references(let what): return "list of \(what) ids"
        case .identifiers(let what): return "\(what) id or list of ids"
        case .duration: return "duration"
        case .percentage: return "number 0–100"
        case .strings: return "list of strings"
        case .record: return "mapping"
        case .entries(let place, let notEmpty): return notEmpty ? "mapping of \(place.id) id → \(place.id), not empty" : "mapping of \(place.id) id → \(place.id)"
        case .list(let place): return "list of \(place.id)s"
        case .codes: return "mapping of code → string"
        }
    }
}

/// Whether a key must be written.
public enum FormatPresence: Sendable {
    case optional
    /// `missing-key` when it is not written.
    case required
    /// Required only in the case described ("once any stage has an `owner`"), which the decoder checks;
    /// when that case is another key's value (`type: enum`), the JSON Schema checks it too.
    case requiredWhen(String, key: String? = nil, equals: String? = nil)
    /// Judged by the named rules, whose severity a team can tune, never by `missing-key`.
    case expected(rules: [String], when: String)

    public var isRequired: Bool {
        if case .required = self { return true }
        return false
    }

    /// The docs' "Required" column.
    public var documentation: String {
        switch self {
        case .optional: return "no"
        case .required: return "**yes**"
        case .requiredWhen(let when, _, _): return when
        case .expected(let rules, let when):
            return "expected \(when) (" + rules.map { "`\($0)`" }.joined(separator: ", ") + ")"
        }
    }
}

/// What the differ reports when a key's value changes between two versions of a playbook.
public struct FormatChange: Sendable {
    public let kind: ChangeKind
    /// How the change shows a value ("within 4h: First call attempt"); `FormatNode.summary` when nil.
    public let text: (@Sendable (FormatNode) -> String)?
    /// What it shows for a value that is not written (nil: nothing).
    public let absent: String?
    /// The message, given the values before and after as the change shows them.
    public let message: @Sendable (_ context: FormatChangeContext) -> String

    public init(_ kind: ChangeKind, text: (@Sendable (FormatNode) -> String)? = nil, absent: String? = nil,
                message: @escaping @Sendable (_ context: FormatChangeContext) -> String) {
        self.kind = kind
        self.text = text
        self.absent = absent
        self.message = message
    }

    /// The value as the change shows it.
    public func show(_ node: FormatNode?) -> String? {
        guard let node else { return absent }
        return text?(node) ?? node.summary
    }
}

public struct FormatChangeContext: Sendable {
    /// What holds the key: "the playbook", "stage 'mql'", "field 'budget'".
    public let owner: String
    /// The id of the stage, team or field, or nil at the top level.
    public let id: String?
    public let old: String?
    public let new: String?
    /// The new stage, when the key belongs to one (messages name its owner or display name).
    public let stage: Stage?

    public init(owner: String, id: String?, old: String?, new: String?, stage: Stage?) {
        self.owner = owner
        self.id = id
        self.old = old
        self.new = new
        self.stage = stage
    }

    /// `'value'`, or `nothing`.
    public static func quote(_ text: String?) -> String { text.map { "'\($0)'" } ?? "nothing" }
}

/// What stands for a value that is not written.
public enum FormatAbsence: Sendable {
    case nothing
    /// A value of the format's own (`kind: active`): the meaning of leaving the key out, which the
    /// differ compares too.
    case value(String)
    /// The id of the entry that holds the key (a stage's name in the JSON export, its HubSpot value).
    case id
    /// The display name of the stage that holds the key (its Salesforce value).
    case name

    /// The value that stands in, for an entry with `id` and display `name` (its id when it has none),
    /// placed at `span`; nil for `nothing`, or when the entry is not known.
    public func standIn(id: String?, name: String?, at span: SourceSpan) -> FormatNode? {
        switch self {
        case .nothing: return nil
        case .value(let value): return FormatNode(.string(value), at: span)
        case .id: return id.map { FormatNode(.string($0), at: span) }
        case .name: return (name ?? id).map { FormatNode(.string($0), at: span) }
        }
    }
}

/// The value must differ between the entries of its collection (stages), the values that stand for
/// unwritten ones included; two entries are reported only when at least one wrote its value.
public struct FormatUniqueness: Sendable {
    /// What a message calls the value ("HubSpot value").
    public let what: String

    public init(what: String) {
        self.what = what
    }
}

/// A decoded value as data: what a key of the format holds when the model has no typed property for
/// it (and, through `Playbook.node(at:)`, every value of the model), with where it was written.
public struct FormatNode: Sendable, Hashable {
    public var span: SourceSpan
    public var value: Value

    public enum Value: Sendable, Hashable {
        /// A key written without a value where the model keeps the key (a reason code without a description).
        case null
        case string(String)
        case number(Double)
        case list([FormatNode])
        case mapping([Member])
    }

    public struct Member: Sendable, Hashable {
        public var key: Located<String>
        public var node: FormatNode

        public init(key: Located<String>, node: FormatNode) {
            self.key = key
            self.node = node
        }
    }

    public init(_ value: Value, at span: SourceSpan) {
        self.value = value
        self.span = span
    }

    public static func string(_ located: Located<String>) -> FormatNode { FormatNode(.string(located.value), at: located.span) }

    /// The member under `key`, for a mapping.
    public subscript(key: String) -> FormatNode? {
        guard case .mapping(let members) = value else { return nil }
        return members.first { $0.key.value == key }?.node
    }

    /// The same value as `other`, wherever each was written.
    public func hasSameValue(as other: FormatNode) -> Bool {
        switch (value, other.value) {
        case (.null, .null): return true
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameValue(as: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key.value == $1.key.value && $0.node.hasSameValue(as: $1.node) }
        default: return false
        }
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// A percentage as people write it: `20%`, `12.5%`.
    public static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// One line for people: a string as it is, a list joined by " / ", a mapping as `key: value, …`.
    public var summary: String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .number(let number): return JSONValue.double(number).rendered()
        case .list(let items): return items.map(\.summary).joined(separator: " / ")
        case .mapping(let members):
            return members.map { member in
                if case .mapping = member.node.value { return "\(member.key.value): { \(member.node.summary) }" }
                return "\(member.key.value): \(member.node.summary)"
            }.joined(separator: ", ")
        }
    }

    /// The value as JSON data.
    public var json: JSONValue {
        switch value {
        case .null: return .null
        case .string(let text): return .string(text)
        case .number(let number): return .double(number)
        case .list(let items): return .array(items.map(\.json))
        case .mapping(let members): return .object(members.map { ($0.key.value, $0.node.json) })
        }
    }
}
