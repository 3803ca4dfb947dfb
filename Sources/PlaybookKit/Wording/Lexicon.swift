/// A list of phrases compiled for fast whole-word matching: each inflected form of a phrase's first
/// word points at the phrases that start with it.
public struct PhraseList: Sendable {
    public let phrases: [String]
    private let forms: [[Set<String>]]
    private let byFirstWord: [String: [Int]]

    public init(_ phrases: [String]) {
        self.phrases = phrases
        forms = phrases.map { Wording.split($0).map(Wording.inflections) }
        var index: [String: [Int]] = [:]
        for (number, words) in forms.enumerated() {
            guard let first = words.first else { continue }
            for form in first { index[form, default: []].append(number) }
        }
        byFirstWord = index
    }

    /// The earliest phrase of the list (in list order) that occurs in the text.
    public func firstMatch(in wording: Wording) -> String? {
        var best: Int?
        let words = wording.words
        for (position, word) in words.enumerated() {
            guard let candidates = byFirstWord[word] else { continue }
            for candidate in candidates where best.map({ candidate < $0 }) ?? true {
                let parts = forms[candidate]
                guard position + parts.count <= words.count else { continue }
                var matches = true
                for offset in 1..<max(1, parts.count) where !parts[offset].contains(words[position + offset]) {
                    matches = false
                    break
                }
                if matches { best = candidate }
            }
        }
        return best.map { phrases[$0] }
    }

    public func matches(_ wording: Wording) -> Bool { firstMatch(in: wording) != nil }
}

/// A vocabulary compiled once per configuration, for the wording rules.
public struct Lexicon: Sendable {
    public let vocabulary: Vocabulary
    let hedges: PhraseList
    let judgements: PhraseList
    let events: PhraseList
    /// Events that are neither weak signals nor automation (a reply, a booking, a confirmation).
    let strongEvents: PhraseList
    let confirmations: PhraseList
    let people: PhraseList
    let intentSignals: PhraseList
    let scores: PhraseList
    let numberWords: PhraseList
    /// Inflected forms of the weak signals, of their objects, and the negations.
    let weakForms: Set<String>
    let weakObjectForms: Set<String>
    let negations: Set<String>
    let timeUnits: Set<String>
    let timeFiller: Set<String>
    let vagueStageNames: Set<String>
    let statusNames: Set<String>

    public init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        hedges = PhraseList(vocabulary.hedges)
        judgements = PhraseList(vocabulary.judgements)
        events = PhraseList(vocabulary.events)
        let weak = Set((vocabulary.weakSignals + vocabulary.weakObjects).flatMap { Wording.split($0).flatMap(Wording.inflections) })
        let automation = Set(vocabulary.automationVerbs.map(Wording.normalizePhrase))
        strongEvents = PhraseList(vocabulary.events.filter { event in
            !automation.contains(Wording.normalizePhrase(event)) && !Wording.split(event).allSatisfy { weak.contains($0) }
        })
        confirmations = PhraseList(vocabulary.confirmations)
        people = PhraseList(vocabulary.people)
        intentSignals = PhraseList(vocabulary.intentSignals)
        scores = PhraseList(vocabulary.scores)
        numberWords = PhraseList(vocabulary.numberWords)
        weakForms = Set(vocabulary.weakSignals.flatMap { Wording.split($0).flatMap(Wording.inflections) })
        weakObjectForms = Set(vocabulary.weakObjects.flatMap { Wording.split($0).flatMap(Wording.inflections) })
        negations = Set(vocabulary.negations.flatMap(Wording.inflections))
        timeUnits = Set(vocabulary.timeUnits.flatMap { Wording.split($0).flatMap(Wording.inflections) })
        timeFiller = Set(vocabulary.timeFiller.flatMap(Wording.inflections))
        vagueStageNames = Set(vocabulary.vagueStageNames.map(Wording.normalizePhrase))
        statusNames = Set(vocabulary.statusNames.map(Wording.normalizePhrase))
    }

    public static let builtIn = Lexicon(.builtIn)
}
