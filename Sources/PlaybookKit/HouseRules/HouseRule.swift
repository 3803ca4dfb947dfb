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
}

/// A mapping of `where` or `then`: every clause must hold.
struct HouseCondition: Sendable {
    var clauses: [HouseClause] = []
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

    init(_ path: HousePath, _ tests: [HouseTest]) {
        self.path = path
        self.tests = tests
    }
}

/// A dotted path, checked against the format when the configuration was read. A class: rules pass it
/// around item after item, and one reference is cheaper to hand on than its strings.
final class HousePath: Sendable {
    let text: String
    let components: [String]
    let kind: HouseValueKind
    /// The same number for the same path text, for keeping the values found at it.
    let number: Int

    init(_ text: String, kind: HouseValueKind) {
        self.text = text
        components = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self.kind = kind
        number = HousePathNumbers.shared.number(for: text)
    }
}

/// Numbers paths as configurations are read (a few dozen in a run).
final class HousePathNumbers: @unchecked Sendable {
    static let shared = HousePathNumbers()
    private let lock = NSLock()
    private var numbers: [String: Int] = [:]

    func number(for path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let number = numbers[path] { return number }
        let number = numbers.count
        numbers[path] = number
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

    static let names = [
        "defined", "equals", "not-equals", "in", "not-in", "contains", "not-contains", "pattern", "not-pattern",
        "mentions", "not-mentions", "min", "max", "count", "casing",
    ]
}

/// Words or phrases a text must name, matched as whole words, ignoring case, in the forms the
/// wording rules match (`confirm` covers "confirmed", "confirms").
struct HouseMentions: Sendable {
    /// Each phrase as its words, each word as the set of its forms.
    let phrases: [[Set<String>]]
    /// Every form of every phrase's first word, with the phrases that start with it: a text's words
    /// are looked up once each, and only a phrase whose first word is there is followed further.
    private let byFirstForm: [String: [Int]]

    init(_ phrases: [String]) {
        let split = phrases.map { phrase in
            Wording.split(phrase).map { Set(Wording.inflections($0)) }
        }.filter { !$0.isEmpty }
        self.phrases = split
        var byFirstForm: [String: [Int]] = [:]
        for (index, phrase) in split.enumerated() {
            for form in phrase[0] { byFirstForm[form, default: []].append(index) }
        }
        self.byFirstForm = byFirstForm
    }

    func isNamed(in text: String) -> Bool {
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
