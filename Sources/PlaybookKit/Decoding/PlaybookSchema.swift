/// The keys the playbook format knows at each place, with a few words on each for messages.
/// (`x-` keys are allowed everywhere besides these.)
enum PlaybookSchema {
    struct Place: Sendable {
        /// How a message names the place ("the top level", "a stage").
        let name: String
        /// Known keys in the order documentation lists them, with what each holds.
        let keys: [(key: String, meaning: String)]
        let required: [String]
        let keyNames: [String]
        /// Keys whose value is free text, in which a comma is part of the text.
        let texts: Set<String>

        init(name: String, keys: [(key: String, meaning: String)], required: [String], texts: Set<String> = []) {
            self.name = name
            self.keys = keys
            self.required = required
            self.texts = texts
            keyNames = keys.map(\.key)
        }

        func meaning(of key: String) -> String {
            keys.first { $0.key == key }?.meaning ?? key
        }
    }

    static let topLevel = Place(
        name: "the top level",
        keys: [
            ("playbook", "the playbook's title"),
            ("version", "the playbook's own version"),
            ("description", "what the playbook covers"),
            ("motion", "the go-to-market motion"),
            ("level", "what a stage is tracked on: contact or account"),
            ("teams", "team id → team"),
            ("fields", "CRM field id → field"),
            ("stages", "stage id → stage, in funnel order"),
        ],
        required: ["playbook", "stages"],
        texts: ["playbook", "description"])

    static let team = Place(
        name: "a team",
        keys: [
            ("name", "the team's display name"),
            ("role", "one of \(TeamRole.allCases.map(\.rawValue).joined(separator: ", "))"),
            ("description", "what the team does"),
        ],
        required: ["name", "role"],
        texts: ["name", "description"])

    static let field = Place(
        name: "a field",
        keys: [
            ("label", "the display label"),
            ("type", "one of \(FieldType.allCases.map(\.rawValue).joined(separator: ", "))"),
            ("values", "the allowed values of an enum field"),
            ("description", "what the field holds"),
        ],
        required: [],
        texts: ["label", "description"])

    static let stage = Place(
        name: "a stage",
        keys: [
            ("name", "the stage's display name"),
            ("kind", "one of \(StageKind.allCases.map(\.rawValue).joined(separator: ", "))"),
            ("owner", "the id of the accountable team"),
            ("description", "what the stage means"),
            ("entry", "the entry rule"),
            ("exits", "the transitions to next stages"),
            ("required_fields", "field ids that must be known before entry"),
            ("sla", "within (a duration) and action"),
            ("routing", "how leads are assigned"),
            ("probability", "percent chance of reaching a won stage"),
            ("nurture", "cadence, content and follow_up"),
            ("reasons", "disqualification reason code → description"),
            ("renamed_from", "earlier ids of this stage"),
        ],
        required: ["name"],
        texts: ["name", "description", "entry", "routing"])

    static let transition = Place(
        name: "a transition",
        keys: [
            ("to", "the id of the next stage"),
            ("when", "the exit rule"),
            ("action", "the next action"),
        ],
        required: ["to", "when"],
        texts: ["when", "action"])

    static let sla = Place(
        name: "an sla",
        keys: [
            ("within", "a duration such as 4h or 2d"),
            ("action", "the expected next action"),
        ],
        required: ["within"],
        texts: ["action"])

    static let nurture = Place(
        name: "a nurture plan",
        keys: [
            ("cadence", "how often leads are touched"),
            ("content", "what they are sent"),
            ("follow_up", "a duration after which someone looks again"),
        ],
        required: [],
        texts: ["cadence", "content"])

    static let durationForms = "a positive whole number and a unit: 30m, 4h, 2d or 1w (minutes, hours, days, weeks)"
    static let idForm = "lowercase letters, digits, '_' and '-', starting with a letter"
}
