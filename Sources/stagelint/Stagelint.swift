import ArgumentParser
import Foundation
import PlaybookKit

/// The `stagelint` command. Usage errors exit with status 2 (not ArgumentParser's 64), as the
/// playbook format specifies. Every command spells out its `commandName`: ArgumentParser would
/// otherwise derive it from the type's name with `String(describing:)`, whose runtime type lookups
/// cost some 5 ms on every start (measured with callgrind).
@main
struct Stagelint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stagelint",
        abstract: "Lint lead-stage playbooks: structure, flow and definitions of your funnel, as code.",
        discussion: "Run 'stagelint check PATH...' on playbook files or folders. Exit status: 0 clean, "
            + "1 findings at or above the fail level, 2 usage error or unreadable path.",
        version: StagelintVersion.current,
        subcommands: [Check.self, Docs.self, Diff.self, Rules.self, Explain.self, Schema.self, TestScenarios.self, Audit.self, Export.self, Import.self, Drift.self, LSP.self]
    )

    static func main() {
        do {
            // `check` with plain arguments, as hooks and CI call it, is read without ArgumentParser.
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.first == "check", let request = CheckRequest(plainArguments: Array(arguments.dropFirst())) {
                try request.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch let code as ExitCode where code != .validationFailure {
            // What `exit(withError:)` does with such an exit code (it prints nothing), without
            // building the usage text it has no use for.
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // A usage error: say what was wrong (with the usage line) and exit 2.
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

enum StagelintVersion {
    static let current = "0.1.0"
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
}


/// The config loader (`--config`, or the search for .stagelint.yml) and the playbook files behind
/// the paths given; an invalid config or an unusable path is exit 2 with its message.
func resolveInputs(_ paths: [String], config: String?) throws -> (ConfigurationLoader, [String]) {
    let loader = try configurationLoader(config)
    do {
        return (loader, try PlaybookFiles.expand(paths))
    } catch {
        complain(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}

/// The configuration that applies to a playbook; an invalid config file is exit 2 with its message.
func applicableConfiguration(for file: String, in loader: ConfigurationLoader) throws -> Configuration {
    do {
        return try loader.configuration(for: file)
    } catch {
        complain(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}

/// The config loader: `--config` (read now), or the search for .stagelint.yml; an invalid or missing
/// `--config` file is exit 2 with its message.
func configurationLoader(_ config: String?) throws -> ConfigurationLoader {
    do {
        return try ConfigurationLoader(explicitFile: config)
    } catch {
        complain(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}

/// Colour for text written to `descriptor`: never with NO_COLOR set; with `auto`, only on a terminal
/// that is not `dumb`.
func useColor(_ mode: ColorMode, on descriptor: Int32) -> Bool {
    if let noColor = environmentVariable("NO_COLOR"), !noColor.isEmpty { return false }
    switch mode {
    case .always: return true
    case .never: return false
    case .auto: return isatty(descriptor) == 1 && environmentVariable("TERM") != "dumb"
    }
}

/// One variable of the environment (`ProcessInfo.environment` would copy all of them into a dictionary).
func environmentVariable(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Writes to standard error as `stagelint: message`.
func complain(_ message: String) {
    FileHandle.standardError.write(Data("stagelint: \(message)\n".utf8))
}

/// A playbook that `test --paths` and `audit` work on, checked under the configuration `check` would use
/// (or `--config`): a config or file that cannot be read, or a playbook with errors, is exit 2 with the reason.
func loadCheckedPlaybook(_ path: String, config: String?) throws -> (document: PlaybookDocument, playbook: Playbook) {
    func stop(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("stagelint: \(message)\n".utf8))
        return ExitCode(ExitStatus.usage)
    }
    let document: PlaybookDocument
    do {
        let loader = try ConfigurationLoader(explicitFile: config)
        document = try PlaybookDocument.load(path: path, linter: Linter(configuration: try loader.configuration(for: path)))
    } catch let error as ConfigurationError {
        throw stop("invalid config \(error)")
    } catch let error as InputError {
        throw stop(error.description)
    }
    let errors = document.diagnostics.filter { $0.severity == .error }
    guard let playbook = document.playbook, errors.isEmpty else {
        let listed = errors.map { "\($0.file):\($0.line):\($0.column): error: \($0.message) [\($0.rule)]" }.joined(separator: "\n")
        throw stop("\(path) has errors; fix them first (stagelint check):\n\(listed)")
    }
    return (document, playbook)
}
