import ArgumentParser
import Foundation
import PlaybookKit

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
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

    @Argument(help: "Playbook files or folders (default: the current folder).")
    var paths: [String] = ["."]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning or info.")
    var failOn: Severity = .error

    @Option(help: "Colour in text output: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    func run() throws {
        let files: [String]
        do {
            files = try PlaybookFiles.expand(paths)
        } catch {
            complain(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let linter = Linter()
        var reports: [FileReport] = []
        for file in files {
            do {
                reports.append(try linter.check(path: file))
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        }
        let reporter: any Reporter
        switch format {
        case .text: reporter = TextReporter(color: useColor)
        case .json: reporter = JSONReporter()
        }
        FileHandle.standardOutput.write(Data(reporter.render(reports).utf8))
        let failing = reports.contains { $0.diagnostics.contains { $0.severity >= failOn } }
        if failing { throw ExitCode(ExitStatus.findings) }
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
