/// The playbook format, described once: every place of a playbook file, its keys, what each holds,
/// whether it must be written (and which rule judges it when it is only expected), its documentation,
/// and what the differ reports when it changes. The decoder reads its keys and their types from here,
/// and `stagelint schema`, the JSON export, the reference tables of docs/playbook-format.md, the
/// handbook's stage sections and the change log are made from it. A key added here is decoded, checked,
/// documented, exported and compared without code of its own elsewhere (a typed property in the model
/// is only needed when rules read the value).
public enum PlaybookFormat {
    public static let topLevel = FormatPlace(
        id: "playbook", name: "the top level", path: "", keys: [
            FormatKey("playbook", .text, .required, summary: "the playbook's title",
                      documentation: "Title of the playbook.", example: "Demo-led SaaS inbound",
                      change: FormatChange(.playbookChanged) { "the playbook's title changed from \(quote($0.old)) to \(quote($0.new))" }),
            FormatKey("version", .version, summary: "the playbook's own version",
                      documentation: "Your own version of the playbook (`3`, `\"2.1.0\"`); the change log uses it.",
                      example: "3",
                      change: FormatChange(.versionChanged) { "version \($0.old ?? "(none)") → \($0.new ?? "(none)")" }),
            FormatKey("description", .text, summary: "what the playbook covers",
                      documentation: "What the playbook covers and for whom.", example: "Inbound leads from the website",
                      change: FormatChange(.descriptionChanged) { _ in "the playbook's description changed" }),
            FormatKey("motion", .enumeration(Motion.allCases.map(\.rawValue)), summary: "the go-to-market motion",
                      documentation: "The go-to-market motion.", example: "demo-led",
                      change: FormatChange(.playbookChanged) { "the playbook's motion changed from \(quote($0.old)) to \(quote($0.new))" }),
            FormatKey("level", .enumeration(Level.allCases.map(\.rawValue)), summary: "what a stage is tracked on: contact or account",
                      documentation: "What a stage is tracked on: a contact or an account.", example: "contact",
                      change: FormatChange(.playbookChanged) { "the playbook's level changed from \(quote($0.old)) to \(quote($0.new))" }),
            FormatKey("teams", .entries(team, notEmpty: false), .requiredWhen("once any stage has an `owner`"),
                      summary: "team id → team",
                      documentation: "Team id → team. Required as soon as a stage names an `owner`."),
            FormatKey("fields", .entries(field, notEmpty: false), summary: "CRM field id → field",
                      documentation: "CRM field id → field. When present, every `required_fields` entry must be declared here."),
            FormatKey("stages", .entries(stage, notEmpty: true), .required, summary: "stage id → stage, in funnel order",
                      documentation: "Stage id → stage. The order you write them in is the funnel order of generated documents."),
            FormatKey("crm", .record(crm), summary: "where the stages live in each CRM",
                      documentation: "Where the stages live in each CRM: the HubSpot object and its property or pipeline, the "
                          + "Salesforce object and its picklist field. `stagelint export`, `import` and `drift` read it.",
                      example: "{ hubspot: { object: contacts, property: lifecyclestage } }",
                      change: FormatChange(crmChanged) { "where the stages live in the CRM changed (\(quote($0.old)) → \(quote($0.new)))" }),
        ],
        documentation: "A lead-stage playbook: the stages of a go-to-market funnel, who owns each, what moves a lead in and "
            + "out, what must be known, how fast someone must act, and where leads go when they are not (or not yet) a fit. "
            + "Checked by `stagelint check`.",
        // The version frames the other changes; a reworded description matters least.
        changeOrder: ["version", "playbook", "motion", "level", "description"])

    public static let team = FormatPlace(
        id: "team", name: "a team", path: "teams.<id>", keys: [
            FormatKey("name", .text, .required, summary: "the team's display name",
                      documentation: "Display name.", example: "Sales Development"),
            FormatKey("role", .enumeration(TeamRole.allCases.map(\.rawValue)), .required,
                      summary: "one of \(TeamRole.allCases.map(\.rawValue).joined(separator: ", "))",
                      documentation: "The team's role. The hand-off rules (`missing-sla`, `score-only-handoff`, "
                          + "`handoff-without-acceptance`) use it.", example: "sales-development"),
            FormatKey("description", .text, summary: "what the team does",
                      documentation: "What the team does.", example: "Regional SDR pods"),
        ])

