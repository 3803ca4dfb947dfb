import Foundation
import Testing

/// `stagelint export`, `import` and `drift` as a user runs them: files written, exit statuses,
/// messages for bad input.
@Suite("stagelint export, import and drift", .serialized)
struct CRMCommandTests {
    static let deals = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/crm/deals.yaml").path
    static let demo = packageRoot.appendingPathComponent("playbooks/demo-led-inbound.yaml").path

    @Test("export writes the folder; the same playbook gives the same bytes; HubSpot JSON goes to standard output without -o")
    func export() throws {
        let folder = try temporaryFolder([:])
        let first = try CLI.run(["export", Self.deals, "--to", "salesforce", "-o", folder.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("wrote 3 files to"))
        let set = folder.appendingPathComponent("standardValueSets/OpportunityStage.standardValueSet-meta.xml")
        let bytes = try Data(contentsOf: set)
        #expect(try CLI.run(["export", Self.deals, "--to", "salesforce", "-o", folder.path]).status == 0)
        #expect(try Data(contentsOf: set) == bytes)
        let pipeline = try CLI.run(["export", Self.deals, "--to", "hubspot-pipeline"])
        #expect(pipeline.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(pipeline.stdout.utf8)) as? [String: Any]
        #expect(json?["pipelineId"] as? String == "new-business")
        let noFolder = try CLI.run(["export", Self.deals, "--to", "salesforce"])
        #expect(noFolder.status == 2 && noFolder.stderr.contains("give it with -o"))
        let wrongTarget = try CLI.run(["export", Self.demo, "--to", "hubspot-pipeline"])
        #expect(wrongTarget.status == 2 && wrongTarget.stderr.contains("export --to hubspot-property"))
        // A rule an earlier export wrote for a stage that no longer has required fields is removed.
        let edited = folder.appendingPathComponent("deals.yaml")
        try Data(String(contentsOfFile: Self.deals, encoding: .utf8).replacingOccurrences(of: "    required_fields: [budget, timeline]\n", with: "").utf8)
            .write(to: edited)
        let again = try CLI.run(["export", edited.path, "--to", "salesforce", "-o", folder.path])
        #expect(again.status == 0 && again.stderr.contains("removed "))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("objects/Opportunity/validationRules/proposal_required_fields.validationRule-meta.xml").path))
        let notes = try CLI.run(["export", Self.demo, "--to", "salesforce", "-o", folder.appendingPathComponent("demo").path])
        #expect(notes.status == 0 && notes.stderr.contains("note: required fields without a Salesforce name"))
    }

    @Test("import writes a playbook that check reads; a malformed file is exit 2 naming the file and the path")
    func importing() throws {
        let folder = try temporaryFolder([:])
        let pipeline = folder.appendingPathComponent("pipeline.json")
        try Data(try CLI.run(["export", Self.deals, "--to", "hubspot-pipeline"]).stdout.utf8).write(to: pipeline)
        let out = folder.appendingPathComponent("imported.yaml").path
        let imported = try CLI.run(["import", pipeline.path, "-o", out])
        #expect(imported.status == 0, "\(imported.stderr)")
        let checked = try CLI.run(["check", out, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any]
        let rules = Set((report?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        // What a person must still decide, and nothing about the file's structure.
        #expect(rules.isSuperset(of: ["missing-owner", "dead-end-stage"]))
        #expect(rules.isDisjoint(with: ["yaml-syntax", "unknown-key", "invalid-value", "missing-key", "duplicate-stage"]))
        let broken = folder.appendingPathComponent("broken.json")
        try Data("{\"stages\": [{\"label\": \"A\", \"id\": \"a\"}, {\"label\": 3}]}".utf8).write(to: broken)
        let result = try CLI.run(["import", broken.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.json: $.stages[1].id: missing"))
        let same = try CLI.run(["import", pipeline.path, "-o", pipeline.path])
        #expect(same.status == 2 && same.stderr.contains("is the file being imported"))
        #expect(try Data(contentsOf: pipeline).first == UInt8(ascii: "{"))
        let folderInput = try CLI.run(["import", folder.path])
        #expect(folderInput.status == 2 && folderInput.stderr.contains("is a folder"))
        let missing = try CLI.run(["import", "/no/such/file.json"])
        #expect(missing.status == 2 && missing.stderr.contains("/no/such/file.json: cannot be read (no such file)"))
    }

    @Test("drift: exit 0 against the playbook's own export, 1 with findings at the playbook's lines, in every check format")
    func drift() throws {
        let folder = try temporaryFolder([:])
        let pipeline = folder.appendingPathComponent("pipeline.json")
        let exported = try CLI.run(["export", Self.deals, "--to", "hubspot-pipeline"]).stdout
        try Data(exported.utf8).write(to: pipeline)
        let clean = try CLI.run(["drift", Self.deals, pipeline.path])
        #expect(clean.status == 0 && clean.stdout.hasSuffix("against 1 CRM file: 0 findings\n"))
        try Data(exported.replacingOccurrences(of: "\"Closed Won\"", with: "\"Won\"").utf8).write(to: pipeline)
        let text = try CLI.run(["drift", Self.deals, pipeline.path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("deals.yaml:38:11: warning: the CRM calls 'closedwon' \"Won\""))
        #expect(text.stdout.contains("[drift-label]"))
        for format in ["json", "sarif", "github", "junit"] {
            let result = try CLI.run(["drift", Self.deals, pipeline.path, "--format", format])
            #expect(result.status == 1, "\(format)")
            #expect(result.stdout.contains("drift-label"), "\(format)")
        }
        let sarif = try CLI.run(["drift", Self.deals, pipeline.path, "--format", "sarif"]).stdout
        #expect(sarif.contains("/blob/main/docs/crm.md"))
        #expect(try CLI.run(["drift", Self.deals, pipeline.path, "--fail-on", "error"]).status == 0)
        #expect(try CLI.run(["drift", Self.deals]).status == 2)
    }
}
