/// What the vocabulary says about one rule text: worked out in one pass over its words (one index
/// lookup per word for the vocabulary, one for the playbook's own teams and fields), once per text,
/// and read by every wording rule. Compact, since a large playbook has tens of thousands of texts.
struct TextFacts: Sendable, Equatable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let event = Flags(rawValue: 1 << 0)
        static let strongEvent = Flags(rawValue: 1 << 1)
        static let intent = Flags(rawValue: 1 << 2)
        static let score = Flags(rawValue: 1 << 3)
        static let number = Flags(rawValue: 1 << 4)
        static let person = Flags(rawValue: 1 << 5)
        static let confirmation = Flags(rawValue: 1 << 6)
        static let timeOnly = Flags(rawValue: 1 << 7)
        static let field = Flags(rawValue: 1 << 8)
    }

    private(set) var flags: Flags = []
    /// The earliest hedge and judgement of the vocabulary's lists that the text has (-1: none).
    private var hedgeNumber: Int32 = -1
    private var judgementNumber: Int32 = -1
    /// The word position of an unnegated weak signal about a weak object (-1: none).
    private var weakSignalPosition: Int32 = -1
    // Which of the playbook's fields the text names is not kept here (a large playbook keeps 80,000
    // facts while its rules run): the initializers that take `fields` report them.

    /// An observable event (submitted, booked…).
    var hasEvent: Bool { flags.contains(.event) }
    /// An event that is neither a weak signal nor automation (a reply, a booking, a submission).
    var hasStrongEvent: Bool { flags.contains(.strongEvent) }
    var hasIntent: Bool { flags.contains(.intent) }
    var mentionsScore: Bool { flags.contains(.score) }
    /// A digit or a number word (a threshold).
    var hasNumber: Bool { flags.contains(.number) }
    /// A named person or team together with a verb of confirming or recording ("SDR confirmed…").
    var hasNamedConfirmation: Bool { flags.contains(.person) && flags.contains(.confirmation) }
    /// Nothing but a time period ("after 30 days", "14d in stage").
    var isTimeOnly: Bool { flags.contains(.timeOnly) }

    var hasWeakSignal: Bool { weakSignalPosition >= 0 }
    /// The text names one of the playbook's fields (by id or label).
    var namesField: Bool { flags.contains(.field) }

    /// A hedge or placeholder: vague whoever says it.
    func hedge(_ lexicon: Lexicon) -> String? {
        hedgeNumber < 0 ? nil : lexicon.phrase(.hedges, Int(hedgeNumber))
    }

    /// What makes the rule vague, if anything: a hedge, or a judgement ("good fit", "not ready")
    /// that no named person confirms or records.
    func vagueTerm(_ lexicon: Lexicon) -> String? {
        if let hedge = hedge(lexicon) { return hedge }
        guard judgementNumber >= 0, !hasNamedConfirmation else { return nil }
        return lexicon.phrase(.judgements, Int(judgementNumber))
    }

    /// The weak signal as written in `text` (an open, click or view of an email, link or page that
    /// is not negated, as in "no email opened").
    func weakSignal(in text: String) -> String? {
        guard weakSignalPosition >= 0 else { return nil }
        let words = Wording.split(text)
        return words.indices.contains(Int(weakSignalPosition)) ? words[Int(weakSignalPosition)] : nil
    }

    /// One word of a text: its form number in the vocabulary's index and in the playbook's (-1:
    /// not there), and what kind of token it is.
    private struct Token {
        var vocabulary: Int
        var playbook: Int
        var hasDigit: Bool
        var allDigits: Bool
        var isDuration: Bool
    }

    /// The facts of `text`, adding to `fields` the playbook's fields it names (by index in `fields`),
    /// each once. `byCharacters` takes the general path even for ASCII text (the tests compare the two).
    init(_ text: String, lexicon: Lexicon, playbook: PlaybookPhrases, byCharacters: Bool = false, fields: inout [Int32]) {
        var text = text
        if !byCharacters && Wording.isASCII(text) {
            // ASCII (nearly every rule): words are looked up by their bytes, without a String each.
            self = text.withUTF8 { Self.analyzed(ascii: $0, lexicon: lexicon, playbook: playbook, fields: &fields) }
        } else {
            let tokens = Wording.split(text).map { word in
                Token(vocabulary: lexicon.index.table.number(of: word) ?? -1,
                      playbook: playbook.index.table.number(of: word) ?? -1,
                      hasDigit: word.contains { $0.isNumber },
                      allDigits: word.allSatisfy(\.isNumber),
                      isDuration: word.utf8.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } == true
                          && Duration(parsing: word) != nil)
            }
            self.init()
            tokens.withUnsafeBufferPointer { analyze($0, lexicon: lexicon, playbook: playbook, fields: &fields) }
        }
    }

    /// The same for a text of the model, read in place when it is ASCII.
    init(_ text: CompactText, lexicon: Lexicon, playbook: PlaybookPhrases, fields: inout [Int32]) {
        let facts: TextFacts? = text.withUTF8 { bytes in
            Wording.isASCII(bytes: bytes) ? Self.analyzed(ascii: bytes, lexicon: lexicon, playbook: playbook, fields: &fields) : nil
        }
        self = facts ?? TextFacts(text.string, lexicon: lexicon, playbook: playbook, fields: &fields)
    }

    private init() {}

    private static func analyzed(ascii bytes: UnsafeBufferPointer<UInt8>, lexicon: Lexicon, playbook: PlaybookPhrases,
                                 fields: inout [Int32]) -> TextFacts {
        var facts = TextFacts()
        let vocabulary = lexicon.index.table, own = playbook.index.table
        withUnsafeTemporaryAllocation(of: Token.self, capacity: bytes.count / 2 + 1) { tokens in
            var count = 0
            Wording.forEachWord(inASCII: bytes) { word in
                let digits = word.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
                tokens[count] = Token(
                    vocabulary: vocabulary.number(of: word) ?? -1,
                    playbook: own.number(of: word) ?? -1,
                    hasDigit: word.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") },
                    allDigits: digits == word.count,
                    isDuration: digits > 0 && digits == word.count - 1 && Self.isDuration(word))
                count += 1
            }
            facts.analyze(UnsafeBufferPointer(rebasing: tokens[0..<count]), lexicon: lexicon, playbook: playbook, fields: &fields)
        }
        return facts
    }

    /// One pass over a text's words: phrases of every list, word classes, time-only and weak signals.
    private mutating func analyze(_ words: UnsafeBufferPointer<Token>, lexicon: Lexicon, playbook: PlaybookPhrases,
                                  fields: inout [Int32]) {
        let index = lexicon.index
        var hedge = Int.max, judgement = Int.max
        var hasWeakObject = false
        var lastNegation = Int.min
        var sawTimeUnit = false, onlyTime = true
        for (position, word) in words.enumerated() {
            if word.hasDigit { flags.insert(.number) }
            let classes = index.classes(word.vocabulary)
            // A weak signal counts unless one of the two words before it negates it.
            if classes.contains(.weakSignal), weakSignalPosition < 0, lastNegation < position - 2 {
                weakSignalPosition = Int32(position)
            }
            if classes.contains(.negation) { lastNegation = position }
            if classes.contains(.weakObject) { hasWeakObject = true }
            if onlyTime {
                if classes.contains(.timeUnit) || word.isDuration {
                    sawTimeUnit = true
                } else if !(classes.contains(.numberWord) || classes.contains(.timeFiller) || word.allDigits) {
                    onlyTime = false
                }
            }
            for start in index.starts(word.vocabulary) {
                guard let list = Lexicon.List(rawValue: start.list) else { continue }
                switch list {
                case .hedges: if start.phrase >= hedge { continue }
                case .judgements: if start.phrase >= judgement { continue }
                default: if flags.contains(Self.flag(for: list)) { continue }
                }
                guard index.matches(start, count: words.count, at: position, form: { words[$0].vocabulary }) else { continue }
                switch list {
                case .hedges: hedge = start.phrase
                case .judgements: judgement = start.phrase
                default: flags.insert(Self.flag(for: list))
                }
            }
            for start in playbook.index.starts(word.playbook)
            where playbook.index.matches(start, count: words.count, at: position, form: { words[$0].playbook }) {
                if start.list == PlaybookPhrases.teams {
                    flags.insert(.person)
                } else {
                    flags.insert(.field)
                    let field = Int32(playbook.fieldOfPhrase[start.phrase])
                    if !fields.contains(field) { fields.append(field) }
                }
            }
        }
        if hedge != .max { hedgeNumber = Int32(hedge) }
        if judgement != .max { judgementNumber = Int32(judgement) }
        if !hasWeakObject { weakSignalPosition = -1 }
        if onlyTime && sawTimeUnit { flags.insert(.timeOnly) }
    }

    /// The flag a phrase list sets (hedges and judgements keep the phrase instead).
    private static func flag(for list: Lexicon.List) -> Flags {
        switch list {
        case .events: return .event
        case .strongEvents: return .strongEvent
        case .confirmations: return .confirmation
        case .people: return .person
        case .intentSignals: return .intent
        case .scores: return .score
        case .numberWords: return .number
        case .hedges, .judgements: return []
        }
    }

    /// `14d`, `2w`: a duration written the short way (digits and one unit letter; see `Duration`).
    private static func isDuration(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let unit = word.last, word.count >= 2, word.count <= 7,
              Duration.Unit(rawValue: Character(Unicode.Scalar(unit))) != nil else { return false }
        return word.dropLast().contains { $0 != UInt8(ascii: "0") }
    }
}

/// The playbook's own phrases that rule texts may name: its teams (ids and names, who count as
/// named people) and its fields (ids and labels).
final class PlaybookPhrases: Sendable {
    static let teams = 0
    static let fields = 1
    let index: PhraseIndex
    /// Field phrase number → index of the field in `playbook.fields`.
    let fieldOfPhrase: [Int]

    /// What the phrases are made from: the teams' phrases, and each field's.
    struct Key: Hashable, Sendable {
        let teams: [String]
        let fields: [[String]]

        init(_ playbook: Playbook) {
            teams = playbook.teams.flatMap { [$0.id.value] + ($0.name.map { [$0.value] } ?? []) }
            fields = (playbook.fields ?? []).map { [$0.id.value] + ($0.label.map { [$0.value] } ?? []) }
        }
    }

    init(_ key: Key) {
        var fieldPhrases: [String] = []
        var fieldOfPhrase: [Int] = []
        for (number, phrases) in key.fields.enumerated() {
            for phrase in phrases {
                fieldPhrases.append(phrase)
                fieldOfPhrase.append(number)
            }
        }
        index = PhraseIndex(lists: [key.teams, fieldPhrases])
        self.fieldOfPhrase = fieldOfPhrase
    }
}