    public static let field = FormatPlace(
        id: "field", name: "a field", path: "fields.<id>", keys: [
            FormatKey("label", .text, summary: "the display label", documentation: "Display label.", example: "Buying timeline"),
            FormatKey("type", .enumeration(FieldType.allCases.map(\.rawValue)),
                      summary: "one of \(FieldType.allCases.map(\.rawValue).joined(separator: ", "))",
                      documentation: "The field's type.", example: "enum"),
            FormatKey("values", .strings, .requiredWhen("when the field is an enum", key: "type", equals: "enum"), summary: "the allowed values of an enum field",
                      documentation: "The allowed values; required when `type: enum`.", example: "[\"0-3 months\", \"3-6 months\"]"),
            FormatKey("description", .text, summary: "what the field holds", documentation: "What the field holds."),
            FormatKey("crm", .record(fieldCRM), summary: "the field's name in each CRM",
                      documentation: "The field's name in each CRM, for the rules and validation that require it.",
                      example: "{ salesforce: Budget__c, hubspot: budget }",
                      change: FormatChange(crmChanged) {
                          "the CRM names of \($0.owner) changed from \(quote($0.old)) to \(quote($0.new)): validation rules and "
                              + "integrations that fill it must follow"
                      }),
        ])

    public static let stage = FormatPlace(
        id: "stage", name: "a stage", path: "stages.<id>", keys: [
            FormatKey("name", .text, .required, summary: "the stage's display name",
                      documentation: "Display name, unique in the playbook (ignoring case and spaces).",
                      example: "Sales Qualified Lead", whenAbsent: .id,
                      change: FormatChange(.nameChanged) {
                          "\($0.owner) is now called \(quote($0.new)) (was \(quote($0.old))); update the CRM picklist label and the handbook"
                      }),
            FormatKey("kind", .enumeration(StageKind.allCases.map(\.rawValue)),
                      summary: "one of \(StageKind.allCases.map(\.rawValue).joined(separator: ", "))",
                      documentation: "What role the stage plays in the funnel. `entry`: leads are created here. `active`: a working "
                          + "stage (the default). `nurture`: an off-ramp that parks a lead for later. `disqualified`: a terminal "
                          + "off-ramp with coded reasons. `won`: terminal success.",
                      example: "entry", whenAbsent: .value(StageKind.active.rawValue),
                      change: FormatChange(.kindChanged) {
                          let (old, new) = ($0.old ?? "", $0.new ?? "")
                          return "\($0.owner) changed from \(old) to \(new): conversion reports, the funnel order and automations "
                              + "that treat it as \(old) change meaning"
                      }),
            FormatKey("owner", .reference("team"), .expected(rules: ["missing-owner"], when: "except for `disqualified` and `won`"),
                      summary: "the id of the accountable team",
                      documentation: "The id of the team accountable for leads in this stage.", example: "sdr",
                      change: FormatChange(.ownerChanged) {
                          "\($0.owner) is now owned by \(quote($0.new)) (was \(quote($0.old))): routing, queues and SLA reports move to the new team"
                      }),
            FormatKey("description", .text, summary: "what the stage means", documentation: "What the stage means, in prose.",
                      change: FormatChange(.descriptionChanged) { "the description of \($0.owner) changed" }),
            FormatKey("entry", .texts, .expected(rules: ["missing-entry-rule"], when: "except for `entry` stages"),
                      summary: "the entry rule",
                      documentation: "The entry rule: what is true of every lead that enters. Objective and auditable. A list "
                          + "gives alternative ways in.", example: "SDR confirmed use case and timeline on a call",
                      change: FormatChange(.entryChanged, absent: "") {
                          "the entry rule of \($0.owner) changed: which leads count as '\($0.stage?.displayName ?? "")' changes, "
                              + "so compare conversion figures before and after with care"
                      }),
            FormatKey("exits", .list(transition), .expected(rules: ["dead-end-stage"], when: "for `entry`, `active` and `nurture` stages"),
                      summary: "the transitions to next stages",
                      documentation: "Where a lead can go next, and on what signal.",
                      example: "[{ to: sql, when: SDR confirmed use case on a discovery call }]"),
            FormatKey("required_fields", .references("field"), summary: "field ids that must be known before entry",
                      documentation: "Field ids that must be known before a lead may enter this stage.", example: "[use_case, timeline]"),
            FormatKey("sla", .record(sla), summary: "within (a duration) and action",
                      documentation: "The response commitment for leads entering this stage.",
                      example: "{ within: 4h, action: First call attempt }",
                      change: FormatChange(.slaChanged, text: { node in
                          [node["within"].map { "within \($0.summary)" }, node["action"]?.summary].compactMap { $0 }.joined(separator: ": ")
                      }) { context in
                          "the SLA of \(context.owner) changed from \(quote(context.old)) to \(quote(context.new))"
                              + (context.stage?.owner.map { ": team '\($0.value)' has a new commitment to meet" } ?? "")
                      }),
            FormatKey("routing", .texts, summary: "how leads are assigned",
                      documentation: "How leads in this stage are assigned.", example: "\"By region: EMEA, NA, APAC\"",
                      change: FormatChange(.routingChanged, absent: "") {
                          "the routing of \($0.owner) changed: assignment rules in the CRM must follow"
                      }),
            FormatKey("probability", .percentage, summary: "percent chance of reaching a won stage",
                      documentation: "Percent chance that a lead in this stage ends in a `won` stage.", example: "20",
                      change: FormatChange(.probabilityChanged, text: { node in
                          if case .number(let value) = node.value { return FormatNode.percent(value) }
                          return node.summary
                      }) { "the win probability of \($0.owner) changed: weighted pipeline forecasts move" }),
            FormatKey("nurture", .record(nurture), .expected(rules: ["missing-nurture-plan"], when: "for `nurture` stages"),
                      summary: "cadence, content and follow_up",
                      documentation: "The nurture plan: `cadence`, `content` and `follow_up`. Not empty.",
                      example: "{ cadence: every 2 weeks, content: case studies, follow_up: 90d }",
                      change: FormatChange(.nurtureChanged, text: { node in
                          [node["cadence"]?.summary, node["content"]?.summary, node["follow_up"].map { "follow up after \($0.summary)" }]
                              .compactMap { $0 }.joined(separator: "; ")
                      }) { "the nurture plan of \($0.owner) changed: update the nurture program and follow-up tasks" }),
            FormatKey("reasons", .codes, .expected(rules: ["missing-reasons"], when: "for `disqualified` stages"),
                      summary: "disqualification reason code → description",
                      documentation: "Disqualification reason code → description. Not empty.", example: "{ no_budget: Budget mismatch }"),
            FormatKey("renamed_from", .identifiers("stage"), summary: "earlier ids of this stage",
                      documentation: "Earlier stage ids this stage replaces, so history can be migrated (the change log reads it).",
                      example: "new_lead"),
            FormatKey("crm", .record(stageCRM), summary: "the stage's value in each CRM",
                      documentation: "The stage's value in each CRM, when it is not the default (its id in HubSpot, its name in "
                          + "Salesforce). Two stages cannot have one value.",
                      example: "{ hubspot: marketingqualifiedlead, salesforce: Marketing Qualified }",
                      change: FormatChange(crmChanged) {
                          "the CRM values of \($0.owner) changed from \(quote($0.old)) to \(quote($0.new)): records that hold the old "
                              + "value, and reports and workflows that filter on it, must be migrated"
                      },
                      handbook: "CRM values"),
        ],
        // What a stage is, who owns it and how leads enter first; then its commitments, then its prose.
        changeOrder: ["name", "kind", "owner", "entry", "description", "sla", "probability", "routing", "nurture"])

