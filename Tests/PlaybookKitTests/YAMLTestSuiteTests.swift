import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// Every case of the official YAML test suite (`OutsideCorpus.yamlTestSuite`: skipped with the reason
/// when it is absent) goes through the
/// reader and the checker: nothing may crash or hang; an invalid case must end in `yaml-syntax`
/// (or `duplicate-key`, which libyaml does not catch) with a position, except the cases libyaml
/// itself accepts, listed below with the reason.
@Suite("YAML test suite", .enabled(if: OutsideCorpus.yamlTestSuite.isAvailable, OutsideCorpus.yamlTestSuite.skipReason))
struct YAMLTestSuiteTests {
    static let corpus = OutsideCorpus.yamlTestSuite
    static let folders = Dictionary(corpus.cases, uniquingKeysWith: { first, _ in first })

    static var cases: [String] { folders.keys.sorted() }

    /// Every case's `in.yaml`.
    static var files: [URL] { cases.compactMap { folders[$0]?.appendingPathComponent("in.yaml") } }

    /// Invalid YAML that libyaml 0.2.5 parses without an error.
    static let acceptedByLibyaml: [String: String] = [
        "9C9N": "flow sequence lines indented less than their key (libyaml does not check flow indentation)",
        "9JBA": "comment without whitespace after the end of a flow sequence",
        "CVW2": "comment without whitespace after a comma in a flow sequence",
        "DK95-01": "a tab that looks like indentation inside a double-quoted scalar",
        "G5U8": "plain '-' entries in a flow sequence",
        "MUS6-00": "a %YAML directive followed by a comment without a space",
        "MUS6-01": "a repeated %YAML directive",
        "QB6E": "a multi-line quoted scalar indented less than its key",
        "RHX7": "a %YAML directive after a document without a '...' end marker",
        "S98Z": "a block scalar whose leading empty line has more spaces than its first content line",
        "SU5Z": "a comment without whitespace after a double-quoted scalar",
        "X4QW": "a comment without whitespace after a block scalar indicator",
        "Y79Y-003": "a tab before a flow sequence entry",
        "YJV2": "a plain '-' in a flow sequence",
    ]

    @Test func theSuiteIsThere() {
        #expect(Self.cases.count > 300, "the YAML test suite was not found at \(Self.corpus.folder.path) (\(Self.corpus.variable))")
    }

    @Test("every case reads and checks without a crash", arguments: cases)
    func runCase(name: String) throws {
        let caseFolder = try #require(Self.folders[name])
        guard let data = FileManager.default.contents(atPath: caseFolder.appendingPathComponent("in.yaml").path) else { return }
        let invalid = FileManager.default.fileExists(atPath: caseFolder.appendingPathComponent("error").path)
        let report = Linter().check(file: "in.yaml", bytes: [UInt8](data))
        for diagnostic in report.diagnostics {
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
            #expect(!diagnostic.message.isEmpty)
        }
        let syntax = report.diagnostics.filter { $0.rule == "yaml-syntax" || $0.rule == "duplicate-key" }
        if invalid {
            if let reason = Self.acceptedByLibyaml[name] {
                #expect(syntax.isEmpty, "\(name) is listed as accepted by libyaml (\(reason)) but was reported: update the list")
            } else {
                #expect(!syntax.isEmpty, "\(name) is invalid YAML but no yaml-syntax finding was reported")
            }
        }
        if let playbook = report.playbook {
            _ = MarkdownHandbook.render(Handbook(playbook), source: "in.yaml")
        }
    }
}
