import Foundation
import Testing
@testable import PlaybookKit

/// Did-you-mean that reads the playbook: among equally close ids, the one the reference is probably
/// the missing link to.
@Suite("Suggestions that read the graph")
struct GraphSuggestionTests {
    /// `new_lead` exits to `target`; `sql` and `dq` exist; `new_lead` also exits to `dq` when `dqWayIn`,
    /// and to `sql` when `sqlWayIn`.
    static func funnel(to target: String, dqWayIn: Bool = true, sqlWayIn: Bool = false) -> String {
        var exits = "      - to: \(target)\n        when: SDR confirmed use case and timeline on a call\n"
        if dqWayIn { exits += "      - to: dq\n        when: Email domain is on the competitor list\n" }
        if sqlWayIn { exits += "      - to: sql\n        when: Demo request form submitted\n" }
        return "playbook: Inbound\nstages:\n  new_lead:\n    name: New Lead\n    kind: entry\n    exits:\n" + exits
            + "  sql:\n    name: Sales Qualified Lead\n    exits:\n      - to: dq\n        when: SDR recorded no budget\n"
            + "  dq:\n    name: Disqualified\n    kind: disqualified\n"
    }

    func undefinedStageMessage(_ yaml: String) throws -> String {
        try #require(findings(yaml, rule: "undefined-stage").first).message
    }

    @Test func theStageWithoutAWayInWinsATie() throws {
        // `sq` is one edit from `sql` and from `dq`; `sql` has no way in, `dq` has one.
        #expect(try undefinedStageMessage(Self.funnel(to: "sq")) == "transition goes to undefined stage 'sq'; did you mean 'sql'?")
        // The typo counts as the way into `sql`: no unreachable-stage cascade.
        #expect(findings(Self.funnel(to: "sq"), rule: "unreachable-stage").isEmpty)
    }

    @Test func noWayInCountsBeforeThePrefix() throws {
        // `sql` is begun by `sq` but already reached; `dq` is reached by nothing: the typo is its way in.
        let yaml = "playbook: Inbound\nstages:\n  new_lead:\n    name: New Lead\n    kind: entry\n    exits:\n"
            + "      - to: sql\n        when: Demo request form submitted\n"
            + "  sql:\n    name: Sales Qualified Lead\n    exits:\n      - to: sq\n        when: SDR recorded no budget\n"
            + "  dq:\n    name: Disqualified\n    kind: disqualified\n"
        #expect(try undefinedStageMessage(yaml) == "transition goes to undefined stage 'sq'; did you mean 'dq'?")
        #expect(findings(yaml, rule: "unreachable-stage").isEmpty)
    }

    @Test func thenTheIdTheReferenceBegins() throws {
        // Both have a way in: `sq` begins `sql`, not `dq`.
        #expect(try undefinedStageMessage(Self.funnel(to: "sq", sqlWayIn: true)) == "transition goes to undefined stage 'sq'; did you mean 'sql'?")
        // A typo close to one stage only names that stage.
        #expect(try undefinedStageMessage(Self.funnel(to: "dqx")) == "transition goes to undefined stage 'dqx'; did you mean 'dq'?")
    }

    @Test func aRemainingTieNamesBoth() throws {
        // `aq` is one edit from `bq` and from `cq`: nothing leads to either, and it begins neither.
        let yaml = """
            playbook: Inbound
            stages:
              new_lead:
                name: New Lead
                kind: entry
                exits:
                  - to: aq
                    when: SDR confirmed use case and timeline on a call
              bq:
                name: B
              cq:
                name: C
            """
        #expect(try undefinedStageMessage(yaml) == "transition goes to undefined stage 'aq'; did you mean 'bq' or 'cq'?")
        // Each named stage counts as reached through the typo: neither is reported unreachable.
        #expect(findings(yaml, rule: "unreachable-stage").isEmpty)
    }

