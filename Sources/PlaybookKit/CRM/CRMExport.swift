import PlaybookModel

/// `stagelint export`: the files a target takes, made from the playbook's `CRMPlan`, with notes on what
/// the CRM needs that the playbook does not say. Deterministic: the same playbook gives the same bytes.
public enum CRMExport {
    public enum Target: String, Sendable, CaseIterable {
        case hubspotProperty = "hubspot-property"
        case hubspotPipeline = "hubspot-pipeline"
        case salesforce

        public var platform: CRMPlatform { self == .salesforce ? .salesforce : .hubspot }
    }

    public struct Result: Sendable {
        /// Paths inside the output folder, and their text.
        public let files: [SalesforceFiles.File]
        public let notes: [String]
    }

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func files(_ playbook: Playbook, to target: Target, source: String) throws(Refusal) -> Result {
        let plan = CRMPlan(playbook, platform: target.platform)
        switch target {
        case .hubspotProperty:
            guard !plan.isPipeline else {
                throw Refusal(description: "the playbook's stages live in a HubSpot \(plan.object) pipeline (`crm.hubspot`): export --to hubspot-pipeline")
            }
            return Result(files: [.init(path: "hubspot-property-\(plan.container).json", text: HubSpotFiles.property(plan, source: source))], notes: [])
        case .hubspotPipeline:
            guard plan.isPipeline else {
                throw Refusal(description: "pipelines hold deal or ticket stages; the playbook's stages live in the \(plan.object) property "
                    + "'\(plan.container)': export --to hubspot-property, or set `crm: { hubspot: { object: deals, pipeline: ID } }`")
            }
            return Result(files: [.init(path: "hubspot-pipeline-\(plan.container).json", text: HubSpotFiles.pipeline(plan))],
                          notes: HubSpotFiles.notes(plan))
        case .salesforce:
            do {
                return Result(files: try SalesforceFiles.files(plan, source: source), notes: SalesforceFiles.notes(plan))
            } catch {
                throw Refusal(description: error.description)
            }
        }
    }
}
