import PlaybookModel
import YAMLReader

/// The CRMs the bridge writes and reads.
public enum CRMPlatform: String, Sendable, CaseIterable {
    case hubspot, salesforce

    public var displayName: String { self == .hubspot ? "HubSpot" : "Salesforce" }
}

/// What a playbook asks of one CRM, worked out once from the playbook (the `crm` keys, kinds,
/// probabilities, required fields and rules): `export` writes it, `drift` compares a CRM's files with
/// it. Stages keep the playbook's order (the funnel order).
public struct CRMPlan: Sendable {
    public struct Field: Sendable {
        public let id: String
        /// The field's name in the CRM (`crm.hubspot` / `crm.salesforce`), else its id.
        public let name: String
        public let hasCRMName: Bool
        public let type: FieldType?
    }

    public struct Stage: Sendable {
        public let id: String
        public let name: String
        public let kind: StageKind
        /// The stage's value in the CRM: `crm.<platform>`, else its id (HubSpot) or its name (Salesforce).
        public let value: String
        /// The win probability in percent: the stage's `probability`, else 100 for `won` and 0 for `disqualified`.
        public let probability: Double?
        /// Whether the playbook writes `probability` (drift compares only those).
        public let writesProbability: Bool
        public let requiredFields: [Field]
        public let entry: [String]
        /// Each exit: the target's name and its rule.
        public let exits: [(to: String, when: String)]
        /// "within 4h: First call attempt".
        public let sla: String?
        public let description: String?
        /// Where the stage is written (its id), and its `crm` value for this platform when written.
        public let span: SourceSpan
        public let valueSpan: SourceSpan?
        public let probabilitySpan: SourceSpan?
        public let kindSpan: SourceSpan?
        public let nameSpan: SourceSpan?
    }

    public let platform: CRMPlatform
    public let title: String
    /// HubSpot: `contacts`, `companies`, `deals` or `tickets`; Salesforce: `Lead` or `Opportunity`.
    public let object: String
    /// HubSpot: the property (contacts, companies) or the pipeline id (deals, tickets); Salesforce: the picklist field.
    public let container: String
    public let stages: [Stage]
    /// Where the stages key is (for CRM values no stage maps to).
    public let stagesSpan: SourceSpan

    /// Whether the stages live in a HubSpot pipeline (deals, tickets) rather than a property.
    public var isPipeline: Bool { platform == .hubspot && (object == "deals" || object == "tickets") }

    public init(_ playbook: Playbook, platform: CRMPlatform) {
        self.platform = platform
        title = playbook.title?.value ?? "Untitled playbook"
        let target = playbook.node(forKey: "crm")?[platform.rawValue]
        switch platform {
        case .hubspot:
            object = target?["object"]?.string ?? "contacts"
            let pipeline = object == "deals" || object == "tickets"
            container = (pipeline ? target?["pipeline"]?.string : target?["property"]?.string) ?? (pipeline ? "default" : "lifecyclestage")
        case .salesforce:
            object = target?["object"]?.string ?? (playbook.stages.contains { $0.kind == .won } && playbook.level?.value == .account ? "Opportunity" : "Lead")
            container = target?["field"]?.string ?? (object == "Opportunity" ? "StageName" : "Status")
        }
        stagesSpan = playbook.stagesKey ?? .fileStart
        let fields = Dictionary((playbook.fields ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        stages = playbook.stages.map { stage in
            let written = stage.node(forKey: "crm")?[platform.rawValue]
            let name = stage.displayName
            let value = written?.string ?? (platform == .hubspot ? stage.id.value : name)
            let probability = stage.probability?.value ?? (stage.kind == .won ? 100 : stage.kind == .disqualified ? 0 : nil)
            let required = (stage.requiredFields ?? []).map { reference -> Field in
                let field = fields[reference.value]
                let crmName = field?.node(forKey: "crm")?[platform.rawValue]?.string
                return Field(id: reference.value, name: crmName ?? reference.value, hasCRMName: crmName != nil, type: field?.type?.value)
            }
            let exits = stage.transitions.compactMap { transition -> (to: String, when: String)? in
                guard let to = transition.to?.value else { return nil }
                let target = playbook.stages.first { $0.id.value == to }?.displayName ?? to
                return (target, transition.when?.value ?? "")
            }
            let sla = stage.sla.map { sla in
                [sla.within.map { "within \($0.value)" }, sla.action?.value].compactMap { $0 }.joined(separator: ": ")
            }
            return Stage(id: stage.id.value, name: name, kind: stage.kind, value: value, probability: probability,
                         writesProbability: stage.probability != nil, requiredFields: required,
                         entry: stage.entry?.items.map(\.value) ?? [], exits: exits, sla: sla,
                         description: stage.description?.value, span: stage.id.span, valueSpan: written?.span,
                         probabilitySpan: stage.probability?.span, kindSpan: stage.kindSpan, nameSpan: stage.name?.span)
        }
    }
}