    @Test func teamsAndFieldsPreferTheUnusedOne() throws {
        let yaml = """
            playbook: Inbound
            teams:
              sdr: { name: Sales Development, role: sales-development }
              sde: { name: Sales Desk, role: sales-development }
            fields:
              budget: { type: number }
              budgex: { type: number }
            stages:
              new_lead:
                name: New Lead
                kind: entry
                owner: sdr
                required_fields: [budget]
              sql:
                name: Sales Qualified Lead
                owner: sdx
                required_fields: [budgez]
            """
        // 'sdr' already owns a stage, 'sde' owns none; 'budget' is required, 'budgex' is not.
        #expect(try #require(findings(yaml, rule: "undefined-team").first).message
            == "stage 'sql' is owned by undefined team 'sdx'; did you mean 'sde'? (declared teams: sdr, sde)")
        #expect(try #require(findings(yaml, rule: "undefined-field").first).message
            == "stage 'sql' requires undefined field 'budgez'; did you mean 'budgex'?")
        // Used the other way round, the used ids lose.
        let swapped = yaml.replacingFirst("    owner: sdr", with: "    owner: sde")
            .replacingFirst("[budget]", with: "[budgex]")
        #expect(try #require(findings(swapped, rule: "undefined-team").first).message.contains("did you mean 'sdr'?"))
        #expect(try #require(findings(swapped, rule: "undefined-field").first).message.contains("did you mean 'budget'?"))
    }

    @Test func candidatesRankedAndCut() {
        let candidates = Suggestion.Candidates(["dq", "sql", "sqa", "opportunity"])
        #expect(candidates.suggestions(for: "sq") == ["sqa", "sql"])
        #expect(candidates.suggestions(for: "sq", preferring: { $0 == "dq" }) == ["dq"])
        #expect(candidates.suggestions(for: "oportunity") == ["opportunity"])
        #expect(candidates.suggestions(for: "zzzzzz").isEmpty)
        #expect(candidates.closest(to: "sq") == "dq")  // plain closest keeps its order by name
        #expect(Suggestion.didYouMean(["a", "b", "c"]) == "; did you mean 'a', 'b' or 'c'?")
        #expect(Suggestion.didYouMean(["a", "b", "c", "d", "e"]) == "; did you mean 'a', 'b', 'c' or 2 more equally close?")
        #expect(Suggestion.didYouMean([]) == "")
    }
}

