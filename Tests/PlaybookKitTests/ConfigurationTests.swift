import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

private func parseConfig(_ text: String) throws(ConfigurationError) -> Configuration {
    try ConfigurationLoader.parse(Array(text.utf8), file: ".stagelint.yml")
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test func fullConfigIsRead() throws {
        let configuration = try parseConfig("""
            fail-on: warning
            rules:
              missing-sla: error
              untestable-rule: off
            vocabulary:
              vague: [synergy, best-in-class]
              allow: [engaged]
            ignore:
              - playbooks/drafts/**
            limits: { max-depth: 20, max-nodes: 5000, max-file-bytes: 65536 }
            """)
        #expect(configuration.failOn == .warning)
        #expect(configuration.severity(of: .missingSLA) == .error)
        #expect(configuration.severity(of: .untestableRule) == nil)
        #expect(configuration.severity(of: .vagueRule) == .warning)
        #expect(configuration.disabledRules == ["untestable-rule"])
        #expect(configuration.vocabulary.hedges.contains("synergy"))
        #expect(!configuration.vocabulary.judgements.contains("engage"))
        #expect(Vocabulary.builtIn.judgements.contains("engage"))
        #expect(configuration.ignore.map(\.pattern) == ["playbooks/drafts/**"])
        #expect(configuration.limits == YAMLLimits(maxFileBytes: 65536, maxDepth: 20, maxNodes: 5000))
    }

    @Test func emptyConfigIsTheDefault() throws {
        let configuration = try parseConfig("# nothing yet\n")
        #expect(configuration.failOn == .error)
        #expect(configuration.severities.isEmpty)
    }

    @Test(arguments: [
        ("rule:\n  missing-sla: error\n", 1, 1, "unknown key 'rule' in the config file; did you mean 'rules'?"),
        ("rules:\n  missing-slaa: error\n", 2, 3, "unknown rule 'missing-slaa'; did you mean 'missing-sla'?"),
        ("rules:\n  missing-sla: eror\n", 2, 16, "did you mean 'error'?"),
        ("fail-on: off\n", 1, 10, "`fail-on` must be one of error, warning, info"),
        ("vocabulary:\n  vague: synergy\n", 2, 10, "`vocabulary.vague` must be a list of strings"),
        ("ignore: [1, {a: b}]\n", 1, 13, "items of `ignore` must be non-empty strings"),
        ("limits: { max-depth: -3 }\n", 1, 22, "`limits.max-depth` must be a whole number from 1 to 10000"),
        ("fail-on: [warning\n", 2, 1, "did not find expected"),
        ("- a\n", 1, 1, "the config file must be a mapping"),
    ])
    func invalidConfigNamesLineAndProblem(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try parseConfig(text)
            Issue.record("accepted an invalid config: \(text)")
        } catch {
            #expect(error.position == SourcePosition(line: line, column: column), "\(error.description)")
            #expect(error.message.contains(message), "\(error.description)")
            #expect(error.description.hasPrefix("invalid config .stagelint.yml:\(line):\(column): "))
        }
    }

    @Test func severitiesAndOffApplyToFindings() throws {
        let yaml = "playbook: x\nstages:\n  a: { name: Working, kind: entry, exits: [{ to: b, when: Form submitted }] }\n  b: { name: B, kind: won, entry: Deal created }\n"
        let plain = Linter().check(file: "f.yaml", bytes: Array(yaml.utf8)).diagnostics.map(\.rule)
        #expect(plain.contains("vague-stage-name"))
        var configuration = Configuration()
        configuration.severities = ["vague-stage-name": Severity?.some(.error), "no-nurture-stage": Severity?.none]
        let report = Linter(configuration: configuration).check(file: "f.yaml", bytes: Array(yaml.utf8))
        #expect(report.diagnostics.first { $0.rule == "vague-stage-name" }?.severity == .error)
        #expect(!report.diagnostics.contains { $0.rule == "no-nurture-stage" })
    }

    @Test func vocabularyExtendsAndTrimsTheHedges() throws {
        let yaml = cleanPlaybook.replacingFirst("    entry: Lead score of 60 or more", with: "    entry: Lead score of 60 or more and synergy confirmed by SDR")
        #expect(!check(yaml).diagnostics.contains { $0.rule == "vague-rule" })
        let configuration = try parseConfig("vocabulary:\n  vague: [synergy]\n")
        let report = Linter(configuration: configuration).check(file: "test.yaml", bytes: Array(yaml.utf8))
        #expect(report.diagnostics.contains { $0.rule == "vague-rule" && $0.message.contains("'synergy'") })

        let engaged = cleanPlaybook.replacingFirst("    entry: Lead score of 60 or more", with: "    entry: Engaged with a webinar and scored 60")
        #expect(check(engaged).diagnostics.contains { $0.rule == "vague-rule" })
        let allowing = try parseConfig("vocabulary:\n  allow: [engage]\n")
        #expect(!Linter(configuration: allowing).check(file: "t", bytes: Array(engaged.utf8)).diagnostics.contains { $0.rule == "vague-rule" })
    }

    @Test func globs() {
        #expect(Glob.matches("playbooks/drafts/**", "playbooks/drafts/a.yaml"))
        #expect(Glob.matches("playbooks/drafts/**", "playbooks/drafts/deep/b.yml"))
        #expect(!Glob.matches("playbooks/drafts/**", "playbooks/live/a.yaml"))
        #expect(Glob.matches("**/*.draft.yaml", "x/y/z.draft.yaml"))
        #expect(Glob.matches("*.draft.yaml", "x/y/z.draft.yaml"))
        #expect(Glob.matches("playbooks/drafts", "playbooks/drafts/a.yaml"))
        #expect(Glob.matches("playbooks/?.yaml", "playbooks/a.yaml"))
        #expect(!Glob.matches("playbooks/?.yaml", "playbooks/ab.yaml"))
        #expect(PathTools.relative("/repo/playbooks/a.yaml", to: "/repo") == "playbooks/a.yaml")
    }

    @Test func discoveryFindsTheNearestConfigUpToTheRepositoryRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-config-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("repo/playbooks/team")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        // Above the repository root: must not be used.
        try Data("fail-on: info\n".utf8).write(to: root.appendingPathComponent(".stagelint.yml"))
        let loader = try ConfigurationLoader()
        let playbook = nested.appendingPathComponent("a.yaml").path
        #expect(try loader.configuration(for: playbook).file == nil)
        try Data("fail-on: warning\n".utf8).write(to: root.appendingPathComponent("repo/.stagelint.yml"))
        let fresh = try ConfigurationLoader()
        #expect(try fresh.configuration(for: playbook).failOn == .warning)
        try Data("fail-on: error\n".utf8).write(to: nested.appendingPathComponent(".stagelint.yml"))
        #expect(try ConfigurationLoader().configuration(for: playbook).failOn == .error)
        let explicit = try ConfigurationLoader(explicitFile: root.appendingPathComponent(".stagelint.yml").path)
        #expect(try explicit.configuration(for: playbook).failOn == .info)
    }
}

