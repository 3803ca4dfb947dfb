import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import YAMLReader
@testable import PlaybookKit

/// Shape tests of the CI formats; scripts/check-integrations.sh also runs each through its real
/// consumer (the OASIS SARIF schema, a JUnit parser, check-jsonschema, pre-commit).
@Suite("CI formats")
struct IntegrationFormatTests {
    static let report = check(cleanPlaybook
        .replacingFirst("      - to: nurture", with: "      - to: nurtur")
        .replacingFirst("    name: Nurture", with: "    name: Working"))

    @Test func sarifCarriesRulesResultsAndRegions() throws {
        let text = SARIFReporter(toolVersion: "9.9.9").render([Self.report])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "stagelint")
        #expect(driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == RuleCatalog.all.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "undefined-stage")
        #expect(first["level"] as? String == "error")
        let index = try #require(first["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "undefined-stage")
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try #require(location["region"] as? [String: Int])
        #expect(region == ["startLine": 27, "startColumn": 13, "endLine": 27, "endColumn": 19, "byteOffset": 696, "byteLength": 6])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "test.yaml")
        #expect(results[1]["level"] as? String == "warning")
    }

    @Test func sarifEscapesPathsAndKeepsFingerprintsStable() {
        #expect(SARIFReporter.uriEscaped("play books/ü.yaml") == "play%20books/%C3%BC.yaml")
        let diagnostic = Self.report.diagnostics[0]
        let moved = Diagnostic(file: diagnostic.file, span: SourceSpan(at: SourcePosition(line: 99, column: 1)),
                               severity: diagnostic.severity, rule: diagnostic.rule, message: diagnostic.message)
        let shifted = SourceText(Array((String(repeating: "\n", count: 98) + "      - to: nurtur\n").utf8))
        #expect(SARIFReporter.fingerprint(diagnostic, Self.report.source) == SARIFReporter.fingerprint(moved, shifted))
    }

    @Test func githubCommandsAreEscaped() {
        let output = GitHubReporter().render([Self.report])
        let lines = output.split(separator: "\n")
        #expect(lines.first == "::error file=test.yaml,line=27,col=13,endLine=27,endColumn=19,title=stagelint undefined-stage::transition goes to undefined stage 'nurtur'; did you mean 'nurture'?")
        #expect(lines[1].hasPrefix("::warning file=test.yaml,line=32,col=11,endLine=32,endColumn=18,title=stagelint vague-stage-name::"))
        #expect(lines.last == "stagelint: checked 1 file: 1 error, 1 warning, 0 infos")
        #expect(GitHubReporter.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.escapeProperty("a:b,c%") == "a%3Ab%2Cc%25")
        let info = Diagnostic(file: "a, b.yaml", span: SourceSpan(at: SourcePosition(line: 1, column: 1)), severity: .info,
                              rule: "unused-team", message: "m")
        #expect(GitHubReporter.command(info) == "::notice file=a%2C b.yaml,line=1,col=1,title=stagelint unused-team::m")
    }

    @Test func junitIsWellFormedWithOneCasePerRule() throws {
        let xml = JUnitReporter(failOn: .error).render([Self.report])
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["testsuite"] == 1)
        #expect(counter.counts["testcase"] == RuleCatalog.all.count)
        #expect(counter.counts["failure"] == 1)
        #expect(counter.counts["system-out"] == 1)
        #expect(xml.contains("<testsuites name=\"stagelint\" tests=\"\(RuleCatalog.all.count)\" failures=\"1\" errors=\"0\">"))
        let stricter = JUnitReporter(failOn: .warning).render([Self.report])
        #expect(stricter.contains("failures=\"2\""))
        #expect(JUnitReporter.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;\u{FFFD}")
    }

    @Test func committedSchemaIsFresh() throws {
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("schema/playbook.schema.json"), encoding: .utf8)
        #expect(committed == PlaybookJSONSchema.rendered(), "schema/playbook.schema.json is stale: run `swift run stagelint schema > schema/playbook.schema.json`")
    }

    @Test func schemaListsEveryKeyTheDecoderKnows() throws {
        let text = PlaybookJSONSchema.rendered()
        for place in [PlaybookFormat.topLevel, PlaybookFormat.team, PlaybookFormat.field, PlaybookFormat.stage, PlaybookFormat.transition, PlaybookFormat.sla, PlaybookFormat.nurture] {
            for key in place.keyNames {
                #expect(text.contains("\"\(key)\": {"), "\(key) of \(place.name) is missing from the schema")
            }
        }
        for kind in StageKind.allCases { #expect(text.contains("\"\(kind.rawValue)\"")) }
    }
}

/// Counts elements by name while parsing.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[elementName, default: 0] += 1
    }
}
