import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// Every finding carries its byte range (`offset`, `endOffset`), counted from the start of the file
/// with a BOM, CRLF line ends and characters of several bytes, in memory and read piece by piece.
@Suite("Byte ranges of findings")
struct ByteRangeTests {
    /// The offset of a line and column, worked out apart from the checker: lines split at LF (a CR
    /// before it belongs to the break), a BOM before line 1, columns counted in Unicode scalars.
    static func expectedOffset(_ bytes: [UInt8], line: Int, column: Int) -> Int? {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        guard line >= 1, line <= starts.count else { return nil }
        var start = starts[line - 1]
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        var text = String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let scalars = Array(text.unicodeScalars)
        let before = scalars.prefix(column - 1).reduce(0) { $0 + UTF8.width($1) }
        return start + before + max(0, column - 1 - scalars.count)
    }

    static func expectRanges(_ report: FileReport, _ bytes: [UInt8], _ label: String) {
        #expect(!report.diagnostics.isEmpty, "\(label): no findings to check")
        for diagnostic in report.diagnostics {
            let start = expectedOffset(bytes, line: diagnostic.span.start.line, column: diagnostic.span.start.column)
            let end = expectedOffset(bytes, line: diagnostic.span.end.line, column: diagnostic.span.end.column)
            #expect(diagnostic.offset == start, "\(label): \(diagnostic.rule) at \(diagnostic.span)")
            #expect(diagnostic.endOffset == end, "\(label): \(diagnostic.rule) at \(diagnostic.span)")
        }
    }

    static let playbook = """
        playbook: Größe – Überblick
        teams:
          mkt: { name: Marketing ✓, role: marketing }
        stages:
          neu:
            name: Neuer Lead ✓
            kind: entry
            owner: mkt
            entry: Formular „Demo" eingereicht
            exit: []
          mql:
            name: Marketing Qualified Lead
            owner: mkt
            entry: Lead is hot 🔥 and probably ready
            exits: [{ to: nowhere, when: after 30 days }]

        """

    @Test("in memory: BOM, CRLF and characters of several bytes", arguments: [false, true])
    func inMemory(crlf: Bool) {
        var text = Self.playbook
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let report = Linter().check(file: "t.yaml", bytes: bytes)
        Self.expectRanges(report, bytes, crlf ? "CRLF" : "LF")
        // The vague rule's range is its text exactly.
        let vague = report.diagnostics.first { $0.rule == "vague-rule" }
        if let vague, let start = vague.offset, let end = vague.endOffset {
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == "Lead is hot 🔥 and probably ready")
        } else {
            Issue.record("no vague-rule finding with a range")
        }
    }

    @Test("read piece by piece across many pieces, as in memory")
    func piecewise() throws {
        // Over 64 KiB, so the lines are found across several pieces of the file.
        var text = "playbook: Big\nteams:\n  mkt: { name: Marketing, role: marketing }\nstages:\n"
        for number in 0..<900 {
            text += "  s\(number):\n    name: Stufe \(number) – ✓\n    owner: mkt\n"
            text += "    entry: Lead seems interested \(number)\n"
            text += "    exits: [{ to: s\(number + 1), when: Form submitted }]\n"
        }
        text += "  s900: { name: Ende, kind: won }\n"
        let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(bytes.count > 1 << 16)
        let (piecewise, inMemory) = try PiecewiseReadingTests.bothWays(bytes)
        Self.expectRanges(piecewise, bytes, "piecewise")
        #expect(piecewise.diagnostics == inMemory.diagnostics)
    }

    @Test("JSON findings and SARIF regions carry the range")
    func reporters() {
        let bytes = Array(Self.playbook.utf8)
        let report = Linter().check(file: "t.yaml", bytes: bytes)
        guard let first = report.diagnostics.first, let offset = first.offset, let end = first.endOffset else {
            Issue.record("no finding with a range")
            return
        }
        let json = JSONReporter().render([report])
        #expect(json.contains("\"offset\": \(offset),\n      \"endOffset\": \(end)") || json.contains("\"offset\":\(offset),\"endOffset\":\(end)"))
        let sarif = SARIFReporter(toolVersion: "t").render([report])
        #expect(sarif.contains("\"byteOffset\": \(offset)") || sarif.contains("\"byteOffset\":\(offset)"))
        #expect(sarif.contains("\"byteLength\": \(end - offset)") || sarif.contains("\"byteLength\":\(end - offset)"))
    }
}
