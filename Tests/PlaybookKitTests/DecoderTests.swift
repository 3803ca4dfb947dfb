import Testing
import YAMLReader
@testable import PlaybookKit

@Suite("Decoding the model")
struct DecoderModelTests {
    @Test func cleanPlaybookDecodesEverything() throws {
        let report = check(cleanPlaybook)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let playbook = try #require(report.playbook)
        #expect(playbook.title?.value == "Demo-led SaaS inbound")
        #expect(playbook.version?.value == "3")
        #expect(playbook.stages.map(\.id.value) == ["new_lead", "mql", "nurture", "opportunity", "disqualified"])
        let mql = try #require(playbook.stage("mql"))
        #expect(mql.kind == .active)
        #expect(mql.kindSpan == nil)
        #expect(mql.sla?.within?.value == Duration(amount: 1, unit: .days))
        #expect(mql.sla?.within?.value.totalMinutes == 1440)
        #expect(mql.entry?.items.map(\.value) == ["Lead score of 60 or more"])
        #expect(mql.transitions.map { $0.to?.value } == ["opportunity", "nurture", "disqualified"])
        #expect(mql.transitions[0].to?.position == SourcePosition(line: 25, column: 13))
        #expect(playbook.stage("nurture")?.nurture?.followUp?.value.description == "90d")
        #expect(playbook.stage("disqualified")?.reasons?.map(\.code.value) == ["no_budget"])
        #expect(playbook.team("sdr")?.role?.value == .salesDevelopment)
    }

    @Test func extensionKeysAreKeptAndNeverReported() throws {
        let yaml = cleanPlaybook.replacingFirst("  mql:\n", with: "  mql:\n    x-crm: { value: MQL, ids: [1, 2] }\n")
        let report = check("x-owner: revops\n" + yaml)
        #expect(report.diagnostics.isEmpty)
        let playbook = try #require(report.playbook)
        #expect(playbook.extensions.first?.key.value == "x-owner")
        let ext = try #require(playbook.stage("mql")?.extensions.first)
        #expect(ext.value == .map([(key: "value", value: .string("MQL")), (key: "ids", value: .list([.int(1), .int(2)]))]))
    }

    @Test func stringFieldsTakeNumbersAndBooleansAsWritten() throws {
        let report = check("playbook: No\nversion: 2.1\nstages:\n  a:\n    name: 2024\n")
        let playbook = try #require(report.playbook)
        #expect(playbook.title?.value == "No")
        #expect(playbook.version?.value == "2.1")
        #expect(playbook.stages.first?.name?.value == "2024")
    }

    @Test func mergeKeysWorkInPlaybooks() throws {
        let yaml = cleanPlaybook.replacingFirst("    sla: { within: 1d, action: First call attempt }",
            with: "    sla:\n      <<: *fast\n      action: First call attempt")
        let withAnchor = "x-defaults:\n  sla: &fast { within: 4h, action: Call }\n" + yaml
        let report = check(withAnchor)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let sla = try #require(report.playbook?.stage("mql")?.sla)
        #expect(sla.within?.value.description == "4h")
        #expect(sla.action?.value == "First call attempt")
    }
}

@Suite("Structural findings")
struct StructuralFindingTests {
    @Test func unknownKeySuggestsTheClosestKnownKey() throws {
        let yaml = cleanPlaybook.replacingFirst("    required_fields: [use_case]", with: "    requried_fields: [use_case]")
        let found = try #require(findings(yaml, rule: "unknown-key").first)
        #expect(found.message == "unknown key 'requried_fields' in stage 'mql'; did you mean 'required_fields'?")
        #expect((found.line, found.column) == (22, 5))
        #expect(found.severity == .error)
    }

    @Test func unknownKeyWithoutSuggestionListsTheKeys() throws {
        let found = try #require(findings("playbook: x\nstages: {}\ncolour: blue\n", rule: "unknown-key").first)
        #expect(found.message.contains("the keys of the top level are playbook, version"))
        #expect(found.message.contains("'x-'"))
    }

    @Test func misspeltExitsIsReadAsExitsSoNoDeadEndCascades() throws {
        let yaml = cleanPlaybook.replacingFirst("    exits:\n      - to: mql", with: "    exit:\n      - to: mql")
        let report = check(yaml)
        #expect(report.diagnostics.map(\.rule) == ["unknown-key"])
    }

    @Test func invalidValuesListWhatIsAccepted() throws {
        let yaml = cleanPlaybook
            .replacingFirst("    kind: nurture", with: "    kind: nuture")
            .replacingFirst("within: 1d", with: "within: 1 day")
        let found = findings(yaml, rule: "invalid-value")
        #expect(found.count == 2)
        #expect(found.contains { $0.message.contains("unknown kind 'nuture'; did you mean 'nurture'? Use one of: entry, active, nurture, disqualified, won") })
        #expect(found.contains { $0.message.contains("'1 day' is not a duration") && $0.message.contains("30m, 4h, 2d or 1w") })
        #expect(found.contains { $0.line == 23 && $0.column == 20 })
        #expect(found.contains { $0.line == 34 && $0.column == 11 })
    }

