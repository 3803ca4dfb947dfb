import PlaybookModel
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
    /// For each form number: its class bits.
    private let classBits: [WordClasses]
    /// The phrases form `n` starts: `startList[startOffsets[n]..<startOffsets[n + 1]]`.
    private let startOffsets: [Int32]
    private let startList: [Start]
    /// The words of every phrase, as lists of form numbers, kept flat: phrase `p` of list `l` is
    /// phrase number `firstPhrase[l] + p`; phrase number `q` has the words
    /// `phraseWords[q]..<phraseWords[q + 1]`; word `w` accepts the form numbers
    /// `wordForms[formsOfWord[w]..<formsOfWord[w + 1]]`.
    private let firstPhrase: [Int]
    private let phraseWords: [Int32]
    private let formsOfWord: [Int32]
    private let wordForms: [Int32]

    /// `lists` are phrase lists (matched whole-word, inflection-tolerant, except the lists numbered in
    /// `exactLists`, matched as written); `classes` give every word of their phrases (in every
    /// inflection) a class bit, `exactClasses` give single words one as written.
    init(lists: [[String]], exactLists: Set<Int> = [], classes: [(phrases: [String], WordClasses)] = [],
         exactClasses: [(words: [String], WordClasses)] = []) {
        self.lists = lists
        // A word has at most seven forms: room is made for them all, so nothing grows while the
        // index is built.
        // (`words` counts the words of the phrases, `phraseForms` their forms, `forms` and `formBytes`
        // those and the class words' forms.)
        var words = 0, forms = 0, formBytes = 0, phraseForms = 0
        func count(_ word: Int, inflected: Bool) {
            forms += inflected ? 7 : 1
            formBytes += inflected ? 7 * word + 20 : word
        }
        for (list, phrases) in lists.enumerated() {
            for text in phrases {
                Wording.forEachWord(in: text) { word in
                    words += 1
                    count(word.count, inflected: !exactLists.contains(list))
                    phraseForms += exactLists.contains(list) ? 1 : 7
                }
            }
        }
        // (A class phrase counts as one word: the table grows if they hold more. Words of the exact
        // classes get the room of seven forms too, which keeps the table sparse.)
        for phrase in classes.flatMap(\.phrases) + exactClasses.flatMap(\.words) { count(phrase.utf8.count, inflected: true) }
        var table = WordTable(forms: forms, bytes: formBytes)
        var firstPhrase: [Int] = []
        var phraseWords: [Int32] = [0], formsOfWord: [Int32] = [0], wordForms: [Int32] = []
        formsOfWord.reserveCapacity(words + 1)
        wordForms.reserveCapacity(phraseForms)
        var starts: [(form: Int32, start: Start)] = []
        for (list, phrases) in lists.enumerated() {
            firstPhrase.append(phraseWords.count - 1)
            let exact = exactLists.contains(list)
            for (phrase, text) in phrases.enumerated() {
                var isFirstWord = true
                Wording.forEachWord(in: text) { word in
                    let formsStart = wordForms.count
                    if exact {
                        wordForms.append(Int32(table.insert(word)))
                    } else {
                        Wording.forEachInflection(of: word) { wordForms.append(Int32(table.insert($0))) }
                    }
                    if isFirstWord {
                        // Each form of the phrase's first word starts the phrase.
                        for form in wordForms[formsStart...] { starts.append((form, Start(list: list, phrase: phrase))) }
                        isFirstWord = false
                    }
                    formsOfWord.append(Int32(wordForms.count))
                }
                phraseWords.append(Int32(formsOfWord.count - 1))
            }
        }
        var classed: [(form: Int, WordClasses)] = []
        for (phrases, bits) in classes {
            for phrase in phrases {
                Wording.forEachWord(in: phrase) { word in Wording.forEachInflection(of: word) { classed.append((table.insert($0), bits)) } }
            }
        }
        for (words, bits) in exactClasses {
            for var word in words {
                word.withUTF8 { classed.append((table.insert($0), bits)) }
            }
        }
        var bits = [WordClasses](repeating: [], count: table.count)
        for (form, classBits) in classed { bits[form].formUnion(classBits) }
        // The starts grouped by form, each form's in the order they were found.
        var startOffsets = [Int32](repeating: 0, count: table.count + 1)
        for (form, _) in starts { startOffsets[Int(form) + 1] += 1 }
        for form in 0..<table.count { startOffsets[form + 1] += startOffsets[form] }
        var next = startOffsets
        var startList = [Start](repeating: Start(list: 0, phrase: 0), count: starts.count)
        for (form, start) in starts {
            startList[Int(next[Int(form)])] = start
            next[Int(form)] += 1
        }
        self.table = table
        self.classBits = bits
        self.startOffsets = startOffsets
        self.startList = startList
        self.firstPhrase = firstPhrase
        self.phraseWords = phraseWords
        self.formsOfWord = formsOfWord
        self.wordForms = wordForms
    }

    /// True when every word of phrase `phrase` of list `list` has one of `classes`.
    func phrase(_ list: Int, _ phrase: Int, allWordsIn classes: WordClasses) -> Bool {
        let number = firstPhrase[list] + phrase
        return (Int(phraseWords[number])..<Int(phraseWords[number + 1])).allSatisfy { word in
            !classBits[Int(wordForms[Int(formsOfWord[word])])].isDisjoint(with: classes)
        }
    }

    /// The number of words of the phrase `start` names.
    func wordCount(_ start: Start) -> Int {
        let phrase = firstPhrase[start.list] + start.phrase
        return Int(phraseWords[phrase + 1] - phraseWords[phrase])
    }

    func classes(_ form: Int) -> WordClasses { form < 0 ? [] : classBits[form] }
    func starts(_ form: Int) -> ArraySlice<Start> {
        form < 0 ? [] : startList[Int(startOffsets[form])..<Int(startOffsets[form + 1])]
    }

    /// True when the phrase `start` names occurs at `position` of a text whose words have the form
    /// numbers `form(0)`, `form(1)`… (-1 for a word the index does not know), `count` words in all.
    func matches(_ start: Start, count: Int, at position: Int, form: (Int) -> Int) -> Bool {
        let phrase = firstPhrase[start.list] + start.phrase
        let first = Int(phraseWords[phrase]), end = Int(phraseWords[phrase + 1])
        guard position + end - first <= count else { return false }
        for word in first + 1 ..< end {
            let accepted = wordForms[Int(formsOfWord[word])..<Int(formsOfWord[word + 1])]
            guard accepted.contains(Int32(form(position + word - first))) else { return false }
        }
        return true
    }
}