/// Messages that say exactly what went wrong.
@Suite("Messages")
struct MessageTests {
    @Test func aCommaInAFlowMappingSaysSoAndShowsTheValueQuoted() throws {
        let yaml = cleanPlaybook.replacingFirst(
            "sla: { within: 1d, action: First call attempt }",
            with: "sla: { within: 1d, action: Accepts, recycles or rejects the lead }")
        let found = findings(yaml, rule: "unknown-key")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.message == "a comma inside `{ … }` ended the text of `action` in the sla of stage 'mql' at \"Accepts\", "
            + "and YAML read the rest as a key of its own; quote the whole text: `action: \"Accepts, recycles or rejects the lead\"`")
        #expect(!finding.message.contains("x-"))
        #expect((finding.line, finding.column, finding.span.end.column) == (23, 41, 69))
    }

    @Test func severalCommasAreOneFindingOverEveryPiece() throws {
        let yaml = cleanPlaybook.replacingFirst(
            "sla: { within: 1d, action: First call attempt }",
            with: "sla: { within: 1d, action: Call, email, \"text\" }")
        let found = findings(yaml, rule: "unknown-key")
        // A quoted piece is not plain text cut by a comma: only `email` is a piece.
        #expect(found.count == 2)
        let pieces = check(cleanPlaybook.replacingFirst(
            "sla: { within: 1d, action: First call attempt }", with: "sla: { within: 1d, action: Call, email, text }"))
            .diagnostics.filter { $0.rule == "unknown-key" }
        #expect(pieces.count == 1)
        #expect(pieces.first?.message.contains("`action: \"Call, email, text\"`") == true)
        #expect(pieces.first.map { [$0.column, $0.span.end.column] } == [38, 49])
    }

    @Test func onlyTextsCutByACommaAreReportedSo() throws {
        func messages(_ sla: String) -> [String] {
            findings(cleanPlaybook.replacingFirst("sla: { within: 1d, action: First call attempt }", with: sla), rule: "unknown-key")
                .map(\.message)
        }
        // A key written with a colon is a key (here a typo), not a piece of a text.
        #expect(messages("sla: { within: 1d, actoin: }") == ["unknown key 'actoin' in the sla of stage 'mql'; did you mean 'action'?"])
        // A duration holds no comma: the piece after it is an unknown key.
        #expect(messages("sla: { within: 1d, escalate }").first?.hasPrefix("unknown key 'escalate' in the sla of stage 'mql'") == true)
        // A misspelt text key still holds a text; the fix names the key it stands for.
        let transition = findings(cleanPlaybook.replacingFirst("      - to: opportunity\n        when: SDR confirmed use case and timeline on a call",
                                                               with: "      - { to: opportunity, whne: SDR confirmed use case, or timeline }"),
                                  rule: "unknown-key").map(\.message)
        #expect(transition.contains("unknown key 'whne' in the transition of stage 'mql' to 'opportunity'; did you mean 'when'?"))
        #expect(transition.contains { $0.hasSuffix("quote the whole text: `when: \"SDR confirmed use case, or timeline\"`") })
        // Reason descriptions are texts too.
        let reasons = check(cleanPlaybook.replacingFirst("    reasons:\n      no_budget: Budget mismatch",
                                                         with: "    reasons: { no_budget: Budget mismatch, or no authority, spam }"))
            .diagnostics
        #expect(reasons.map(\.rule) == ["unknown-key"])
        #expect(reasons.first?.message == "a comma inside `{ … }` ended the text of `no_budget` in the reasons of stage 'disqualified' at "
            + "\"Budget mismatch\", and YAML read the rest as a key of its own; quote the whole text: "
            + "`no_budget: \"Budget mismatch, or no authority, spam\"`")
    }

    @Test func anUnknownKeyWithAValueIsStillAnUnknownKey() throws {
        let yaml = cleanPlaybook.replacingFirst(
            "sla: { within: 1d, action: First call attempt }", with: "sla: { within: 1d, action: Call, urgency: high }")
        let finding = try #require(findings(yaml, rule: "unknown-key").first)
        #expect(finding.message.hasPrefix("unknown key 'urgency' in the sla of stage 'mql'"))
        // In a block mapping a key without a value is an unknown key too, not a cut text.
        let block = cleanPlaybook.replacingFirst("    owner: sdr\n", with: "    owner: sdr\n    urgent\n")
        #expect(check(block).diagnostics.contains { $0.rule == "yaml-syntax" || $0.message.hasPrefix("unknown key") })
    }

    @Test func aTransitionWithoutWhenNamesItsTarget() throws {
        let yaml = cleanPlaybook.replacingFirst("      - to: nurture\n        when: SDR rejected the lead as not buying this quarter\n",
                                                with: "      - to: nurture\n")
        let finding = try #require(findings(yaml, rule: "missing-key").first)
        #expect(finding.message == "the transition of stage 'mql' to 'nurture' has no `when` (the exit rule); add it")
        // Without a target the transition is named by its stage.
        let noTarget = findings("playbook: x\nstages:\n  a:\n    name: A\n    kind: entry\n    exits:\n      - action: Call\n",
                                rule: "missing-key").map(\.message)
        #expect(noTarget.contains { $0.hasPrefix("a transition of stage 'a' has no `to`") })
    }

    @Test func aSyntaxErrorReportsNoUnusedSuppression() {
        let broken = "# stagelint-disable-next-line vague-rule\n" + cleanPlaybook + "\n  broken: [\n"
        let report = check(broken)
        #expect(report.diagnostics.map(\.rule) == ["yaml-syntax"])
        // Once the file reads, the unused directive is reported again.
        let fixed = check("# stagelint-disable-next-line vague-rule\n" + cleanPlaybook)
        #expect(fixed.diagnostics.map(\.rule) == ["unused-suppression"])
        // An unknown rule id is wrong whether or not rules ran.
        let unknown = check("# stagelint-disable-next-line vauge-rule\n" + cleanPlaybook + "\n  broken: [\n")
        #expect(unknown.diagnostics.map(\.rule).sorted() == ["unused-suppression", "yaml-syntax"])
        #expect(unknown.diagnostics.first { $0.rule == "unused-suppression" }?.message.contains("unknown rule 'vauge-rule'") == true)
    }
}
