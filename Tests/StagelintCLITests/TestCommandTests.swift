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
