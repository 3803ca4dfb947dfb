import ArgumentParser
import Foundation
import PlaybookKit

enum DocsFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, mermaid, dot, json

    var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .html: return "html"
        case .mermaid: return "mmd"
        case .dot: return "dot"
        case .json: return "json"
        }
    }
}

struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Generate team handbooks from playbooks: Markdown with a Mermaid diagram, the diagram alone (Mermaid or DOT), or the model as JSON.",
        discussion: """
            One playbook prints to standard output, or to the file given with -o. Several playbooks (or a folder) \
            need -o FOLDER: one file per playbook plus an index (README.md for Markdown). --check compares with \
            what is on disk instead of writing, prints a unified diff and exits 1 when something is stale. \
            --inject replaces what lies between <!-- stagelint:begin --> and <!-- stagelint:end --> in an \
            existing Markdown file. A playbook with errors is refused (exit 1, findings shown) unless --force. \
            Files are written atomically; output is deterministic.
            """
    )

    @Argument(help: "Playbook files or folders.")
    var paths: [String]

    @Option(help: "Output format: markdown, html, mermaid, dot or json.")
    var format: DocsFormat = .markdown

    @Option(name: [.short, .customLong("output")], help: "Output file (one playbook) or folder (several).")
    var output: String?

    @Flag(help: "Compare with the files on disk instead of writing; exit 1 with a diff when they are stale.")
    var check = false

    @Option(help: "Inject the Markdown handbook between the stagelint markers of this existing file.")
    var inject: String?

    @Option(help: "Render the handbook through this Mustache template (same view model as the built-in Markdown).")
    var template: String?

    @Flag(help: "Generate even when a playbook has errors.")
    var force = false

    @Option(help: "Use this config file instead of looking for .stagelint.yml.")
    var config: String?

    func validate() throws {
        if inject != nil && output != nil { throw ValidationError("--inject and --output cannot be used together") }
        if inject != nil && format != .markdown { throw ValidationError("--inject works with --format markdown only") }
        if template != nil && format != .markdown { throw ValidationError("--template works with --format markdown only") }
        if check && inject == nil && output == nil { throw ValidationError("--check needs --output or --inject: the file to compare with") }
    }

    func run() throws {
        let templateText = try loadTemplate()
        let playbooks = try load()
        let render = { (loaded: Loaded) throws -> String in try self.render(loaded, template: templateText) }
        var outputs: [(path: String, text: String)] = []
        if let inject {
            guard playbooks.count == 1, let only = playbooks.first else {
                complain("--inject takes one playbook, got \(playbooks.count)")
                throw ExitCode(ExitStatus.usage)
            }
            let existing: String
            do {
                existing = try String(contentsOfFile: inject, encoding: .utf8)
            } catch {
                complain("cannot read '\(inject)': \(error.localizedDescription)")
                throw ExitCode(ExitStatus.usage)
            }
            let generated = try render(only)
            do {
                outputs = [(inject, try Injection.inject(generated, into: existing, file: inject))]
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        } else if let output {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
            // A folder of playbooks always gets a folder of handbooks (with its index), even with one playbook in it.
            let namedFolder = paths.contains { path in
                var folder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
            }
            if playbooks.count == 1, !namedFolder, !(exists && isFolder.boolValue), !output.hasSuffix("/"), let only = playbooks.first {
                outputs = [(output, try render(only))]
            } else {
                var byName: [String: String] = [:]
                for playbook in playbooks {
                    let name = fileName(playbook.file)
                    if let other = byName[name] {
                        complain("'\(other)' and '\(playbook.file)' would both be written to \(name) in \(output); "
                            + "rename one of them, or generate them into separate folders")
                        throw ExitCode(ExitStatus.usage)
                    }
                    byName[name] = playbook.file
                }
                if !exists, !check {
                    try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                }
                for playbook in playbooks {
                    outputs.append(((output as NSString).appendingPathComponent(fileName(playbook.file)), try render(playbook)))
                }
                if format == .markdown {
                    outputs.append(((output as NSString).appendingPathComponent("README.md"), index(playbooks)))
                } else if format == .html {
                    outputs.append(((output as NSString).appendingPathComponent("index.html"), htmlIndex(playbooks)))
                }
            }
        } else {
            guard playbooks.count == 1, let only = playbooks.first else {
                complain("\(playbooks.count) playbooks need -o FOLDER (one file each, plus an index)")
                throw ExitCode(ExitStatus.usage)
            }
            FileHandle.standardOutput.write(Data(try render(only).utf8))
            return
        }

        if check {
            var stale = 0
            for (path, text) in outputs {
                let onDisk = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                guard onDisk != text else { continue }
                stale += 1
                let diff = UnifiedDiff.diff(old: onDisk, new: text, oldName: path, newName: "\(path) (generated)")
                FileHandle.standardOutput.write(Data(diff.utf8))
            }
            if stale > 0 {
                complain("\(stale) of \(outputs.count) generated \(outputs.count == 1 ? "file" : "files") \(stale == 1 ? "is" : "are") stale; "
                    + "run the same command without --check to update")
                throw ExitCode(ExitStatus.findings)
            }
            complain("\(outputs.count) generated \(outputs.count == 1 ? "file is" : "files are") up to date")
            return
        }
        for (path, text) in outputs {
            if (try? String(contentsOfFile: path, encoding: .utf8)) == text { continue }  // unchanged: leave the file alone
            do {
                try AtomicFile.write(text, to: path)
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        }
    }

    struct Loaded {
        /// The path as found; `source` is how generated files name it (from the repository root,
        /// so `playbooks/x.yaml`, `./playbooks/x.yaml` and an absolute path give the same bytes).
        let file: String
        let playbook: Playbook
        let source: String
        var handbook: Handbook { Handbook(playbook) }
    }

    /// Reads and checks every playbook; refuses those with errors unless --force.
    func load() throws -> [Loaded] {
        let (loader, files) = try resolveInputs(paths, config: config)
        var loaded: [Loaded] = []
        var refused: [FileReport] = []
        for file in files {
            do {
                let configuration = try loader.configuration(for: file)
                if configuration.ignores(ConfigurationLoader.absolute(file)) { continue }
                let report = try Linter(configuration: configuration).check(path: file)
                if report.diagnostics.contains(where: { $0.severity == .error }) && !force || report.playbook == nil {
                    refused.append(report)
                } else if let playbook = report.playbook {
                    loaded.append(Loaded(file: file, playbook: playbook, source: Repository.relativePath(file)))
                }
            } catch let error as ConfigurationError {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            } catch {
                complain("\(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if !refused.isEmpty {
            let errorsOnly = refused.map { report in
                FileReport(file: report.file, diagnostics: report.diagnostics.filter { $0.severity == .error },
                           playbook: report.playbook, source: report.source)
            }
            FileHandle.standardError.write(Data(TextReporter(color: useColor(.auto, on: STDERR_FILENO)).render(errorsOnly).utf8))
            let unreadable = refused.contains { $0.playbook == nil }
            complain("no handbook generated: \(refused.count == 1 ? "a playbook has" : "\(refused.count) playbooks have") errors "
                + (unreadable ? "(a file that is not a readable playbook cannot be documented, even with --force)"
                              : "(fix them, or use --force to generate anyway)"))
            throw ExitCode(ExitStatus.findings)
        }
        return loaded
    }

    func loadTemplate() throws -> String? {
        guard let template else { return nil }
        do {
            return try String(contentsOfFile: template, encoding: .utf8)
        } catch {
            complain("cannot read template '\(template)': \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    func render(_ loaded: Loaded, template text: String?) throws -> String {
        switch format {
        case .markdown:
            guard let text, let template else { return MarkdownHandbook.render(loaded.handbook, source: loaded.source) }
            do {
                return try TemplateHandbook.render(loaded.handbook, source: loaded.source, template: text, file: template)
            } catch {
                complain(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        case .html: return HTMLHandbook.render(loaded.handbook, source: loaded.source)
        case .mermaid: return MermaidDiagram.render(loaded.handbook)
        case .dot: return DOTDiagram.render(loaded.handbook)
        case .json: return PlaybookJSON.render(loaded.playbook, source: loaded.source)
        }
    }

    func fileName(_ source: String) -> String {
        ((source as NSString).lastPathComponent as NSString).deletingPathExtension + "." + format.fileExtension
    }

    /// The index page of an HTML handbook folder.
    func htmlIndex(_ playbooks: [Loaded]) -> String {
        let rows = playbooks.map { playbook in
            let handbook = playbook.handbook
            let link = fileName(playbook.file).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? fileName(playbook.file)
            return "<tr><td><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(handbook.title))</a></td>"
                + "<td>\(HTMLText.escape(handbook.motion ?? "—"))</td><td>\(handbook.stages.count)</td>"
                + "<td><code>\(HTMLText.escape(playbook.source))</code></td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <!-- Generated by stagelint. Do not edit: change the playbooks and run `stagelint docs`. -->
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Playbook handbooks</title><style>\(HTMLHandbook.css)</style></head>
            <body><main><h1>Playbook handbooks</h1>
            <table><thead><tr><th>Handbook</th><th>Motion</th><th>Stages</th><th>Source</th></tr></thead><tbody>
            \(rows)
            </tbody></table></main></body></html>

            """
    }

    /// The index page of a handbook folder.
    func index(_ playbooks: [Loaded]) -> String {
        var out = "<!-- Generated by stagelint. Do not edit: change the playbooks and run `stagelint docs`. -->\n\n"
        out += "# Playbook handbooks\n\n| Handbook | Motion | Stages | Source |\n|---|---|---|---|\n"
        for playbook in playbooks {
            let handbook = playbook.handbook
            out += "| [\(MarkdownText.escape(handbook.title))](<\(fileName(playbook.file))>) | \(handbook.motion ?? "—") | "
                + "\(handbook.stages.count) | \(MarkdownText.escape(playbook.source)) |\n"
        }
        return out
    }
}
