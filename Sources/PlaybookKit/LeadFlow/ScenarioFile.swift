import Foundation
import PlaybookModel
import YAMLReader

/// A scenario file (`*.scenarios.yaml`): the playbook it tests and its scenarios, each a tiny history
/// with expectations. Read as strictly as a playbook: every problem is a finding with its place, and
/// a scenario with a problem in it fails.
public struct ScenarioFile: Sendable {
    public let file: String
    /// `playbook:` as written, and the path it names (relative to the scenario file's folder).
    public let playbook: Located<String>?
    public let playbookPath: String?
    public let scenarios: [Scenario]
    /// Problems outside any one scenario (they fail every scenario of the file).
    public let problems: [Diagnostic]

    public static let suffixes = [".scenarios.yaml", ".scenarios.yml"]

    public static func isScenarioFile(_ path: String) -> Bool {
        suffixes.contains { path.lowercased().hasSuffix($0) }
    }
}

public struct Scenario: Sendable {
    public let name: Located<String>
    public let description: String?
    /// Fields known from the start.
    public let lead: [ScenarioField]
    public let start: Located<String>?
    public let steps: [Step]
    public let expect: Expectations
    /// Problems in the scenario as written (it fails with them).
    public let problems: [Diagnostic]

    public enum Step: Sendable {
        /// Into `to` after `after` milliseconds in the current stage; `set` becomes known with the move.
        case move(to: Located<String>, after: Int64, set: [ScenarioField], span: SourceSpan)
        /// Time passes in the current stage.
        case wait(Int64, span: SourceSpan)

        public var span: SourceSpan {
            switch self {
            case .move(_, _, _, let span), .wait(_, let span): return span
            }
        }
    }

    public struct Expectations: Sendable {
        public var conforms: Located<Bool>?
        public var endsIn: Located<String>?
        /// The exact set of violations, each `KIND STAGE` or `KIND FROM->TO`.
        public var violations: (span: SourceSpan, items: [Located<ViolationPattern>])?
        /// Kinds, or `KIND STAGE` / `KIND FROM->TO`, that must not occur.
        public var notViolations: [Located<ViolationPattern>] = []
        /// Where `expect:` is written.
        public var span: SourceSpan?
    }
}

/// A field a scenario sets: its id, and its value as written (nil in the list form, `[use_case]`).
public struct ScenarioField: Sendable {
    public let name: Located<String>
    public let value: ResolvedScalar?
    public let valueSpan: SourceSpan
    /// False for a field set to nothing (`budget: ~`): named, but not known.
    public var isKnown: Bool {
        if case .null? = value { return false }
        return true
    }
}

/// A violation as a scenario names it: a kind, and the stage (or `FROM->TO`) when given.
public struct ViolationPattern: Sendable, Hashable {
    public let kind: FlowViolationKind
    public let stage: String?
    public let from: String?

    public var label: String {
        guard let stage else { return kind.rawValue }
        if let from { return "\(kind.rawValue) \(from)->\(stage)" }
        return "\(kind.rawValue) \(stage)"
    }

    public func matches(_ violation: FlowViolation) -> Bool {
        guard violation.kind == kind else { return false }
        guard let stage else { return true }
        return violation.stage == stage && violation.from == from
    }

    /// Reads `KIND`, `KIND STAGE` or `KIND FROM->TO` (spaces around `->` allowed); the reason when it cannot.
    static func parse(_ text: String, kindOnlyAllowed: Bool) -> Result<ViolationPattern, ScenarioReader.Problem> {
        let trimmed = FlowPlaybook.trimmed(text)
        let kindText = String(trimmed.prefix { !$0.isWhitespace })
        let rest = FlowPlaybook.trimmed(String(trimmed.dropFirst(kindText.count)))
        guard let kind = FlowViolationKind(rawValue: kindText) else {
            let names = FlowViolationKind.allCases.map(\.rawValue)
            return .failure(.init("'\(kindText)' is not a violation kind\(Suggestion.didYouMean(Suggestion.closest(to: kindText, among: names)))"
                + " (kinds: \(names.joined(separator: ", ")))"))
        }
        if rest.isEmpty {
            guard kindOnlyAllowed else {
                return .failure(.init("write the stage after the kind: `\(kind.rawValue) \(kind.isAboutTransition ? "FROM->TO" : "STAGE")`"))
            }
            return .success(ViolationPattern(kind: kind, stage: nil, from: nil))
        }
        if kind.isAboutTransition {
            let parts = rest.components(separatedBy: "->").map(FlowPlaybook.trimmed)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(.init("\(kind.rawValue) is about a transition: write `\(kind.rawValue) FROM->TO`, found '\(rest)'"))
            }
            return .success(ViolationPattern(kind: kind, stage: parts[1], from: parts[0]))
        }
        guard !rest.contains("->") else {
            return .failure(.init("\(kind.rawValue) is about one stage: write `\(kind.rawValue) STAGE`, found '\(rest)'"))
        }
        return .success(ViolationPattern(kind: kind, stage: rest, from: nil))
    }
}