@Suite("Suppression comments")
struct SuppressionTests {
    static let base = """
        playbook: x
        stages:
          a: { name: A, kind: entry, exits: [{ to: w, when: Form submitted }, { to: l, when: SDR confirmed no budget }] }
          working:
            name: Working
          w: { name: W, kind: won, entry: Deal created }
          l: { name: L, kind: disqualified, entry: SDR confirmed no budget, reasons: { no_budget: No budget } }
        """

    func rules(_ yaml: String) -> [String] {
        check(yaml).diagnostics.map { "\($0.line) \($0.rule)" }
    }

    @Test func unsuppressedBaseline() {
        let found = rules(Self.base)
        #expect(found.contains("5 vague-stage-name"))
        #expect(found.contains("4 unreachable-stage"))
    }

    @Test func disableLine() {
        let yaml = Self.base.replacingFirst("    name: Working", with: "    name: Working # stagelint-disable-line vague-stage-name -- agreed with sales")
        #expect(!rules(yaml).contains("5 vague-stage-name"))
        #expect(rules(yaml).contains("4 unreachable-stage"))
        #expect(!rules(yaml).contains { $0.hasSuffix("unused-suppression") })
    }

    @Test func disableNextLineWithSeveralRules() {
        let yaml = Self.base.replacingFirst("  working:\n", with: "  # stagelint-disable-next-line unreachable-stage, missing-owner missing-entry-rule\n  working:\n")
        let found = rules(yaml)
        #expect(!found.contains { $0.hasPrefix("5 ") && ($0.hasSuffix("unreachable-stage") || $0.hasSuffix("missing-owner")) })
        #expect(found.contains("6 vague-stage-name"))
    }

    @Test func rangeUntilEnableAndToEndOfFile() {
        let yaml = "# stagelint-disable\n" + Self.base.replacingFirst("  w: {", with: "# stagelint-enable\n  w: {")
        let found = rules(yaml)
        #expect(!found.contains { $0.hasSuffix("vague-stage-name") || $0.hasSuffix("unreachable-stage") })
        #expect(found.contains { $0.hasSuffix("no-nurture-stage") } == false)
        let toEnd = "# stagelint-disable dead-end-stage\n" + Self.base
        #expect(!rules(toEnd).contains { $0.hasSuffix("dead-end-stage") })
        #expect(rules(toEnd).contains("6 vague-stage-name"))
    }

