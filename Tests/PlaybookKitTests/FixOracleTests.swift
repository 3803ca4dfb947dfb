import Foundation
import Testing
@testable import PlaybookKit

/// The fixer's promises (`FixOracle`) on every playbook the repository has, on those playbooks with
/// typical defects written into them, and on the YAML test suite's cases when it is beside the checkout.
@Suite("Fixing never harms")
struct FixOracleTests {
    static func repositoryFiles() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for folder in ["playbooks", "Tests/PlaybookKitTests/Fixtures", "Tests/PlaybookKitTests/Golden"] {
            let url = packageRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".yaml") && !ScenarioFile.isScenarioFile(name) {
                files.append(("\(folder)/\(name)", Array(try Data(contentsOf: url.appendingPathComponent(name)))))
            }
        }
        return files
    }

    /// Defects people write, each into every line that can take it, one variant at a time.
    static let defects: [(name: String, from: String, to: String)] = [
        ("a misspelt key", "exits:", "exit:"), ("another misspelt key", "required_fields:", "requried_fields:"),
        ("a duration in words", "within: 1d", "within: 1 day"), ("an approximate duration", "follow_up: 90d", "follow_up: 3 months"),
        ("a duration in hours", "within: 4h", "within: \"4 hours\""), ("a misspelt reference", "to: sql", "to: sq"),
        ("a misspelt owner", "owner: sdr", "owner: sdrs"), ("a bad id", "  sql:", "  Sales Qualified:"),
        ("an unused suppression", "    owner: ", "    # stagelint-disable-next-line vague-rule\n    owner: "),
        ("a trailing unused suppression", "kind: won", "kind: won  # stagelint-disable-line dead-end-stage"),
        ("a text cut by a comma", "action: First call attempt", "action: First call, then email"),
        ("CR LF line ends", "\n", "\r\n"),
    ]

    static func variants() throws -> [(name: String, bytes: [UInt8])] {
        var variants: [(String, [UInt8])] = []
        for (name, bytes) in try repositoryFiles() where name.hasPrefix("playbooks/") {
            let text = String(decoding: bytes, as: UTF8.self)
            for defect in defects where text.contains(defect.from) {
                variants.append(("\(name) with \(defect.name)", Array(text.replacingOccurrences(of: defect.from, with: defect.to).utf8)))
            }
            // All of them at once, in a file with CR LF line ends.
            let all = defects.dropLast().reduce(text) { $0.replacingOccurrences(of: $1.from, with: $1.to) }
            variants.append(("\(name) with every defect, CR LF", Array(all.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
        }
        return variants
    }

    @Test func theRepositoryPlaybooksAndTheirDefects() throws {
        let inputs = try Self.repositoryFiles() + Self.variants()
        #expect(inputs.count > 60)
        var fixedSomething = 0
        for input in inputs {
            for unsafe in [false, true] {
                let broken = FixOracle.violations(input.bytes, unsafe: unsafe)
                #expect(broken.isEmpty, "\(input.name) (unsafe: \(unsafe)): \(broken)")
            }
            let outcome = Fixer.fix(input.bytes, unsafe: true) { Linter().check(file: "p.yaml", bytes: $0) }
            if outcome.changed { fixedSomething += 1 }
        }
        // The oracle is only worth something on files that were changed.
        #expect(fixedSomething >= 40, "only \(fixedSomething) inputs had something to fix")
    }

    @Test(.enabled(if: OutsideCorpus.yamlTestSuite.isAvailable, OutsideCorpus.yamlTestSuite.skipReason))
    func theYAMLTestSuite() throws {
        var checked = 0
        for testCase in OutsideCorpus.yamlTestSuite.cases {
            guard let bytes = FileManager.default.contents(atPath: testCase.folder.appendingPathComponent("in.yaml").path) else { continue }
            for unsafe in [false, true] {
                let broken = FixOracle.violations(Array(bytes), unsafe: unsafe)
                #expect(broken.isEmpty, "\(testCase.name) (unsafe: \(unsafe)): \(broken)")
            }
            checked += 1
        }
        #expect(checked > 300)
    }

    /// The oracle catches an `apply` that harms: one that also drops the byte after each edit.
    @Test func theOracleCanFail() {
        let bytes = Array("playbook: x\nstages:\n  a:\n    name: A\n    kind: won\n    sla: { within: 2 days }\n".utf8)
        #expect(FixOracle.violations(bytes, unsafe: false).isEmpty)
        let careless: ([Fix], [UInt8]) -> (bytes: [UInt8], applied: [Int]) = { fixes, bytes in
            var (result, applied) = Fixer.apply(fixes, to: bytes)
            if !applied.isEmpty { result.removeLast() }
            return (result, applied)
        }
        #expect(FixOracle.violations(bytes, unsafe: false, apply: careless) == ["applying the fixes changed bytes outside the edited spans"])
    }
}
