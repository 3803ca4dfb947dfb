import Foundation
import PlaybookModel
import YAMLReader

/// A team's own rule, written as data under `custom-rules` in a configuration file: what it looks at
/// (`given`), which of those items it checks (`where`), what must hold of them (`then`) and what a
/// finding says. No user code runs; see docs/house-rules.md.
public struct HouseRule: Sendable {
    public let description: RuleDescription
    public let given: HouseRuleGiven
    let conditions: HouseCondition
    let assertions: HouseCondition
    let message: HouseMessage?
    /// The file that defines it (the last one, when files of an `extends` chain both do), and where.
    public let file: String
    public let position: SourcePosition
    /// The line of `file` each example starts on, when it is a literal block (for messages).
    let exampleLines: [HouseRuleExamples.Failure.Kind: [Int?]]

    public var id: String { description.id }

    /// The rule as written in its file, from its id to the next rule (nil when the file cannot be read
    /// again, as a fetched `extends` file's URL cannot).
    public var definition: String? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = position.line - 1
        guard lines.indices.contains(first) else { return nil }
        func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        let own = indentation(lines[first])
        var last = first
        // The lines below the id that are indented further (blank lines inside it included).
        for index in lines.indices.dropFirst(first + 1) {
            let line = lines[index]
            if line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            guard indentation(line) > own else { break }
            last = index
        }
        return lines[first...last].map { String($0.dropLast($0.hasSuffix("\r") ? 1 : 0).dropFirst(own)) }.joined(separator: "\n")
    }
}

/// A mapping of `where` or `then`: every clause must hold.
struct HouseCondition: Sendable {
    var clauses: [HouseClause] = [] {
        didSet {
            leadingTests = []
            for clause in clauses {
                guard case .test(let tests) = clause else { break }
                leadingTests.append(tests.number)
            }
            isTestsOnly = leadingTests.count == clauses.count
        }
    }
    /// The numbers of the plain clauses (not `any`) before the first `any`, for answering from kept
    /// answers without judging (`HouseRuleFacts.knownResult(of:for:)`).
    private(set) var leadingTests: [Int] = []
    /// True when every clause is plain.
    private(set) var isTestsOnly = true
}

enum HouseClause: Sendable {
    /// A path and the tests its value must pass.
    case test(HouseTests)
    /// `any`: at least one of these mappings holds.
    case any([HouseCondition])
}

/// A path and the tests its value must pass (a class: handed from item to item by one reference).
final class HouseTests: Sendable {
    let path: HousePath
    let tests: [HouseTest]
    /// The same number for the same path and tests from the same kind of item: rules that share a
    /// condition (`kind: active`) judge it once per item, and the others find the answer.
    let number: Int
    /// For a path through a reference (`to.kind: won`): the same tests on the rest of the path, from
    /// the item the reference names (`kind: won` of a stage), judged once for that item.
    let through: HouseTests?

    init(_ path: HousePath, _ tests: [HouseTest], from item: HouseItemKind) {
        self.path = path
        self.tests = tests
        number = HouseNumbering.clauses.number(for: ([item.rawValue, path.text] + tests.map(\.key)).joined(separator: "\u{0}"))
        through = path.through.map { HouseTests($0.rest, tests, from: $0.target) }
    }
}

/// A dotted path, checked against the format when the configuration was read, with the steps that
/// read it. A class: rules pass it around item after item, and one reference is cheaper to hand on.
final class HousePath: Sendable {
    let text: String
    let kind: HouseValueKind
    /// The steps up to the first reference (all of them when there is none): a key of the item first,
    /// then keys below it in a mapping or in data.
    let steps: [HouseStep]
    /// For a path through a reference (`to.kind`): the path to the reference (`to`), what it names,
    /// and the rest of the path from there (`kind` of a stage). What is found from a stage is found
    /// once for the stage, not once for each exit into it.
    let through: Through?
    /// `through`'s reference path's number among references (-1 without one): the target found is kept by it.
    let referenceNumber: Int
    /// The same number for the same path text, for keeping the values found at it.
    let number: Int
    /// For a path whose last step is a key of a mapping (`sla.within`), the path to the mapping
    /// (`sla`): it is read once for all its keys.
    let parent: HousePath?

    struct Through: Sendable {
        let reference: HousePath
        let target: HouseItemKind
        let rest: HousePath
        /// A transition's `to` or `from`: the stage is found from the transitions' table, not from the id.
        let link: Link

        enum Link: Sendable {
            case exitTarget, exitSource, byID
        }
    }

    /// The path `text` from an item of `item`; a `Problem` names the first component that is not known.
    init(_ text: String, from item: HouseItemKind) throws(HouseRulePaths.Problem) {
        self.text = text
        let (kind, steps, reference) = try HouseRulePaths.resolve(text, from: item)
        self.kind = kind
        self.steps = steps
        number = HouseNumbering.paths.number(for: text)
        let components = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let reference else {
            through = nil
            referenceNumber = -1
            switch steps.last {
            case .recordKey, .dataKey:
                parent = try HousePath(components.dropLast().joined(separator: "."), from: item)
            case .member, nil:
                parent = nil
            }
            return
        }
        parent = nil
        let referencePath = try HousePath(components[..<reference.component].joined(separator: "."), from: item)
        let link: Through.Link
        switch (item, referencePath.text) {
        case (.transition, "to"): link = .exitTarget
        case (.transition, "from"): link = .exitSource
        default: link = .byID
        }
        through = Through(reference: referencePath, target: reference.target,
                          rest: try HousePath(components[reference.component...].joined(separator: "."), from: reference.target), link: link)
        referenceNumber = HouseNumbering.references.number(for: referencePath.text)
    }
}

