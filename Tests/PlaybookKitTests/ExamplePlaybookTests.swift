import Foundation
import Testing
import PlaybookKit

@Suite("Example playbooks")
struct ExamplePlaybookTests {
    static var files: [String] {
        let folder = packageRoot.appendingPathComponent("playbooks").path
        return ((try? PlaybookFiles.expand([folder])) ?? []).sorted()
    }

    @Test func thereAreAtLeastFive() {
        #expect(Self.files.count >= 5)
    }

    @Test("checks clean", arguments: files)
    func checksClean(file: String) throws {
        let report = try Linter().check(path: file)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { "\($0.line):\($0.column) \($0.rule) \($0.message)" })")
        let playbook = try #require(report.playbook)
        #expect(playbook.stages.count >= 7)
        #expect(!playbook.teams.isEmpty)
        #expect(playbook.fields?.isEmpty == false)
        #expect(playbook.stages.contains { $0.kind == .nurture })
        #expect(playbook.stages.contains { $0.kind == .disqualified })
        #expect(playbook.stages.contains { $0.sla != nil })
    }
}
