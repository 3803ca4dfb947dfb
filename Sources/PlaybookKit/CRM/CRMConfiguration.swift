/// A CRM's stage configuration as read from one of its files (a HubSpot property or pipeline, a
/// Salesforce StandardValueSet, PathAssistant or validation rule): the values in the CRM's order with
/// the flags and figures they carry, each with where it is in the file. `import` turns it into a
/// starting playbook; `drift` compares it with the playbook's `CRMPlan`.
public struct CRMConfiguration: Sendable {
    public enum Shape: String, Sendable {
        case hubspotProperty = "HubSpot property"
        case hubspotPipeline = "HubSpot pipeline"
        case salesforceValueSet = "Salesforce StandardValueSet"
        case salesforcePath = "Salesforce PathAssistant"
        case salesforceValidationRule = "Salesforce ValidationRule"
    }

    public struct Value: Sendable, Equatable {
        /// The internal value (HubSpot) or API name (Salesforce).
        public var value: String
        public var label: String
        /// Hidden (HubSpot), archived or inactive values are not drift.
        public var active = true
        public var closed: Bool?
        public var won: Bool?
        public var converted: Bool?
        /// In percent (HubSpot's decimal string times 100).
        public var probability: Double?
        public var description: String?
        /// Salesforce Path: the step's key fields.
        public var keyFields: [String] = []
        /// Where the value is in its file: a JSON path or an XML element path.
        public var location: String
    }

    public struct ValidationRule: Sendable, Equatable {
        public var name: String
        public var active: Bool
        /// The stage values its formula tests (`ISPICKVAL(Status, "…")`) and the fields it requires
        /// (`ISBLANK(F)`, `ISPICKVAL(F, "")`), as read from the formula.
        public var stageValues: [String]
        public var fields: [String]
        public var location: String
    }

    public var shape: Shape
    public var file: String
    public var platform: CRMPlatform { shape == .hubspotProperty || shape == .hubspotPipeline ? .hubspot : .salesforce }
    /// The property's name, the pipeline's id or label, the value set's name, the path's object and field.
    public var name: String?
    public var label: String?
    public var object: String?
    public var values: [Value] = []
    public var rules: [ValidationRule] = []
    /// The other properties or pipelines of a HubSpot `results` list (by name or id), not read.
    public var others: [String] = []

    public init(shape: Shape, file: String) {
        self.shape = shape
        self.file = file
    }
}

/// A CRM file that cannot be read: the file, and the element or JSON path that could not be (exit 2).
public struct CRMFileError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let location: String?
    public let reason: String

    public init(file: String, at location: String? = nil, _ reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(file)\(location.map { ": \($0)" } ?? ""): \(reason)" }
}
