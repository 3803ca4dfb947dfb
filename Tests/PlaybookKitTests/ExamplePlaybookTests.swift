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

    /// The format reference's example playbook (the YAML block of "A complete small example") checks clean, and with the two
    /// typos the reference shows (`exit:` on line 43, `to: sq` on line 44) gives exactly the findings
    /// printed there.
    @Test func theFormatReferenceExampleIsWhatItShows() throws {
        let reference = try String(contentsOf: packageRoot.appendingPathComponent("docs/playbook-format.md"), encoding: .utf8)
        let section = try #require(reference.range(of: "## A complete small example"))
        let opening = try #require(reference.range(of: "```yaml\n", range: section.upperBound..<reference.endIndex))
        let closing = try #require(reference.range(of: "```", range: opening.upperBound..<reference.endIndex))
        let example = String(reference[opening.upperBound..<closing.lowerBound])
        let clean = Linter().check(file: "playbooks/demo.yaml", bytes: Array(example.utf8))
        #expect(clean.diagnostics.isEmpty, "\(clean.diagnostics.map { "\($0.line):\($0.column) \($0.rule)" })")
        var lines = example.components(separatedBy: "\n")
        try #require(lines.count > 44 && lines[42].contains("exits:") && lines[43].contains("to: sql"))
        lines[42] = lines[42].replacingOccurrences(of: "exits:", with: "exit:")
        lines[43] = lines[43].replacingOccurrences(of: "to: sql", with: "to: sq")
        let typos = Linter().check(file: "playbooks/demo.yaml", bytes: Array(lines.joined(separator: "\n").utf8))
        let shown = TextReporter(color: false).render([typos])
        for line in ["playbooks/demo.yaml:43:5: error: unknown key 'exit' in stage 'mql'; did you mean 'exits'? [unknown-key, fixable]",
                     "playbooks/demo.yaml:44:13: error: transition goes to undefined stage 'sq'; did you mean 'sql'? [undefined-stage, unsafe fix]",
                     "checked 1 file: 2 errors, 0 warnings, 0 infos", "1 fixable with --fix",
                     "1 more fixable with --unsafe-fixes (guesses: review the diff with --unsafe-fixes --diff)"] {
            #expect(shown.contains(line), "\(line)")
            #expect(reference.contains(line), "the reference no longer shows: \(line)")
        }
        #expect(typos.diagnostics.count == 2)
    }
}
