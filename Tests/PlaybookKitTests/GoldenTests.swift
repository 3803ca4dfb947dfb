import Foundation
import Testing
@testable import PlaybookKit

/// Saved expected outputs, as actionlint keeps them: every reporter on the same findings and every
/// handbook format on one playbook, compared whole, so a changed column, end position, sentence or
/// escape fails a test.
///
/// After an intended change, regenerate them and review the diff:
///
///     STAGELINT_UPDATE_GOLDEN=1 swift test --filter Golden
enum Golden {
    static let folder = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Golden")
    static let command = "STAGELINT_UPDATE_GOLDEN=1 swift test --filter Golden"
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["STAGELINT_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with `Golden/<name>` (or writes it there when updating).
    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name)
        if isUpdating {
            do {
                try Data(actual.utf8).write(to: file, options: .atomic)
            } catch {
                Issue.record("could not write Golden/\(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("Golden/\(name) is missing; write it with `\(command)`", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard let difference = firstDifference(expected: expected, actual: actual) else { return }
        Issue.record("""
            output differs from Golden/\(name) first at line \(difference.line):
              expected: \(difference.expected)
              actual:   \(difference.actual)
            If the change is intended, regenerate with `\(command)` and review the diff.
            """, sourceLocation: sourceLocation)
    }

    /// The first line where two texts differ (control characters shown escaped; `<end of file>` past the end).
    static func firstDifference(expected: String, actual: String) -> (line: Int, expected: String, actual: String)? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func shown(_ lines: [Substring], _ index: Int) -> String {
            index < lines.count ? TextReporter.escaped(String(lines[index])) : "<end of file>"
        }
        let index = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        return (index + 1, shown(old, index), shown(new, index))
    }
}

@Suite("Golden files")
struct GoldenTests {
    /// The findings every reporter renders: a playbook made for it, and a realistic fixture.
    static func reports() throws -> [FileReport] {
        let inputs = [("golden/findings.yaml", Golden.folder.appendingPathComponent("findings.yaml")),
                      ("fixtures/bad-legacy-sfdc-lead-status-export.yaml",
                       packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/bad-legacy-sfdc-lead-status-export.yaml"))]
        return try inputs.map { name, file in try Linter().check(path: file.path, name: name) }
    }

    /// House rules on a realistic playbook: their findings in the reporters that describe rules.
    static func houseRuleReports() throws -> (reports: [FileReport], rules: [RuleDescription]) {
        let configuration = try ConfigurationLoader.load(Golden.folder.appendingPathComponent("house-rules.stagelint.yml").path)
        let file = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/good-plg-sales-assist.yaml")
        let report = try Linter(configuration: configuration).check(path: file.path, name: "fixtures/good-plg-sales-assist.yaml")
        return ([report], configuration.houseRules.map(\.description))
    }

    @Test func houseRulesInTextJSONSARIFAndJUnit() throws {
        let (reports, rules) = try Self.houseRuleReports()
        let house = Set(rules.map(\.id))
        #expect(Set(reports[0].diagnostics.map(\.rule)).intersection(house).count >= 4, "most house rules find something")
        Golden.expect(TextReporter(color: false).render(reports), matches: "house-rules.txt")
        Golden.expect(JSONReporter().render(reports), matches: "house-rules.json")
        Golden.expect(SARIFReporter(toolVersion: "0.0.0-golden", houseRules: rules).render(reports), matches: "house-rules.sarif")
        let ids = rules.map(\.id)
        Golden.expect(JUnitReporter(failOn: { _ in .warning }, disabledRules: { _ in ["field-labels-title"] }, houseRules: { _ in ids })
            .render(reports), matches: "house-rules.junit.xml")
    }

    @Test func theFindingsCoverEverySeverityAndSpanShape() throws {
        let diagnostics = try Self.reports().flatMap(\.diagnostics)
        #expect(Set(diagnostics.map(\.severity)) == Set(Severity.allCases))
        #expect(diagnostics.contains { $0.span.end.line > $0.span.start.line }, "a span over two lines")
        #expect(diagnostics.contains { $0.span.end == $0.span.start }, "an empty span")
        #expect(diagnostics.contains { $0.rule == "unused-suppression" })
    }

    @Test func textReporter() throws {
        Golden.expect(TextReporter(color: false).render(try Self.reports()), matches: "check.txt")
    }

    @Test func textReporterInColour() throws {
        Golden.expect(TextReporter(color: true).render(try Self.reports()), matches: "check.color.txt")
    }

    @Test func jsonReporter() throws {
        Golden.expect(JSONReporter().render(try Self.reports()), matches: "check.json")
    }

    @Test func sarifReporter() throws {
        Golden.expect(SARIFReporter(toolVersion: "0.0.0-golden").render(try Self.reports()), matches: "check.sarif")
    }

    @Test func junitReporter() throws {
        let reporter = JUnitReporter(failOn: { $0.hasPrefix("golden/") ? .warning : .error },
                                     disabledRules: { $0.hasPrefix("golden/") ? ["untestable-rule"] : [] })
        Golden.expect(reporter.render(try Self.reports()), matches: "check.junit.xml")
    }

    @Test func githubReporter() throws {
        Golden.expect(GitHubReporter().render(try Self.reports()), matches: "check.github.txt")
    }

    @Test func baseline() throws {
        Golden.expect(Baseline(reports: try Self.reports(), path: { $0 }).rendered(), matches: "check.baseline.json")
    }

    /// A playbook with every kind of stage (a disqualified one without exits among them), fields,
    /// reasons, SLAs and a nurture plan.
    static func handbook() throws -> (Handbook, Playbook) {
        let file = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/good-plg-sales-assist.yaml")
        let playbook = try #require(try Linter().check(path: file.path).playbook)
        return (Handbook(playbook), playbook)
    }

    static let handbookSource = "fixtures/good-plg-sales-assist.yaml"

    @Test func htmlHandbook() throws {
        Golden.expect(HTMLHandbook.render(try Self.handbook().0, source: Self.handbookSource), matches: "handbook.html")
    }

    @Test func markdownHandbook() throws {
        Golden.expect(MarkdownHandbook.render(try Self.handbook().0, source: Self.handbookSource), matches: "handbook.md")
    }

    @Test func mermaidAndDOTDiagrams() throws {
        let handbook = try Self.handbook().0
        Golden.expect(MermaidDiagram.render(handbook), matches: "handbook.mmd")
        Golden.expect(DOTDiagram.render(handbook), matches: "handbook.dot")
    }

    @Test func playbookJSON() throws {
        Golden.expect(PlaybookJSON.render(try Self.handbook().1, source: Self.handbookSource), matches: "handbook.json")
    }

    @Test func exampleTemplate() throws {
        let template = try String(contentsOf: packageRoot.appendingPathComponent("templates/handbook.example.mustache"), encoding: .utf8)
        let text = try TemplateHandbook.render(try Self.handbook().0, source: Self.handbookSource, template: template, file: "example")
        Golden.expect(text, matches: "handbook.template.md")
    }

    @Test func firstDifferenceNamesTheLine() {
        #expect(Golden.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
        let changed = Golden.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(changed?.line == 2 && changed?.expected == "b" && changed?.actual == "B")
        let longer = Golden.firstDifference(expected: "a\n", actual: "a\nmore\n")
        #expect(longer?.line == 2 && longer?.expected == "" && longer?.actual == "more")
        let shorter = Golden.firstDifference(expected: "a\nb", actual: "a")
        #expect(shorter?.line == 2 && shorter?.actual == "<end of file>")
        #expect(Golden.firstDifference(expected: "\u{1B}[1m", actual: "x")?.expected == "\\u{1B}[1m")
    }
}
