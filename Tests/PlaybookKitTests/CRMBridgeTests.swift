import Foundation
import PlaybookModel
import Testing
@testable import PlaybookKit

/// The CRM bridge: exports (golden files), import of what was exported (round trips for every example
/// playbook), malformed CRM files, drift findings for each kind of disagreement, and the XML and
/// formula readers under them.
@Suite("CRM bridge")
struct CRMBridgeTests {
    static let examples = ["demo-led-inbound", "gtm-lead-stages", "high-touch-enterprise", "sales-pipeline-seven-stages", "trial-led-product"]

    static func document(_ path: String) throws -> PlaybookDocument {
        let bytes = Array(try Data(contentsOf: packageRoot.appendingPathComponent(path)))
        return PlaybookDocument(file: path, bytes: bytes)
    }

    static func playbook(_ path: String) throws -> Playbook { try #require(try document(path).playbook) }

    static let deals = "Tests/PlaybookKitTests/Fixtures/crm/deals.yaml"

    /// Every file of an export, one after the other under its path (one golden file for a folder).
    static func joined(_ result: CRMExport.Result) -> String {
        result.files.map { "=== \($0.path)\n\($0.text)" }.joined()
    }

    @Test("exports match their golden files: a HubSpot property, a deal pipeline, Salesforce folders for a Lead and an Opportunity")
    func golden() throws {
        let gtm = try Self.playbook("playbooks/gtm-lead-stages.yaml")
        Golden.expect(Self.joined(try CRMExport.files(gtm, to: .hubspotProperty, source: "gtm.yaml")), matches: "crm/gtm.hubspot-property.txt")
        Golden.expect(Self.joined(try CRMExport.files(gtm, to: .salesforce, source: "gtm.yaml")), matches: "crm/gtm.salesforce.txt")
        let deals = try Self.playbook(Self.deals)
        let pipeline = try CRMExport.files(deals, to: .hubspotPipeline, source: "deals.yaml")
        Golden.expect(Self.joined(pipeline), matches: "crm/deals.hubspot-pipeline.txt")
        Golden.expect(Self.joined(try CRMExport.files(deals, to: .salesforce, source: "deals.yaml")), matches: "crm/deals.salesforce.txt")
        // The same playbook gives the same bytes.
        #expect(Self.joined(try CRMExport.files(deals, to: .hubspotPipeline, source: "deals.yaml")) == Self.joined(pipeline))
        // A property-based playbook is not a pipeline, and the reverse.
        #expect(throws: CRMExport.Refusal.self) { try CRMExport.files(gtm, to: .hubspotPipeline, source: "gtm.yaml") }
        #expect(throws: CRMExport.Refusal.self) { try CRMExport.files(deals, to: .hubspotProperty, source: "deals.yaml") }
    }

    @Test("a Lead playbook without a won stage is refused: no lead could be converted")
    func noConvertedStatus() throws {
        let text = """
            playbook: No way out
            stages:
              new: { name: New, kind: entry, exits: [{ to: lost, when: Bounced email received }] }
              lost: { name: Lost, kind: disqualified, reasons: { bounced: Email bounced } }
            """
        let playbook = try #require(PlaybookDocument(file: "x.yaml", bytes: Array(text.utf8)).playbook)
        let refusal = #expect(throws: CRMExport.Refusal.self) { try CRMExport.files(playbook, to: .salesforce, source: "x.yaml") }
        #expect(refusal?.description.contains("no stage is `kind: won`") == true)
    }

    /// The stages' names and CRM values of a playbook written by `import`.
    static func imported(_ text: String, file: String) throws -> (names: [String], values: [String], document: PlaybookDocument) {
        let configuration = try CRMImport.read(Array(text.utf8), file: file)
        let yaml = CRMImport.playbook(configuration)
        let document = PlaybookDocument(file: "imported.yaml", bytes: Array(yaml.utf8))
        let playbook = try #require(document.playbook, "\(yaml)")
        let plan = CRMPlan(playbook, platform: configuration.platform)
        return (plan.stages.map(\.name), plan.stages.map(\.value), document)
    }

    @Test("round trips for every example playbook: export, then import, gives the same stages and CRM values, and loads without structural errors")
    func roundTrips() throws {
        for example in Self.examples {
            let playbook = try Self.playbook("playbooks/\(example).yaml")
            for target in [CRMExport.Target.hubspotProperty, .salesforce] {
                let plan = CRMPlan(playbook, platform: target.platform)
                let files = try CRMExport.files(playbook, to: target, source: example).files
                // The property, the value set and the path each hold the stages.
                for file in files where !file.path.contains("validationRules") {
                    let back = try Self.imported(file.text, file: file.path)
                    #expect(back.values == plan.stages.map(\.value), "\(example) \(file.path)")
                    if !file.path.contains("pathAssistants") { #expect(back.names == plan.stages.map(\.name), "\(example) \(file.path)") }
                    let structural = back.document.diagnostics.filter { diagnostic in
                        diagnostic.severity == .error && RuleCatalog.all.first { $0.id == diagnostic.rule }?.category != .flow
                    }
                    #expect(structural.isEmpty, "\(example) \(file.path): \(structural.map(\.message))")
                }
            }
        }
        let deals = try Self.playbook(Self.deals)
        let pipeline = try CRMExport.files(deals, to: .hubspotPipeline, source: "deals.yaml").files[0].text
        let back = try Self.imported(pipeline, file: "pipeline.json")
        #expect(back.values == ["appointmentscheduled", "proposal", "closedwon", "closedlost"])
        let kinds = try #require(back.document.playbook).stages.map(\.kind)
        #expect(kinds == [.entry, .active, .won, .disqualified])
    }

    @Test("the import of a retrieved value set: kinds from the flags, inactive values left out, TODOs for what a person decides")
    func importRetrieved() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- retrieved with sf project retrieve start -->
            <StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <sorted>false</sorted>
                <standardValue><fullName>Prospecting</fullName><default>true</default><label>Prospecting</label>
                    <closed>false</closed><forecastCategory>Pipeline</forecastCategory><probability>10</probability><won>false</won></standardValue>
                <standardValue><fullName>Needs Analysis</fullName><default>false</default><label>Needs Analysis &amp; Fit</label>
                    <closed>false</closed><probability>20</probability><won>false</won></standardValue>
                <standardValue><fullName>Old Stage</fullName><default>false</default><isActive>false</isActive><label>Old Stage</label></standardValue>
                <standardValue><fullName>Closed Won</fullName><default>false</default><label>Closed Won</label>
                    <closed>true</closed><probability>100</probability><won>true</won></standardValue>
                <standardValue><fullName>Closed Lost</fullName><default>false</default><label>Closed Lost</label>
                    <closed>true</closed><probability>0</probability><won>false</won></standardValue>
            </StandardValueSet>
            """
        let configuration = try CRMImport.read(Array(xml.utf8), file: "OpportunityStage.standardValueSet-meta.xml")
        #expect(configuration.object == "Opportunity")
        Golden.expect(CRMImport.playbook(configuration), matches: "crm/imported-opportunity-stages.yaml")
    }

    @Test("HubSpot files as the API returns them: a results list of pipelines (the one named picked), archived stages, extra keys")
    func hubspotAsReturned() throws {
        let json = """
            {"results": [
              {"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "archived": false, "stages": [
                {"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0, "archived": false,
                 "metadata": {"isClosed": "false", "probability": "0.2"}, "createdAt": "2023-11-07T05:31:56Z"}]},
              {"id": "new-business", "label": "New business pipeline", "displayOrder": 1, "archived": false, "stages": [
                {"id": "closedwon", "label": "Closed Won", "displayOrder": 2, "metadata": {"isClosed": "true", "probability": "1.0"}},
                {"id": "appointmentscheduled", "label": "Discovery", "displayOrder": 0, "metadata": {"isClosed": "false", "probability": "0.1"}},
                {"id": "old", "label": "Old", "displayOrder": 1, "archived": true, "metadata": {"isClosed": "false", "probability": "0.3"}},
                {"id": "closedlost", "label": "Closed Lost", "displayOrder": 3, "metadata": {"isClosed": "true", "probability": "0.0"}}]}
            ]}
            """
        let first = try CRMImport.read(Array(json.utf8), file: "pipelines.json")
        #expect(first.name == "default" && first.values.map(\.value) == ["appointmentscheduled"])
        let picked = try CRMImport.read(Array(json.utf8), file: "pipelines.json", pick: "new-business")
        #expect(picked.values.map(\.value) == ["appointmentscheduled", "old", "closedwon", "closedlost"])
        #expect(picked.values.map(\.active) == [true, false, true, true])
        #expect(picked.values.map(\.closed) == [false, false, true, true])
        #expect(picked.values.map(\.probability) == [10, 30, 100, 0])
        #expect(picked.values.map(\.location) == ["$.results[1].stages[1]", "$.results[1].stages[2]", "$.results[1].stages[0]", "$.results[1].stages[3]"])
        // The deal playbook against it: the archived value is not drift, and the proposal stage is missing.
        let document = try Self.document(Self.deals)
        let findings = CRMDrift.diagnostics([picked], document: document)
        #expect(findings.map(\.rule) == ["drift-missing-in-crm"])
        #expect(findings.first?.message.hasPrefix("stage 'proposal' has no value 'proposal' in pipelines.json (HubSpot pipeline)") == true)
    }

    @Test("export edge cases: unique rule names, guidance and messages cut whole, source named by file name only")
    func exportEdges() throws {
        let long = String(repeating: "long words here ", count: 80)
        let text = """
            playbook: Edges
            fields:
              a: { type: text, crm: { salesforce: A__c } }
              b: { type: text, crm: { salesforce: \(String(repeating: "Very_Long_Field_Name_", count: 14))B__c } }
            stages:
              sql:
                name: SQL
                kind: entry
                required_fields: [a]
                exits: [{ to: sql_, when: "\(long)" }]
              sql_:
                name: SQL again
                required_fields: [a, b]
                entry: "\(long)"
                exits: [{ to: won, when: Contract signed }]
              won: { name: Won, kind: won, entry: Contract countersigned }
            """
        let playbook = try #require(PlaybookDocument(file: "edges.yaml", bytes: Array(text.utf8)).playbook)
        let files = try CRMExport.files(playbook, to: .salesforce, source: "/home/someone/work/edges.yaml").files
        let rules = files.filter { $0.path.contains("validationRules") }.map(\.path)
        #expect(rules == ["objects/Lead/validationRules/sql_required_fields.validationRule-meta.xml",
                          "objects/Lead/validationRules/sql_required_fields_2.validationRule-meta.xml"])
        #expect(files.allSatisfy { !$0.text.contains("/home/someone") })
        let path = try #require(files.first { $0.path.contains("pathAssistants") })
        let root = try XMLTreeElement.parse(Array(path.text.utf8))
        for step in root.all("pathAssistantSteps") {
            let info = try #require(step.value("info"))
            #expect(info.count <= 1000)
            for tag in ["p", "ul", "li", "b"] {
                #expect(info.components(separatedBy: "<\(tag)>").count == info.components(separatedBy: "</\(tag)>").count, "\(tag) in \(info)")
            }
        }
        let lastRule = try #require(files.last)
        let message = try #require(try XMLTreeElement.parse(Array(lastRule.text.utf8)).value("errorMessage"))
        #expect(message.count <= 255 && message.hasSuffix("…"))
    }

    @Test("drift refuses files about something else: another value set, pipeline, property or object")
    func mismatches() throws {
        let demo = try Self.playbook("playbooks/demo-led-inbound.yaml")
        let deals = try Self.playbook(Self.deals)
        let opportunity = try CRMExport.files(deals, to: .salesforce, source: "deals.yaml").files
        let pipeline = try CRMExport.files(deals, to: .hubspotPipeline, source: "deals.yaml").files[0]
        func read(_ file: SalesforceFiles.File) throws -> CRMConfiguration { try CRMImport.read(Array(file.text.utf8), file: file.path) }
        #expect(CRMDrift.mismatches(try opportunity.map(read), playbook: demo) == [
            "standardValueSets/OpportunityStage.standardValueSet-meta.xml is the OpportunityStage value set; the playbook's stages are the Lead's Status (LeadStatus)",
            "pathAssistants/Opportunity_New_business_pipeline.pathAssistant-meta.xml is about Opportunity; the playbook's stages are the Lead's Status (crm.salesforce)",
            "objects/Opportunity/validationRules/proposal_required_fields.validationRule-meta.xml is about Opportunity; the playbook's stages are the Lead's Status (crm.salesforce)",
        ])
        #expect(CRMDrift.mismatches([try read(pipeline)], playbook: demo)
                == ["hubspot-pipeline-new-business.json is a HubSpot pipeline; the playbook's stages live in the contacts property 'lifecyclestage' (crm.hubspot)"])
        let other = SalesforceFiles.File(path: "p.json", text: pipeline.text.replacingOccurrences(of: "\"new-business\"", with: "\"default\""))
        #expect(CRMDrift.mismatches([try read(other)], playbook: deals)
                == ["p.json holds the pipeline 'default'; the playbook's stages live in the deals pipeline 'new-business' (crm.hubspot)"])
        #expect(CRMDrift.mismatches(try opportunity.map(read) + [try read(pipeline)], playbook: deals).isEmpty)
        // A value set saved under another name is told by its values: converted flags, or closed and won ones.
        let leadSet = try #require(try CRMExport.files(demo, to: .salesforce, source: "demo.yaml").files.first)
        #expect(CRMDrift.mismatches([try read(SalesforceFiles.File(path: "edited.xml", text: leadSet.text))], playbook: demo).isEmpty)
        let renamed = try read(SalesforceFiles.File(path: "stages.xml", text: opportunity[0].text))
        #expect(renamed.object == "Opportunity")
        #expect(CRMDrift.mismatches([renamed], playbook: demo)
                == ["stages.xml holds Opportunity stage values; the playbook's stages are the Lead's Status (LeadStatus)"])
    }

    @Test("HubSpot deal stages: won and lost are probabilities 1.0 and 0.0 (HubSpot has no won flag); malformed ones are refused")
    func hubspotProbabilities() throws {
        let deals = try Self.playbook(Self.deals)
        let pipeline = try CRMExport.files(deals, to: .hubspotPipeline, source: "deals.yaml").files[0].text
        let edited = pipeline.replacingOccurrences(of: "\"probability\": \"1.0\"", with: "\"probability\": \"0.9\"")
        let findings = CRMDrift.findings([try CRMImport.read(Array(edited.utf8), file: "p.json")], playbook: deals, file: "deals.yaml")
        #expect(findings.map(\.message) == ["the CRM's probability for 'closedwon' is 90% in p.json (HubSpot pipeline) ($.stages[2]), a `won` stage means 100%"])
        let broken = pipeline.replacingOccurrences(of: "\"probability\": \"0.6\"", with: "\"probability\": \"abc\"")
        let error = #expect(throws: CRMFileError.self) { try CRMImport.read(Array(broken.utf8), file: "p.json") }
        #expect(error?.description == "p.json: $.stages[1].metadata.probability: expected a decimal from 0.0 to 1.0, found abc")
        let closed = pipeline.replacingOccurrences(of: "\"isClosed\": \"true\"", with: "\"isClosed\": \"maybe\"")
        #expect(throws: CRMFileError.self) { try CRMImport.read(Array(closed.utf8), file: "p.json") }
    }

    @Test("malformed CRM files name the file and the JSON path or element that could not be read")
    func malformed() {
        func problem(_ text: String, _ file: String = "crm.json") -> String? {
            do {
                _ = try CRMImport.read(Array(text.utf8), file: file)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem("{\"name\": \"x\", \"options\": [{\"label\": \"A\", \"value\": \"a\"}, {\"label\": \"B\"}]}")
                == "crm.json: $.options[1].value: missing")
        #expect(problem("{\"results\": [{\"id\": \"p\", \"stages\": [{\"label\": \"A\"}]}]}") == "crm.json: $.results[0].stages[0].id: missing (a stage needs its `id` or `stageId`)")
        #expect(problem("{\"name\": \"x\", \"options\": {}}") == "crm.json: $.options: expected a list")
        #expect(problem("{\"label\": \"neither\"}") == "crm.json: $: neither a HubSpot property (no `options`) nor a pipeline (no `stages`)")
        #expect(problem("{\"name\": \"x\",")?.hasPrefix("crm.json: not JSON") == true)
        #expect(problem("") == "crm.json: the file is empty")
        #expect(problem("name: x") == "crm.json: neither JSON (a HubSpot property or pipeline) nor XML (Salesforce metadata)")
        let xml = "<StandardValueSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<standardValue><label>A</label></standardValue>\n</StandardValueSet>"
        #expect(problem(xml, "LeadStatus.xml") == "LeadStatus.xml: /StandardValueSet/standardValue[1]/fullName: missing (line 2)")
        #expect(problem("<PathAssistant>\n<active>true</active>\n", "p.xml") == "p.xml: line 3: not well-formed XML: <PathAssistant> (line 1) is not closed at the end of the file")
        #expect(problem("<Flow><a></b></Flow>", "f.xml") == "f.xml: line 1: not well-formed XML: </b> closes <a> (opened on line 1)")
        #expect(problem("<Flow/>", "f.xml") == "f.xml: /Flow: not a Salesforce StandardValueSet, PathAssistant or ValidationRule")
    }

    /// The drift findings' rule ids for the playbook against files edited from its own export.
    static func drift(_ path: String, _ edit: (inout [SalesforceFiles.File]) -> Void, target: CRMExport.Target = .salesforce) throws -> [String] {
        let document = try Self.document(path)
        let playbook = try #require(document.playbook)
        var files = try CRMExport.files(playbook, to: target, source: path).files
        edit(&files)
        let configurations = try files.map { try CRMImport.read(Array($0.text.utf8), file: $0.path) }
        return CRMDrift.diagnostics(configurations, document: document).map(\.rule)
    }

    static func replace(_ old: String, _ new: String, in path: String) -> (inout [SalesforceFiles.File]) -> Void {
        { files in
            files = files.map { file in
                file.path.contains(path) ? SalesforceFiles.File(path: file.path, text: file.text.replacingOccurrences(of: old, with: new)) : file
            }
        }
    }

    @Test("drift: none against the playbook's own export; each kind of disagreement found once, at the playbook's lines")
    func drift() throws {
        for example in Self.examples {
            #expect(try Self.drift("playbooks/\(example).yaml", { _ in }).isEmpty, "\(example)")
            #expect(try Self.drift("playbooks/\(example).yaml", { _ in }, target: .hubspotProperty).isEmpty, "\(example)")
        }
        let deals = Self.deals
        #expect(try Self.drift(deals, Self.replace("<label>Closed Won</label>", "<label>Won</label>", in: "standardValueSets")) == ["drift-label"])
        #expect(try Self.drift(deals, Self.replace("<probability>60</probability>", "<probability>50</probability>", in: "standardValueSets"))
                == ["drift-probability"])
        #expect(try Self.drift(deals, Self.replace("<won>true</won>", "<won>false</won>", in: "standardValueSets")) == ["drift-terminal"])
        #expect(try Self.drift(deals, Self.replace("<fullName>Closed Lost</fullName>", "<fullName>Lost</fullName>", in: "standardValueSets"))
                == ["drift-missing-in-playbook", "drift-missing-in-crm"])
        // A hidden value no stage maps to is not drift; a stage whose value is inactive is.
        #expect(try Self.drift(deals, Self.replace("<fullName>Closed Lost</fullName>", "<fullName>Closed Lost</fullName><isActive>false</isActive>",
                                                   in: "standardValueSets")) == ["drift-missing-in-crm"])
        #expect(try Self.drift(deals, { files in
            files = files.map { file in
                guard file.path.contains("standardValueSets") else { return file }
                let extra = "<standardValue><fullName>Old</fullName><isActive>false</isActive><label>Old</label></standardValue>"
                return SalesforceFiles.File(path: file.path, text: file.text.replacingOccurrences(of: "</StandardValueSet>", with: extra + "</StandardValueSet>"))
            }
        }).isEmpty)
        // The pipeline's order, and a required field no active rule enforces.
        #expect(try Self.drift(deals, Self.replace("\"displayOrder\": 1,", "\"displayOrder\": 9,", in: "pipeline"), target: .hubspotPipeline)
                == ["drift-order"])
        #expect(try Self.drift(deals, Self.replace("<active>true</active>", "<active>false</active>", in: "validationRules"))
                == ["drift-required-field", "drift-required-field"])
        #expect(try Self.drift(deals, Self.replace("ISBLANK(Budget__c)", "ISBLANK(Amount)", in: "validationRules")) == ["drift-required-field"])
        // A Path without a step for a value is not drift; a step for a value no stage has is.
        var removed = 0
        let removeWonStep: (inout [SalesforceFiles.File]) -> Void = { files in
            files = files.map { file in
                guard file.path.contains("pathAssistants") else { return file }
                let steps = file.text.components(separatedBy: "    <pathAssistantSteps>\n")
                let kept = steps.filter { !$0.contains(">Closed Won</picklistValueName>") }
                removed += steps.count - kept.count
                return SalesforceFiles.File(path: file.path, text: kept.joined(separator: "    <pathAssistantSteps>\n"))
            }
        }
        #expect(try Self.drift(deals, removeWonStep).isEmpty)
        #expect(removed == 1)
        #expect(try Self.drift(deals, Self.replace("<picklistValueName>Closed Won</picklistValueName>", "<picklistValueName>Won</picklistValueName>",
                                                   in: "pathAssistants")) == ["drift-missing-in-playbook"])
    }

    @Test("drift findings carry file, line, column, byte range and a message that says what to do")
    func driftFindings() throws {
        let document = try Self.document(Self.deals)
        let playbook = try #require(document.playbook)
        var files = try CRMExport.files(playbook, to: .hubspotPipeline, source: Self.deals).files
        files[0] = SalesforceFiles.File(path: "pipeline.json", text: files[0].text.replacingOccurrences(of: "\"0.6\"", with: "\"0.4\""))
        let configuration = try CRMImport.read(Array(files[0].text.utf8), file: "pipeline.json")
        let findings = CRMDrift.diagnostics([configuration], document: document)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == "the CRM's probability for 'proposal' is 40% in pipeline.json (HubSpot pipeline) ($.stages[1]), the stage says 60%")
        #expect((finding.line, finding.column, finding.rule, finding.severity) == (31, 18, "drift-probability", .warning))
        let range = try #require(finding.offset.flatMap { start in finding.endOffset.map { start..<$0 } })
        #expect(String(decoding: Array(try Data(contentsOf: packageRoot.appendingPathComponent(Self.deals)))[range], as: UTF8.self) == "60")
    }

    @Test("the XML reader: entities, character references, CDATA, comments, attributes; deep nesting does not exhaust the stack")
    func xml() throws {
        let root = try XMLTreeElement.parse(Array("\u{FEFF}<?xml version=\"1.0\"?><!DOCTYPE x><a x='1' y=\"&lt;2&gt;\"><!-- c --><b>&amp;&#65;&#x42;<![CDATA[<raw>]]></b><c/></a>".utf8))
        #expect(root.name == "a" && root.attribute("y") == "<2>" && root.value("b") == "&AB<raw>" && root.all("c").count == 1)
        let nested = String(repeating: "<d>", count: 200) + String(repeating: "</d>", count: 200)
        #expect(try XMLTreeElement.parse(Array(nested.utf8)).name == "d")
        let deep = String(repeating: "<d>", count: 100_000) + String(repeating: "</d>", count: 100_000)
        let failure = #expect(throws: XMLTreeElement.Failure.self) { try XMLTreeElement.parse(Array(deep.utf8)) }
        #expect(failure?.reason == "elements nested deeper than 256 (metadata files nest a few levels)")
        #expect(throws: XMLTreeElement.Failure.self) { try XMLTreeElement.parse(Array("<a>&bogus;</a>".utf8)) }
        #expect(throws: XMLTreeElement.Failure.self) { try XMLTreeElement.parse(Array("<a></a><b/>".utf8)) }
        #expect(throws: XMLTreeElement.Failure.self) { try XMLTreeElement.parse(Array("text".utf8)) }
    }

    @Test("validation-rule formulas: the stage values they test and the fields they require")
    func formulas() {
        let read = SalesforceFiles.readFormula("AND(OR(ISNEW(), ISCHANGED(Status)), ISPICKVAL( Status , \"Working - \\\"Hot\\\"\"),\n OR(ISBLANK(Budget__c), ISPICKVAL(Timeline__c, \"\"), LEN(Use_Case__c) = 0))")
        #expect(read.stageValues == ["Working - \"Hot\""])
        #expect(read.fields == ["Budget__c", "Timeline__c", "Use_Case__c"])
    }
}
