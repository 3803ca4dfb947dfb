import Foundation
import Testing
@testable import PlaybookKit

/// The `crm` keys of the CRM bridge's contract, added to the format through its description alone:
/// decoded, checked, in the JSON Schema, the JSON export, the handbook and the change log.
@Suite("The crm keys")
struct CRMKeysTests {
    static let mapped = cleanPlaybook
        .replacingFirst("version: 3\n", with: """
            version: 3
            crm:
              hubspot: { object: contacts, property: lifecyclestage }
              salesforce: { object: Lead, field: Status }

            """)
        .replacingFirst("  use_case: { type: text }\n", with: "  use_case: { type: text, crm: { salesforce: Use_Case__c, hubspot: use_case } }\n")
        .replacingFirst("    name: Marketing Qualified Lead\n", with: """
                name: Marketing Qualified Lead
                crm: { hubspot: marketingqualifiedlead, salesforce: Marketing Qualified }

            """)

    func messages(_ yaml: String) -> [String] {
        check(yaml).diagnostics.map { "\($0.line):\($0.column) \($0.rule) \($0.message)" }
    }

    @Test func aMappedPlaybookChecksCleanAndKeepsItsValues() throws {
        let report = check(Self.mapped)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let playbook = try #require(report.playbook)
        #expect(playbook.root.node(at: "crm.hubspot.property")?.string == "lifecyclestage")
        #expect(playbook.root.node(at: "crm.salesforce.object")?.string == "Lead")
        #expect(playbook.root.node(at: "stages.mql.crm.hubspot")?.string == "marketingqualifiedlead")
        #expect(playbook.root.node(at: "fields.use_case.crm.salesforce")?.string == "Use_Case__c")
        let value = try #require(playbook.stage("mql")?.node(forKey: "crm")?["salesforce"])
        #expect(value.span.start.line == 23 && value.span.start.column == 57)
    }

