import Foundation
import Testing

/// A corpus that lives outside the repository, such as the official YAML test suite. Tests that need
/// one take it from an environment variable or, when that is unset, from its documented place beside
/// the checkout (`../shared/…`, where CI has it). When it is in neither place they are skipped with
/// the reason; a variable that names a folder without the corpus is an error, not a skip, so a CI job
/// that asks for the corpus cannot pass without it.
struct OutsideCorpus: Sendable {
    /// The environment variable that names the corpus folder.
    let variable: String
    /// The folder looked at when the variable is unset, relative to the folder holding the checkout.
    let besideCheckout: String
    let what: String

    /// The official YAML test suite: one folder per case with `in.yaml`, and `error` for invalid YAML
    /// (the layout of the suite's `data` branch; a case's numbered sub-cases may be nested, `DK95/01`,
    /// or flattened, `DK95-01`).
    static let yamlTestSuite = OutsideCorpus(
        variable: "STAGELINT_YAML_TEST_SUITE", besideCheckout: "shared/corpus/yaml-test-suite", what: "the YAML test suite")

    var requested: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    var folder: URL {
        if let requested { return URL(fileURLWithPath: requested) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent(besideCheckout)
    }

    /// True when the corpus should be used: it is there, or it was asked for (and its absence must fail).
    var isAvailable: Bool {
        requested != nil || FileManager.default.fileExists(atPath: folder.path)
    }

    var skipReason: Comment {
        "\(what) is not at \(folder.path); set \(variable) to its folder to run these tests (README: Conformance suites)"
    }

    /// The test-suite cases, as (name, folder) sorted by name; nested sub-cases are named `CASE-SUB`.
    var cases: [(name: String, folder: URL)] {
        let manager = FileManager.default
        var result: [(name: String, folder: URL)] = []
        for name in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []) where !name.hasPrefix(".") {
            let caseFolder = folder.appendingPathComponent(name)
            if manager.fileExists(atPath: caseFolder.appendingPathComponent("in.yaml").path) {
                result.append((name, caseFolder))
                continue
            }
            for sub in ((try? manager.contentsOfDirectory(atPath: caseFolder.path)) ?? []) {
                let subFolder = caseFolder.appendingPathComponent(sub)
                if manager.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                    result.append(("\(name)-\(sub)", subFolder))
                }
            }
        }
        return result.sorted { $0.name < $1.name }
    }
}
