import Foundation
import PlaybookModel
import YAMLReader

/// `stagelint test`: finds scenario files, checks each one's playbook, pushes every scenario's test
/// lead through it with the lead-flow engine and compares what happened with what was expected.
public enum ScenarioRun {
    /// One expectation (or problem) that did not hold, with the place to look: the step that caused
    /// it when there is one, else the expectation as written.
    public struct Failure: Sendable, Hashable {
        /// `conforms`, `ends-in`, `violations`, `not-violations`; `scenario` for a problem in the file,
        /// `playbook` for an error in the playbook.
        public let expectation: String
        public let file: String
        public let span: SourceSpan
        public let message: String
    }

    /// A violation that happened, with the step it happened at.
    public struct Happened: Sendable, Hashable {
        public let violation: FlowViolation
        public let span: SourceSpan
    }

    public struct Result: Sendable {
        public let name: String
        public let span: SourceSpan
        public let failures: [Failure]
        public let violations: [Happened]
        /// The stage the lead ended in (nil when the scenario could not run).
        public let endsIn: String?
        /// The scenario's length: the end of its last step, in milliseconds from its start.
        public let elapsed: Int64?

        public var passed: Bool { failures.isEmpty }
    }

    public struct FileResult: Sendable {
        public let file: String
        public let playbook: String?
        public let results: [Result]
    }

    public struct Outcome: Sendable {
        public let files: [FileResult]
        public var passed: Int { files.reduce(0) { $0 + $1.results.filter(\.passed).count } }
        public var failed: Int { files.reduce(0) { $0 + $1.results.filter { !$0.passed }.count } }
    }

    /// Runs the scenario files below `paths` (files as named, folders walked for `*.scenarios.yaml`);
    /// each playbook is checked with the configuration `check` would use for it.
    public static func run(paths: [String], configFile: String? = nil) throws(CheckRun.Failure) -> Outcome {
        let files: [String]
        do {
            files = try PlaybookFiles.expandScenarios(paths)
        } catch {
            throw CheckRun.Failure(description: error.description)
        }
        let loader: ConfigurationLoader
        do {
            loader = try ConfigurationLoader(explicitFile: configFile)
        } catch {
            throw CheckRun.Failure(description: "invalid config \(error)")
        }
        var playbooks: [String: LoadedPlaybook] = [:]
        var results: [FileResult] = []
        for file in files {
            guard case .bytes(let bytes) = try? PlaybookFiles.read(file, limit: 16 << 20) else {
                throw CheckRun.Failure(description: "\(file): cannot be read (or is larger than 16 MB)")
            }
            let scenarios = ScenarioReader.read(file: file, bytes: bytes)
            var loaded: LoadedPlaybook?
            if let path = scenarios.playbookPath {
                if let known = playbooks[path] {
                    loaded = known
                } else {
                    let fresh = try load(path, loader: loader)
                    playbooks[path] = fresh
                    loaded = fresh
                }
            }
            results.append(FileResult(file: file, playbook: scenarios.playbookPath, results: run(scenarios, playbook: loaded)))
        }
        return Outcome(files: results)
    }

    /// A playbook as scenarios need it: its model for the engine, or the errors that keep it from running.
    struct LoadedPlaybook {
        let playbook: Playbook?
        let flow: FlowPlaybook?
        let errors: [Diagnostic]
        /// Why the file could not be read at all.
        var unreadable: String?
    }

    static func load(_ path: String, loader: ConfigurationLoader) throws(CheckRun.Failure) -> LoadedPlaybook {
        let configuration: Configuration
        do {
            configuration = try loader.configuration(for: path)
        } catch {
            throw CheckRun.Failure(description: "invalid config \(error)")
        }
        let document: PlaybookDocument
        do {
            document = try PlaybookDocument.load(path: path, linter: Linter(configuration: configuration))
        } catch {
            return LoadedPlaybook(playbook: nil, flow: nil, errors: [], unreadable: error.reason)
        }
        let errors = document.diagnostics.filter { $0.severity == .error }
        guard let playbook = document.playbook, errors.isEmpty else {
            return LoadedPlaybook(playbook: document.playbook, flow: nil, errors: errors)
        }
        return LoadedPlaybook(playbook: playbook, flow: FlowPlaybook(playbook), errors: [])
    }

    /// The results of one file's scenarios. Problems of the file fail every scenario; a file without
    /// scenarios that has problems is one failed result named after the file.
    static func run(_ file: ScenarioFile, playbook: LoadedPlaybook?) -> [Result] {
        var shared = file.problems.map { Failure(expectation: "scenario", file: $0.file, span: $0.span, message: "\($0.message) [\($0.rule)]") }
        if let playbook, let reason = playbook.unreadable, let written = file.playbook {
            shared.append(Failure(expectation: "playbook", file: file.file, span: written.span,
                                  message: "the playbook '\(written.value)' cannot be read: \(reason)"))
        }
        if let playbook {
            shared += playbook.errors.map {
                Failure(expectation: "playbook", file: $0.file, span: $0.span, message: "the playbook has an error: \($0.message) [\($0.rule)]")
            }
        }
        if file.scenarios.isEmpty {
            let problem = shared.isEmpty
                ? [Failure(expectation: "scenario", file: file.file, span: .fileStart, message: "the file holds no scenarios")] : shared
            return [Result(name: (file.file as NSString).lastPathComponent, span: .fileStart, failures: problem, violations: [],
                           endsIn: nil, elapsed: nil)]
        }
        return file.scenarios.map { scenario in
            let problems = shared + scenario.problems.map {
                Failure(expectation: "scenario", file: $0.file, span: $0.span, message: "\($0.message) [\($0.rule)]")
            }
            guard let model = playbook?.playbook, let flow = playbook?.flow else {
                let failures = problems.isEmpty
                    ? [Failure(expectation: "playbook", file: file.file, span: file.playbook?.span ?? .fileStart,
                               message: "the playbook could not be read")] : problems
                return Result(name: scenario.name.value, span: scenario.name.span, failures: failures, violations: [], endsIn: nil, elapsed: nil)
            }
            // Names are checked against the playbook even when the scenario has other problems: all are shown at once.
            return ScenarioRunner(file: file.file, scenario: scenario, playbook: model, flow: flow).result(problems: problems)
        }
    }
}
