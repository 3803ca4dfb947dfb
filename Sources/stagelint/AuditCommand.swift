import ArgumentParser
import Foundation
import PlaybookKit

enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html, sarif, github
}

extension AuditSQL.Dialect: ExpressibleByArgument {}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a CRM's stage history (CSV) against a playbook: where real leads leave it, SLA breaches, stuck records, conversion.",
        discussion: """
            The history is CSV with a header row and the columns record_id, stage and entered_at (map the export's \
            own headers with --columns), optionally reason and the playbook's field ids. Every row is used or \
            rejected with its line and reason: rows read = used + rejected. Exit status: 0; 1 when the share of \
            non-conforming records is above --fail-on-nonconforming; 2 for a usage error, an unreadable file, a \
            missing column or a playbook with errors.
            """
    )

    @Argument(help: "The playbook.")
    var playbook: String

    @Argument(help: "The stage history, a CSV file (not with --sql).")
    var history: String?

    @Option(help: "Print one query that computes the audit in a warehouse instead: postgres, duckdb, snowflake or bigquery.")
    var sql: AuditSQL.Dialect?

    @Option(help: "With --sql: the table that holds the history (record_id, stage, entered_at as a timestamp, or the --columns names).")
    var table: String?

    @Option(help: "Map column roles to the export's headers: record_id=Lead ID,stage=New Value,entered_at=Edit Date (also reason=…).")
    var columns: [String] = []

    @Option(help: "Keep only rows whose COLUMN holds VALUE (for exports that mix fields: \"Field=Lead Status\"). Repeatable.")
    var filter: [String] = []

    @Option(name: .customLong("as-of"), help: "Measure open visits up to this time (ISO 8601; default: the latest entered_at in the history).")
    var asOf: String?

    @Option(name: .customLong("stuck-after"), help: "A record is stuck after this long in a non-terminal stage (30m, 4h, 60d, 2w), for every stage.")
    var stuckAfter: String?

    @Option(help: "Output format: text, json, markdown, html, sarif or github (sarif and github: findings at the playbook's lines).")
    var format: AuditFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on-nonconforming"), help: "Exit 1 when more than this share of records does not conform (5%, or 0.05).")
    var failOnNonconforming: String?

    @Option(help: "Use this config file for the playbook instead of looking for .stagelint.yml.")
    var config: String?

    func options() throws -> HistoryAudit.Options {
        var options = HistoryAudit.Options()
        for mapping in columns.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: true) }) {
            let parts = mapping.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, HistoryAudit.Options.roles.contains(parts[0]), !parts[1].isEmpty else {
                throw ValidationError("--columns takes ROLE=HEADER pairs, ROLE one of \(HistoryAudit.Options.roles.joined(separator: ", ")); found '\(mapping)'")
            }
            options.columns[parts[0]] = parts[1]
        }
        for item in filter {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--filter takes COLUMN=VALUE, found '\(item)'")
            }
            options.filters.append((parts[0].trimmingCharacters(in: .whitespaces), parts[1]))
        }
        if let asOf {
            guard let time = HistoryTimestamp.parse(asOf.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--as-of takes an ISO 8601 date or date-time (2026-11-30 or 2026-11-30T00:00:00Z), found '\(asOf)'")
            }
            options.asOf = time
        }
        if let stuckAfter {
            guard let duration = Duration(parsing: stuckAfter) else {
                throw ValidationError("--stuck-after takes a duration such as 30m, 4h, 60d or 2w, found '\(stuckAfter)'")
            }
            options.stuckAfter = Int64(duration.totalMinutes) * 60_000
        }
        return options
    }

    func validate() throws {
        if sql == nil, history == nil { throw ValidationError("give the history file (a CSV), or --sql DIALECT --table TABLE") }
        if sql != nil, history != nil { throw ValidationError("--sql prints a query for a warehouse table: give --table, not a file") }
        if sql != nil, table == nil { throw ValidationError("--sql needs --table, the table that holds the history") }
        if sql == nil, table != nil { throw ValidationError("--table goes with --sql") }
        if sql != nil, format != .text { throw ValidationError("--sql prints SQL: leave out --format") }
        if sql != nil, failOnNonconforming != nil { throw ValidationError("--fail-on-nonconforming needs the CSV audit") }
    }

    func threshold() throws -> Double? {
        guard let text = failOnNonconforming?.trimmingCharacters(in: .whitespaces) else { return nil }
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value >= 0, value <= 1 else {
            throw ValidationError("--fail-on-nonconforming takes a share such as 5% or 0.05, found '\(text)'")
        }
        return value
    }

    func run() throws {
        let options = try self.options()
        let threshold = try self.threshold()
        func stop(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data("stagelint: \(message)\n".utf8))
            return ExitCode(ExitStatus.usage)
        }
        let (document, model) = try loadCheckedPlaybook(playbook, config: config)
        if let sql, let table {
            if options.columns["reason"] != nil { throw stop("--sql leaves reason codes to the CSV audit: leave out reason= in --columns") }
            let query = AuditSQL(model, dialect: sql, table: table, options: options).query()
            if let output {
                do { try AtomicFile.write(query, to: output) } catch { throw stop("cannot write \(output): \(error)") }
            } else {
                FileHandle.standardOutput.write(Data(query.utf8))
            }
            return
        }
        guard let history else { return }
        if options.columns["order"] != nil { throw stop("order= in --columns is for --sql: a CSV keeps its rows in file order") }
        let report: AuditReport
        var auditOptions = options
        // A progress line for long runs, only when standard error is a terminal.
        let showsProgress = isatty(STDERR_FILENO) == 1 && environmentVariable("TERM") != "dumb"
        if showsProgress {
            auditOptions.progress = { (rows: Int) in FileHandle.standardError.write(Data("\rstagelint audit: \(rows) rows read…".utf8)) }
        }
        defer { if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        do {
            var rows = CSVRows(try CSVFileSource(path: history))
            report = try HistoryAudit.run(model, playbookFile: playbook, rows: &rows, options: auditOptions)
        } catch let error as InputError {
            throw stop(error.description)
        } catch let error as HistoryAudit.Failure {
            throw stop("\(history): \(error.description)")
        }
        // Findings at the playbook's lines, for code review (SARIF, GitHub annotations, code frames in text).
        let findings = AuditFindings.diagnostics(report, document: document)
        let source = FileReport(file: playbook, diagnostics: findings, playbook: model, source: SourceText(document.source))
        let text: String
        switch format {
        case .json: text = report.json()
        case .markdown: text = report.markdown(history: history)
        case .html: text = report.html(history: history, handbook: Handbook(model))
        case .sarif:
            var sarif = SARIFReporter(toolVersion: StagelintVersion.current)
            sarif.otherRules = AuditFindings.rules
            text = sarif.render([source])
        case .github: text = GitHubReporter().render([source])
        case .text:
            let lines = source.source.lines(Set(findings.map(\.line)))
            let frames = findings.map { TextReporter(color: false).frame($0, sourceLine: lines[$0.line]) }.joined()
            text = report.text(history: history) + (frames.isEmpty ? "" : "\nAt the playbook's lines:\n" + frames)
        }
        if let output {
            do {
                try AtomicFile.write(text, to: output)
            } catch {
                throw stop("cannot write \(output): \(error)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if let threshold, let fitness = report.fitness, 1 - fitness > threshold { throw ExitCode(ExitStatus.findings) }
    }
}
