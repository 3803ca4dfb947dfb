import Foundation
import PlaybookModel
import Testing
@testable import PlaybookKit

/// The audit's reading (CSV as RFC 4180 has it, ISO 8601 timestamps) and counting (golden reports on a
/// history made to hold every case: a BOM, CRLF, a quoted comma and line end, a mixed-in field, a blank
/// line, a bad date, an empty id, a broken quote, a short row).
@Suite("History audit")
struct HistoryAuditTests {
    static func rows(_ text: String) -> [String] {
        var reader = CSVRows(bytes: Array(text.utf8))
        var out: [String] = []
        while let row = reader.next() {
            switch row {
            case .fields(let fields, let line): out.append("\(line):" + fields.joined(separator: "|"))
            case .malformed(let reason, let line): out.append("\(line)! \(reason)")
            }
        }
        return out
    }

    @Test("CSV: quotes, doubled quotes, embedded commas and line ends, CRLF, CR, blank lines, a BOM")
    func csv() {
        #expect(Self.rows("a,b\n1,2\n") == ["1:a|b", "2:1|2"])
        #expect(Self.rows("\u{FEFF}a,b\r\n\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n") == ["1:a|b", "3:x, y|say \"hi\""])
        #expect(Self.rows("a\n\"two\nlines\",b\nc") == ["1:a", "2:two\nlines|b", "4:c"])
        #expect(Self.rows("a\r\"two\r\nlines\"\rc\r") == ["1:a", "2:two\r\nlines", "4:c"])
        #expect(Self.rows("a,,\n,\n") == ["1:a||", "2:|"])
        #expect(Self.rows("a\nab\"c\nd") == ["1:a", "2! a quote inside a field that does not start with one (write it as \"\" in a quoted field)", "3:d"])
        #expect(Self.rows("a\n\"ab\"c,d\ne") == ["1:a", "2! text after the closing quote of a field", "3:e"])
        #expect(Self.rows("a\n\"open\nstill open") == ["1:a", "2! a quoted field is not closed before the end of the file"])
        #expect(Self.rows("") == [])
    }

    @Test("CSV read in pieces gives the same rows as read whole, whatever the piece size")
    func csvPieces() {
        let text = "\u{FEFF}id,stage,at\r\n\"L,1\",\"multi\r\nline\",2026-01-01\r\n\r\nL-2,mql,2026-01-02\nL-3,\"a \"\"q\"\"\",2026-01-03"
        let whole = Self.rows(text)
        final class Pieces: CSVByteSource {
            var bytes: ArraySlice<UInt8>
            let size: Int
            init(_ bytes: [UInt8], size: Int) { self.bytes = bytes[...]; self.size = size }
            func nextPiece() -> [UInt8] {
                defer { bytes = bytes.dropFirst(size) }
                return Array(bytes.prefix(size))
            }
        }
        for size in [1, 2, 3, 5, 7, 64] {
            var reader = CSVRows(Pieces(Array(text.utf8), size: max(size, 3)))
            var out: [String] = []
            while let row = reader.next() {
                if case .fields(let fields, let line) = row { out.append("\(line):" + fields.joined(separator: "|")) }
            }
            #expect(out == whole, "piece size \(size)")
        }
    }

    @Test("timestamps: dates, date-times with T or a space, fractions, zones; impossible dates rejected")
    func timestamps() {
        let day: Int64 = 86_400_000
        #expect(HistoryTimestamp.parse("1970-01-01") == 0)
        #expect(HistoryTimestamp.parse("1970-01-02") == day)
        #expect(HistoryTimestamp.parse("2026-03-01T14:22") == HistoryTimestamp.parse("2026-03-01 14:22:00Z"))
        #expect(HistoryTimestamp.parse("2026-03-01T14:22:05.123Z").map { $0 % 1000 } == 123)
        #expect(HistoryTimestamp.parse("2026-03-01T14:22:05.5Z").map { $0 % 1000 } == 500)
        #expect(HistoryTimestamp.parse("2026-03-01T14:22:05.123456789Z").map { $0 % 1000 } == 123)
        #expect(HistoryTimestamp.parse("2026-03-01T14:22:05+02:00") == HistoryTimestamp.parse("2026-03-01T12:22:05Z"))
        #expect(HistoryTimestamp.parse("2026-03-01T00:30:00-01:30") == HistoryTimestamp.parse("2026-03-01T02:00:00Z"))
        #expect(HistoryTimestamp.parse("2024-02-29") != nil)
        for bad in ["2026-02-29", "2026-13-01", "2026-04-31", "31/02/2026", "2026-03-01T24:00", "2026-03-01T14:60",
                    "2026-03-01T14:22:05.", "2026-03-01T14:22Zx", "2026-03-01T14", "20260301", "", "2026-03-01T14:22+2"] {
            #expect(HistoryTimestamp.parse(bad) == nil, "\(bad)")
        }
        // Shown back as written in UTC, and round trips over a wide range of days.
        #expect(HistoryTimestamp.shown(HistoryTimestamp.parse("2026-11-30T08:05:09.007Z") ?? 0) == "2026-11-30T08:05:09.007Z")
        for days in stride(from: -800_000, through: 2_900_000, by: 997) {
            let (year, month, day) = HistoryTimestamp.civil(fromDays: days)
            #expect(HistoryTimestamp.daysFromCivil(year: year, month: month, day: day) == days)
        }
    }