    @Test func anUnknownPlatformIsReportedWithASuggestion() {
        let yaml = Self.mapped.replacingFirst("crm: { hubspot: marketingqualifiedlead,", with: "crm: { hubpsot: marketingqualifiedlead,")
        #expect(messages(yaml) == ["23:12 unknown-key unknown key 'hubpsot' in `crm` of stage 'mql'; did you mean 'hubspot'?"])
        let other = Self.mapped.replacingFirst("  salesforce: { object: Lead, field: Status }\n", with: "  pipedrive: { object: Lead }\n")
        #expect(messages(other) == ["5:3 unknown-key unknown key 'pipedrive' in `crm` of the playbook; the keys of the crm mapping are "
            + "hubspot, salesforce (prefix a key of your own with 'x-' to keep it as an extension)"])
    }

    @Test func wrongTypesAreInvalidValues() {
        #expect(messages(Self.mapped.replacingFirst("crm: { hubspot: marketingqualifiedlead, salesforce: Marketing Qualified }",
                                                    with: "crm: marketingqualifiedlead")) == [
            "23:10 invalid-value `crm` of stage 'mql' must be a mapping of keys such as `hubspot`, `salesforce`; found a string",
        ])
        #expect(messages(Self.mapped.replacingFirst("hubspot: marketingqualifiedlead", with: "hubspot: [a, b]")) == [
            "23:21 invalid-value `hubspot` must be a string, found a list",
        ])
        #expect(messages(Self.mapped.replacingFirst("salesforce: { object: Lead, field: Status }", with: "salesforce: { object: Leed }")) == [
            "5:25 invalid-value unknown object 'Leed' in `salesforce` of `crm` of the playbook; did you mean 'Lead'? Use one of: Lead, Opportunity",
        ])
        #expect(messages(Self.mapped.replacingFirst("salesforce: { object: Lead, field: Status }", with: "salesforce: { field: Status }")) == [
            "5:15 missing-key `salesforce` of `crm` of the playbook has no `object` (the Salesforce object); add it",
        ])
        #expect(messages(Self.mapped.replacingFirst("crm: { hubspot: marketingqualifiedlead, salesforce: Marketing Qualified }",
                                                    with: "crm: {}")) == [
            "23:10 invalid-value `crm` of stage 'mql' is empty; write `hubspot` or `salesforce`, or remove it",
        ])
    }

    @Test func twoStagesCannotHaveOneValue() {
        // Written twice, in another case: one value in the CRM.
        let twice = Self.mapped.replacingFirst("    name: Nurture\n", with: "    name: Nurture\n    crm: { hubspot: MarketingQualifiedLead }\n")
        #expect(messages(twice) == [
            "37:21 invalid-value stages 'mql' (line 21) and 'nurture' have the same HubSpot value 'MarketingQualifiedLead'; "
                + "give each stage its own `crm.hubspot`",
        ])
        // Written once, and stood in for by another stage's id.
        let byID = Self.mapped.replacingFirst("    name: Nurture\n", with: "    name: Nurture\n    crm: { hubspot: new_lead }\n")
        #expect(messages(byID) == [
            "37:21 invalid-value stages 'new_lead' (line 12) and 'nurture' have the same HubSpot value 'new_lead'; stage 'new_lead' "
                + "has no `crm.hubspot`, so its id stands for it; give each stage its own `crm.hubspot`",
        ])
        // By another stage's name, for Salesforce.
        let byName = Self.mapped.replacingFirst("    name: Nurture\n", with: "    name: Nurture\n    crm: { salesforce: Disqualified }\n")
        #expect(messages(byName) == [
            "37:24 invalid-value stages 'nurture' (line 35) and 'disqualified' have the same Salesforce value 'Disqualified'; stage "
                + "'disqualified' has no `crm.salesforce`, so its name stands for it; give each stage its own `crm.salesforce`",
        ])
        // Two stages of one name with no crm values are duplicate-stage, and nothing more.
        let sameName = cleanPlaybook.replacingFirst("    name: Nurture\n", with: "    name: Disqualified\n")
        #expect(check(sameName).diagnostics.map(\.rule) == ["duplicate-stage"])
    }

    @Test func twoFieldsCannotHaveOneCRMName() {
        let yaml = Self.mapped.replacingFirst("fields:\n", with: "fields:\n  budget: { type: number, crm: { salesforce: use_case__C } }\n")
        #expect(messages(yaml).filter { !$0.contains("unused-field") } == [
            "11:46 invalid-value fields 'budget' (line 10) and 'use_case' have the same Salesforce field 'Use_Case__c'; "
                + "give each field its own `crm.salesforce`",
        ])
    }

    @Test func theJSONSchemaTheExportAndTheHandbookCarryThem() throws {
        let schema = PlaybookJSONSchema.rendered()
        for def in ["\"crm\": {", "\"stageCRM\": {", "\"fieldCRM\": {", "\"crmHubSpot\": {", "\"crmSalesforce\": {"] {
            #expect(schema.contains(def), "\(def)")
        }
        let playbook = try #require(check(Self.mapped).playbook)
        let export = try #require(try JSONSerialization.jsonObject(with: Data(PlaybookJSON.render(playbook, source: "p.yaml").utf8)) as? [String: Any])
        let crm = try #require(export["crm"] as? [String: Any])
        #expect((crm["hubspot"] as? [String: Any])?["object"] as? String == "contacts")
        #expect((crm["hubspot"] as? [String: Any])?.keys.sorted() == ["object", "pipeline", "property"])
        let stages = try #require(export["stages"] as? [[String: Any]])
        let mql = try #require(stages.first { $0["id"] as? String == "mql" })
        #expect((mql["crm"] as? [String: Any])?["salesforce"] as? String == "Marketing Qualified")
        #expect(stages.first { $0["id"] as? String == "nurture" }?["crm"] is NSNull)
        let fields = try #require(export["fields"] as? [[String: Any]])
        #expect((fields.first?["crm"] as? [String: Any])?["hubspot"] as? String == "use_case")
        let markdown = MarkdownHandbook.render(Handbook(playbook), source: "p.yaml")
        #expect(markdown.contains("**CRM values:** hubspot: marketingqualifiedlead, salesforce: Marketing Qualified\n"))
        let html = HTMLHandbook.render(Handbook(playbook), source: "p.yaml")
        #expect(html.contains("<dt>CRM values</dt><dd>hubspot: marketingqualifiedlead, salesforce: Marketing Qualified</dd>"))
    }

    @Test func theChangeLogReportsChangedValues() throws {
        let old = try #require(check(Self.mapped).playbook)
        let new = try #require(check(Self.mapped
            .replacingFirst("salesforce: Marketing Qualified }", with: "salesforce: MQL }")
            .replacingFirst("salesforce: Use_Case__c", with: "salesforce: Use_Case_2__c")
            .replacingFirst("{ object: contacts, property: lifecyclestage }", with: "{ object: deals, pipeline: default }")).playbook)
        let changes = PlaybookDiff(old: old, new: new).changes.map { "\($0.id) \($0.severity.rawValue) \($0.message)" }
        #expect(changes == [
            "crm-changed notable where the stages live in the CRM changed ('hubspot: { object: contacts, property: lifecyclestage }, "
                + "salesforce: { object: Lead, field: Status }' → 'hubspot: { object: deals, pipeline: default }, salesforce: { object: Lead, field: Status }')",
            "crm-changed notable the CRM values of stage 'mql' changed from 'hubspot: marketingqualifiedlead, salesforce: Marketing Qualified' "
                + "to 'hubspot: marketingqualifiedlead, salesforce: MQL': records that hold the old value, and reports and workflows that "
                + "filter on it, must be migrated",
            "crm-changed notable the CRM names of field 'use_case' changed from 'salesforce: Use_Case__c, hubspot: use_case' to "
                + "'salesforce: Use_Case_2__c, hubspot: use_case': validation rules and integrations that fill it must follow",
        ])
        // The same values written in another order or style are no change.
        let restyled = try #require(check(Self.mapped.replacingFirst("crm: { hubspot: marketingqualifiedlead, salesforce: Marketing Qualified }",
            with: "crm:\n      hubspot: \"marketingqualifiedlead\"\n      salesforce: Marketing Qualified")).playbook)
        #expect(PlaybookDiff(old: old, new: restyled).changes.isEmpty)
    }
}
