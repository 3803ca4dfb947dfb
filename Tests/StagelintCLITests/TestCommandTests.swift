import Foundation
import Testing

/// `stagelint test` as CI runs it: exit statuses, formats, `--paths`, and `check` leaving scenario files alone.
@Suite("stagelint test")
struct TestCommandTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/scenarios")

    @Test("passing scenarios exit 0 with a closing count; a failing one exits 1")
    func exitStatus() throws {
        let passing = try CLI.run(["test", "playbooks"], in: packageRoot)
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.hasSuffix(" passed, 0 failed\n"))
        #expect(passing.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("PASS ") || $0.hasSuffix(" failed") })
        let failing = try CLI.run(["test", Self.fixtures.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.hasSuffix("4 passed, 5 failed\n"))
        #expect(failing.stdout.contains("funnel.scenarios.yaml:47:36: violations: stuck mql is listed in `violations` but did not happen"))
    }

    @Test("usage errors exit 2: a missing path, a folder without scenario files, --paths with scenario files")
    func usageErrors() throws {
        let missing = try CLI.run(["test", "no-such-folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder"))
        let empty = try temporaryFolder(["a/playbook.yaml": Array("playbook: x\n".utf8)])
        let none = try CLI.run(["test", empty.path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("holds no *.scenarios.yaml"))
        let both = try CLI.run(["test", "--paths", "playbooks/demo-led-inbound.yaml", "playbooks"], in: packageRoot)
        #expect(both.status == 2)
    }

    @Test("JUnit and JSON outputs, the same exit status")
    func formats() throws {
        let junit = try CLI.run(["test", "--format", "junit", Self.fixtures.path])
        #expect(junit.status == 1)
        #expect(junit.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stagelint test\" tests=\"9\" failures=\"5\""))
        let json = try CLI.run(["test", "--format", "json", Self.fixtures.path])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Int]) == ["passed": 4, "failed": 5])
    }

    @Test("--paths lists each entry's paths with SLA totals; a playbook with errors is exit 2")
    func paths() throws {
        let listed = try CLI.run(["test", "--paths", "playbooks/demo-led-inbound.yaml"], in: packageRoot)
        #expect(listed.status == 0)
        #expect(listed.stdout.hasPrefix("From inbound_lead: 21 paths to a terminal stage\n"))
        #expect(listed.stdout.contains("Smallest SLA total to won: 4d 4h"))
        let broken = try CLI.run(["test", "--paths", Self.fixtures.appendingPathComponent("broken.yaml").path])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("undefined-stage"))
    }

    @Test("check walks past scenario files, and leaves out one named with playbooks (a pre-commit hook names every YAML file)")
    func checkLeavesScenarioFilesAlone() throws {
        let walked = try CLI.run(["check", "playbooks"], in: packageRoot)
        #expect(walked.status == 0, "\(walked.stdout)")
        #expect(walked.stdout.contains("checked 5 files"))
        let named = try CLI.run(["check", "playbooks/demo-led-inbound.yaml", "playbooks/demo-led-inbound.scenarios.yaml"], in: packageRoot)
        #expect(named.status == 0, "\(named.stdout)")
        #expect(named.stdout.contains("checked 1 file"))
    }
}

/// `stagelint audit` as a user runs it: reports, exit statuses and usage errors.
@Suite("stagelint audit")
struct AuditCommandTests {
    static let playbook = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/scenarios/funnel.yaml").path
    static let history = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/history/lead-history.csv").path
    static let mapping = ["--columns", "record_id=Lead ID,stage=New Value,entered_at=Edit Date", "--filter", "Field=Status"]

    @Test("a report with exit 0; --fail-on-nonconforming exits 1 above the share; -o writes the file")
    func reports() throws {
        let text = try CLI.run(["audit", Self.playbook, Self.history] + Self.mapping)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Rows: 12 read, 8 used, 4 rejected"))
        let strict = try CLI.run(["audit", Self.playbook, Self.history, "--fail-on-nonconforming", "10%"] + Self.mapping)
        #expect(strict.status == 1)
        let loose = try CLI.run(["audit", Self.playbook, Self.history, "--fail-on-nonconforming", "0.5"] + Self.mapping)
        #expect(loose.status == 0)
        let folder = try temporaryFolder([:])
        let out = folder.appendingPathComponent("audit.json").path
        let written = try CLI.run(["audit", Self.playbook, Self.history, "--format", "json", "-o", out] + Self.mapping)
        #expect(written.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((json?["rows"] as? [String: Int]) == ["read": 12, "used": 8, "rejected": 4])
    }

    @Test("usage errors exit 2 with the reason: a missing column, a missing file, --sql without --table, a bad --as-of")
    func usageErrors() throws {
        let noColumn = try CLI.run(["audit", Self.playbook, Self.history])
        #expect(noColumn.status == 2)
        #expect(noColumn.stderr.contains("no column 'record_id'"))
        #expect(noColumn.stderr.contains("'Lead ID', 'Field', 'New Value'"))
        let noFile = try CLI.run(["audit", Self.playbook, "/no/such.csv"] + Self.mapping)
        #expect(noFile.status == 2)
        let noTable = try CLI.run(["audit", Self.playbook, "--sql", "duckdb"])
        #expect(noTable.status == 2)
        let badTime = try CLI.run(["audit", Self.playbook, Self.history, "--as-of", "yesterday"] + Self.mapping)
        #expect(badTime.status == 2)
        #expect(badTime.stderr.contains("--as-of"))
        let sql = try CLI.run(["audit", Self.playbook, "--sql", "postgres", "--table", "history"])
        #expect(sql.status == 0)
        #expect(sql.stdout.contains("FROM history"))
    }
}
