import ArgumentParser
import Foundation
import PlaybookKit

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, github
}

extension ChangeSeverity: ExpressibleByArgument {}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Classify what changed between two versions of a playbook: breaking, notable and info changes, flow consequences and the migration map.",
        discussion: """
            Compare two files (stagelint diff OLD NEW), or each playbook with its version at a git ref \
            (stagelint diff --against origin/main playbooks). Exit status: 0, or 1 when a change is at or above \
            --fail-on; 2 for a usage error, an unreadable file, an invalid config file, a missing git ref or a \
            renamed_from that names a stage the old version does not have. Each version is read under the limits \
            of the config file that applies to it (.stagelint.yml, as check finds it, or --config).
            """
    )

    @Argument(help: "OLD NEW, or with --against the playbook files or folders to compare.")
    var paths: [String]

    @Option(help: "Compare each playbook with its version at this git ref (a branch, tag or commit).")
    var against: String?

    @Option(help: "Output format: text, markdown, json or github.")
    var format: DiffFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a change is at or above this severity: breaking, notable or info.")
    var failOn: ChangeSeverity?

    @Option(help: "Use this config file (its limits, and with --against its ignore list) for every playbook instead of looking for .stagelint.yml.")
    var config: String?

    @Option(help: "Add the change log as a new section at the top of this Markdown file (created when missing).")
    var prepend: String?

    @Option(help: "The date for the --prepend section heading, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    func validate() throws {
        if against == nil && paths.count != 2 {
            throw ValidationError("give OLD and NEW, or --against REF with the playbooks to compare")
        }
        if let date, date.count != 10 || date.split(separator: "-").count != 3 {
            throw ValidationError("--date takes YYYY-MM-DD")
        }
    }

    struct Compared {
        let oldName: String
        let newName: String
        let diff: PlaybookDiff
    }

    func run() throws {
        var compared: [Compared] = []
        if let against {
            let (loader, files) = try resolveInputs(paths, config: config)
            var ignored: [String] = []
            defer {
                // Said on standard error, so that a run that compared nothing does not look like one
                // that found no change.
                if !ignored.isEmpty {
                    complain("left out \(ignored.count == 1 ? "1 playbook" : "\(ignored.count) playbooks") that the config's "
                        + "`ignore` names: \(ignored.joined(separator: ", "))")
                }
            }
            for file in files {
                let configuration = try applicableConfiguration(for: file, in: loader)
                if configuration.ignores(ConfigurationLoader.absolute(file)) {
                    ignored.append(file)
                    continue
                }
                let (oldBytes, oldName) = try GitFiles.show(ref: against, file: file)
                let newPlaybook = try load(file: file, bytes: nil, configuration: configuration)
                if let oldBytes {
                    let oldPlaybook = try load(file: oldName, bytes: oldBytes, configuration: configuration)
                    compared.append(Compared(oldName: oldName, newName: file, diff: PlaybookDiff(old: oldPlaybook, new: newPlaybook)))
                } else {
                    compared.append(Compared(oldName: oldName, newName: file, diff: PlaybookDiff(old: Playbook(), new: newPlaybook, oldExists: false)))
                }
            }
        } else {
            let loader = try configurationLoader(config)
            let versions = try paths.map { file in
                try load(file: file, bytes: nil, configuration: applicableConfiguration(for: file, in: loader))
            }
            compared = [Compared(oldName: paths[0], newName: paths[1], diff: PlaybookDiff(old: versions[0], new: versions[1]))]
        }
        for item in compared {
            for error in item.diff.errors {
                complain("\(item.newName):\(error.position.line):\(error.position.column): \(error.description)")
            }
        }
        if compared.contains(where: { !$0.diff.errors.isEmpty }) { throw ExitCode(ExitStatus.usage) }

        var out = ""
        switch format {
        case .text:
            out = compared.map { ChangeLogRenderer.text($0.diff, oldName: $0.oldName, newName: $0.newName) }.joined(separator: "\n")
        case .github:
            out = compared.map { ChangeLogRenderer.github($0.diff, newName: $0.newName) }.joined()
        case .json:
            let documents = compared.map { ChangeLogRenderer.json($0.diff, oldName: $0.oldName, newName: $0.newName) }
            out = documents.count == 1 ? documents[0] : "[\n" + documents.map { $0.trimmingCharacters(in: .newlines) }.joined(separator: ",\n") + "\n]\n"
        case .markdown:
            out = compared.map { ChangeLogRenderer.markdown($0.diff, oldName: $0.oldName, newName: $0.newName) }.joined(separator: "\n")
        }
        FileHandle.standardOutput.write(Data(out.utf8))

        if let prepend { try prependChangeLog(compared, to: prepend) }
        if let failOn, compared.contains(where: { $0.diff.changes.contains { $0.severity >= failOn } }) {
            throw ExitCode(ExitStatus.findings)
        }
    }

    /// Reads and decodes one version under the configuration's limits; the rules do not run, as only the
    /// model is compared, and the config's rule settings play no part (a switched-off `resource-limit`
    /// must not hide why a version cannot be read). A version that cannot be decoded is exit 2 with its
    /// findings.
    func load(file: String, bytes: [UInt8]?, configuration: Configuration) throws -> Playbook {
        var limitsOnly = Configuration.default
        limitsOnly.limits = configuration.limits
        let reader = Linter(configuration: limitsOnly, rules: [])
        let report: FileReport
        if let bytes {
            report = reader.check(file: file, bytes: bytes)
        } else {
            do {
                report = try reader.check(path: file)
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        }
        guard let playbook = report.playbook, !report.diagnostics.contains(where: { $0.rule == "yaml-syntax" || $0.rule == "resource-limit" }) else {
            FileHandle.standardError.write(Data(TextReporter(color: false).render([report]).utf8))
            complain("cannot compare '\(file)': it does not hold a readable playbook")
            throw ExitCode(ExitStatus.usage)
        }
        return playbook
    }

    func prependChangeLog(_ compared: [Compared], to path: String) throws {
        let day = date ?? Self.today()
        let version = compared.first?.diff.new.version?.value ?? "Unreleased"
        var section = "## \(version) — \(day)\n\n"
        for item in compared {
            section += ChangeLogRenderer.markdown(item.diff, oldName: item.oldName, newName: item.newName, heading: "###",
                                                  title: item.diff.new.title?.value ?? item.newName) + "\n"
        }
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let updated: String
        if existing.isEmpty {
            updated = "# Changelog\n\n" + section
        } else if existing.hasPrefix("# ") {
            // Keep the title (and anything before the first release section) at the top.
            let firstSection = existing.range(of: "\n## ")
            let head = firstSection.map { String(existing[..<$0.lowerBound]) + "\n" } ?? existing
            let tail = firstSection.map { String(existing[existing.index(after: $0.lowerBound)...]) } ?? ""
            updated = head.trimmingCharacters(in: .newlines) + "\n\n" + section + (tail.isEmpty ? "" : "\n" + tail)
        } else {
            updated = section + "\n" + existing
        }
        do {
            try AtomicFile.write(updated, to: path)
        } catch {
            complain(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

/// Reading a file's content at a git ref.
enum GitFiles {
    /// The file at `ref` (nil when it did not exist there) and the name to show for it (`REF:path`).
    static func show(ref: String, file: String) throws -> ([UInt8]?, String) {
        let absolute = ConfigurationLoader.absolute(file)
        let folder = (absolute as NSString).deletingLastPathComponent
        guard let root = Repository.root(containing: folder) else {
            complain("'\(file)' is not in a git repository, so --against \(ref) has nothing to compare with")
            throw ExitCode(ExitStatus.usage)
        }
        let relative = PathTools.relative(absolute, to: root)
        let name = "\(ref):\(relative)"
        guard run(["-C", root, "rev-parse", "--verify", "--quiet", "\(ref)^{commit}"]).status == 0 else {
            complain("git ref '\(ref)' was not found. In CI this is usually a shallow clone: fetch the ref first "
                + "(actions/checkout with `fetch-depth: 0`, or `git fetch origin main`), then try again")
            throw ExitCode(ExitStatus.usage)
        }
        let shown = run(["-C", root, "show", "\(ref):\(relative)"])
        guard shown.status == 0 else { return (nil, name) }  // not there at that ref: a new playbook
        return (shown.output, name)
    }

    static func run(_ arguments: [String]) -> (status: Int32, output: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (127, [])
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](data))
    }
}