    public static let transition = FormatPlace(
        id: "transition", name: "a transition", path: "stages.<id>.exits[]", keys: [
            FormatKey("to", .reference("stage"), .required, summary: "the id of the next stage",
                      documentation: "The id of the next stage.", example: "sql"),
            FormatKey("when", .text, .required, summary: "the exit rule",
                      documentation: "The exit rule: the event, threshold or confirmation that moves the lead.",
                      example: "SDR confirmed use case on a discovery call"),
            FormatKey("action", .text, summary: "the next action",
                      documentation: "The next action that goes with the move.", example: "Book a meeting with an account executive"),
        ])

    public static let sla = FormatPlace(
        id: "sla", name: "an sla", path: "stages.<id>.sla", keys: [
            FormatKey("within", .duration, .required, summary: "a duration such as 4h or 2d",
                      documentation: "How fast the owner must act.", example: "4h"),
            FormatKey("action", .text, summary: "the expected next action",
                      documentation: "The expected next action.", example: "First call attempt"),
        ],
        documentation: "The response commitment for leads entering this stage.")

    public static let nurture = FormatPlace(
        id: "nurture", name: "a nurture plan", path: "stages.<id>.nurture", keys: [
            FormatKey("cadence", .text, summary: "how often leads are touched",
                      documentation: "How often leads are touched.", example: "every 2 weeks"),
            FormatKey("content", .text, summary: "what they are sent",
                      documentation: "What they are sent.", example: "case studies, ROI guide"),
            FormatKey("follow_up", .duration, summary: "a duration after which someone looks again",
                      documentation: "When someone looks at the lead again.", example: "90d"),
        ],
        documentation: "The nurture plan of a nurture stage.", notEmpty: true)

