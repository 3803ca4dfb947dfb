import Foundation
import Testing
@testable import PlaybookKit

/// Inputs the fuzzer found (or seeds kept for it): each must go through reading, checking, every
/// reporter, every handbook and the differ without a crash, and fixing it must keep the fixer's promises.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static var files: [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    @Test func thereIsAtLeastOne() { #expect(!Self.files.isEmpty) }

    @Test("runs through every generator", arguments: files)
    func runsThrough(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let report = Linter().check(file: "fuzz.yaml", bytes: bytes)
        for reporter in [TextReporter(color: true), JSONReporter(), SARIFReporter(toolVersion: "t"), GitHubReporter(),
                         JUnitReporter(failOn: .warning)] as [any Reporter] {
            #expect(!reporter.render([report]).isEmpty)
        }
        for unsafe in [false, true] {
            let broken = FixOracle.violations(bytes, unsafe: unsafe)
            #expect(broken.isEmpty, "unsafe: \(unsafe): \(broken)")
        }
        guard let playbook = report.playbook else { return }
        let handbook = Handbook(playbook)
        #expect(!MarkdownHandbook.render(handbook, source: "f").isEmpty)
        #expect(!HTMLHandbook.render(handbook, source: "f").isEmpty)
        #expect(!DOTDiagram.render(handbook).isEmpty)
        let reference = check(cleanPlaybook).playbook ?? Playbook()
        #expect(!ChangeLogRenderer.markdown(PlaybookDiff(old: reference, new: playbook), oldName: "a", newName: "b").isEmpty)
        #expect(!ChangeLogRenderer.json(PlaybookDiff(old: playbook, new: reference), oldName: "a", newName: "b").isEmpty)
    }
}
