import Testing
import PlaybookKit

/// Every rule's documented examples are run: a triggering example must report the rule exactly on
/// the lines marked `# <-`, a passing example must not report it at all.
@Suite("Rule examples")
struct RuleExampleTests {
    @Test("triggering examples report at the marked lines", arguments: RuleCatalog.all)
    func triggeringExamples(rule: RuleDescription) {
        #expect(!rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
        for example in rule.triggeringExamples {
            let expected = RuleDescription.markedLines(in: example)
            #expect(!expected.isEmpty, "an example of \(rule.id) marks no line")
            let reported = findings(example, rule: rule.id).map(\.line)
            #expect(reported.sorted() == expected, "\(rule.id): expected lines \(expected), got \(reported)\n\(example)")
        }
    }

    @Test("passing examples do not report", arguments: RuleCatalog.all)
    func passingExamples(rule: RuleDescription) {
        #expect(!rule.passingExamples.isEmpty, "\(rule.id) has no passing example")
        for example in rule.passingExamples {
            #expect(RuleDescription.markedLines(in: example).isEmpty)
            let reported = findings(example, rule: rule.id)
            #expect(reported.isEmpty, "\(rule.id) reported on a passing example: \(reported.map(\.message))")
        }
    }

    @Test func catalogueIdsAreUniqueAndWellFormed() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { Identifier.isValid($0) })
        #expect(RuleCatalog.rule("undefined-stage")?.defaultSeverity == .error)
        #expect(RuleCatalog.rule("missing-off-ramp")?.defaultSeverity == .warning)
        #expect(RuleCatalog.rule("no-such-rule") == nil)
    }

    @Test func contractRuleIdsAreAllPresent() {
        let contract = [
            "yaml-syntax", "duplicate-key", "unknown-key", "invalid-value", "missing-key", "duplicate-stage",
            "undefined-stage", "undefined-team", "undefined-field", "resource-limit", "no-entry-stage",
            "unreachable-stage", "dead-end-stage", "no-path-to-end", "terminal-with-exits", "missing-off-ramp",
            "no-disqualified-stage", "no-nurture-stage", "nurture-without-reentry",
        ]
        #expect(contract.allSatisfy { RuleCatalog.rule($0) != nil })
    }
}

extension RuleDescription: CustomTestStringConvertible {
    public var testDescription: String { id }
}
