import PlaybookModel

/// The JSON Schema (2020-12) of `.stagelint.yml`, so editors complete and check configuration files
/// as they do playbooks (`stagelint schema --config`; schema/stagelint-config.schema.json is its
/// output). Built from the reader's own lists (keys, rule ids, operators, givens), so it cannot drift
/// from what the reader accepts; what only the reader can know (a path's meaning, a regular
/// expression's syntax, an operator on the wrong kind of value) it checks when stagelint runs.
public enum ConfigurationJSONSchema {
    public static let id = "https://raw.githubusercontent.com/stagelint/stagelint/main/schema/stagelint-config.schema.json"

    public static func rendered() -> String { document().rendered() + "\n" }

    static func string(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("string")), ("minLength", .int(1))])
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    static func strings(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("array")),
                 ("items", .object([("type", .string("string")), ("minLength", .int(1))]))])
    }

    static func closed(_ description: String, _ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description)), ("type", .string("object")),
                                               ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        members.append(("patternProperties", .object([("^x-", JSONValue.object([JSONMember]()))])))
        members.append(("additionalProperties", .bool(false)))
        return JSONValue.object(members)
    }

    public static func document() -> JSONValue {
        .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("stagelint configuration (.stagelint.yml)")),
            ("description", .string("How stagelint checks the playbooks of a repository or folder: severities, vocabulary, "
                + "ignored files, reader limits, house rules, shared files it extends and settings per path. "
                + "See docs/configuration.md and docs/house-rules.md.")),
            ("type", .array([.string("object"), .string("null")])),
            ("properties", JSONValue.object(settings(top: true))),
            ("patternProperties", .object([("^x-", JSONValue.object([JSONMember]()))])),
            ("additionalProperties", .bool(false)),
            ("$defs", .object(definitions())),
        ])
    }

    /// The settings of the top level, and (without `extends`, `ignore` and `limits`) of an override.
    static func settings(top: Bool) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if top {
            members.append(("extends", .object([
                ("description", .string("Files whose settings this one builds on, merged in order with this file last: a path "
                    + "relative to this file, or a URL pinned by its sha256 (fetched once into the cache).")),
                ("oneOf", .array([
                    .object([("type", .string("string")), ("minLength", .int(1))]),
                    .object([("type", .string("array")), ("items", ref("extendsEntry"))]),
                ])),
            ])))
        }
        members += [
            ("fail-on", .object([("description", .string("The lowest severity that makes `stagelint check` exit 1.")),
                                 ("enum", .array(["error", "warning", "info"].map(JSONValue.string)))])),
            ("rules", .object([
                ("description", .string("Rule id → off, info, warning or error; built-in rules and house rules alike.")),
                ("type", .array([.string("object"), .string("null")])),
                ("properties", .object(RuleCatalog.all.map { rule in
                    (rule.id, .object([("description", .string(rule.summary)), ("$ref", .string("#/$defs/level"))]))
                })),
                ("patternProperties", .object([("^x-", JSONValue.object([JSONMember]()))])),
                ("additionalProperties", ref("level")),
            ])),
            ("vocabulary", closed("Words and phrases added to or removed from the wording rules' lists.", [
                ("vague", strings("Words or phrases added to the hedge words `vague-rule` looks for.")),
                ("allow", strings("Words or phrases removed from the hedge words and vague stage names (base forms).")),
            ])),
        ]
        if top {
            members += [
                ("ignore", strings("Glob patterns, relative to this file's folder, of playbooks not to check.")),
                ("limits", closed("The reader's bounds.", [
                    ("max-file-bytes", bounded("File size in bytes.", maximum: 1 << 32)),
                    ("max-depth", bounded("Nesting depth.", maximum: 10_000)),
                    ("max-nodes", bounded("Nodes after alias expansion.", maximum: 100_000_000)),
                ])),
            ]
        } else {
            members.insert(("files", .object([
                ("description", .string("Glob patterns, relative to the config file's folder, of the playbooks this override applies to.")),
                ("oneOf", .array([.object([("type", .string("string")), ("minLength", .int(1))]),
                                  .object([("type", .string("array")), ("minItems", .int(1)),
                                           ("items", .object([("type", .string("string")), ("minLength", .int(1))]))])])),
            ])), at: 0)
        }
        members.append(("custom-rules", .object([
            ("description", .string("House rules: rule id → rule. See docs/house-rules.md.")),
            ("type", .array([.string("object"), .string("null")])),
            ("patternProperties", .object([("^x-", JSONValue.object([JSONMember]()))])),
            ("propertyNames", .object([("pattern", .string("^([a-z][a-z0-9-]*|x-.*)$")),
                                       ("not", .object([("enum", .array(RuleCatalog.all.map { .string($0.id) }))]))])),
            ("additionalProperties", ref("houseRule")),
        ])))
        if top {
            members.append(("overrides", .object([
                ("description", .string("Settings for the playbooks some globs match, applied in order after the top level.")),
                ("type", .array([.string("array"), .string("null")])),
                ("items", ref("override")),
            ])))
        }
        return members
    }

    static func bounded(_ description: String, maximum: Int) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(maximum))])
    }

    static func definitions() -> [(String, JSONValue)] {
        let scalar: JSONValue = .object([("type", .array(["string", "number", "boolean"].map(JSONValue.string)))])
        let duration: JSONValue = .object([("type", .string("string")), ("pattern", .string("^0*[1-9][0-9]{0,5}[mhdw]$"))])
        let amount: JSONValue = .object([("oneOf", .array([.object([("type", .string("number"))]), duration]))])
        let words: JSONValue = .object([("oneOf", .array([
            .object([("type", .string("string")), ("minLength", .int(1))]),
            .object([("type", .string("array")), ("minItems", .int(1)), ("items", .object([("type", .string("string")), ("minLength", .int(1))]))]),
        ]))])
        let operators: [(String, JSONValue)] = [
            ("defined", .object([("description", .string("The value is present (true) or absent (false).")), ("type", .string("boolean"))])),
            ("equals", describe("Equal to this value.", scalar)),
            ("not-equals", describe("Not equal to this value.", scalar)),
            ("in", describe("One of these values.", .object([("type", .string("array")), ("minItems", .int(1)), ("items", scalar)]))),
            ("not-in", describe("None of these values.", .object([("type", .string("array")), ("minItems", .int(1)), ("items", scalar)]))),
            ("contains", describe("A list holds this item (a mapping, this key).", .object([("type", .string("string")), ("minLength", .int(1))]))),
            ("not-contains", describe("A list does not hold this item.", .object([("type", .string("string")), ("minLength", .int(1))]))),
            ("pattern", describe("A text matches this regular expression (RE2 syntax; on a list, every item).", .object([("type", .string("string")), ("minLength", .int(1))]))),
            ("not-pattern", describe("A text does not match this regular expression (on a list, no item).", .object([("type", .string("string")), ("minLength", .int(1))]))),
            ("mentions", describe("A text names one of these words or phrases, in any inflection (on a list, any item).", words)),
            ("not-mentions", describe("A text names none of these words or phrases (on a list, no item).", words)),
            ("min", describe("A number or a duration at least this.", amount)),
            ("max", describe("A number or a duration at most this.", amount)),
            ("count", closed("The number of items of a list or keys of a mapping.", [
                ("min", .object([("type", .string("integer")), ("minimum", .int(0))])),
                ("max", .object([("type", .string("integer")), ("minimum", .int(0))])),
            ])),
            ("casing", describe("The text is written in this casing.", .object([("enum", .array(HouseCasing.allCases.map { .string($0.rawValue) }))]))),
        ]
        return [
            ("level", .object([("enum", .array(["off", "info", "warning", "error"].map(JSONValue.string)))])),
            ("extendsEntry", .object([("oneOf", .array([
                .object([("description", .string("A path relative to this file.")), ("type", .string("string")), ("minLength", .int(1))]),
                closed("A shared file at a URL, pinned by its sha256.", [
                    ("url", .object([("type", .string("string")), ("pattern", .string("^(https?|file)://"))])),
                    ("sha256", .object([("type", .string("string")), ("pattern", .string("^[0-9a-fA-F]{64}$"))])),
                ], required: ["url", "sha256"]),
            ]))])),
            ("override", closed("Settings for the playbooks `files` matches.", settings(top: false), required: ["files"])),
            ("houseRule", closed("A house rule: what it looks at, which items it checks, what must hold of them.", [
                ("summary", string("One line on what the rule checks; the message when `message` is absent.")),
                ("rationale", string("Why the team cares; shown by `stagelint explain`.")),
                ("severity", .object([("enum", .array(["error", "warning", "info"].map(JSONValue.string)))])),
                ("given", .object([("description", .string("What the rule looks at: one finding at most per item.")),
                                   ("enum", .array(HouseRuleGiven.allCases.map { .string($0.rawValue) }))])),
                ("where", describe("Conditions an item must meet to be checked at all.", ref("condition"))),
                ("then", describe("Assertions; an item that fails any of them gets one finding.", ref("condition"))),
                ("message", string("The finding's text; {path} placeholders are filled from the item.")),
                ("examples", closed("Playbooks run by `stagelint rules --test`.", [
                    ("triggering", strings("Playbooks with `# <-` at the end of each line the rule must report on.")),
                    ("passing", strings("Playbooks the rule must not report on.")),
                ])),
            ], required: ["summary", "given", "then"])),
            ("condition", .object([
                ("description", .string("Path → test: a plain value means `equals`, a list `in`, a mapping holds operators; `any` holds "
                    + "when one of its mappings holds.")),
                ("type", .string("object")),
                ("properties", .object([("any", .object([("type", .string("array")), ("minItems", .int(1)), ("items", ref("condition"))]))])),
                ("propertyNames", .object([("pattern", .string("^[A-Za-z_x][A-Za-z0-9_.-]*$"))])),
                ("additionalProperties", ref("test")),
            ])),
            ("test", .object([("oneOf", .array([
                scalar,
                .object([("type", .string("array")), ("minItems", .int(1)), ("items", scalar)]),
                .object([("type", .string("object")), ("minProperties", .int(1)), ("properties", .object(operators)),
                         ("additionalProperties", .bool(false))]),
            ]))])),
        ]
    }

    static func describe(_ description: String, _ schema: JSONValue) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        return .object([JSONMember(key: "description", value: .string(description))] + members)
    }
}
