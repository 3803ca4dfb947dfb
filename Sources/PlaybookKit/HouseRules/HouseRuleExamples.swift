import PlaybookModel

/// Runs a house rule's examples as the built-in rules' examples are run by the tests: in a triggering
/// example the rule reports on exactly the lines marked `# <-`; in a passing example it reports
/// nothing. An example that is not a valid playbook (a YAML or structural error) fails too, since it
/// proves nothing. `stagelint rules --test` prints the outcome.
public enum HouseRuleExamples {
    /// One example that did not behave.
    public struct Failure: Sendable, Equatable {
        public enum Kind: String, Sendable, Hashable {
            case triggering, passing
        }

        public let rule: String
        public let kind: Kind
        /// From 1, in the order the rule lists its examples of that kind.
        public let example: Int
        public let line: Int
        /// The same line in the configuration file, when the example is a literal block there.
        public let fileLine: Int?
        /// What went wrong, for a person.
        public let problem: String
        /// The example's line, as written.
        public let text: String
    }

    /// What running one rule's examples gave.
    public struct Outcome: Sendable {
        public let rule: HouseRule
        public let examples: Int
        public let failures: [Failure]
    }

    /// Runs the examples of every house rule of `configuration` (overrides' included), under its
    /// vocabulary, each rule at its own severity even when the configuration switches it off.
    public static func run(_ configuration: Configuration) -> [Outcome] {
        configuration.everyHouseRule.map { run($0, under: configuration) }
    }

    public static func run(_ rule: HouseRule, under configuration: Configuration) -> Outcome {
        var settings = configuration
        settings.severities[rule.id] = .some(rule.description.defaultSeverity)
        settings.add(rule)
        let linter = Linter(configuration: settings)
        var failures: [Failure] = []
        let examples = [(Failure.Kind.triggering, rule.description.triggeringExamples), (.passing, rule.description.passingExamples)]
        for (kind, texts) in examples {
            for (index, example) in texts.enumerated() {
                let lines = example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let start = rule.exampleLines[kind].flatMap { $0.indices.contains(index) ? $0[index] : nil }
                func failure(_ line: Int, _ problem: String) -> Failure {
                    Failure(rule: rule.id, kind: kind, example: index + 1, line: line, fileLine: start.map { $0 + line - 1 },
                            problem: problem, text: lines.indices.contains(line - 1) ? lines[line - 1] : "")
                }
                let report = linter.check(file: "example.yaml", bytes: Array(example.utf8))
                if let broken = report.diagnostics.first(where: { isBroken($0) }) {
                    failures.append(failure(broken.line, "the example is not a valid playbook: \(broken.message) [\(broken.rule)]"))
                    continue
                }
                let found = report.diagnostics.filter { $0.rule == rule.id }
                let reported = Set(found.map(\.line))
                let marked = kind == .triggering ? Set(RuleDescription.markedLines(in: example)) : []
                if kind == .triggering, marked.isEmpty {
                    failures.append(failure(1, "a triggering example needs `# <-` at the end of each line the rule must report on"))
                    continue
                }
                for line in marked.subtracting(reported).sorted() {
                    failures.append(failure(line, "is marked `# <-`, but the rule reported nothing on it"))
                }
                for finding in found where !marked.contains(finding.line) {
                    failures.append(failure(finding.line, "the rule reported here, but the line is not marked `# <-`: \(finding.message)"))
                }
            }
        }
        return Outcome(rule: rule, examples: examples.reduce(0) { $0 + $1.1.count }, failures: failures)
    }

    private static func isBroken(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .error && RuleCatalog.rule(diagnostic.rule)?.category == .structure
    }
}

extension Configuration {
    /// Every house rule: the configuration's own, then those its overrides define (a rule an override
    /// redefines is listed twice, once as each file or override writes it).
    public var everyHouseRule: [HouseRule] {
        var seen = Set<String>()
        return (houseRules + overrides.flatMap(\.houseRules)).filter {
            seen.insert("\($0.id) \($0.file):\($0.position.line):\($0.position.column)").inserted
        }
    }
}