/// Classes of single words the wording rules look for.
struct WordClasses: OptionSet, Sendable {
    let rawValue: UInt32
    /// Open, click, view… (a weak engagement signal).
    static let weakSignal = WordClasses(rawValue: 1 << 0)
    /// Email, link, page… (what a weak signal is about).
    static let weakObject = WordClasses(rawValue: 1 << 1)
    static let negation = WordClasses(rawValue: 1 << 2)
    static let timeUnit = WordClasses(rawValue: 1 << 3)
    static let timeFiller = WordClasses(rawValue: 1 << 4)
    /// A number word that is one word ("three", "twice").
    static let numberWord = WordClasses(rawValue: 1 << 5)
    /// An evaluative word ("hot", "solid"), as written.
    static let evaluative = WordClasses(rawValue: 1 << 6)
    /// A noun of a CRM field ("status", "rating").
    static let fieldNoun = WordClasses(rawValue: 1 << 7)
    /// A word a restated move is made of besides its verb ("next", "step", "lead").
    static let moveFiller = WordClasses(rawValue: 1 << 8)
    /// A weak object that is a page.
    static let page = WordClasses(rawValue: 1 << 9)
    /// "and", "or", "but": a clause ends before it.
    static let conjunction = WordClasses(rawValue: 1 << 10)
    /// "by", "via", "through": what follows says how ("engaged by replying").
    static let agent = WordClasses(rawValue: 1 << 11)
    /// A feeling of a person ("frustrated", "comfortable"): a state of mind, judged only when it is
    /// the seller's.
    static let feeling = WordClasses(rawValue: 1 << 12)
    /// "the", "a", "their", "of", "every"…: an event word right after one is a noun ("the return",
    /// "every issue").
    static let determiner = WordClasses(rawValue: 1 << 13)
    /// "team", "desk", "group": with the word before, a team ("the branch team").
    static let teamNoun = WordClasses(rawValue: 1 << 14)
    /// "their", "its": what follows is the buyer's ("their marketing team").
    static let possessive = WordClasses(rawValue: 1 << 15)
    /// "think", "feel", "believe": a hedge when the seller thinks it, a state of mind when the buyer does.
    static let mind = WordClasses(rawValue: 1 << 16)
    /// "about", "of", "in": after a verb of thinking, what the thinking is about ("thinking about switching").
    static let topic = WordClasses(rawValue: 1 << 17)
    /// An event of any world ("changed", "entered"): observable only beside something recordable.
    static let worldEvent = WordClasses(rawValue: 1 << 18)
    /// Something a CRM records ("form", "meeting", "workspace").
    static let recordable = WordClasses(rawValue: 1 << 19)
    /// "untouched", "idle": the word before is the record nothing happened to.
    static let idle = WordClasses(rawValue: 1 << 20)
    /// "is", "are", "was": before a verb in -ing, an ongoing situation ("is expanding"); before one in
    /// -ed, the passive ("is realized").
    static let be = WordClasses(rawValue: 1 << 21)
    /// "to", "as": between a verb of setting and the value it sets ("changed to Cold").
    static let linking = WordClasses(rawValue: 1 << 22)
    /// "then", "auto", "automatically": what follows is what the clock or an automation does.
    static let consequence = WordClasses(rawValue: 1 << 23)
    /// "after", "since": after a period, what the clock starts from ("90 days after the stage was set").
    static let since = WordClasses(rawValue: 1 << 24)
    /// "activity", "touch", "movement": what does not come when a lead is left alone ("no app activity").
    static let inactivity = WordClasses(rawValue: 1 << 25)
}