    @Test func badIdsAndProbabilitiesAreInvalid() throws {
        let yaml = cleanPlaybook
            .replacingFirst("  opportunity:\n", with: "  Opportunity Won:\n")
            .replacingFirst("      - to: opportunity", with: "      - to: Opportunity Won")
            .replacingFirst("    entry: Lead score of 60 or more", with: "    entry: Lead score of 60 or more\n    probability: \"40%\"")
        let found = findings(yaml, rule: "invalid-value")
        #expect(found.contains { $0.message.contains("'Opportunity Won' is not a valid stage id") && $0.message.contains("'opportunity_won'") })
        #expect(found.contains { $0.message == "`probability` must be a number, not the string '40%'; write 40" })
        #expect(findings("playbook: x\nstages:\n  a: { name: A, probability: 140 }\n", rule: "invalid-value").first?.message
            .contains("outside 0–100") == true)
    }

    @Test func emptyValuesAreInvalid() throws {
        let found = findings("playbook: x\nstages:\n  a:\n    name: A\n    owner:\n", rule: "invalid-value")
        #expect(found.map(\.message) == ["`owner` is empty; write a value or remove the key"])
        #expect(found.first?.line == 5)
    }

    @Test func missingKeysAreReportedAtTheirOwner() throws {
        let found = findings("stages:\n  a:\n    kind: entry\n    exits:\n      - when: Form submitted\n", rule: "missing-key")
        let where_ = found.map { "\($0.line):\($0.column)" }
        #expect(where_ == ["1:1", "2:3", "5:9"])
        #expect(found[0].message.contains("`playbook`"))
        #expect(found[1].message == "stage 'a' has no `name` (the stage's display name); add it")
        #expect(found[2].message.contains("has no `to`"))
    }

    @Test func emptyFileAndWrongTopLevel() throws {
        #expect(check("").diagnostics.map(\.rule) == ["missing-key"])
        #expect(check("# just a comment\n").diagnostics.map(\.rule) == ["missing-key"])
        let list = check("- a\n- b\n").diagnostics
        #expect(list.map(\.rule) == ["invalid-value"])
        #expect(list.first?.message.contains("holds a list") == true)
        #expect(check("just text\n").diagnostics.map(\.rule) == ["invalid-value"])
    }

    @Test func duplicateStageNamesIgnoreCaseAndSpaces() throws {
        let yaml = cleanPlaybook.replacingFirst("    name: Nurture", with: "    name: marketing  qualifiedLEAD")
        let found = try #require(findings(yaml, rule: "duplicate-stage").first)
        #expect(found.message.contains("already used by stage 'mql'"))
        #expect((found.line, found.column) == (32, 11))
    }

    @Test func undefinedReferencesSuggest() throws {
        let yaml = cleanPlaybook
            .replacingFirst("    owner: sdr", with: "    owner: sdrs")
            .replacingFirst("[use_case]", with: "[usecase]")
            .replacingFirst("      - to: opportunity", with: "      - to: Opportunity Created")
        let report = check(yaml)
        let messages = Dictionary(grouping: report.diagnostics, by: \.rule)
        #expect(messages["undefined-team"]?.first?.message
            == "stage 'mql' is owned by undefined team 'sdrs'; did you mean 'sdr'? (declared teams: marketing, sdr)")
        #expect(messages["undefined-field"]?.first?.message == "stage 'mql' requires undefined field 'usecase'; did you mean 'use_case'?")
        #expect(messages["undefined-stage"]?.first?.message
            == "transition goes to undefined stage 'Opportunity Created'; did you mean 'opportunity'?")
        // The intended target is used for flow analysis: no unreachable-stage cascade.
        #expect(messages["unreachable-stage"] == nil)
        #expect(report.diagnostics.count == 3)
    }

    @Test func ownersWithoutTeamsAreReportedOnce() throws {
        let found = check("playbook: x\nstages:\n  a: { name: A, kind: entry, owner: sdr }\n  b: { name: B, owner: ae }\n")
            .diagnostics.filter { $0.rule == "missing-key" || $0.rule == "undefined-team" }
        #expect(found.map(\.rule) == ["missing-key"])
        #expect(found.first?.message.contains("no `teams`") == true)
    }

    @Test func fieldValuesAndTypes() throws {
        let base = "playbook: x\nfields:\n  f: { type: enum }\n  g: { type: text, values: [a] }\n  h: { values: [a, b] }\nstages: {}\n"
        let report = check("# stagelint-disable unused-field\n" + base)
        #expect(report.diagnostics.filter { $0.rule == "missing-key" }.map(\.line) == [4])
        #expect(report.diagnostics.filter { $0.rule == "invalid-value" }.contains { $0.line == 5 && $0.message.contains("set `type: enum`") })
        #expect(!report.diagnostics.contains { $0.line == 6 })
    }

    @Test func yamlProblemsBecomeFindings() throws {
        #expect(check("playbook: x\nplaybook: y\nstages: {}\n").diagnostics.contains { $0.rule == "duplicate-key" && $0.line == 2 })
        #expect(check("playbook: *nope\nstages: {}\n").diagnostics.contains { $0.rule == "yaml-syntax" && $0.message.contains("undefined alias") })
        #expect(check("playbook: x\nstages:\n  a:\n    <<: 3\n    name: A\n").diagnostics.contains { $0.rule == "invalid-value" && $0.line == 4 })
        let syntax = check("playbook: [x\n").diagnostics
        #expect(syntax.map(\.rule) == ["yaml-syntax"])
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced. A missing target fails the
    /// calling test, so an edit that no longer applies cannot make a test pass by accident.
    func replacingFirst(_ target: String, with replacement: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        guard let range = range(of: target) else {
            Issue.record("text to replace not found: \(target)", sourceLocation: sourceLocation)
            return self
        }
        return replacingCharacters(in: range, with: replacement)
    }
}

