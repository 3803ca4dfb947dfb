import ArgumentParser
import Foundation
import PlaybookKit

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: id, default severity and summary.",
        discussion: "With --format markdown, prints the rule reference (docs/rules.md is this output)."
    )

    @Option(help: "Output format: text or markdown.")
    var format: CatalogueFormat = .text

    func run() throws {
        switch format {
        case .text: print(RuleDocumentation.table(), terminator: "")
        case .markdown: print(RuleDocumentation.markdown(), terminator: "")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: why it matters, with examples that trigger it and examples that do not."
    )

    @Argument(help: "A rule id, such as vague-rule.")
    var rule: String

    func run() throws {
        guard let description = RuleCatalog.rule(rule) else {
            let suggestion = Suggestion.closest(to: rule, among: RuleCatalog.all.map(\.id))
            complain("unknown rule '\(rule)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " ('stagelint rules' lists them all)")
            throw ExitCode(ExitStatus.usage)
        }
        print(RuleDocumentation.explain(description), terminator: "")
    }
}
