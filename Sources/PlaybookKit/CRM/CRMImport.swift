import PlaybookModel

/// `stagelint import`: a CRM's stage configuration as a starting playbook. One stage per active value
/// in the CRM's order, with its `crm` value; kinds where the CRM says (won or converted → `won`,
/// closed and not won, or "Closed - Not Converted" → `disqualified`; the first value → `entry`);
/// `# TODO` comments where a person must decide (owner, entry rule, exits, reasons). The result loads
/// without structural errors, and `stagelint check` lists what is left to decide.
public enum CRMImport {
    /// Reads a CRM file: JSON (HubSpot) or XML (Salesforce), told apart by its first character. From a
    /// HubSpot `results` list, the property or pipeline named `pick` (else the first).
    public static func read(_ bytes: [UInt8], file: String, pick: String? = nil) throws(CRMFileError) -> CRMConfiguration {
        let first = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return try HubSpotFiles.read(bytes, file: file, pick: pick)
        case UInt8(ascii: "<"): return try SalesforceFiles.read(bytes, file: file)
        case nil: throw CRMFileError(file: file, "the file is empty")
        default: throw CRMFileError(file: file, "neither JSON (a HubSpot property or pipeline) nor XML (Salesforce metadata)")
        }
    }

    /// A stage id (`[a-z][a-z0-9_-]*`) for a CRM value or label.
    static func stageID(_ text: String) -> String { SalesforceFiles.underscored(text.lowercased(), startingWith: "stage_") }

    static func quoted(_ text: String) -> String { JSONValue.quoted(text) }

    /// The kind a value's flags say, and whether the CRM said it (false: a guess from its name or place,
    /// to confirm).
    static func kind(_ value: CRMConfiguration.Value, first: Bool) -> (kind: StageKind, said: Bool) {
        if value.won == true || value.converted == true { return (.won, true) }
        // A closed HubSpot deal stage is won at probability 1.0, lost below (HubSpot has no won flag).
        if value.closed == true { return (value.won == nil && value.probability == 100 ? .won : .disqualified, true) }
        let words = (value.label + " " + value.value).lowercased()
        if ["not converted", "closed lost", "closed - lost", "closedlost"].contains(where: words.contains) { return (.disqualified, true) }
        if ["disqualified", "unqualified", "junk", "lost", "rejected"].contains(where: words.contains) { return (.disqualified, false) }
        if ["closed won", "closedwon", "customer", "converted"].contains(where: words.contains) { return (.won, false) }
        if ["nurture", "recycle", "not now", "later"].contains(where: words.contains) { return (.nurture, false) }
        return (first ? .entry : .active, false)
    }

    /// The starting playbook, as YAML text.
    public static func playbook(_ configuration: CRMConfiguration) -> String {
        let platform = configuration.platform
        let named = (configuration.label ?? configuration.name).map { " '\($0)'" } ?? ""
        var out = "# Imported by stagelint from \(configuration.file) (\(configuration.shape.rawValue)\(named))"
        out += ".\n# A starting point: every `# TODO` marks what a person must decide; `stagelint check` lists what is missing.\n"
        out += "playbook: \(quoted(configuration.label ?? configuration.name ?? "Imported stages"))  # TODO: name the playbook\n"
        switch configuration.shape {
        case .hubspotProperty:
            out += "crm:\n  hubspot: { object: contacts, property: \(quoted(configuration.name ?? "lifecyclestage")) }  # TODO: the object, if not contacts\n"
        case .hubspotPipeline:
            out += "crm:\n  hubspot: { object: deals, pipeline: \(quoted(configuration.name ?? "default")) }  # TODO: the object, if not deals\n"
        case .salesforceValueSet, .salesforcePath, .salesforceValidationRule:
            let object = configuration.object ?? "Lead"
            out += "crm:\n  salesforce: { object: \(object), field: \(object == "Opportunity" ? "StageName" : "Status") }\n"
        }
        let values = configuration.values.filter(\.active)
        guard !values.isEmpty else {
            return out + "stages: {}  # TODO: the file has no active stage value\n"
        }
        out += "stages:\n"
        var used = Set<String>()
        for (index, value) in values.enumerated() {
            var id = stageID(platform == .hubspot ? value.value : value.label)
            let base = id
            var suffix = 2
            while !used.insert(id).inserted {
                id = "\(base)_\(suffix)"
                suffix += 1
            }
            let (kind, said) = kind(value, first: index == 0)
            out += "  \(id):\n"
            out += "    name: \(quoted(value.label))\n"
            let guess = index == 0 && kind == .entry ? "the first value" : kind == .active ? "the CRM does not say; or nurture" : "from its name"
            out += "    kind: \(kind.rawValue)" + (said ? "\n" : "  # TODO: confirm (\(guess))\n")
            if let description = value.description, !description.isEmpty { out += "    description: \(quoted(description))\n" }
            if kind != .won, kind != .disqualified { out += "    # TODO: owner (a team id), entry (the entry rule), exits (where leads go next, and when)\n" }
            if kind == .disqualified { out += "    # TODO: reasons (code: description) for leads that end here\n" }
            if !value.keyFields.isEmpty {
                out += "    # Key fields on the Salesforce Path: \(value.keyFields.joined(separator: ", ")) (TODO: declare them under fields; required_fields?)\n"
            }
            if let probability = value.probability { out += "    probability: \(SalesforceFiles.number(probability))\n" }
            out += "    crm: { \(platform.rawValue): \(quoted(value.value)) }\n"
        }
        let inactive = configuration.values.count - values.count
        if inactive > 0 {
            let left = configuration.values.filter { !$0.active }.map(\.value).joined(separator: ", ")
            let were = inactive == 1 ? " was" : "s were"
            out += "# \(inactive) hidden or inactive value\(were) left out: \(left)\n"
        }
        return out
    }
}