/// Reads a scenario file's YAML into a `ScenarioFile`, collecting every problem as a finding.
struct ScenarioReader {
    struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    let file: String
    let document: YAMLDocument

    static let topKeys = ["playbook", "scenarios"]
    static let scenarioKeys = ["description", "lead", "start", "steps", "expect"]
    static let stepKeys = ["to", "after", "set", "wait"]
    static let expectKeys = ["conforms", "ends-in", "violations", "not-violations"]

    /// Reads the file's bytes; a file that is not YAML is one finding.
    static func read(file: String, bytes: [UInt8]) -> ScenarioFile {
        let parsed = YAMLParser.parse(bytes)
        guard let document = parsed.document else {
            let problems = parsed.problems.map { problem in
                Diagnostic(file: file, span: problem.span, severity: .error, rule: rule(for: problem.kind).id, message: problem.message)
            }
            let empty = Diagnostic(file: file, span: .fileStart, severity: .error, rule: RuleDescription.missingKey.id,
                                   message: "the scenario file is empty: write `playbook:` and `scenarios:`")
            return ScenarioFile(file: file, playbook: nil, playbookPath: nil, scenarios: [], problems: problems.isEmpty ? [empty] : problems)
        }
        var reader = ScenarioReader(file: file, document: document)
        var problems = parsed.problems.map { problem in
            Diagnostic(file: file, span: problem.span, severity: .error, rule: rule(for: problem.kind).id, message: problem.message)
        }
        return reader.read(adding: &problems)
    }

    static func rule(for kind: YAMLProblem.Kind) -> RuleDescription {
        switch kind {
        case .duplicateKey: return .duplicateKey
        case .resourceLimit: return .resourceLimit
        case .syntax, .badAlias, .badMerge, .multipleDocuments: return .yamlSyntax
        }
    }

    func finding(_ rule: RuleDescription, _ id: NodeID, _ message: String) -> Diagnostic {
        Diagnostic(file: file, span: document[id].span, severity: .error, rule: rule.id, message: message)
    }

