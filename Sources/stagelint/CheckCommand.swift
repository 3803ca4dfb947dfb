import ArgumentParser
import Foundation
import PlaybookKit

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github, junit
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Severity: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check playbooks for structural, flow and definition problems.",
        discussion: """
            Folders are walked for *.yaml and *.yml files in sorted order (hidden files and folders are \
            skipped). Exit status: 0 when no finding is at or above the fail level, 1 when one is, 2 for a \
            usage error or an unreadable path. A YAML syntax error is a finding, not exit 2.
            """
    )

    @Argument(help: "Playbook files or folders.")
    var paths: [String] = ["."]

    @Option(help: "Output format: text, json, sarif, github or junit (default: github when GITHUB_ACTIONS=true, else text).")
    var format: OutputFormat?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning or info (default: the config file's fail-on, else error).")
    var failOn: Severity?

    @Option(help: "Use this config file for every playbook instead of looking for .stagelint.yml.")
    var config: String?

    @Option(help: "Colour in text output: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    func run() throws {
        let loader: ConfigurationLoader
        let files: [String]
        do {
            loader = try ConfigurationLoader(explicitFile: config)
            files = try PlaybookFiles.expand(paths)
        } catch let error as ConfigurationError {
            complain(error.description)
            throw ExitCode(ExitStatus.usage)
        } catch let error as InputError {
            complain(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        var linters: [String: Linter] = [:]
        var disabled: [String: Set<String>] = [:]
        var reports: [FileReport] = []
        var failing = false
        for file in files {
            let configuration: Configuration
            do {
                configuration = try loader.configuration(for: file)
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            if configuration.ignores(ConfigurationLoader.absolute(file)) { continue }
            let key = configuration.file ?? ""
            let linter = linters[key] ?? Linter(configuration: configuration)
            linters[key] = linter
            let report: FileReport
            do {
                report = try linter.check(path: file)
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            disabled[file] = configuration.disabledRules
            let threshold = failOn ?? configuration.failOn
            if report.diagnostics.contains(where: { $0.severity >= threshold }) { failing = true }
            reports.append(report)
        }
        let reporter: any Reporter
        switch resolvedFormat {
        case .text: reporter = TextReporter(color: useColor)
        case .json: reporter = JSONReporter()
        case .sarif:
            // Paths from the repository root, as code scanning expects; outside it, absolute file URIs.
            let root = Repository.root(containing: FileManager.default.currentDirectoryPath)
                ?? FileManager.default.currentDirectoryPath
            reporter = SARIFReporter(toolVersion: StagelintVersion.current) { file in
                let absolute = ConfigurationLoader.absolute(file)
                return PathTools.isBelow(absolute, root) ? PathTools.relative(absolute, to: root) : "file://" + absolute
            }
        case .github: reporter = GitHubReporter()
        case .junit:
            let frozen = disabled
            reporter = JUnitReporter(failOn: failOn ?? .error) { frozen[$0] ?? [] }
        }
        FileHandle.standardOutput.write(Data(reporter.render(reports).utf8))
        if failing { throw ExitCode(ExitStatus.findings) }
    }

    /// `--format`, else `github` inside GitHub Actions, else `text`.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        return ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text
    }

    var useColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        }
    }
}
