/// Several phrase lists compiled into one index, so a text is scanned once for all of them with one
/// lookup per word. Every inflected form of every phrase word gets a number (see `WordTable`);
/// a text becomes a list of those numbers, and phrases are matched by comparing numbers. Each form
/// of a phrase's first word points at the phrases (in every list) that start with it, and single
/// words can also carry class bits (a weak signal, a time unit…).
final class PhraseIndex: Sendable {
    /// A phrase that starts with a word: which list it is in and its position in that list.
    struct Start: Sendable {
        let list: Int
        let phrase: Int
    }

    /// The phrases of each list, as written.
    let lists: [[String]]
    let table: WordTable
    /// For each form number: its class bits, and the phrases it starts.
    private let classBits: [WordClasses]
    private let starts: [[Start]]
    /// For each list and phrase, the form numbers each of its words accepts.
    private let parts: [[[[Int]]]]

    /// `lists` are phrase lists (matched whole-word, inflection-tolerant); `classes` give single
    /// words (in every inflection) a class bit.
    init(lists: [[String]], classes: [(words: [String], WordClasses)] = []) {
        self.lists = lists
        let forms = lists.map { $0.map { Wording.split($0).map(Wording.inflections) } }
        let classForms = classes.map { ($0.words.flatMap(Wording.inflections), $0.1) }
        let table = WordTable(forms.flatMap { $0.flatMap { $0.flatMap { $0 } } } + classForms.flatMap(\.0))
        var bits = [WordClasses](repeating: [], count: table.count)
        var starts = [[Start]](repeating: [], count: table.count)
        for (list, phrases) in forms.enumerated() {
            for (phrase, words) in phrases.enumerated() {
                for form in words.first ?? [] {
                    if let number = table.number(of: form) { starts[number].append(Start(list: list, phrase: phrase)) }
                }
            }
        }
        for (words, classBits) in classForms {
            for form in words {
                if let number = table.number(of: form) { bits[number].formUnion(classBits) }
            }
        }
        self.table = table
        self.classBits = bits
        self.starts = starts
        parts = forms.map { $0.map { $0.map { $0.compactMap(table.number(of:)) } } }
    }

    func classes(_ form: Int) -> WordClasses { form < 0 ? [] : classBits[form] }
    func starts(_ form: Int) -> [Start] { form < 0 ? [] : starts[form] }

    /// True when the phrase `start` names occurs at `position` of a text whose words have the form
    /// numbers `form(0)`, `form(1)`… (-1 for a word the index does not know), `count` words in all.
    func matches(_ start: Start, count: Int, at position: Int, form: (Int) -> Int) -> Bool {
        let words = parts[start.list][start.phrase]
        guard position + words.count <= count else { return false }
        for offset in words.indices.dropFirst() where !words[offset].contains(form(position + offset)) {
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
