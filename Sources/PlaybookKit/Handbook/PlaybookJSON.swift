/// The playbook model as JSON data, for other tools (`stagelint docs --format json`).
public enum PlaybookJSON {
    public static func render(_ playbook: Playbook, source: String) -> String {
        document(playbook, source: source).rendered() + "\n"
    }

    public static func document(_ playbook: Playbook, source: String) -> JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func texts(_ list: TextList?) -> JSONValue { .array((list?.items ?? []).map { .string($0.value) }) }
        func extensions(_ list: [Extension]) -> JSONValue { .object(list.map { ($0.key.value, value($0.value)) }) }
        let stages: [JSONValue] = playbook.stages.map { stage in
            .object([
                ("id", .string(stage.id.value)),
                ("name", .string(stage.displayName)),
                ("kind", .string(stage.kind.rawValue)),
                ("owner", optional(stage.owner?.value)),
                ("description", optional(stage.description?.value)),
                ("entry", texts(stage.entry)),
                ("exits", .array(stage.transitions.map { transition in
                    .object([
                        ("to", optional(transition.to?.value)),
                        ("when", optional(transition.when?.value)),
                        ("action", optional(transition.action?.value)),
                    ])
                })),
                ("required_fields", .array((stage.requiredFields ?? []).map { .string($0.value) })),
                ("sla", stage.sla.map { sla in
                    .object([("within", optional(sla.within?.value.description)), ("action", optional(sla.action?.value))])
                } ?? .null),
                ("routing", texts(stage.routing)),
                ("probability", stage.probability.map { .double($0.value) } ?? .null),
                ("nurture", stage.nurture.map { plan in
                    .object([
                        ("cadence", optional(plan.cadence?.value)),
                        ("content", optional(plan.content?.value)),
                        ("follow_up", optional(plan.followUp?.value.description)),
                    ])
                } ?? .null),
                ("reasons", .object((stage.reasons ?? []).map { ($0.code.value, optional($0.description?.value)) })),
                ("renamed_from", texts(stage.renamedFrom)),
                ("line", .int(stage.id.position.line)),
                ("extensions", extensions(stage.extensions)),
            ])
        }
        return .object([
            ("source", .string(source)),
            ("playbook", optional(playbook.title?.value)),
            ("version", optional(playbook.version?.value)),
            ("description", optional(playbook.description?.value)),
            ("motion", optional(playbook.motion?.value.rawValue)),
            ("level", optional(playbook.level?.value.rawValue)),
            ("teams", .array(playbook.teams.map { team in
                .object([
                    ("id", .string(team.id.value)),
                    ("name", optional(team.name?.value)),
                    ("role", optional(team.role?.value.rawValue)),
                    ("description", optional(team.description?.value)),
                ])
            })),
            ("fields", .array((playbook.fields ?? []).map { field in
                .object([
                    ("id", .string(field.id.value)),
                    ("label", optional(field.label?.value)),
                    ("type", optional(field.type?.value.rawValue)),
                    ("values", .array((field.values ?? []).map { .string($0.value) })),
                    ("description", optional(field.description?.value)),
                ])
            })),
            ("stages", .array(stages)),
            ("extensions", extensions(playbook.extensions)),
        ])
    }

    static func value(_ value: ExtensionValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let number): return .double(number)
        case .string(let text): return .string(text)
        case .list(let items): return .array(items.map(Self.value))
        case .map(let pairs): return .object(pairs.map { ($0.key, Self.value($0.value)) })
        }
    }
}
