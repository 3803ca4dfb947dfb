import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

@Suite("Reporters")
struct ReporterTests {
    @Test func textFrameMatchesTheContract() throws {
        var lines = Array(repeating: "#", count: 30)
        lines.append("      - to: sq")
        let source = SourceText(Array((lines.joined(separator: "\n") + "\n").utf8))
        let diagnostic = Diagnostic(
            file: "playbooks/demo.yaml",
            span: SourceSpan(start: SourcePosition(line: 31, column: 13), end: SourcePosition(line: 31, column: 15)),
            severity: .error, rule: "undefined-stage",
            message: "transition goes to undefined stage 'sq'; did you mean 'sql'?")
        let report = FileReport(file: "playbooks/demo.yaml", diagnostics: [diagnostic], playbook: nil, source: source)
        let text = TextReporter(color: false).render([report])
        #expect(text == """
            playbooks/demo.yaml:31:13: error: transition goes to undefined stage 'sq'; did you mean 'sql'? [undefined-stage]
               31 |       - to: sq
                  |             ^~
            checked 1 file: 1 error, 0 warnings, 0 infos

            """)
    }

    @Test func caretKeepsTabsAndStopsAtLineEnd() {
        let diagnostic = Diagnostic(file: "f", span: SourceSpan(start: SourcePosition(line: 1, column: 3), end: SourcePosition(line: 2, column: 1)),
                                    severity: .warning, rule: "r", message: "m")
        let reporter = TextReporter(color: false)
        #expect(reporter.caret(for: diagnostic, in: "\t x: y") == "\t ^~~~")
    }

    @Test func colourOnlyWhenAsked() throws {
        let report = check("playbook: x\nstages: [a]\n")
        #expect(!TextReporter(color: false).render([report]).contains("\u{1B}["))
        #expect(TextReporter(color: true).render([report]).contains("\u{1B}[1;31merror:"))
    }

    @Test func jsonHasTheContractShape() throws {
        let report = check(cleanPlaybook.replacingFirst("      - to: nurture", with: "      - to: nurtur"))
        let json = JSONReporter().render([report])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "test.yaml")
        #expect(first["line"] as? Int == 27)
        #expect(first["column"] as? Int == 13)
        #expect(first["severity"] as? String == "error")
        #expect(first["rule"] as? String == "undefined-stage")
        #expect(first["message"] as? String == "transition goes to undefined stage 'nurtur'; did you mean 'nurture'?")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 1, "errors": 1, "warnings": 0, "infos": 0])
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONValue.string("a\"b\\c\nd\u{1}").rendered() == #""a\"b\\c\nd\u0001""#)
        // Runs between escapes are copied whole, multi-byte scalars included; U+2028/9 are escaped.
        #expect(JSONValue.string("é\té\u{2028}x\u{2029}\u{1F}\r€").rendered() == #""é\té\u2028x\u2029\u001f\r€""#)
        #expect(JSONValue.string("").rendered() == #""""#)
        #expect(JSONValue.object([("k", .array([]))]).rendered() == "{\n  \"k\": []\n}")
    }

