import ArgumentParser
import Foundation
import PlaybookKit

extension CRMExport.Target: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the CRM configuration of a playbook's stages: a HubSpot property or pipeline, or a Salesforce source folder.",
        discussion: """
            --to hubspot-property: the Properties API definition of the stage property; --to hubspot-pipeline: a Pipelines \
            API pipeline (deals, tickets); --to salesforce: an sfdx source folder (the standard value set, a Path, and a \
            validation rule per stage with required fields). Without -o, the HubSpot targets print their JSON. Output is \
            deterministic and written atomically. Exit status: 0; 2 for a usage error, a playbook with errors, or a Lead \
            playbook with no won stage (no lead could be converted).
            """
    )

    @Argument(help: "The playbook.")
    var playbook: String

    @Option(help: "What to write: hubspot-property, hubspot-pipeline or salesforce.")
    var to: CRMExport.Target

    @Option(name: .shortAndLong, help: "The folder to write into (created when missing); required for salesforce.")
    var output: String?

    @Option(help: "Use this config file for the playbook instead of looking for .stagelint.yml.")
    var config: String?

    func run() throws {
        let (_, model) = try loadCheckedPlaybook(playbook, config: config)
        let result: CRMExport.Result
        do {
            result = try CRMExport.files(model, to: to, source: playbook)
        } catch {
            complain("\(playbook): \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        for note in result.notes { complain("note: \(note)") }
        guard let output else {
            guard to != .salesforce else {
                complain("--to salesforce writes a source folder: give it with -o (for example -o force-app/main/default)")
                throw ExitCode(ExitStatus.usage)
            }
            for file in result.files { FileHandle.standardOutput.write(Data(file.text.utf8)) }
            return
        }
        for file in result.files {
            let path = (output as NSString).appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(file.text, to: path)
            } catch {
                complain("cannot write \(path): \((error as? AtomicFile.WriteError)?.description ?? error.localizedDescription)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        FileHandle.standardError.write(Data("wrote \(result.files.count) file\(result.files.count == 1 ? "" : "s") to \(output)\n".utf8))
        if to == .salesforce {
            for stale in CRMExport.staleRules(in: output, keeping: result.files) {
                do {
                    try FileManager.default.removeItem(atPath: stale)
                    complain("removed \(stale): an earlier export's rule for a stage that no longer has required fields")
                } catch {
                    complain("cannot remove \(stale), an earlier export's rule the playbook no longer has: \(error.localizedDescription)")
                }
            }
        }
    }
}

/// A CRM file read as `import` and `drift` read it; an unreadable or malformed file is exit 2 naming it
/// and the element or JSON path.
func readCRMFile(_ path: String, pick: String? = nil) throws -> CRMConfiguration {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        complain("\(path) is a folder: give the CRM files in it")
        throw ExitCode(ExitStatus.usage)
    }
    // Read through a handle, so that a pipe (/dev/stdin, <(…)) works too.
    guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
        complain("\(path): cannot be read (\(access(path, F_OK) == 0 ? "permission denied" : "no such file"))")
        throw ExitCode(ExitStatus.usage)
    }
    do {
        return try CRMImport.read([UInt8](data), file: path, pick: pick)
    } catch {
        complain(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Start a playbook from a CRM's stage configuration: a HubSpot property or pipeline (JSON), a Salesforce StandardValueSet or PathAssistant (XML).",
        discussion: """
            One stage per active value in the CRM's order, with its crm value; kinds where the CRM says (won, converted, \
            closed); `# TODO` comments where a person must decide. Run `stagelint check` on the result for what is left. \
            Exit status: 0; 2 for an unreadable or malformed file (the message names the file and the element or JSON path).
            """
    )

    @Argument(help: "The CRM file.")
    var file: String

    @Option(help: "Output format: yaml (the only one).")
    var format: String = "yaml"

    @Option(name: .shortAndLong, help: "Write the playbook to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        guard format == "yaml" else { throw ValidationError("--format takes yaml") }
        let configuration = try readCRMFile(file)
        if configuration.values.isEmpty, configuration.shape != .salesforceValidationRule {
            complain("note: \(file) holds no stage values")
        }
        guard configuration.shape != .salesforceValidationRule else {
            complain("\(file): a validation rule holds no stages: import the StandardValueSet or the PathAssistant")
            throw ExitCode(ExitStatus.usage)
        }
        if !configuration.others.isEmpty {
            complain("note: \(file) holds several; imported the first ('\(configuration.name ?? "?")'), not: \(configuration.others.joined(separator: ", "))")
        }
        let text = CRMImport.playbook(configuration)
        if let output {
            if URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() {
                complain("-o \(output) is the file being imported: write the playbook to another file")
                throw ExitCode(ExitStatus.usage)
            }
            do { try AtomicFile.write(text, to: output) } catch {
                complain("cannot write \(output): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

struct Drift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare a playbook with its CRM's current configuration (files exported from the CRM) and report where they disagree.",
        discussion: """
            Reads the files import reads (HubSpot property or pipeline JSON; Salesforce StandardValueSet, PathAssistant and \
            validation rule XML) and reports drift-* findings at the playbook's lines. Exit status as for check: 0; 1 when a \
            finding is at or above --fail-on (default: warning); 2 for a usage error, an unreadable file or a playbook with errors.
            """
    )

    @Argument(help: "The playbook.")
    var playbook: String

    @Argument(help: "The CRM's files.")
    var files: [String]

    @Option(help: "Output format: text, json, sarif, github or junit.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning or info (default: warning).")
    var failOn: Severity = .warning

    @Option(help: "Use this config file for the playbook instead of looking for .stagelint.yml.")
    var config: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the CRM's files to compare with") }
    }

    func run() throws {
        let (document, model) = try loadCheckedPlaybook(playbook, config: config)
        // From a HubSpot `results` list, the property or pipeline the playbook's `crm` names.
        let pick = CRMPlan(model, platform: .hubspot).container
        var seen = Set<String>()
        let configurations = try files.filter { seen.insert($0).inserted }.map { try readCRMFile($0, pick: pick) }
        let mismatches = CRMDrift.mismatches(configurations, playbook: model)
        guard mismatches.isEmpty else {
            for mismatch in mismatches { complain(mismatch) }
            throw ExitCode(ExitStatus.usage)
        }
        let findings = CRMDrift.diagnostics(configurations, document: document)
        let report = FileReport(file: playbook, diagnostics: findings, playbook: model, source: SourceText(document.source))
        let text: String
        switch format {
        case .text:
            let lines = report.source.lines(Set(findings.map(\.line)))
            text = findings.map { TextReporter(color: useColor(.auto, on: STDOUT_FILENO)).frame($0, sourceLine: lines[$0.line]) }.joined()
                + "\(playbook) against \(files.count) CRM file\(files.count == 1 ? "" : "s"): \(findings.count) finding\(findings.count == 1 ? "" : "s")\n"
        case .json: text = JSONReporter().render([report])
        case .sarif:
            var sarif = SARIFReporter(toolVersion: StagelintVersion.current)
            sarif.otherRules = CRMDrift.rules
            sarif.otherRulesDocument = "docs/crm.md"
            text = sarif.render([report])
        case .github: text = GitHubReporter().render([report])
        case .junit: text = JUnitReporter(failOn: failOn).render([report])
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if findings.contains(where: { $0.severity >= failOn }) { throw ExitCode(ExitStatus.findings) }
    }
}
