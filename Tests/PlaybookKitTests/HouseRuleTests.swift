import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// The configuration of `custom-rules` (indented under it) and any other top-level settings.
private func houseConfiguration(_ rules: String, more: String = "") throws(ConfigurationError) -> Configuration {
    try ConfigurationLoader.parse(Array((more + "custom-rules:\n" + rules).utf8), file: "/nonexistent/.stagelint.yml")
}

/// The findings of the house rules on `yaml`, as (line, column) and message.
private func houseFindings(_ rules: String, more: String = "", _ yaml: String = cleanPlaybook) throws -> [Diagnostic] {
    let configuration = try houseConfiguration(rules, more: more)
    let ids = Set(configuration.houseRules.map(\.id))
    return Linter(configuration: configuration).check(file: "test.yaml", bytes: Array(yaml.utf8)).diagnostics
        .filter { ids.contains($0.rule) || $0.rule == "resource-limit" }
}

private func places(_ findings: [Diagnostic]) -> [String] {
    findings.map { "\($0.line):\($0.column)" }
}

@Suite("House rules")
struct HouseRuleTests {
    // Lines of `cleanPlaybook`: 9 new_lead, 10 its name, 14 its exit to mql, 18 mql, 22 its required_fields,
    // 23 its sla, 24 its exits, 31 nurture, 34 its kind, 38 its exit to mql, 40 opportunity, 44 disqualified.

    @Test(arguments: [
        // A reference followed in `where`, `contains` failing on the written list: on its first item.
        ("{ given: stages, summary: s, where: { owner.role: sales-development }, then: { required_fields: { contains: budget } } }", ["22:23"]),
        ("{ given: stages, summary: s, where: { owner.role: sales-development }, then: { required_fields: { contains: use_case } } }", []),
        // An absent value lands on the item's key.
        ("{ given: stages, summary: s, where: { owner.id: marketing }, then: { sla: { defined: true } } }", ["9:3", "31:3"]),
        ("{ given: stages, summary: s, then: { sla: { defined: false } } }", ["23:10"]),
        // Durations compare as durations; a number as a number.
        ("{ given: stages, summary: s, where: { sla: { defined: true } }, then: { sla.within: { max: 4h } } }", ["23:20"]),
        ("{ given: stages, summary: s, where: { sla: { defined: true } }, then: { sla.within: { max: 1d, min: 24h } } }", []),
        ("{ given: stages, summary: s, where: { sla: { defined: true } }, then: { sla.within: 2d } }", ["23:20"]),
        ("{ given: stages, summary: s, where: { sla: { defined: true } }, then: { sla.within: 24h } }", []),
        // A pattern on a text; casing.
        ("{ given: stages, summary: s, then: { name: { pattern: '^[A-Z][a-z]+$' } } }", ["10:11", "19:11", "41:11"]),
        ("{ given: stages, summary: s, then: { name: { not-pattern: '(?i)lead' } } }", ["10:11", "19:11"]),
        ("{ given: stages, summary: s, then: { name: { casing: title } } }", []),
        ("{ given: stages, summary: s, then: { name: { casing: lower } } }", ["10:11", "19:11", "32:11", "41:11", "45:11"]),
        ("{ given: stages, summary: s, then: { id: { casing: snake } } }", []),
        // Transitions: references into the stages, mentions with inflections.
        ("{ given: transitions, summary: s, where: { to.id: opportunity }, then: { when: { mentions: [confirm] } } }", []),
        ("{ given: transitions, summary: s, where: { to.kind: disqualified }, then: { when: { mentions: [reason, competitor] } } }", ["30:15"]),
        ("{ given: transitions, summary: s, where: { from.owner.role: sales-development }, then: { when: { not-mentions: [reject] } } }", ["28:15"]),
        ("{ given: transitions, summary: s, where: { handoff: true }, then: { action: { defined: true } } }", ["14:13", "27:13", "38:13"]),
        // Counts of lists and of derived lists.
        ("{ given: stages, summary: s, then: { exits: { count: { max: 2 } } } }", ["24:5"]),
        ("{ given: stages, summary: s, where: { kind: { not-in: [won, disqualified] } }, then: { incoming: { count: { min: 1 } } } }", ["9:3"]),
        ("{ given: teams, summary: s, then: { stages: { count: { min: 2 } } } }", ["5:3"]),
        ("{ given: fields, summary: s, then: { required_by: { count: { min: 2 } } } }", ["7:3"]),
        ("{ given: stages, summary: s, where: { kind: disqualified }, then: { reasons: { contains: no_fit } } }", ["49:7"]),
        // The stand-in for an unwritten kind is `active`.
        ("{ given: stages, summary: s, where: { kind: active }, then: { owner: sdr } }", []),
        ("{ given: stages, summary: s, then: { kind: { not-in: [nurture] } } }", ["34:11"]),
        // The playbook as one item.
        ("{ given: playbook, summary: s, then: { version: { defined: true }, stages: { count: { min: 10 } } } }", ["8:1"]),
        ("{ given: playbook, summary: s, then: { teams: { contains: marketing }, fields: { not-contains: budget } } }", []),
        // `any`: one alternative is enough; otherwise on the item's key.
        ("{ given: stages, summary: s, then: { any: [ { sla: { defined: true } }, { kind: { in: [won, disqualified, nurture] } } ] } }", ["9:3"]),
        // Absent values: `equals` fails, `not-equals` holds.
        ("{ given: stages, summary: s, where: { kind: won }, then: { owner.role: sales } }", ["40:3"]),
        ("{ given: stages, summary: s, where: { kind: won }, then: { owner.role: { not-equals: sales } } }", []),
    ])
    func operatorsAndWhereFindingsLand(rule: String, expected: [String]) throws {
        #expect(places(try houseFindings("  r: \(rule)\n")) == expected, "\(rule)")
    }

