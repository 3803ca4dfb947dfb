import ArgumentParser
import Foundation
import PlaybookKit

enum TestFormat: String, ExpressibleByArgument, CaseIterable {
    case text, junit, json
}

struct TestScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Push test leads through playbooks: run the scenarios of *.scenarios.yaml files and check what happens to each lead.",
        discussion: """
            Runs every *.scenarios.yaml (*.scenarios.yml) file named or found below the folders given (default: \
            the current folder). Each file names its playbook, which is checked first (with the .stagelint.yml \
            check would use): a playbook with errors fails its scenarios. Exit status: 0 when every scenario \
            passes, 1 when one fails, 2 for a usage error, an unreadable path, an invalid config file or no \
            scenario file. With --paths PLAYBOOK: list every path from each entry stage to a terminal stage with \
            the SLAs along it, and run no scenarios.
            """
    )

    @Argument(help: "Scenario files, or folders to search for *.scenarios.yaml files (default: the current folder).")
    var paths: [String] = []

    @Option(help: "Output format: text, junit or json.")
    var format: TestFormat = .text

    @Option(help: "Use this config file for every playbook instead of looking for .stagelint.yml.")
    var config: String?

    @Option(help: "Colour in text output: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @Option(name: .customLong("paths"), help: "List what this playbook allows from each entry stage to a terminal stage, with the SLA total along each path.")
    var pathsOf: String?

    func validate() throws {
        if pathsOf != nil, !paths.isEmpty { throw ValidationError("--paths takes one playbook and no scenario files") }
        if pathsOf != nil, format == .junit { throw ValidationError("--paths prints text or json") }
    }

    func run() throws {
        if let playbook = pathsOf {
            try listPaths(playbook)
            return
        }
        let outcome: ScenarioRun.Outcome
        do {
            outcome = try ScenarioRun.run(paths: paths.isEmpty ? ["."] : paths, configFile: config)
        } catch {
            FileHandle.standardError.write(Data("stagelint: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        let out: String
        switch format {
        case .text: out = ScenarioReport.text(outcome, color: useColor(color, on: STDOUT_FILENO))
        case .junit: out = ScenarioReport.junit(outcome)
        case .json: out = ScenarioReport.json(outcome)
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if outcome.failed > 0 { throw ExitCode(ExitStatus.findings) }
    }

    private func listPaths(_ path: String) throws {
        let (_, playbook) = try loadCheckedPlaybook(path, config: config)
        let paths = FlowPaths(FlowPlaybook(playbook))
        FileHandle.standardOutput.write(Data((format == .json ? paths.json() : paths.text()).utf8))
    }
}