    @Test func unusedAndUnknownDirectivesAreReported() {
        let yaml = Self.base
            .replacingFirst("playbook: x", with: "playbook: x # stagelint-disable-line vague-rule")
            .replacingFirst("    name: Working", with: "    name: Working # stagelint-disable-line vague-stage-nam")
        let report = check(yaml)
        let unused = report.diagnostics.filter { $0.rule == "unused-suppression" }
        #expect(unused.map(\.line) == [1, 5])
        #expect(unused.first.map { "\($0.line):\($0.column)" } == "1:13")
        #expect(unused.last?.message.contains("unknown rule 'vague-stage-nam' (did you mean 'vague-stage-name'?)") == true)
        #expect(unused.first?.severity == .info)
    }

    @Test func findingsAboutADirectiveSpanItsComment() {
        // Columns count Unicode scalars, as libyaml's do: "e" and a combining accent are two.
        let yaml = Self.base.replacingFirst("playbook: x", with: "playbook: 'Cafe\u{301}' # stagelint-disable-line vague-rule  ")
        let unused = check(yaml).diagnostics.filter { $0.rule == "unused-suppression" }
        #expect(unused.map { "\($0.line):\($0.column)-\($0.span.end.line):\($0.span.end.column)" } == ["1:19-1:54"])
        let bytes = Array(yaml.utf8)
        let range = unused.first.flatMap { finding in finding.offset.flatMap { start in finding.endOffset.map { start..<$0 } } }
        #expect(range.map { String(decoding: bytes[$0], as: UTF8.self) } == "# stagelint-disable-line vague-rule")
    }

    @Test func commentsInsideQuotesAreNotDirectives() {
        let yaml = Self.base.replacingFirst("    name: Working", with: "    name: 'Working # stagelint-disable-line vague-stage-name'")
        #expect(!rules(yaml).contains { $0.hasSuffix("unused-suppression") })
    }

    @Test func directiveParsing() {
        let (kind, rules, reason) = Suppressions.parse("disable-line a, b c -- because sales said so # <-")
        #expect(kind == "disable-line")
        #expect(rules == ["a", "b", "c"])
        #expect(reason == "because sales said so")
    }
}

@Suite("Rule reference")
struct RuleReferenceTests {
    @Test func docsRulesMarkdownIsFresh() throws {
        let path = packageRoot.appendingPathComponent("docs/rules.md").path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == RuleDocumentation.markdown(), "docs/rules.md is stale: run `swift run stagelint rules --format markdown > docs/rules.md`")
    }

    @Test func everyRuleIsDocumentedAndExplained() {
        let markdown = RuleDocumentation.markdown()
        let table = RuleDocumentation.table()
        for rule in RuleCatalog.all {
            #expect(markdown.contains("### \(rule.id)\n"))
            #expect(table.contains(rule.id))
            let explained = RuleDocumentation.explain(rule)
            #expect(explained.contains(rule.rationale.split(separator: " ").prefix(3).joined(separator: " ")))
            #expect(rule.rationale.count > 80, "\(rule.id) needs a real rationale")
        }
        #expect(RuleCatalog.all.count == 37)
    }
}

@Suite("Suppression edge cases")
struct SuppressionEdgeCaseTests {
    static let base = SuppressionTests.base

    func rules(_ yaml: String) -> [String] {
        check(yaml).diagnostics.map { "\($0.line) \($0.rule)" }
    }

    @Test func unknownIdsAreReportedEvenWhenTheDirectiveIsUsed() {
        let yaml = Self.base.replacingFirst("    name: Working", with: "    name: Working # stagelint-disable-line vague-stage-name, vauge-rule")
        let found = check(yaml).diagnostics.filter { $0.rule == "unused-suppression" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("unknown rule 'vauge-rule' (did you mean 'vague-rule'?)") == true)
        #expect(!rules(yaml).contains("5 vague-stage-name"))
    }

    @Test func misspeltEnableAndDirectiveKindsAreReported() {
        let yaml = "# stagelint-disable vague-stage-name\n# stagelint-enable vauge-stage-name\n# stagelint-disable-nextline unreachable-stage\n" + Self.base
        let found = check(yaml).diagnostics.filter { $0.rule == "unused-suppression" }.map(\.message)
        #expect(found.contains { $0.contains("`stagelint-enable` names unknown rule 'vauge-stage-name'") })
        #expect(found.contains { $0.contains("`stagelint-disable-nextline` is not a directive; did you mean `stagelint-disable-next-line`?") })
    }

    @Test func textInsideBlockScalarsIsNotADirective() {
        let yaml = Self.base.replacingFirst("playbook: x", with: "playbook: x\ndescription: |\n  Notes:\n  # stagelint-disable vague-stage-name\n  more notes")
        #expect(rules(yaml).contains("9 vague-stage-name"))
        #expect(!rules(yaml).contains { $0.hasSuffix("unused-suppression") })
    }

    @Test func ruleListEndsAtAnyHash() {
        let (_, rules, _) = Suppressions.parse("disable-line vague-rule#why")
        #expect(rules == ["vague-rule"])
    }
}
