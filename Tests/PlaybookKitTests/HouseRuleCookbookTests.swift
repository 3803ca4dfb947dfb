import Foundation
import Testing
@testable import PlaybookKit

/// The cookbook of docs/house-rules.md is run as written: every rule's examples behave, as
/// `stagelint rules --test` would say.
@Suite("House rules cookbook")
struct HouseRuleCookbookTests {
    /// The YAML blocks of the cookbook section, with the line each starts on.
    static func recipes() throws -> [(line: Int, text: String)] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/house-rules.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "## Cookbook") else { return [] }
        var blocks: [(Int, String)] = []
        var current: [String]?
        var opened = 0
        for (index, line) in lines.enumerated().dropFirst(start) {
            if current == nil, line == "```yaml" {
                current = []
                opened = index + 2
            } else if line == "```", let block = current {
                blocks.append((opened, block.joined(separator: "\n") + "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func everyRecipeIsACompleteRuleWhoseExamplesBehave() throws {
        let recipes = try Self.recipes()
        #expect(recipes.count >= 10, "the cookbook has \(recipes.count) rules; the docs promise at least ten")
        var ids = Set<String>()
        var givens = Set<HouseRuleGiven>()
        for recipe in recipes {
            let configuration = try ConfigurationLoader.parse(Array(recipe.text.utf8), file: "docs/house-rules.md:\(recipe.line)")
            #expect(configuration.houseRules.count == 1, "the block at line \(recipe.line) holds one rule")
            for rule in configuration.houseRules {
                #expect(ids.insert(rule.id).inserted, "\(rule.id) twice")
                givens.insert(rule.given)
                #expect(!rule.description.triggeringExamples.isEmpty && !rule.description.passingExamples.isEmpty,
                        "\(rule.id) (line \(recipe.line)) needs triggering and passing examples")
                #expect(!rule.description.rationale.isEmpty, "\(rule.id) needs a rationale")
            }
            for outcome in HouseRuleExamples.run(configuration) {
                for failure in outcome.failures {
                    Issue.record("""
                        \(failure.rule) (docs/house-rules.md:\(recipe.line)): \(failure.kind.rawValue) example \(failure.example), \
                        line \(failure.line): \(failure.problem)
                          \(failure.text)
                        """)
                }
            }
        }
        #expect(givens == Set(HouseRuleGiven.allCases), "the cookbook shows every `given`")
    }

    /// The runner would catch a rule that does not do what its examples say: the cookbook's first rule,
    /// with its assertion turned around, fails on its own examples.
    @Test func aRuleThatMisbehavesFailsItsExamples() throws {
        let recipe = try #require(try Self.recipes().first { $0.text.contains("contains: budget") })
        let broken = recipe.text.replacingOccurrences(of: "contains: budget", with: "not-contains: budget")
        let configuration = try ConfigurationLoader.parse(Array(broken.utf8), file: "broken.yml")
        let failures = HouseRuleExamples.run(configuration).flatMap(\.failures)
        #expect(failures.contains { $0.kind == .triggering } && failures.contains { $0.kind == .passing }, "\(failures)")
    }
}
