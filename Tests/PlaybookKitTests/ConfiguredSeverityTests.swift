import Foundation
import Testing
@testable import PlaybookKit

/// A severity set in `.stagelint.yml` applies to every rule, whatever reports it: the rules that read
/// the playbook, the reader and decoder (`yaml-syntax`, `duplicate-key`, `resource-limit`…) and the
/// suppression pass (`unused-suppression`), and on every way a file is read.
@Suite("Configured severities")
struct ConfiguredSeverityTests {
    static let levels = ["off"] + Severity.allCases.map(\.rawValue)

    /// The configuration users would write, read by the loader they use.
    static func configuration(_ text: String) throws -> Configuration {
        try ConfigurationLoader.parse(Array(text.utf8), file: ".stagelint.yml")
    }

    /// The ways a file is checked: its bytes, a file read whole, and a file read piece by piece.
    static func reports(of example: String, with configuration: Configuration) throws -> [(way: String, report: FileReport)] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-severity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("example.yaml")
        try Data(example.utf8).write(to: file)
        let linter = Linter(configuration: configuration)
        var piecewise = linter
        piecewise.readsPiecewiseFrom = 0
        return [
            ("bytes", linter.check(file: "example.yaml", bytes: Array(example.utf8))),
            ("file", try linter.check(path: file.path, name: "example.yaml")),
            ("file read piece by piece", try piecewise.check(path: file.path, name: "example.yaml")),
        ]
    }

    @Test("each rule reports at each severity set in the config, or not at all when off", arguments: RuleCatalog.all)
    func everyRuleTakesEverySeverity(rule: RuleDescription) throws {
        let example = try #require(rule.triggeringExamples.first)
        let lines = RuleDescription.markedLines(in: example)
        for level in Self.levels where level != rule.defaultSeverity.rawValue {
            let configuration = try Self.configuration("rules:\n  \(rule.id): \(level)\n")
            for (way, report) in try Self.reports(of: example, with: configuration) {
                let found = report.diagnostics.filter { $0.rule == rule.id }
                if level == "off" {
                    #expect(found.isEmpty, "\(rule.id) is off but reported (\(way))")
                } else {
                    #expect(found.map(\.line).sorted() == lines, "\(rule.id) at \(level) (\(way))")
                    for finding in found where finding.severity.rawValue != level {
                        Issue.record("\(rule.id) set to \(level) reported at \(finding.severity.rawValue) (\(way)): \(finding.message)")
                    }
                }
            }
        }
    }

    /// Each way the reader, the decoder and the suppression pass produce a finding of their own.
    static let sources: [(what: String, yaml: String, rule: String, config: String)] = [
        ("a syntax error", "playbook: [x\n", "yaml-syntax", ""),
        ("an unknown alias", "playbook: *nope\nstages: {}\n", "yaml-syntax", ""),
        ("a second document", "playbook: x\n---\nplaybook: y\n", "yaml-syntax", ""),
        ("a duplicate key", "playbook: x\nplaybook: y\n", "duplicate-key", ""),
        ("a merge of a scalar", "x-a: &a 1\nx-b:\n  <<: *a\nplaybook: x\n", "invalid-value", ""),
        ("too many nodes", "playbook: x\nstages: [a, b, c, d, e, f, g, h]\n", "resource-limit", "limits: { max-nodes: 5 }\n"),
        ("too deep", "playbook: x\nx-deep: [[[[[[]]]]]]\n", "resource-limit", "limits: { max-depth: 3 }\n"),
        ("an empty file", "", "missing-key", ""),
        ("a directive that suppresses nothing", "# stagelint-disable-next-line vague-rule\n" + cleanPlaybook, "unused-suppression", ""),
        ("a directive naming an unknown rule", "# stagelint-disable vauge-rule\n" + cleanPlaybook, "unused-suppression", ""),
        ("a comment that is not a directive", "# stagelint-disable-nextline vague-rule\n" + cleanPlaybook, "unused-suppression", ""),
    ]

    @Test("findings the linter adds itself take the configured severity", arguments: sources.indices)
    func findingsOfTheReaderAndSuppressions(index: Int) throws {
        let source = Self.sources[index]
        for level in Self.levels {
            let configuration = try Self.configuration(source.config + "rules:\n  \(source.rule): \(level)\n")
            for (way, report) in try Self.reports(of: source.yaml, with: configuration) {
                let found = report.diagnostics.filter { $0.rule == source.rule }.map(\.severity.rawValue)
                if level == "off" {
                    #expect(found.isEmpty, "\(source.what) (\(way)): \(found)")
                } else {
                    #expect(!found.isEmpty && found.allSatisfy { $0 == level }, "\(source.what) at \(level) (\(way)): \(found)")
                }
            }
        }
    }

    @Test("a file over the size limit takes the configured severity of resource-limit", arguments: levels)
    func fileOverTheSizeLimit(level: String) throws {
        let configuration = try Self.configuration("limits: { max-file-bytes: 16 }\nrules:\n  resource-limit: \(level)\n")
        for (way, report) in try Self.reports(of: cleanPlaybook, with: configuration) where way != "bytes" {
            let found = report.diagnostics.map { "\($0.rule) \($0.severity.rawValue)" }
            #expect(found == (level == "off" ? [] : ["resource-limit \(level)"]), "\(way)")
        }
    }
}
