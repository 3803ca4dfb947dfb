import Foundation
/// The groups of the rule catalogue, in the order the documentation shows them.
public enum RuleCategory: String, Sendable, Hashable, CaseIterable {
    case structure, flow, definitions, hygiene
    /// A team's own rules, from its configuration (`custom-rules`).
    case house
}

/// Everything a user needs to know about one rule: the catalogue entry, its rationale and its
/// examples. The examples are run by the tests, so the documentation cannot drift from the code.
///
/// In an example, `# <-` at the end of a line marks a line where the rule must report.
public struct RuleDescription: Sendable, Hashable, Identifiable {
    public let id: String
    public let defaultSeverity: Severity
    public let category: RuleCategory
    /// One line for `stagelint rules`.
    public let summary: String
    /// Why a RevOps team cares.
    public let rationale: String
    /// Playbooks (or fragments) on which the rule reports, at each line marked `# <-`.
    public let triggeringExamples: [String]
    /// Playbooks on which the rule stays silent.
    public let passingExamples: [String]
    /// What its fixes do: a playbook before, and after `check --fix` (or `--unsafe-fixes`).
    public let corrections: [Correction]
    /// The configuration file that defines a house rule; nil for the built-in rules.
    public let origin: String?

    /// A playbook with a finding of the rule, and the same playbook once the rule's fixes are applied.
    public struct Correction: Sendable, Hashable {
        public let before: String
        public let after: String
        /// The fix is a guess, applied only with `--unsafe-fixes`.
        public let isUnsafe: Bool

        public init(_ before: String, _ after: String, unsafe: Bool = false) {
            self.before = before
            self.after = after
            isUnsafe = unsafe
        }

        /// A correction whose `after` is `before` with each text replaced, in order, wherever it stands:
        /// the playbook is written once, and the edit is what the reader sees.
        public init(_ before: String, fixing replacements: [(String, String)], unsafe: Bool = false) {
            var after = before
            for (old, new) in replacements { after = after.replacingOccurrences(of: old, with: new) }
            self.init(before, after, unsafe: unsafe)
        }
    }

    public init(
        id: String, defaultSeverity: Severity, category: RuleCategory, summary: String, rationale: String,
        triggeringExamples: [String], passingExamples: [String], corrections: [Correction] = [], origin: String? = nil
    ) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.category = category
        self.summary = summary
        self.rationale = rationale
        self.triggeringExamples = triggeringExamples
        self.passingExamples = passingExamples
        self.corrections = corrections
        self.origin = origin
    }

    /// The marker that flags an expected finding in an example.
    public static let exampleMarker = "# <-"

    /// The 1-based lines of an example that carry the marker.
    public static func markedLines(in example: String) -> [Int] {
        example.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains(exampleMarker) }
            .map { $0.offset + 1 }
    }
}