/// Numbers paths and clauses as configurations are read (a few dozen in a run), so that what is
/// found for them can be kept in arrays.
final class HouseNumbering: @unchecked Sendable {
    static let paths = HouseNumbering()
    static let clauses = HouseNumbering()
    /// The paths that are references (`to`, `owner`): the items they name are kept by these numbers.
    static let references = HouseNumbering()
    private let lock = NSLock()
    private var numbers: [String: Int] = [:]

    /// How many have been numbered so far.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return numbers.count
    }

    func number(for key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let number = numbers[key] { return number }
        let number = numbers.count
        numbers[key] = number
        return number
    }
}

/// A scalar of a test (`equals`, `in`), read as the path's kind says.
enum HouseScalar: Sendable, Hashable {
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// In minutes.
    case duration(Int)

    /// The kind and the value, for telling tests apart.
    var key: String {
        switch self {
        case .text(let text): return text.lengthPrefixed
        case .number(let number): return "n\(number)"
        case .boolean(let flag): return flag ? "true" : "false"
        case .duration(let minutes): return "\(minutes)min"
        }
    }
}

enum HouseCasing: String, Sendable, CaseIterable {
    case title, sentence, lower, upper, kebab, snake
}

/// One operator with its argument.
enum HouseTest: Sendable {
    case defined(Bool)
    case equals(HouseScalar), notEquals(HouseScalar)
    case oneOf([HouseScalar]), noneOf([HouseScalar])
    case contains(String), notContains(String)
    case pattern(LinearPattern), notPattern(LinearPattern)
    case mentions(HouseMentions), notMentions(HouseMentions)
    /// A number, or a duration in minutes.
    case min(Double), max(Double)
    case count(min: Int?, max: Int?)
    case casing(HouseCasing)

    /// The operator and its argument, for telling tests apart.
    var key: String {
        switch self {
        case .defined(let wanted): return "defined \(wanted)"
        case .equals(let scalar): return "equals " + scalar.key
        case .notEquals(let scalar): return "not-equals " + scalar.key
        case .oneOf(let scalars): return "in " + scalars.map(\.key).joined(separator: ",")
        case .noneOf(let scalars): return "not-in " + scalars.map(\.key).joined(separator: ",")
        case .contains(let text): return "contains " + text.lengthPrefixed
        case .notContains(let text): return "not-contains " + text.lengthPrefixed
        case .pattern(let pattern): return "pattern " + pattern.source.lengthPrefixed
        case .notPattern(let pattern): return "not-pattern " + pattern.source.lengthPrefixed
        case .mentions(let words): return "mentions " + words.source.map(\.lengthPrefixed).joined()
        case .notMentions(let words): return "not-mentions " + words.source.map(\.lengthPrefixed).joined()
        case .min(let bound): return "min \(bound)"
        case .max(let bound): return "max \(bound)"
        case .count(let low, let high): return "count \(low ?? -1) \(high ?? -1)"
        case .casing(let casing): return "casing \(casing.rawValue)"
        }
    }

    static let names = [
        "defined", "equals", "not-equals", "in", "not-in", "contains", "not-contains", "pattern", "not-pattern",
        "mentions", "not-mentions", "min", "max", "count", "casing",
    ]
}

/// Words or phrases a text must name, matched as whole words, ignoring case, in the forms the
/// wording rules match (`confirm` covers "confirmed", "confirms").
final class HouseMentions: Sendable {
    /// Each phrase as its words, each word as the set of its forms.
    let phrases: [[Set<String>]]
    /// Every form of every phrase's first word, with the phrases that start with it: a text's words
    /// are looked up once each, and only a phrase whose first word is there is followed further.
    private let byFirstForm: [String: [Int]]

    /// The phrases as written.
    let source: [String]

    init(_ phrases: [String]) {
        source = phrases
        let split = phrases.map { phrase in
            Wording.split(phrase).map { Set(Wording.inflections($0)) }
        }.filter { !$0.isEmpty }
        self.phrases = split
        var byFirstForm: [String: [Int]] = [:]
        for (index, phrase) in split.enumerated() {
            for form in phrase[0] { byFirstForm[form, default: []].append(index) }
        }
        self.byFirstForm = byFirstForm
        // An ASCII text names a phrase only if it holds a form of the phrase's first word; the forms
        // that start with no shorter one ("confirm", not also "confirmed") are enough to look for.
        var starts: [String] = []
        for form in byFirstForm.keys.sorted() where !(starts.last.map { form.utf8.starts(with: $0.utf8) } ?? false) {
            starts.append(form)
        }
        required = RequiredLiterals(words: starts)
    }

    /// Texts one of which a text must hold to name any phrase.
    private let required: RequiredLiterals?

    func isNamed(in text: String) -> Bool {
        if let required, required.isMissing(from: text) { return false }
        let words = Wording.split(text)
        for (start, word) in words.enumerated() {
            guard let candidates = byFirstForm[word] else { continue }
            for candidate in candidates {
                let phrase = phrases[candidate]
                guard start + phrase.count <= words.count else { continue }
                if phrase.indices.dropFirst().allSatisfy({ phrase[$0].contains(words[start + $0]) }) { return true }
            }
        }
        return false
    }
}

/// A finding's message with `{path}` placeholders, split once.
struct HouseMessage: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case value(HousePath)
    }

    let pieces: [Piece]
}

extension String {
    /// The text after its length in bytes: texts one after another in a key cannot be read two ways.
    fileprivate var lengthPrefixed: String { "\(utf8.count):" + self }
}