    static func audit(_ options: HistoryAudit.Options) throws -> AuditReport {
        let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures")
        let report = Linter().check(file: "funnel.yaml", bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent("scenarios/funnel.yaml"))))
        var rows = CSVRows(bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent("history/lead-history.csv"))))
        return try HistoryAudit.run(try #require(report.playbook), playbookFile: "funnel.yaml", rows: &rows, options: options)
    }

    static var salesforceOptions: HistoryAudit.Options {
        var options = HistoryAudit.Options()
        options.columns = ["record_id": "Lead ID", "stage": "New Value", "entered_at": "Edit Date"]
        options.filters = [("Field", "Status")]
        return options
    }

    @Test("an audit of a Salesforce-style export: every row accounted for; JSON and text match their golden files")
    func golden() throws {
        let report = try Self.audit(Self.salesforceOptions)
        #expect(report.rowsRead == report.rowsUsed + report.rejected.count)
        #expect((report.rowsRead, report.rowsUsed, report.records, report.moves, report.conforming) == (12, 8, 4, 8, 2))
        Golden.expect(report.json(), matches: "audit.json")
        Golden.expect(report.text(history: "lead-history.csv"), matches: "audit.txt")
        Golden.expect(report.markdown(history: "lead-history.csv"), matches: "audit.md")
        // Spilled to temporary files after every row (a history of millions of rows): the same report.
        var spilled = Self.salesforceOptions
        spilled.spillAfter = 1
        Golden.expect(try Self.audit(spilled).json(), matches: "audit.json")
        spilled.spillAfter = 3
        Golden.expect(try Self.audit(spilled).json(), matches: "audit.json")
    }

    static func fixturePlaybook() throws -> Playbook {
        let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures")
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("scenarios/funnel.yaml")))
        return try #require(PlaybookDocument(file: "funnel.yaml", bytes: bytes).playbook)
    }

    @Test("the HTML page matches its golden file; its diagram weighs every move and draws undeclared ones in red")
    func html() throws {
        let report = try Self.audit(Self.salesforceOptions)
        let page = report.html(history: "lead-history.csv", handbook: Handbook(try Self.fixturePlaybook()))
        Golden.expect(page, matches: "audit.html")
        // One arrow per declared exit and per undeclared pair of known stages, titled with its count.
        let arrows = page.components(separatedBy: "<path class=\"edge").dropFirst()
        let undeclared = report.transitions.filter { !$0.declared && !$0.hasUnknownStage }
        #expect(arrows.filter { $0.hasPrefix(" undeclared") }.count == undeclared.count)
        for transition in report.transitions where !transition.hasUnknownStage {
            #expect(page.contains("\(transition.count) move\(transition.count == 1 ? "" : "s")"), "\(transition.from) -> \(transition.to)")
        }
        #expect(arrows.filter { $0.hasPrefix(" unused") || $0.contains(" unused\"") }.count == report.unused.count)
        // Tags balance: the page is one well-formed tree as far as its sections and SVG go.
        for tag in ["section", "svg", "table", "g", "title", "details"] {
            #expect(page.components(separatedBy: "<\(tag)>").count + page.components(separatedBy: "<\(tag) ").count - 2
                    == page.components(separatedBy: "</\(tag)>").count - 1, "<\(tag)>")
        }
    }

    @Test("a busier edge is drawn wider; counts are shortened for badges")
    func weights() throws {
        let handbook = Handbook(try Self.fixturePlaybook())
        let exits = SVGDiagram.numberedExits(handbook)
        let first = try #require(exits.first), second = try #require(exits.dropFirst().first)
        let traffic = SVGDiagram.Traffic(moves: [.init(from: first.from.id, to: first.exit.to.id, count: 1200),
                                                 .init(from: second.from.id, to: second.exit.to.id, count: 12)], visits: [:])
        let arrows = SVGDiagram.arrows(handbook, traffic: traffic)
        let busy = try #require(arrows.first { $0.from == first.from.id && $0.to == first.exit.to.id }?.width)
        let quiet = try #require(arrows.first { $0.from == second.from.id && $0.to == second.exit.to.id }?.width)
        #expect(busy == 10.5 && quiet < 3)
        #expect(arrows.filter { $0.width == nil }.allSatisfy { $0.style.hasSuffix("unused") })
        #expect([0, 999, 1000, 1250, 38_400, 1_450_000].map(SVGDiagram.compact) == ["0", "999", "1.0k", "1.2k", "38k", "1.4M"])
    }

    @Test("a missing column names itself and the headers found; --as-of and --stuck-after change the counts")
    func options() throws {
        var options = Self.salesforceOptions
        options.columns["stage"] = "Stage"
        let failure = #expect(throws: HistoryAudit.Failure.self) { try Self.audit(options) }
        #expect(failure?.description.contains("no column 'Stage' (given for stage with --columns); its columns are: 'Lead ID', 'Field'") == true)
        var later = Self.salesforceOptions
        later.asOf = HistoryTimestamp.parse("2026-12-31")
        later.stuckAfter = 30 * 86_400_000
        let report = try Self.audit(later)
        // L-2 (an unknown value), L-5 (unknown) are not stuck; nobody else is left in a non-terminal stage.
        #expect(report.violations.first { $0.kind == .stuck }?.count == 0)
        var sla = Self.salesforceOptions
        sla.filters = []  // the Owner row is read too: it names no stage
        let all = try Self.audit(sla)
        #expect(all.rowsRead == 13)
        #expect(all.unknownStages.contains { $0.value == "Bob" })
    }

    @Test("--stuck-after sets every stage's stuck limit, and the audit-stuck finding names the limit used")
    func stuckAfter() throws {
        let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures")
        let document = PlaybookDocument(file: "funnel.yaml", bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent("scenarios/funnel.yaml"))))
        let playbook = try #require(document.playbook)
        func audit(stuckAfter: Int64?) throws -> AuditReport {
            var rows = CSVRows(bytes: Array("record_id,stage,entered_at\nL-1,new_lead,2026-01-01\nL-1,mql,2026-01-02\n".utf8))
            var options = HistoryAudit.Options()
            options.asOf = HistoryTimestamp.parse("2026-03-01")
            options.stuckAfter = stuckAfter
            return try HistoryAudit.run(playbook, playbookFile: "funnel.yaml", rows: &rows, options: options)
        }
        let limited = try audit(stuckAfter: 30 * 86_400_000)
        #expect(limited.stages.first { $0.id == "mql" }?.stuck == 1)
        #expect(AuditFindings.diagnostics(limited, document: document).filter { $0.rule == "audit-stuck" }.map(\.message)
                == ["1 record has been in 'mql' longer than 4w 2d as of 2026-03-01T00:00:00Z: work them or close them"])
        // mql's own limit is 4 × its SLA of 4h; 58 days in it is within a --stuck-after of 90 days.
        let own = try audit(stuckAfter: nil)
        #expect(AuditFindings.diagnostics(own, document: document).filter { $0.rule == "audit-stuck" }.map(\.message)
                == ["1 record has been in 'mql' longer than 16h as of 2026-03-01T00:00:00Z: work them or close them"])
        #expect(try audit(stuckAfter: 90 * 86_400_000).stages.allSatisfy { $0.stuck == 0 })
    }

    @Test("record ids: trimmed of Unicode white space too; one of white space only is empty")
    func recordIDWhiteSpace() throws {
        let csv = "record_id,stage,entered_at\nL-1\u{00A0},new_lead,2026-01-01\n L-1 ,mql,2026-01-02\n\u{00A0},mql,2026-01-03\n"
        var rows = CSVRows(bytes: Array(csv.utf8))
        let report = try HistoryAudit.run(try Self.fixturePlaybook(), playbookFile: "funnel.yaml", rows: &rows, options: .init())
        #expect((report.records, report.moves, report.rowsUsed) == (1, 2, 2))
        #expect(report.rejected.map(\.reason) == ["the record id is empty"])
        #expect(report.transitions.map(\.examples) == [["L-1"]])
    }

    @Test("the record-id table: every id keeps its number as the table grows; ids compare byte by byte")
    func recordIDTable() {
        var ids = RecordIDs()
        func number(_ id: String) -> Int32? { Array(id.utf8).withUnsafeBufferPointer { ids.number($0) } }
        let written = (0..<5000).map { "00Q5e0000\($0 * 7919 % 100_000)" } + ["é", "L-10", "L-2"]
        let numbers = written.map(number)
        #expect(numbers == (0..<Int32(written.count)).map { $0 })
        #expect(written.map(number) == numbers)
        #expect(ids.count == written.count)
        #expect(written.indices.allSatisfy { ids.id(Int32($0)) == written[$0] })
        #expect(ids.precedes(Int32(written.count - 2), Int32(written.count - 1)))
        #expect(!ids.precedes(Int32(written.count - 1), Int32(written.count - 2)))
    }

    @Test("nearest-rank percentiles, over times short and long (past 49 days a time takes 8 bytes)")
    func percentiles() {
        func rank(_ values: [Int64], _ tenths: Int) -> Int64? {
            var list = AuditTally.DurationList()
            for value in values.reversed() { list.append(value) }
            list.sort()
            return AuditTally.nearestRank(count: list.count, tenths: tenths).map { list[$0] }
        }
        #expect(rank([], 5) == nil)
        #expect(rank([7], 9) == 7)
        #expect(rank([1, 2, 3, 4], 5) == 2)
        #expect(rank([1, 2, 3, 4, 5], 5) == 3)
        #expect(rank(Array(1...10), 9) == 9)
        #expect(rank(Array(1...11), 9) == 10)
        let long = Int64(UInt32.max) + 1
        #expect(rank([5, long + 7, long, 9, 1], 5) == 9)
        #expect(rank([5, long + 7, long, 9, 1], 9) == long + 7)
        #expect(rank([long + 2, long + 1, long], 5) == long + 1)
    }

    @Test("--sql: the query for each dialect matches its golden file (PostgreSQL and DuckDB run it in scripts/check-lead-flow.sh)")
    func sqlGolden() throws {
        let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures")
        let report = Linter().check(file: "funnel.yaml", bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent("scenarios/funnel.yaml"))))
        let playbook = try #require(report.playbook)
        var options = Self.salesforceOptions
        options.columns["order"] = "Id"
        options.filters = [("Field", "Status's")]  // a quote to escape
        for dialect in AuditSQL.Dialect.allCases {
            Golden.expect(AuditSQL(playbook, dialect: dialect, table: "lead_history", options: options).query(), matches: "audit.\(dialect.rawValue).sql")
        }
        #expect(AuditSQL(playbook, dialect: .bigquery, table: "t", options: options).literal("it's \\ \n") == "'it\\'s \\\\ \\n'")
        #expect(AuditSQL(playbook, dialect: .postgres, table: "t", options: options).literal("it's") == "'it''s'")
    }

    @Test("findings at the playbook's lines: SARIF and GitHub annotations match their golden files")
    func findings() throws {
        let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures")
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("scenarios/funnel.yaml")))
        let document = PlaybookDocument(file: "funnel.yaml", bytes: bytes)
        let playbook = try #require(document.playbook)
        let report = try Self.audit(Self.salesforceOptions)
        let findings = AuditFindings.diagnostics(report, document: document)
        #expect(findings.allSatisfy { $0.offset != nil && $0.endOffset != nil })
        #expect(findings.map(\.rule) == ["audit-unknown-stage", "audit-unknown-stage", "audit-sla-breach",
                                          "audit-unused-transition", "audit-unused-transition", "audit-unused-transition"])
        let source = FileReport(file: "funnel.yaml", diagnostics: findings, playbook: playbook, source: SourceText(bytes))
        var sarif = SARIFReporter(toolVersion: "test")
        sarif.otherRules = AuditFindings.rules
        Golden.expect(sarif.render([source]), matches: "audit.sarif")
        Golden.expect(GitHubReporter().render([source]), matches: "audit.github.txt")
    }
}