    /// `JSONValue` writes through `JSONWriter`, which the JSON reporter also writes with directly:
    /// containers empty and nested, the commas between items, numbers at their limits.
    @Test func jsonLayoutOfContainersAndNumbers() {
        let value = JSONValue.object([
            ("empty", .object([JSONMember]())), ("none", .array([])),
            ("nested", .array([.object([("a", .int(Int.min)), ("b", .int(Int.max))]), .array([.int(0), .int(-7)]), .null])),
            ("doubles", .array([.double(2), .double(-0.5), .double(1e15), .double(.nan)])), ("flag", .bool(false)),
        ])
        #expect(value.rendered() == """
            {
              "empty": {},
              "none": [],
              "nested": [
                {
                  "a": -9223372036854775808,
                  "b": 9223372036854775807
                },
                [
                  0,
                  -7
                ],
                null
              ],
              "doubles": [
                2,
                -0.5,
                1000000000000000.0,
                null
              ],
              "flag": false
            }
            """)
        // Indentation deeper than the writer's piece of spaces.
        var deep = JSONValue.int(1)
        for _ in 0..<40 { deep = .array([deep]) }
        let lines = deep.rendered().split(separator: "\n")
        #expect(lines[40] == String(repeating: " ", count: 80) + "1" && lines.count == 81)
    }

    @Test func sourceLinesHandleCRLFAndBOM() {
        let text = SourceText([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\rc: 3".utf8))
        #expect(text.lines([1, 2, 3, 4]) == [1: "a: 1", 2: "b: 2", 3: "c: 3"])
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test func typosAreMatched() {
        #expect(Suggestion.closest(to: "exit", among: ["exits", "entry"]) == "exits")
        #expect(Suggestion.closest(to: "requried_fields", among: PlaybookFormat.stage.keyNames) == "required_fields")
        #expect(Suggestion.closest(to: "Name", among: ["name"]) == "name")
        #expect(Suggestion.closest(to: "colour", among: PlaybookFormat.topLevel.keyNames) == nil)
        #expect(Suggestion.closest(to: "to", among: ["no"]) == "no")
        #expect(Suggestion.closest(to: "xy", among: ["abc"]) == nil)
    }

    @Test func identifiers() {
        #expect(Identifier.isValid("new_lead-2"))
        #expect(!Identifier.isValid("New Lead"))
        #expect(!Identifier.isValid("2nd"))
        #expect(!Identifier.isValid(""))
        #expect(Identifier.slug("New Lead (EMEA)") == "new_lead_emea")
        #expect(Identifier.slug("1st Call") == "stage_1st_call")
        #expect(Identifier.slug("404", prefix: "reason") == "reason_404")
        #expect(Identifier.normalizedName(" Sales  Qualified\tLead ") == "salesqualifiedlead")
    }

    @Test func durations() {
        #expect(Duration(parsing: "30m")?.totalMinutes == 30)
        #expect(Duration(parsing: "1w")?.totalMinutes == 10080)
        #expect(Duration(parsing: "0d") == nil)
        #expect(Duration(parsing: "2 d") == nil)
        #expect(Duration(parsing: "d") == nil)
        #expect(Duration(parsing: "1.5h") == nil)
        #expect(Duration(parsing: "99999999999999999999d") == nil)
        #expect(Duration(spelledOut: "2 days")?.description == "2d")
        #expect(Duration(spelledOut: "4 hrs")?.description == "4h")
        #expect(Duration(spelledOut: "soon") == nil)
    }
}

@Suite("Wording")
struct WordingTests {
    @Test(arguments: [
        "Demo request form submitted", "SDR's call held", "N/A", "good-fit company", "Lead score >= 80; auto-assigned",
        "  /leading and trailing/ ", "TBD.", "it's 3 o'clock", "a/b/c", "no-show'", "'quoted' words", "x-crm: 7",
    ])
    func asciiFastPathMatchesTheGeneralSplit(text: String) {
        #expect(Wording.splitASCII(text) == Wording.splitCharacters(text))
    }

    @Test func asciiCheckLooksAtEveryByte() {
        // Eight bytes are checked at a time, then the rest one by one: a non-ASCII byte anywhere counts.
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            #expect(Wording.isASCII(plain))
            for position in 0...length {
                var bytes = Array(plain.utf8)
                bytes.insert(contentsOf: Array("é".utf8), at: position)
                #expect(!Wording.isASCII(String(decoding: bytes, as: UTF8.self)), "length \(length), at \(position)")
            }
        }
        #expect(Wording.isASCII("\u{7F}\t\n"))
        #expect(!Wording.isASCII(String(repeating: "x", count: 15) + "日"))
        #expect(!Wording.isASCII("Lead score ≥ 80"))
    }

    @Test func wordTableNumbersFormsAndFindsThemByTheirBytes() {
        let words = (0..<2000).map { "w\($0)" } + ["submit", "w7", ""]
        let table = WordTable(words)
        #expect(table.count == 2002)  // "w7" again keeps its first number
        for (number, word) in words.prefix(2000).enumerated() {
            #expect(table.number(of: word) == number)
        }
        #expect(table.number(of: "submit") == 2000)
        #expect(table.number(of: "") == nil)
        #expect(table.number(of: "submi") == nil)
        #expect(table.number(of: "submits") == nil)
        #expect(table.number(of: "w2000") == nil)
        #expect(table.number(of: "zebra") == nil)
    }

    @Test(arguments: [
        "Demo request form submitted by the SDR", "SDR confirmed budget and timeline on a call",
        "Lead seems interested", "Email opened 3 times", "No email opened in 14d", "After 30 days in stage",
        "Lead score reaches 80 and AE confirmed the use case", "Sales Development rejected the lead: not a good fit",
        "Pricing page visited twice", "Budget and timeline known; use_case recorded by the owner", "TBD",
        "x-crm: 7", "SDRs' call held", "n/a", "Signed up for a trial and invited 2 teammates",
    ])
    func asciiFactsMatchTheGeneralPath(text: String) throws {
        var sink = DiagnosticSink(file: "p.yaml")
        let playbook = try #require(Linter().read(Array("""
            playbook: P
            teams:
              sdr: { name: Sales Development, role: sales-development }
              ae: { name: Account Executives, role: sales }
            fields:
              use_case: { label: Use case, type: text }
              budget: { type: number }
            stages:
              a: { name: A }
            """.utf8), into: &sink))
        #expect(sink.diagnostics.isEmpty)
        let phrases = Lexicon.builtIn.phrases(for: playbook)
        var fastFields: [Int32] = [], generalFields: [Int32] = []
        let fast = TextFacts(text, lexicon: .builtIn, playbook: phrases, fields: &fastFields)
        let general = TextFacts(text, lexicon: .builtIn, playbook: phrases, byCharacters: true, fields: &generalFields)
        #expect(fast == general)
        #expect(fastFields == generalFields)
        #expect(fast.namesField == !fastFields.isEmpty)
        #expect(fast.weakSignal(in: text) == general.weakSignal(in: text))
    }

    @Test func stageKeysHoldTheStageSchemaKeys() {
        var keys = StageKeys(["name", "exits"])
        keys.insert("x-owner-email")
        #expect(keys.contains("name") && keys.contains("exits"))
        #expect(!keys.contains("sla") && !keys.contains("x-owner-email") && !keys.contains("nme"))
    }

    @Test func unicodeWordsSplit() {
        #expect(Wording.split("Démo réservée — équipe") == ["démo", "réservée", "équipe"])
    }
}