@Suite("One mistake, one finding")
struct CascadeTests {
    @Test func typoInASharedAnchorIsReportedOnce() {
        let yaml = cleanPlaybook
            .replacingFirst("playbook: Demo-led SaaS inbound", with: "playbook: Demo-led SaaS inbound\nx-sla: &s { withn: 4h, action: Call }")
            .replacingFirst("    sla: { within: 1d, action: First call attempt }", with: "    sla: *s")
            .replacingFirst("    kind: nurture\n", with: "    kind: nurture\n    x-sla: *s\n")
        let found = check(yaml).diagnostics.filter { $0.rule == "unknown-key" }
        #expect(found.count == 1)
    }

    @Test func bareStageIdsAsExitsAreOneFindingEach() {
        let yaml = cleanPlaybook.replacingFirst("""
                exits:
                  - to: mql
                    when: Lead score reaches 60
                  - to: disqualified
                    when: Email domain is on the competitor list
            """, with: "    exits: [mql, disqualified]")
        let rules = check(yaml).diagnostics.map(\.rule)
        #expect(rules == ["invalid-value", "invalid-value"])
    }

    @Test func stageWrittenAsAStringIsOneFinding() {
        let yaml = cleanPlaybook.replacingFirst("      - to: nurture", with: "      - to: paused\n        when: Prospect asked to pause the evaluation\n      - to: nurture")
            + "\n  paused: Paused\n"
        #expect(check(yaml).diagnostics.map(\.rule) == ["invalid-value"])
        // Not referenced at all, it is also unreachable: that depends on the transitions into it, not on its value.
        #expect(check(cleanPlaybook + "\n  paused: Paused\n").diagnostics.map(\.rule).sorted() == ["invalid-value", "unreachable-stage"])
    }

    @Test func nullExitsIsOneFinding() {
        let yaml = cleanPlaybook.replacingFirst("""
                exits:
                  - to: mql
                    when: Demo request form submitted again
            """, with: "    exits: ~")
        #expect(check(yaml).diagnostics.map(\.rule) == ["invalid-value"])
    }

    @Test func mistypedKindIsReadAsTheLikelyKind() {
        let yaml = cleanPlaybook.replacingFirst("    kind: entry", with: "    kind: entyr")
        let found = check(yaml).diagnostics
        #expect(found.map(\.rule) == ["invalid-value"])
        #expect(found.first?.message.contains("did you mean 'entry'?") == true)
        let unknown = check(cleanPlaybook.replacingFirst("    kind: entry", with: "    kind: start")).diagnostics
        #expect(unknown.map(\.rule) == ["invalid-value"])
        #expect(unknown.first?.message.contains("unknown kind 'start'; use one of: entry") == true)
    }

    @Test func undefinedAliasAsMergeIsOneFinding() {
        let yaml = cleanPlaybook.replacingFirst("    kind: nurture\n", with: "    kind: nurture\n    x-extra:\n      <<: *nowhere\n")
        #expect(check(yaml).diagnostics.map(\.rule) == ["yaml-syntax"])
    }

    @Test func trailingDocumentMarkerIsAccepted() {
        #expect(check(cleanPlaybook + "\n---\n").diagnostics.isEmpty)
        #expect(check("---\n").diagnostics.map { "\($0.line):\($0.column) \($0.rule)" } == ["1:1 missing-key"])
    }

    @Test func yamlAdviceFitsTheMistake() {
        let tab = check("playbook: x\nstages:\n  a:\n\tname: A\n").diagnostics
        #expect(tab.first?.message.hasSuffix("indent with spaces, not tabs") == true)
        let colon = check("playbook: x\nstages:\n  a:\n    name: A\n    kind entry\n    owner: b\n").diagnostics
        #expect(colon.map { "\($0.line):\($0.column)" } == ["5:5"])
        #expect(colon.first?.message.contains("no ':'") == true)
        let utf8 = Linter().check(file: "f", bytes: Array("caf".utf8) + [0xE9, 0x0A]).diagnostics
        #expect(utf8.map { "\($0.line):\($0.column)" } == ["1:4"])
        #expect(utf8.first?.message.contains("byte 0xE9 at offset 3") == true)
    }
}
