import Foundation
import Testing
import PlaybookKit

/// The contract's calibration lists, and realistic playbooks whose expected findings are written in
/// them as `# expect: rule-a, rule-b` comments on the lines where they belong.
@Suite("Calibration")
struct CalibrationTests {
    static let definitionRules = Set(RuleCatalog.all.filter { $0.category == .definitions }.map(\.id))

    /// A playbook where `text` is the entry rule of an MQL and the exit rule into it.
    static func playbook(ruleText text: String) -> String {
        """
        playbook: Calibration
        teams:
          marketing: { name: Marketing, role: marketing }
          sdr: { name: Sales Development, role: sales-development }
        stages:
          new_lead:
            name: New Lead
            kind: entry
            owner: marketing
            exits:
              - to: mql
                when: "\(text)"
              - to: lost
                when: SDR confirmed the company is outside the ICP
          mql:
            name: Marketing Qualified Lead
            owner: sdr
            entry: "\(text)"
            sla: { within: 4h, action: First call attempt }
            exits:
              - to: nurture
                when: SDR rejected the lead with a reason code
              - to: lost
                when: SDR confirmed the company is outside the ICP
          nurture:
            name: Nurture
            kind: nurture
            owner: marketing
            entry: SDR rejected the lead with a reason code
            nurture: { cadence: monthly, content: case studies, follow_up: 90d }
            exits: [{ to: mql, when: Demo request form submitted again }]
          lost:
            name: Disqualified
            kind: disqualified
            entry: SDR confirmed the company is outside the ICP
            reasons: { outside_icp: Outside the ICP }
        """
    }

    static let objectiveRules = [
        "Form submitted", "Demo requested", "Sales confirmed account fit", "Technical discovery completed",
        "Lead score reaches 60", "Pricing page visited 3 times in 7 days",
        "Trial activated: first workflow created and run", "Account executive created the deal with agreed next steps",
    ]

    @Test("objective rules pass every definition rule", arguments: objectiveRules)
    func objectiveRulePasses(text: String) {
        let found = check(Self.playbook(ruleText: text)).diagnostics
        #expect(found.isEmpty, "\(text): \(found.map { "\($0.line) \($0.rule)" })")
    }

    @Test("vague rules are flagged", arguments: [
        ("Lead seems interested", "vague-rule"), ("Good fit", "vague-rule"), ("When they are ready", "vague-rule"),
        ("Engaged with our content", "vague-rule"), ("Opened 3 emails", "weak-signal-qualification"), ("TBD", "vague-rule"),
    ])
    func vagueRuleIsFlagged(text: String, rule: String) {
        let found = check(Self.playbook(ruleText: text)).diagnostics.filter { $0.rule == rule }
        // Once as the exit rule into the MQL (line 12) and once as its entry rule (line 18).
        #expect(found.map(\.line) == [12, 18], "\(text): \(found.map { "\($0.line) \($0.rule)" })")
    }

    @Test func afterThirtyDaysIsATimeOnlyExit() {
        let yaml = Self.playbook(ruleText: "Demo requested")
            .replacingOccurrences(of: "when: SDR rejected the lead with a reason code", with: "when: After 30 days")
        #expect(check(yaml).diagnostics.map(\.rule) == ["time-only-exit"])
    }

    @Test("vague stage names are flagged", arguments: ["Working", "Progressing"])
    func vagueStageName(name: String) {
        let yaml = Self.playbook(ruleText: "Demo requested").replacingOccurrences(of: "name: Marketing Qualified Lead", with: "name: \(name)")
        #expect(check(yaml).diagnostics.map(\.rule) == ["vague-stage-name"])
    }

    static var fixtures: [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    @Test("realistic playbooks draw exactly the expected findings", arguments: fixtures)
    func fixtureFindings(path: String) throws {
        let report = try Linter().check(path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var expected: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let marker = line.range(of: "# expect: ") else { continue }
            for rule in line[marker.upperBound...].split(separator: ",") {
                expected.append("\(index + 1) \(rule.trimmingCharacters(in: .whitespaces))")
            }
        }
        let actual = report.diagnostics.map { "\($0.line) \($0.rule)" }
        #expect(actual.sorted() == expected.sorted())
    }

    @Test func thereAreRealisticFixtures() {
        #expect(Self.fixtures.count >= 2)
    }
}