    /// The pairs of a mapping with string keys; unknown keys are findings (with a suggestion).
    func pairs(_ id: NodeID, _ what: String, keys: [String]?, into problems: inout [Diagnostic]) -> [(key: String, keyID: NodeID, value: NodeID)]? {
        guard let pairs = document.pairs(id) else {
            problems.append(finding(.invalidValue, id, "\(what) must be a mapping, found \(found(id))"))
            return nil
        }
        var result: [(key: String, keyID: NodeID, value: NodeID)] = []
        for pair in pairs {
            guard let key = document[pair.key].scalarText else {
                problems.append(finding(.invalidValue, pair.key, "keys of \(what) must be plain strings"))
                continue
            }
            if key.hasPrefix("x-") { continue }
            if let keys, !keys.contains(key) {
                let suggestion = Suggestion.closest(to: key, among: keys)
                problems.append(finding(.unknownKey, pair.key, "unknown key '\(key)' in \(what)\(Suggestion.didYouMean(suggestion))"
                    + (suggestion == nil ? " (known keys: \(keys.joined(separator: ", ")))" : "")))
                continue
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    func found(_ id: NodeID) -> String {
        if document[id].isNullScalar { return "nothing" }
        if document.items(id)?.isEmpty == true { return "an empty list" }
        if document.pairs(id)?.isEmpty == true { return "an empty mapping" }
        return document[id].scalarText.map { "'\($0)'" } ?? document[id].kindName
    }

    func text(_ id: NodeID, _ what: String, into problems: inout [Diagnostic]) -> Located<String>? {
        guard !document[id].isNullScalar, let text = document[id].scalarText, !FlowPlaybook.trimmed(text).isEmpty else {
            problems.append(finding(.invalidValue, id, "\(what) must be a non-empty string, found \(found(id))"))
            return nil
        }
        return Located(FlowPlaybook.trimmed(text), at: document[id].span)
    }

    /// A duration such as `2h` (or `0` for none), in milliseconds.
    func duration(_ id: NodeID, _ what: String, into problems: inout [Diagnostic]) -> Int64? {
        let written = document[id].scalarText.map(FlowPlaybook.trimmed) ?? ""
        if written == "0" { return 0 }
        guard !document[id].isNullScalar, let duration = Duration(parsing: written) else {
            problems.append(finding(.invalidValue, id, "\(what) must be a duration such as 30m, 4h, 2d or 1w (or 0), found \(found(id))"))
            return nil
        }
        return FlowPlaybook.milliseconds(duration)
    }

    /// The keys of a mapping of fields (`{ company_size: 120 }`), or a list of field ids; a field set to
    /// nothing (`budget: ~`) is not known.
    func fields(_ id: NodeID, _ what: String, into problems: inout [Diagnostic]) -> [ScenarioField] {
        if document[id].isNullScalar { return [] }
        if let items = document.items(id) {
            return items.compactMap { item in
                text(item, "an item of \(what)", into: &problems).map { ScenarioField(name: $0, value: nil, valueSpan: $0.span) }
            }
        }
        guard let pairs = pairs(id, what, keys: nil, into: &problems) else { return [] }
        return pairs.compactMap { pair in
            guard document[pair.value].scalarText != nil else {
                problems.append(finding(.invalidValue, pair.value, "the value of field '\(pair.key)' must be a single value, found \(found(pair.value))"))
                return nil
            }
            return ScenarioField(name: Located(pair.key, at: document[pair.keyID].span), value: document[pair.value].resolvedScalar,
                                 valueSpan: document[pair.value].span)
        }
    }

    mutating func read(adding problems: inout [Diagnostic]) -> ScenarioFile {
        var playbook: Located<String>?
        var scenarios: [Scenario] = []
        var sawScenarios = false
        for pair in pairs(document.root, "a scenario file", keys: Self.topKeys, into: &problems) ?? [] {
            switch pair.key {
            case "playbook":
                playbook = text(pair.value, "`playbook`", into: &problems)
            case "scenarios":
                sawScenarios = true
                for scenario in pairs(pair.value, "`scenarios`", keys: nil, into: &problems) ?? [] {
                    scenarios.append(self.scenario(Located(scenario.key, at: document[scenario.keyID].span), scenario.value))
                }
            default:
                break
            }
        }
        if playbook == nil, !problems.contains(where: { $0.rule == RuleDescription.invalidValue.id && $0.message.hasPrefix("`playbook`") }) {
            problems.append(Diagnostic(file: file, span: document[document.root].span, severity: .error, rule: RuleDescription.missingKey.id,
                                       message: "a scenario file needs `playbook:`, the path of the playbook it tests (relative to this file)"))
        }
        if !sawScenarios {
            problems.append(Diagnostic(file: file, span: document[document.root].span, severity: .error, rule: RuleDescription.missingKey.id,
                                       message: "a scenario file needs `scenarios:`, a mapping of scenario names to scenarios"))
        }
        let folder = (file as NSString).deletingLastPathComponent
        let path = playbook.map { $0.value.hasPrefix("/") || folder.isEmpty ? $0.value : folder + "/" + $0.value }
        return ScenarioFile(file: file, playbook: playbook, playbookPath: path, scenarios: scenarios, problems: problems)
    }

    func scenario(_ name: Located<String>, _ id: NodeID) -> Scenario {
        var problems: [Diagnostic] = []
        var description: String?
        var lead: [ScenarioField] = []
        var start: Located<String>?
        var steps: [Scenario.Step] = []
        var expect = Scenario.Expectations()
        var sawSteps = false
        for pair in pairs(id, "scenario '\(name.value)'", keys: Self.scenarioKeys, into: &problems) ?? [] {
            switch pair.key {
            case "description":
                description = text(pair.value, "`description`", into: &problems)?.value
            case "lead":
                lead = fields(pair.value, "`lead`", into: &problems)
            case "start":
                start = text(pair.value, "`start`", into: &problems)
            case "steps":
                sawSteps = true
                guard let items = document.items(pair.value) else {
                    problems.append(finding(.invalidValue, pair.value, "`steps` must be a list of moves (`- to: mql`) and waits (`- wait: 2d`), found \(found(pair.value))"))
                    continue
                }
                if items.isEmpty {
                    problems.append(finding(.invalidValue, pair.value, "`steps` is empty: list the moves the lead makes"))
                }
                steps = items.compactMap { step($0, into: &problems) }
            case "expect":
                expect = expectations(pair.value, into: &problems)
            default:
                break
            }
        }
        if !sawSteps {
            problems.append(Diagnostic(file: file, span: name.span, severity: .error, rule: RuleDescription.missingKey.id,
                                       message: "scenario '\(name.value)' has no `steps`: list the moves the lead makes"))
        }
        if let conforms = expect.conforms, conforms.value, let listed = expect.violations, !listed.items.isEmpty {
            problems.append(Diagnostic(file: file, span: conforms.span, severity: .error, rule: RuleDescription.invalidValue.id,
                                       message: "`conforms: true` and a non-empty `violations` contradict each other: keep one"))
        }
        if expect.span == nil {
            problems.append(Diagnostic(file: file, span: name.span, severity: .error, rule: RuleDescription.missingKey.id,
                                       message: "scenario '\(name.value)' has no `expect`: say what should happen (`conforms`, `ends-in`, `violations`, `not-violations`)"))
        }
        return Scenario(name: name, description: description, lead: lead, start: start, steps: steps, expect: expect, problems: problems)
    }

    func step(_ id: NodeID, into problems: inout [Diagnostic]) -> Scenario.Step? {
        guard let pairs = pairs(id, "a step", keys: Self.stepKeys, into: &problems) else { return nil }
        let keys = Set(pairs.map(\.key))
        if keys.contains("wait") {
            guard keys == ["wait"] else {
                problems.append(finding(.invalidValue, id, "a step is a move (`to`, `after`, `set`) or a wait (`wait`), not both"))
                return nil
            }
            return duration(pairs[0].value, "`wait`", into: &problems).map { .wait($0, span: document[id].span) }
        }
        var to: Located<String>?
        var after: Int64 = 0
        var set: [ScenarioField] = []
        var valid = true
        for pair in pairs {
            switch pair.key {
            case "to":
                to = text(pair.value, "`to`", into: &problems)
                if to == nil { valid = false }
            case "after":
                if let value = duration(pair.value, "`after`", into: &problems) { after = value } else { valid = false }
            case "set":
                set = fields(pair.value, "`set`", into: &problems)
            default:
                break
            }
        }
        guard valid else { return nil }
        guard let to else {
            problems.append(finding(.missingKey, id, "a move needs `to`, the stage the lead moves into (or write `wait: 2d`)"))
            return nil
        }
        return .move(to: to, after: after, set: set, span: document[id].span)
    }

    func expectations(_ id: NodeID, into problems: inout [Diagnostic]) -> Scenario.Expectations {
        var expect = Scenario.Expectations()
        expect.span = document[id].span
        for pair in pairs(id, "`expect`", keys: Self.expectKeys, into: &problems) ?? [] {
            switch pair.key {
            case "conforms":
                guard case .bool(let flag) = document[pair.value].resolvedScalar else {
                    problems.append(finding(.invalidValue, pair.value, "`conforms` must be true or false, found \(found(pair.value))"))
                    continue
                }
                expect.conforms = Located(flag, at: document[pair.value].span)
            case "ends-in":
                expect.endsIn = text(pair.value, "`ends-in`", into: &problems)
            case "violations":
                expect.violations = (document[pair.value].span, patterns(pair.value, "`violations`", kindOnly: false, into: &problems))
            case "not-violations":
                expect.notViolations = patterns(pair.value, "`not-violations`", kindOnly: true, into: &problems)
            default:
                break
            }
        }
        return expect
    }

    func patterns(_ id: NodeID, _ what: String, kindOnly: Bool, into problems: inout [Diagnostic]) -> [Located<ViolationPattern>] {
        if document[id].isNullScalar || document.items(id)?.isEmpty == true { return [] }
        let items = document.items(id) ?? [id]  // one violation may be written without a list
        return items.compactMap { item in
            guard let written = text(item, "an item of \(what)", into: &problems) else { return nil }
            switch ViolationPattern.parse(written.value, kindOnlyAllowed: kindOnly) {
            case .success(let pattern): return Located(pattern, at: written.span)
            case .failure(let problem):
                problems.append(finding(.invalidValue, item, problem.message))
                return nil
            }
        }
    }
}