    /// Paths are numbered as configurations are read; a rule may read a path numbered before one an
    /// earlier rule read (found in the release benchmark: an index out of range).
    @Test func pathsAreReadInAnyOrderOfTheirNumbers() throws {
        let unique = UUID().uuidString.lowercased().filter(\.isLetter)
        _ = try houseConfiguration("  first: { given: stages, summary: s, then: { x-\(unique)-a: { defined: false } } }\n")
        let found = try houseFindings("""
              later: { given: stages, summary: s, then: { x-\(unique)-b: { defined: false } } }
              earlier: { given: stages, summary: s, where: { id: mql }, then: { x-\(unique)-a: { defined: true } }, message: "{x-\(unique)-c} {id}" }

            """)
        #expect(found.map(\.message) == ["(none) mql"])
    }

    @Test func extensionKeysAreReadAsTheyAreWritten() throws {
        let yaml = cleanPlaybook.replacingOccurrences(of: "    name: Nurture\n", with: "    name: Nurture\n    x-tier: 3\n")
        let found = try houseFindings("  r: { given: stages, summary: s, where: { x-tier: { defined: true } }, then: { x-tier: { max: 2 } } }\n", yaml)
        #expect(places(found) == ["33:5"])
    }

    @Test func messagesFillPlaceholdersFromTheItem() throws {
        let found = try houseFindings("""
              r:
                given: stages
                summary: Stages owned by the SDRs answer within 4h.
                where: { owner.role: sales-development }
                then: { sla.within: { max: 4h } }
                message: "stage '{id}' ({name}) is owned by {owner.name} but answers within {sla.within}; reasons: {reasons}"
              t:
                given: stages
                severity: info
                summary: The summary is the message when there is none.
                where: { id: won }
                then: { id: lost }

            """, cleanPlaybook.replacingOccurrences(of: "  opportunity:", with: "  won:").replacingOccurrences(of: "to: opportunity", with: "to: won"))
        #expect(found.map(\.message) == ["stage 'mql' (Marketing Qualified Lead) is owned by Sales Development but answers within 1d; reasons: (none)",
                                         "The summary is the message when there is none."])
        #expect(found.map(\.severity) == [.warning, .info])
    }

    @Test func severitiesSettingsAndSuppressionsApplyAsToBuiltInRules() throws {
        let rule = "  r: { given: stages, summary: s, severity: error, where: { id: mql }, then: { sla: { defined: false } } }\n"
        #expect(try houseFindings(rule).map(\.severity) == [.error])
        #expect(try houseFindings(rule, more: "rules: { r: info }\n").map(\.severity) == [.info])
        #expect(try houseFindings(rule, more: "rules: { r: off }\n").isEmpty)
        let suppressed = cleanPlaybook.replacingOccurrences(of: "sla: { within: 1d, action: First call attempt }",
                                                            with: "sla: { within: 1d, action: First call attempt }  # stagelint-disable-line r")
        let configuration = try houseConfiguration(rule)
        let report = Linter(configuration: configuration).check(file: "t.yaml", bytes: Array(suppressed.utf8))
        #expect(!report.diagnostics.contains { $0.rule == "r" })
        #expect(!report.diagnostics.contains { $0.rule == "unused-suppression" })
        // A directive for a house rule that found nothing is unused; one for an unknown id is reported as unknown.
        let unused = cleanPlaybook.replacingOccurrences(of: "    name: Nurture\n", with: "    name: Nurture  # stagelint-disable-line r, rr\n")
        let messages = Linter(configuration: configuration).check(file: "t.yaml", bytes: Array(unused.utf8)).diagnostics
            .filter { $0.rule == "unused-suppression" }.map(\.message)
        #expect(messages == ["`stagelint-disable-line` names unknown rule 'rr' (did you mean 'r'?), which matches nothing; fix the id or remove it"],
                "\(messages)")
    }

    /// Keys of a stage's `sla` and `nurture` are read from those parts of the model, not from the
    /// stage's whole mapping: the same values, at the same places, for every key of both (written or not).
    @Test func keysBelowAStagesPartsAreWhatTheWholeMappingHolds() throws {
        let playbooks = try ExamplePlaybookTests.files.map { file in (file, try Linter().check(path: file).playbook) }
            + [("clean", Linter().check(file: "clean.yaml", bytes: Array(cleanPlaybook.utf8)).playbook)]
        var compared = 0
        for (file, playbook) in playbooks {
            let playbook = try #require(playbook)
            for stage in playbook.stages {
                for (record, place) in [("sla", PlaybookFormat.sla), ("nurture", PlaybookFormat.nurture)] {
                    for key in place.keyNames {
                        let reader = try #require(Stage.reader(forKey: key, in: record))
                        let whole = stage.node(forKey: record)?.node(at: key)
                        #expect(stage.node(reader, orAbsent: nil) == whole, "\(file) \(stage.id.value) \(record).\(key)")
                        if whole != nil { compared += 1 }
                    }
                }
            }
        }
        #expect(compared > 20)
        #expect(Stage.reader(forKey: "within", in: "crm") == nil)
    }

    @Test func titleCaseLeavesJoiningWordsWithTheirPunctuation() {
        #expect(HouseJudge.isWritten("Lead vs. Opportunity", .title))
        #expect(HouseJudge.isWritten("Sales Qualified Lead (SQL)", .title))
        #expect(!HouseJudge.isWritten("Sales qualified Lead", .title))
        #expect(HouseJudge.isWritten("Sales qualified lead (SQL)", .sentence))
        #expect(!HouseJudge.isWritten("Sales Qualified lead", .sentence))
    }

    @Test func casingsReadASCIITextsAsTheyReadAnyText() {
        // ASCII texts are read byte by byte, others character by character: the two must agree.
        var rng = SplitMix64(seed: 0xCA5E)
        let pieces = ["a", "B", "sql", "SQL", "Lead", "of", "vs.", "(SQL)", " ", " ", "\t", "-", "_", "7", ",", "\r\n"]
        var compared = 0
        for _ in 0..<4_000 {
            let text = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for casing in HouseCasing.allCases {
                #expect(HouseJudge.isWritten(text, casing) == HouseJudge.isWritten(characters: text, casing), "\(casing) \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared == 24_000)
        // A text outside ASCII goes the long way.
        #expect(HouseJudge.isWritten("Étape Qualifiée", .title) && !HouseJudge.isWritten("étape", .sentence))
    }

    @Test func rulesSharingAConditionJudgeItOnceAndAlike() throws {
        // The same `where` in two rules is judged once per item; a list of two ids and one id with a
        // comma in it are different conditions, whichever rule comes first.
        let then = "then: { sla: { defined: false } }"
        for order in [["one", "two"], ["two", "one"]] {
            let rules = order.map { name in
                name == "one" ? "  \(name): { given: stages, summary: s, where: { id: { in: ['mql,sql'] } }, \(then) }\n"
                    : "  \(name): { given: stages, summary: s, where: { id: { in: [mql, sql] } }, \(then) }\n"
            }.joined()
            let found = try houseFindings(rules + "  three: { given: stages, summary: s, where: { id: { in: [mql, sql] } }, \(then) }\n")
            #expect(found.map(\.rule).sorted() == ["three", "two"], "\(order)")
            // The shared `then` fails at the same place for both (the second rule finds it kept).
            #expect(Set(places(found)) == ["23:10"], "\(places(found))")
        }
        // A shared condition that fails for an item, then passes for the next rule's `then`.
        let shared = try houseFindings("""
              a: { given: stages, summary: s, where: { kind: nurture }, then: { owner: { defined: true } } }
              b: { given: stages, summary: s, then: { kind: nurture } }
            """ + "\n")
        #expect(shared.filter { $0.rule == "b" }.count == 4 && shared.filter { $0.rule == "a" }.isEmpty, "\(shared.map { "\($0.rule) \($0.line)" })")
    }

    @Test func aSuppressionOfARuleOfAnotherFilesOverrideIsUnusedNotUnknown() throws {
        let configuration = try houseConfiguration("  r: { given: stages, summary: s, then: { name: a } }\n",
                                                   more: "overrides:\n  - files: [other/**]\n    custom-rules:\n      partner-only: { given: stages, summary: s, then: { name: a } }\n")
        let yaml = cleanPlaybook.replacingOccurrences(of: "    name: Nurture\n", with: "    name: Nurture  # stagelint-disable-line partner-only\n")
        let messages = Linter(configuration: configuration).check(file: "t.yaml", bytes: Array(yaml.utf8)).diagnostics
            .filter { $0.rule == "unused-suppression" }.map(\.message)
        #expect(messages.count == 1 && messages[0].contains("suppresses nothing"), "\(messages)")
    }

    @Test func aBaselineAcceptsHouseRuleFindings() throws {
        let configuration = try houseConfiguration("  r: { given: stages, summary: s, where: { id: mql }, then: { sla: { defined: false } } }\n")
        let report = Linter(configuration: configuration).check(file: "t.yaml", bytes: Array(cleanPlaybook.utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("house-baseline-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Baseline(reports: [report], path: { $0 }).rendered().utf8).write(to: file)
        let filtered = try Baseline.load(file.path).filter([report], path: { $0 })
        #expect(filtered.suppressed == report.diagnostics.count && report.diagnostics.contains { $0.rule == "r" })
    }

    @Test func aPathologicalPatternIsBoundedAndNamed() throws {
        // Three hundred thousand 'a's and a 'b' they do not reach: a backtracking engine tries
        // exponentially many splits (and the 'b' keeps the text from being passed over unsearched).
        let long = String(repeating: "a", count: 300_000) + "-b"
        let yaml = cleanPlaybook.replacingOccurrences(of: "entry: Lead score of 60 or more", with: "entry: \(long)")
        let found = try houseFindings("  r: { given: stages, summary: s, then: { entry: { not-pattern: '(a|aa)+(a|aa)+(a|aa)+b' } } }\n", yaml)
        #expect(found.map(\.rule) == ["resource-limit"])
        #expect(found.first?.message.contains("house rule 'r' gave up") == true, "\(found.map(\.message))")
        // The same pattern on the ordinary texts answers at once.
        #expect(try houseFindings("  r: { given: stages, summary: s, then: { entry: { not-pattern: '(a|aa)+(a|aa)+(a|aa)+b' } } }\n").isEmpty)
    }

    /// Each broken rule, the text its error must point at (on line 2, the rule's line), and the message.
    @Test(arguments: [
        ("r: { given: stages, summary: s, then: { ownr.role: sales } }", "ownr.role", "unknown path 'ownr.role': a stage has no key 'ownr'; did you mean 'owner'?"),
        ("r: { given: stages, summary: s, then: { owner.rol: sales } }", "owner.rol", "'owner' has no key 'rol'; did you mean 'owner.role'?"),
        ("r: { given: stages, summary: s, then: { name.first: a } }", "name.first", "'name' is a text and has no keys below it"),
        ("r: { given: stages, summary: s, then: { name: { equal: a } } }", "equal:", "unknown operator 'equal'; did you mean 'equals'?"),
        ("r: { given: stages, summary: s, then: { name: { pattern: '[a-' } } }", "'[a-'", "bad regular expression '[a-'"),
        ("r: { given: stages, summary: s, then: { name: { pattern: '(a)\\1' } } }", "'(a)", "backreference"),
        ("r: { given: stages, summary: s, then: { name: { max: 3 } } }", "max:", "`max` needs a number or a duration, but 'name' is a text"),
        ("r: { given: stages, summary: s, then: { exits: { equals: 3 } } }", "equals:", "`equals` needs a single value (for a list, use `contains`)"),
        ("r: { given: stages, summary: s, then: { sla.within: { max: 4 hours } } }", "4 hours", "must be a duration"),
        ("r: { given: stages, summary: s, then: { owner.role: sles } }", "sles", "'sles' never matches; did you mean 'sales'?"),
        ("r: { given: stages, summary: s, then: { exits: { count: { min: 3, max: 1 } } } }", "{ min: 3", "`count.min` (3) is more than `count.max` (1)"),
        ("r: { given: stages, summary: s, then: { name: { casing: titel } } }", "titel", "did you mean 'title'?"),
        ("r: { given: stage, summary: s, then: { name: a } }", "stage,", "`given` must be one of playbook, teams, fields, stages, transitions, found 'stage'; did you mean 'stages'?"),
        ("r: { given: stages, then: { name: a } }", "r:", "house rule 'r' needs `summary`"),
        ("r: { given: stages, summary: s }", "r:", "house rule 'r' needs `then`"),
        ("missing-sla: { given: stages, summary: s, then: { name: a } }", "missing-sla", "'missing-sla' is the id of a built-in rule"),
        ("Bad_Id: { given: stages, summary: s, then: { name: a } }", "Bad_Id", "a house rule's id must be lowercase"),
        ("r: { given: stages, summary: s, then: { name: a }, mesage: x }", "mesage", "unknown key 'mesage' in house rule 'r'; did you mean 'message'?"),
        ("r: { given: stages, summary: s, then: { name: a }, message: 'stage {nme}' }", "'stage {nme}'", "{nme}: unknown path 'nme'"),
        ("r: { given: transitions, summary: s, then: { to.owner.rol: sales } }", "to.owner.rol", "did you mean 'to.owner.role'?"),
        ("r: { given: stages, summary: s, then: { any: [] } }", "[]", "`any` must be a non-empty list"),
        ("r: { given: stages, summary: s, then: { name: { mentions: ['--'] } } }", "['--']", "must hold a word"),
        ("r: { given: stages, summary: s, then: { probability: { min: 90, max: 10 } } }", "{ min: 90", "`min` is more than `max`"),
        ("r: { given: stages, summary: s, then: { sla: { contains: actoin } } }", "actoin", "'sla' has the keys within, action; 'actoin' never matches; did you mean 'action'?"),
        ("r: { given: stages, summary: s, then: { name: { in: [] } } }", "[]", "`in` must be a non-empty list, found an empty list"),
        ("r: { given: stages, summary: s, severity: off, then: { name: a } }", "off", "to switch it off, write `rules: { r: off }`"),
        ("r: { given: stages, summary: s, then: { name: a }, message: 'see {exits}' }", "'see", "{exits} holds a list of transitions, which a message cannot show"),
    ])
    func aBrokenRuleIsAConfigurationErrorAtItsLine(rule: String, at anchor: String, message: String) throws {
        let column = try #require(rule.range(of: anchor)).lowerBound.utf16Offset(in: rule) + 3
        do {
            let configuration = try houseConfiguration("  " + rule + "\n")
            Issue.record("accepted a broken rule: \(rule) → \(configuration.houseRules.map(\.id))")
        } catch {
            #expect(error.position == SourcePosition(line: 2, column: column), "\(error.description)")
            #expect(error.message.contains(message), "\(error.description)")
        }
    }

    @Test func rulesSettingsMayNameHouseRulesOnly() throws {
        let known = try houseConfiguration("  my-rule: { given: stages, summary: s, then: { name: a } }\n", more: "rules: { my-rule: off }\n")
        #expect(known.disabledRules == ["my-rule"])
        do {
            _ = try houseConfiguration("  my-rule: { given: stages, summary: s, then: { name: a } }\n", more: "rules: { my-rul: off }\n")
            Issue.record("accepted an unknown rule id")
        } catch {
            #expect(error.position == SourcePosition(line: 1, column: 10))
            #expect(error.message.contains("did you mean 'my-rule'?"), "\(error.description)")
        }
    }

    @Test func examplesRunAndNameTheLineThatDidNotBehave() throws {
        let configuration = try houseConfiguration("""
              sla-fast:
                given: stages
                summary: SLAs are at most a day.
                where: { sla: { defined: true } }
                then: { sla.within: { max: 1d } }
                examples:
                  triggering:
                    - |
                      playbook: P
                      stages:
                        a:
                          name: A
                          kind: entry
                          sla: { within: 2d }  # <-
                          exits: [{ to: b, when: Deal created }]
                        b: { name: B, kind: won }
                  passing:
                    - |
                      playbook: P
                      stages:
                        a:
                          name: A
                          kind: entry
                          sla: { within: 3d }
                          exits: [{ to: b, when: Deal created }]
                        b: { name: B, kind: won }

            """)
        let outcomes = HouseRuleExamples.run(configuration)
        #expect(outcomes.count == 1 && outcomes[0].examples == 2)
        #expect(outcomes[0].failures == [HouseRuleExamples.Failure(
            rule: "sla-fast", kind: .passing, example: 1, line: 6, fileLine: 25,
            problem: "the rule reported here, but the line is not marked `# <-`: SLAs are at most a day.",
            text: "    sla: { within: 3d }")])
    }
}
