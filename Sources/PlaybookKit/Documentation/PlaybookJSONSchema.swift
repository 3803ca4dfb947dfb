/// The JSON Schema (2020-12) of playbook files, for editors (help on hover, completion, red
/// squiggles) and for other validators. Generated from the same key lists and enums the decoder
/// uses; `stagelint schema` prints it and schema/playbook.schema.json is this output.
public enum PlaybookJSONSchema {
    public static let id = "https://raw.githubusercontent.com/stagelint/stagelint/main/schema/playbook.schema.json"

    public static func document() -> JSONValue {
        .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("stagelint playbook")),
            ("description", .string("A lead-stage playbook: the stages of a go-to-market funnel, who owns each, what moves "
                + "a lead in and out, what must be known, how fast someone must act, and where leads go when they are "
                + "not (or not yet) a fit. Checked by `stagelint check`.")),
            ("type", .string("object")),
            ("required", .array(PlaybookSchema.topLevel.required.map(JSONValue.string))),
            ("properties", .object([
                ("playbook", text("The playbook's title, e.g. `Demo-led SaaS inbound`.")),
                ("version", .object([
                    ("description", .string("The playbook's own version (`3`, `\"2.1.0\"`); used by the change log.")),
                    ("type", .array([.string("string"), .string("number")])),
                ])),
                ("description", text("What this playbook covers and for whom.")),
                ("motion", enumeration(Motion.allCases.map(\.rawValue), "The go-to-market motion.")),
                ("level", enumeration(Level.allCases.map(\.rawValue), "What a stage is tracked on: a contact or an account.")),
                ("teams", idMap("team", "Team id → team. Required as soon as a stage names an `owner`.")),
                ("fields", idMap("field", "CRM field id → field. When present, `required_fields` must name declared fields.")),
                ("stages", .object([
                    ("description", .string("Stage id → stage. The order of the keys is the funnel order of generated documents.")),
                    ("type", .string("object")),
                    ("minProperties", .int(1)),
                    ("propertyNames", ref("id")),
                    ("additionalProperties", ref("stage")),
                ])),
            ])),
            ("patternProperties", extensions),
            ("additionalProperties", .bool(false)),
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
                ("team", place(PlaybookSchema.team, [
                    ("name", text("Display name, e.g. `Sales Development`.")),
                    ("role", enumeration(TeamRole.allCases.map(\.rawValue), "The team's role; rules about hand-offs use it.")),
                    ("description", text("What the team does.")),
                ])),
                ("field", .object(placeMembers(PlaybookSchema.field, [
                    ("label", text("Display label.")),
                    ("type", enumeration(FieldType.allCases.map(\.rawValue), "The field's type.")),
                    ("values", .object([
                        ("description", .string("Allowed values; required when `type: enum`.")),
                        ("type", .string("array")), ("minItems", .int(1)),
                        ("items", .object([("type", .string("string"))])),
                    ])),
                    ("description", text("What the field holds.")),
                ]) + [
                    ("if", .object([("properties", .object([("type", .object([("const", .string("enum"))]))])),
                                   ("required", .array([.string("type")]))])),
                    ("then", .object([("required", .array([.string("values")]))])),
                ])),
                ("stage", place(PlaybookSchema.stage, [
                    ("name", text("Display name, unique in the playbook (ignoring case and spaces).")),
                    ("kind", enumeration(StageKind.allCases.map(\.rawValue),
                        "`entry`: leads are created here. `active`: a working stage (the default). `nurture`: an off-ramp "
                            + "that parks a lead for later. `disqualified`: a terminal off-ramp with coded reasons. `won`: "
                            + "terminal success.")),
                    ("owner", described(ref("id"), "The id of the team accountable for leads in this stage.")),
                    ("description", text("What the stage means.")),
                    ("entry", described(ref("textList"), "The entry rule: what is true of every lead that enters. Objective "
                        + "and auditable (\"Demo request form submitted\"). A list gives alternative ways in.")),
                    ("exits", .object([
                        ("description", .string("Where a lead can go next, and when.")),
                        ("type", .string("array")),
                        ("items", ref("transition")),
                    ])),
                    ("required_fields", .object([
                        ("description", .string("Field ids that must be known before a lead may enter this stage.")),
                        ("type", .string("array")),
                        ("items", ref("id")),
                    ])),
                    ("sla", ref("sla")),
                    ("routing", described(ref("textList"), "How leads in this stage are assigned (\"By region: EMEA, NA, APAC\").")),
                    ("probability", .object([
                        ("description", .string("Likelihood, in percent, that a lead in this stage ends in a `won` stage.")),
                        ("type", .string("number")), ("minimum", .int(0)), ("maximum", .int(100)),
                    ])),
                    ("nurture", ref("nurture")),
                    ("reasons", .object([
                        ("description", .string("Disqualification reason code → description (`no_budget: Budget mismatch`).")),
                        ("type", .string("object")), ("minProperties", .int(1)),
                        ("propertyNames", ref("id")),
                        ("additionalProperties", .object([("type", .string("string")), ("minLength", .int(1))])),
                    ])),
                    ("renamed_from", .object([
                        ("description", .string("Earlier stage ids that this stage replaces (for the change log).")),
                        ("oneOf", .array([ref("id"), .object([("type", .string("array")), ("minItems", .int(1)), ("items", ref("id"))])])),
                    ])),
                ])),
                ("transition", place(PlaybookSchema.transition, [
                    ("to", described(ref("id"), "The id of the next stage.")),
                    ("when", text("The exit rule: the event, threshold or confirmation that moves the lead.")),
                    ("action", text("The next action that goes with it (\"Book discovery call\").")),
                ])),
                ("sla", place(PlaybookSchema.sla, [
                    ("within", described(ref("duration"), "How fast the owner must act.")),
                    ("action", text("The expected next action (\"First call attempt\").")),
                ], description: "The response commitment for leads entering this stage.")),
                ("nurture", place(PlaybookSchema.nurture, [
                    ("cadence", text("How often leads are touched (\"every 2 weeks\").")),
                    ("content", text("What they are sent (\"case studies, ROI guide\").")),
                    ("follow_up", described(ref("duration"), "When someone looks at the lead again.")),
                ], description: "The nurture plan of a nurture stage.")),
            ])),
        ])
    }

    public static func rendered() -> String { document().rendered() + "\n" }

    static let extensions = JSONValue.object([("^x-", .object([("description", .string("An extension key: any value, kept and never reported."))]))])

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    static func text(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("string")), ("minLength", .int(1))])
    }

    static func described(_ value: JSONValue, _ description: String) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object([JSONMember(key: "description", value: .string(description))] + members)
    }

    static func enumeration(_ values: [String], _ description: String) -> JSONValue {
        .object([("description", .string(description)), ("enum", .array(values.map(JSONValue.string)))])
    }

    static func idMap(_ what: String, _ description: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("type", .string("object")),
            ("propertyNames", ref("id")),
            ("additionalProperties", ref(what)),
        ])
    }

    static func placeMembers(_ place: PlaybookSchema.Place, _ properties: [(String, JSONValue)], description: String? = nil) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let description { members.append(("description", .string(description))) }
        members += [
            ("type", .string("object")),
            ("required", .array(place.required.map(JSONValue.string))),
            ("properties", .object(properties)),
            ("patternProperties", extensions),
            ("additionalProperties", .bool(false)),
        ]
        return members
    }

    static func place(_ place: PlaybookSchema.Place, _ properties: [(String, JSONValue)], description: String? = nil) -> JSONValue {
        .object(placeMembers(place, properties, description: description))
    }
}
