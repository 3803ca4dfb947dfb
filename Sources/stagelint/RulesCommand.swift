import ArgumentParser
import Foundation
import PlaybookKit

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: id, default severity and summary, the house rules of .stagelint.yml included.",
        discussion: """
            With --format markdown, prints the rule reference (docs/rules.md is this output). With --test, runs \
            the examples of every house rule and fails (exit 1) with each example and line that did not behave.
            """
    )

    @Option(help: "Output format: text or markdown.")
    var format: CatalogueFormat = .text

    @Option(name: .long, help: "Use this config file instead of searching for .stagelint.yml from the current folder.")
    var config: String?

    @Flag(name: .long, help: "Run the examples of every house rule.")
    var test = false

    func run() throws {
        let configuration = try folderConfiguration(config)
        let house = configuration.everyHouseRule.map(\.description)
        if test {
            try runExamples(configuration)
            return
        }
        switch format {
        case .text: print(RuleDocumentation.table(RuleCatalog.all + house), terminator: "")
        case .markdown: print(RuleDocumentation.markdown(RuleCatalog.all + house), terminator: "")
        }
    }

    private func runExamples(_ configuration: Configuration) throws {
        let outcomes = HouseRuleExamples.run(configuration)
        guard !outcomes.isEmpty else {
            print("no house rules to test (`custom-rules` in \(configuration.file ?? "no .stagelint.yml"))")
            return
        }
        var passed = 0
        var failed = 0
        for outcome in outcomes {
            let rule = outcome.rule
            let place = "\(rule.file):\(rule.position.line):\(rule.position.column)"
            if outcome.failures.isEmpty {
                print("ok    \(rule.id) (\(place)): \(outcome.examples.counted("example"))")
                passed += 1
                continue
            }
            failed += 1
            print("FAIL  \(rule.id) (\(place)):")
            for failure in outcome.failures {
                let place = failure.fileLine.map { " (\(rule.file):\($0))" } ?? ""
                print("  \(failure.kind.rawValue) example \(failure.example), line \(failure.line)\(place): \(failure.problem)")
                print("    \(failure.line) | \(failure.text)")
            }
            if outcome.examples == 0 { print("  (the rule has no examples)") }
        }
        let untested = outcomes.filter { $0.examples == 0 }.map(\.rule.id)
        if !untested.isEmpty { print("no examples: \(untested.joined(separator: ", ")) (add `examples` so the rule is tested)") }
        print("\(outcomes.count.counted("house rule")): \(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(ExitStatus.findings) }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: why it matters, with examples that trigger it and examples that do not."
    )

    @Argument(help: "A rule id, such as vague-rule, or the id of a house rule.")
    var rule: String

    @Option(name: .long, help: "Use this config file instead of searching for .stagelint.yml from the current folder.")
    var config: String?

    func run() throws {
        if let builtIn = RuleCatalog.rule(rule) {
            print(RuleDocumentation.explain(builtIn), terminator: "")
            return
        }
        let house = try folderConfiguration(config).everyHouseRule
        guard let found = house.first(where: { $0.id == rule }) else {
            let suggestion = Suggestion.closest(to: rule, among: RuleCatalog.all.map(\.id) + house.map(\.id))
            complain("unknown rule '\(rule)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " ('stagelint rules' lists them all)")
            throw ExitCode(ExitStatus.usage)
        }
        print(RuleDocumentation.explain(found.description, definition: found.definition), terminator: "")
    }
}

/// The configuration of the current folder (or `--config`), whose house rules `rules` and `explain`
/// describe; an invalid config file is exit 2 with its message.
func folderConfiguration(_ config: String?) throws -> Configuration {
    let loader = try configurationLoader(config)
    do {
        return try loader.configuration(forFolder: FileManager.default.currentDirectoryPath)
    } catch {
        complain(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}