    /// Every place, in the order the docs and the JSON Schema list them.
    public static let crm = FormatPlace(
        id: "crm", name: "the crm mapping", path: "crm", keys: [
            FormatKey("hubspot", .record(hubspotTarget), summary: "the HubSpot object and its property or pipeline",
                      documentation: "Where the stages live in HubSpot.", example: "{ object: deals, pipeline: default }"),
            FormatKey("salesforce", .record(salesforceTarget), summary: "the Salesforce object and its picklist field",
                      documentation: "Where the stages live in Salesforce.", example: "{ object: Lead, field: Status }"),
        ],
        documentation: "Where the stages live in each CRM.", notEmpty: true)

    public static let hubspotTarget = FormatPlace(
        id: "crmHubSpot", name: "a HubSpot target", path: "crm.hubspot", keys: [
            FormatKey("object", .enumeration(["contacts", "companies", "deals", "tickets"]), .required,
                      summary: "the HubSpot object", documentation: "The HubSpot object whose records move through the stages.",
                      example: "contacts"),
            FormatKey("property", .string, summary: "the property that holds the stage",
                      documentation: "The enumeration property that holds the stage, for contacts and companies "
                          + "(HubSpot's own is `lifecyclestage`).", example: "lifecyclestage"),
            FormatKey("pipeline", .string, summary: "the pipeline's id",
                      documentation: "The pipeline's id, for deals and tickets.", example: "default"),
        ])

    public static let salesforceTarget = FormatPlace(
        id: "crmSalesforce", name: "a Salesforce target", path: "crm.salesforce", keys: [
            FormatKey("object", .enumeration(["Lead", "Opportunity"]), .required,
                      summary: "the Salesforce object", documentation: "The Salesforce object whose records move through the stages.",
                      example: "Lead"),
            FormatKey("field", .string, summary: "the picklist field that holds the stage",
                      documentation: "The picklist field that holds the stage (`Status` on a Lead, `StageName` on an Opportunity).",
                      example: "Status"),
        ])

    public static let stageCRM = FormatPlace(
        id: "stageCRM", name: "a stage's crm values", path: "stages.<id>.crm", keys: [
            FormatKey("hubspot", .string, summary: "the option's internal value in HubSpot",
                      documentation: "The option's internal value in HubSpot (the stage's id when not written).",
                      example: "marketingqualifiedlead", whenAbsent: .id, unique: FormatUniqueness(what: "HubSpot value")),
            FormatKey("salesforce", .string, summary: "the picklist value's API name in Salesforce",
                      documentation: "The picklist value's API name in Salesforce (the stage's name when not written).",
                      example: "Marketing Qualified", whenAbsent: .name, unique: FormatUniqueness(what: "Salesforce value")),
        ],
        notEmpty: true)

    public static let fieldCRM = FormatPlace(
        id: "fieldCRM", name: "a field's crm names", path: "fields.<id>.crm", keys: [
            FormatKey("hubspot", .string, summary: "the property's internal name in HubSpot",
                      documentation: "The property's internal name in HubSpot.", example: "budget",
                      unique: FormatUniqueness(what: "HubSpot property")),
            FormatKey("salesforce", .string, summary: "the field's API name in Salesforce",
                      documentation: "The field's API name in Salesforce.", example: "Budget__c",
                      unique: FormatUniqueness(what: "Salesforce field")),
        ],
        notEmpty: true)

    public static let places: [FormatPlace] = [
        topLevel, team, field, stage, transition, sla, nurture, crm, hubspotTarget, salesforceTarget, stageCRM, fieldCRM,
    ]

    package static let crmChanged = ChangeKind("crm-changed", .notable,
        "Where the stages live in a CRM, a stage's CRM value or a field's CRM name changed: records that hold the old "
            + "value, and reports, workflows and validation rules on it, must follow.")

    /// Change kinds that keys of the format declare (besides the differ's own, in `ChangeKind`).
    package static let declaredChangeKinds: [ChangeKind] = [crmChanged]

    package static let durationForms = "a positive whole number and a unit: 30m, 4h, 2d or 1w (minutes, hours, days, weeks)"
    package static let idForm = "lowercase letters, digits, '_' and '-', starting with a letter"

    package static func quote(_ text: String?) -> String { FormatChangeContext.quote(text) }
}
