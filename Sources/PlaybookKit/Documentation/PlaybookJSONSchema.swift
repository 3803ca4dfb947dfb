import PlaybookModel
/// The JSON Schema (2020-12) of playbook files, for editors (help on hover, completion, red
/// squiggles) and for other validators. Generated from the same key lists and enums the decoder
/// uses; `stagelint schema` prints it and schema/playbook.schema.json is this output.
public enum PlaybookJSONSchema {
    public static let id = "https://raw.githubusercontent.com/stagelint/stagelint/main/schema/playbook.schema.json"

    public static func document() -> JSONValue {
        let top = PlaybookFormat.topLevel
        let places = PlaybookFormat.places.filter { $0.id != top.id }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("stagelint playbook")),
        ] + placeMembers(top) + [
            ("$defs", .object([
                ("id", .object([
                    ("description", .string("An id: lowercase letters, digits, `_` and `-`, starting with a letter.")),
                    ("type", .string("string")),
                    ("pattern", .string("^[a-z][a-z0-9_-]*$")),
                ])),
                ("duration", .object([
                    ("description", .string("A duration: a positive whole number and a unit, `30m`, `4h`, `2d` or `1w`.")),
                    ("type", .string("string")),
                    ("pattern", .string("^0*[1-9][0-9]{0,5}[mhdw]$")),
                ])),
                ("textList", .object([
                    ("oneOf", .array([
                        .object([("type", .string("string")), ("minLength", .int(1))]),
                        .object([("type", .string("array")), ("minItems", .int(1)),
                                 ("items", .object([("type", .string("string")), ("minLength", .int(1))]))]),
                    ])),
                ])),
            ] + places.map { ($0.id, .object(placeMembers($0))) })),
        ])
    }

    /// The schema of one key's value, from its type and documentation.
    static func property(_ key: FormatKey) -> JSONValue {
        let description = ("description", JSONValue.string(key.documentation + (key.example.map { " Example: `\($0)`." } ?? "")))
        switch key.type {
        case .text, .string:
            return .object([description, ("type", .string("string")), ("minLength", .int(1))])
        case .texts:
            return .object([description, ("$ref", .string("#/$defs/textList"))])
        case .version:
            return .object([description, ("type", .array([.string("string"), .string("number")]))])
        case .enumeration(let values):
            return .object([description, ("enum", .array(values.map(JSONValue.string)))])
        case .reference:
            return .object([description, ("$ref", .string("#/$defs/id"))])
        case .references:
            return .object([description, ("type", .string("array")), ("items", ref("id"))])
        case .identifiers:
            return .object([description, ("oneOf", .array([ref("id"), .object([("type", .string("array")), ("minItems", .int(1)),
                                                                                  ("items", ref("id"))])]))])
        case .duration:
            return .object([description, ("$ref", .string("#/$defs/duration"))])
        case .percentage:
            return .object([description, ("type", .string("number")), ("minimum", .int(0)), ("maximum", .int(100))])
        case .strings:
            return .object([description, ("type", .string("array")), ("minItems", .int(1)), ("items", .object([("type", .string("string"))]))])
        case .record(let place):
            return ref(place.id)
        case .entries(let place, let notEmpty):
            return .object([description, ("type", .string("object"))] + (notEmpty ? [("minProperties", .int(1))] : [])
                + [("propertyNames", ref("id")), ("additionalProperties", ref(place.id))])
        case .list(let place):
            return .object([description, ("type", .string("array")), ("items", ref(place.id))])
        case .codes:
            return .object([description, ("type", .string("object")), ("minProperties", .int(1)), ("propertyNames", ref("id")),
                            ("additionalProperties", .object([("type", .string("string")), ("minLength", .int(1))]))])
        }
    }

    public static func rendered() -> String { document().rendered() + "\n" }

    static let extensions = JSONValue.object([("^x-", .object([("description", .string("An extension key: any value, kept and never reported."))]))])

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    /// A place as an object schema: its keys, the required ones, `x-` keys (kept everywhere), and the
    /// keys required only when another has a value (`values` when `type: enum`).
    static func placeMembers(_ place: FormatPlace) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let description = place.documentation { members.append(("description", .string(description))) }
        members += [
            ("type", .string("object")),
            ("required", .array(place.required.map(JSONValue.string))),
            ("properties", .object(place.keys.map { ($0.name, property($0)) })),
        ]
        if place.notEmpty { members.append(("minProperties", .int(1))) }
        members.append(("patternProperties", extensions))
        members.append(("additionalProperties", .bool(false)))
        for key in place.keys {
            guard case .requiredWhen(_, let other?, let value?) = key.presence else { continue }
            members += [
                ("if", .object([("properties", .object([(other, .object([("const", .string(value))]))])),
                               ("required", .array([.string(other)]))])),
                ("then", .object([("required", .array([.string(key.name)]))])),
            ]
        }
        return members
    }
}
