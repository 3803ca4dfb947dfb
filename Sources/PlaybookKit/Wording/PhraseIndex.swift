/// Several phrase lists compiled into one index, so a text is scanned once for all of them with one
/// lookup per word: each inflected form of a phrase's first word points at the phrases (in every
/// list) that start with it. Single words can also carry class bits (a weak signal, a time unit…).
struct PhraseIndex: Sendable {
    /// A phrase that starts with a word: which list it is in and its position in that list.
    struct Start: Sendable {
        let list: Int
        let phrase: Int
    }

    /// What one word form stands for.
    struct Entry: Sendable {
        var classes: WordClasses = []
        var starts: [Start] = []
    }

    /// The phrases of each list, as written.
    let lists: [[String]]
    /// For each list and phrase, the accepted forms of each of its words.
    private let forms: [[[[String]]]]
    private let entries: [String: Entry]
    /// The first bytes of the words in `entries`: a word starting with another byte is not looked up.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    /// `lists` are phrase lists (matched whole-word, inflection-tolerant); `classes` give single
    /// words (in every inflection) a class bit.
    init(lists: [[String]], classes: [(words: [String], WordClasses)] = []) {
        self.lists = lists
        let forms = lists.map { $0.map { Wording.split($0).map(Wording.inflections) } }
        var entries: [String: Entry] = [:]
        for (list, phrases) in forms.enumerated() {
            for (phrase, words) in phrases.enumerated() {
                guard let first = words.first else { continue }
                for form in first { entries[form, default: Entry()].starts.append(Start(list: list, phrase: phrase)) }
            }
        }
        for (words, bits) in classes {
            for form in words.flatMap(Wording.inflections) { entries[form, default: Entry()].classes.formUnion(bits) }
        }
        self.forms = forms
        self.entries = entries
        var bits: [UInt64] = [0, 0, 0, 0]
        for word in entries.keys {
            guard let first = word.utf8.first else { continue }
            bits[Int(first >> 6)] |= 1 << UInt64(first & 63)
        }
        firstBytes = (bits[0], bits[1], bits[2], bits[3])
    }

    var isEmpty: Bool { entries.isEmpty }

    func entry(_ word: String) -> Entry? {
        guard let first = word.utf8.first else { return nil }
        let bits: UInt64
        switch first >> 6 {
        case 0: bits = firstBytes.0
        case 1: bits = firstBytes.1
        case 2: bits = firstBytes.2
        default: bits = firstBytes.3
        }
        guard bits & (1 << UInt64(first & 63)) != 0 else { return nil }
        return entries[word]
    }

    /// True when the phrase `start` names occurs in `words` at `position`.
    func matches(_ start: Start, in words: [String], at position: Int) -> Bool {
        let parts = forms[start.list][start.phrase]
        guard position + parts.count <= words.count else { return false }
        for offset in parts.indices.dropFirst() where !parts[offset].contains(words[position + offset]) {
            return false
        }
        return true
    }
}

/// Classes of single words the wording rules look for.
struct WordClasses: OptionSet, Sendable {
    let rawValue: UInt16
    /// Open, click, view… (a weak engagement signal).
    static let weakSignal = WordClasses(rawValue: 1 << 0)
    /// Email, link, page… (what a weak signal is about).
    static let weakObject = WordClasses(rawValue: 1 << 1)
    static let negation = WordClasses(rawValue: 1 << 2)
    static let timeUnit = WordClasses(rawValue: 1 << 3)
    static let timeFiller = WordClasses(rawValue: 1 << 4)
    /// A number word that is one word ("three", "twice").
    static let numberWord = WordClasses(rawValue: 1 << 5)
}
