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
        commandName: "check",
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

    @Option(help: "Leave out the findings this baseline file accepts (matched by rule, file and source line).")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Write every finding to this baseline file, and exit 0.")
    var writeBaseline: String?

    @Flag(help: "Apply the safe fixes in place (certain and meaning-preserving), then report what remains.")
    var fix = false

    @Flag(name: .customLong("unsafe-fixes"), help: "Apply the unsafe fixes (guesses) too; implies --fix.")
    var unsafeFixes = false

    @Flag(help: "With --fix: print the fixes as a unified diff and write nothing (exit 1 when there is one).")
    var diff = false

    var request: CheckRequest {
        CheckRequest(paths: paths, format: format, failOn: failOn, config: config, color: color, baseline: baseline,
                     writeBaseline: writeBaseline, fix: fix || unsafeFixes || diff, unsafeFixes: unsafeFixes, diff: diff)
    }

    func run() throws {
        try request.run()
    }
}

/// What `stagelint check` was asked to do: the options of `Check`, as plain values.
struct CheckRequest: Equatable {
    var paths: [String] = ["."]
    var format: OutputFormat?
    var failOn: Severity?
    var config: String?
    var color: ColorMode = .auto
    var baseline: String?
    var writeBaseline: String?
    var fix = false
    var unsafeFixes = false
    var diff = false

    var fixMode: CheckRun.FixMode {
        guard fix else { return .none }
        return diff ? .diff(unsafe: unsafeFixes) : .apply(unsafe: unsafeFixes)
    }

    func run() throws {
        if fix, writeBaseline != nil {
            complain("--fix and --write-baseline do not go together: fix first, then write the baseline")
            throw ExitCode(ExitStatus.usage)
        }
        let options = CheckRun.Options(paths: paths, configFile: config, failOn: failOn, baselineFile: baseline,
                                       writeBaselineFile: writeBaseline, fix: fixMode)
        let outcome: CheckRun.Outcome
        do {
            outcome = try CheckRun(options).run()
        } catch {
            complain(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        if case .diff = fixMode {
            FileHandle.standardOutput.write(Data(outcome.diff.utf8))
            for note in outcome.notes { complain(note) }
            if outcome.failing { throw ExitCode(ExitStatus.findings) }
            return
        }
        for note in outcome.notes { complain(note) }
        if writeBaseline != nil { return }
        let reporter: any Reporter
        switch resolvedFormat {
        case .text: reporter = TextReporter(color: useColor(color, on: STDOUT_FILENO))
        case .json: reporter = JSONReporter()
        case .sarif:
            // Paths from the repository root, as code scanning expects; outside it, absolute file URIs.
            let root = Repository.root(containing: FileManager.default.currentDirectoryPath)
                ?? FileManager.default.currentDirectoryPath
            reporter = SARIFReporter(toolVersion: StagelintVersion.current, houseRules: outcome.allHouseRules) { file in
                let absolute = ConfigurationLoader.absolute(file)
                return PathTools.isBelow(absolute, root) ? PathTools.relative(absolute, to: root) : "file://" + absolute
            }
        case .github: reporter = GitHubReporter(path: Repository.relativePath)
        case .junit:
            let frozen = outcome.disabledRules
            let levels = outcome.failLevels
            let flag = failOn
            let house = outcome.houseRules.mapValues { $0.map(\.id) }
            reporter = JUnitReporter(failOn: { flag ?? levels[$0] ?? .error }, disabledRules: { frozen[$0] ?? [] },
                                     houseRules: { house[$0] ?? [] })
        }
        FileHandle.standardOutput.write(Data(reporter.render(outcome.reports).utf8))
        for error in outcome.writeErrors { complain(error) }
        if !outcome.writeErrors.isEmpty { throw ExitCode(ExitStatus.usage) }
        if outcome.failing { throw ExitCode(ExitStatus.findings) }
    }

    /// `--format`, else `github` inside GitHub Actions, else `text`.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        return environmentVariable("GITHUB_ACTIONS") == "true" ? .github : .text
    }

}

extension CheckRequest {
    /// The request of `stagelint check ARGUMENTS` when the arguments are paths and `check`'s own
    /// options, each once, written `--option value` with a valid value: how hooks, CI and scripts
    /// call it. ArgumentParser reads such arguments the same way, but its reflection over the
    /// commands costs more than checking a small playbook. Nil for anything else (an argument that
    /// is empty or starts with a dash other than those options, help, `--option=value`, a repeated
    /// option, a bad value), which ArgumentParser then parses, and reports, as before.
    init?(plainArguments arguments: [String]) {
        var paths: [String] = []
        var given: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard let first = argument.utf8.first else { return nil }
            guard first == UInt8(ascii: "-") else {
                paths.append(argument)
                index += 1
                continue
            }
            guard index + 1 < arguments.count, !given.contains(argument),
                  let valueFirst = arguments[index + 1].utf8.first, valueFirst != UInt8(ascii: "-") else { return nil }
            let value = arguments[index + 1]
            switch argument {
            case "--format":
                guard let format = OutputFormat(argument: value) else { return nil }
                self.format = format
            case "--fail-on":
                guard let failOn = Severity(argument: value) else { return nil }
                self.failOn = failOn
            case "--config": config = value
            case "--color":
                guard let color = ColorMode(argument: value) else { return nil }
                self.color = color
            case "--baseline": baseline = value
            case "--write-baseline": writeBaseline = value
            default: return nil
            }
            given.append(argument)
            index += 2
        }
        if !paths.isEmpty { self.paths = paths }
    }
}
