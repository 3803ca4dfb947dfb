import PlaybookModel
import Foundation

/// A vocabulary compiled once per configuration, for the wording rules. A class, so the rules
/// share one copy rather than copying its tables.
public final class Lexicon: Sendable {
    /// The phrase lists of the vocabulary, in the order of `index.lists`.
    enum List: Int, CaseIterable {
        case hedges, judgements, events, confirmations, people, intentSignals, scores, numberWords
        case stances, moves, objectiveTerms, notEvents, comparisons, buyers
    }

    public let vocabulary: Vocabulary
    /// Every phrase list and word class, scanned in one pass per text (see `TextFacts`).
    let index: PhraseIndex
    let vagueStageNames: Set<String>
    let statusNames: Set<String>
    /// The containers, each as its words.
    let containers: [[String]]
    /// For each phrase of `events`: true when it is neither a weak signal nor automation (a reply, a
    /// booking, a confirmation), false for "opened", "clicked", "score reached".
    let isStrongEvent: [Bool]

    public init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        var lists: [[String]] = []
        for list in List.allCases {
            switch list {
            case .hedges: lists.append(vocabulary.hedges)
            case .judgements: lists.append(vocabulary.judgements)
            case .events: lists.append(vocabulary.events)
            case .confirmations: lists.append(vocabulary.confirmations)
            case .people: lists.append(vocabulary.people)
            case .intentSignals: lists.append(vocabulary.intentSignals)
            case .scores: lists.append(vocabulary.scores)
            case .numberWords: lists.append(vocabulary.numberWords)
            case .stances: lists.append(vocabulary.stances)
            case .moves: lists.append(vocabulary.moves)
            case .objectiveTerms: lists.append(vocabulary.objectiveTerms)
            case .notEvents: lists.append(vocabulary.notEvents)
            case .comparisons: lists.append(vocabulary.comparisons)
            case .buyers: lists.append(vocabulary.buyers)
            }
        }
        index = PhraseIndex(lists: lists, classes: [
            (vocabulary.weakSignals, .weakSignal),
            (vocabulary.weakObjects, .weakObject),
            (vocabulary.timeUnits, .timeUnit),
            (vocabulary.timeFiller, .timeFiller),
            (vocabulary.numberWords.filter { Wording.wordsOfPhrase($0).count == 1 }, .numberWord),
            (vocabulary.fieldNouns, .fieldNoun),
            (vocabulary.moveFiller, .moveFiller),
            (vocabulary.pages, .page),
            (vocabulary.worldEvents, .worldEvent),
            (vocabulary.recordables, .recordable),
        ], exactClasses: [
            // (As written: "not" must not give "noted" the bit.)
            (vocabulary.negations.flatMap(Wording.wordsOfPhrase), .negation),
            (vocabulary.evaluative.map(Wording.wordsOfPhrase).filter { $0.count == 1 }.map { $0[0] }, .evaluative),
            (vocabulary.feelings.flatMap(Wording.wordsOfPhrase), .feeling),
            (vocabulary.idle.flatMap(Wording.wordsOfPhrase), .idle),
            // Grammar, not vocabulary: where a clause ends, and what introduces how something was shown.
            (["and", "or", "but", "then", "nor", "while", "whereas", "unless", "once", "when", "if", "because", "until"], .conjunction),
            (["by", "via", "through"], .agent),
            (["the", "a", "an", "their", "its", "our", "your", "his", "her", "of", "last", "every", "each", "same"], .determiner),
            (["team", "teams", "desk", "group", "squad", "pod"], .teamNoun),
            (["their", "its"], .possessive),
            (["think", "thinks", "thinking", "thought", "believe", "believes", "feel", "feels", "feeling", "felt", "believed"], .mind),
            (["about", "of", "in"], .topic),
            (["is", "are", "am", "was", "were", "been", "being"], .be),
            (["to", "as", "into"], .linking),
            (["then", "auto", "automatically", "automatic"], .consequence),
            (["after", "since"], .since),
            (["activity", "activities", "touch", "touches", "touchpoint", "touchpoints", "engagement", "movement",
              "update", "updates", "news", "action", "actions", "change", "changes"], .inactivity),
        ])
        // Events that are neither weak signals nor automation: every word a weak signal or object
        // ("opened", "click"), or one automation verb ("reached"), is weak.
        let automation = Set(vocabulary.automationVerbs.map(Wording.normalizePhrase))
        isStrongEvent = vocabulary.events.indices.map { [index] phrase in
            !index.phrase(List.events.rawValue, phrase, allWordsIn: [.weakSignal, .weakObject])
                && !automation.contains(Wording.wordsOfPhrase(vocabulary.events[phrase]).joined(separator: " "))
        }
        vagueStageNames = Set(vocabulary.vagueStageNames.map(Wording.normalizePhrase))
        statusNames = Set(vocabulary.statusNames.map(Wording.normalizePhrase))
        containers = vocabulary.containers.map(Wording.split).filter { !$0.isEmpty }
    }

    /// A name (its words joined by spaces) is a vague stage name: listed whole ("on hold"), ending in
    /// a container ("Partner Queue"), or made only of listed words and lead statuses with at least
    /// one vague word ("To Be Sorted").
    func isVagueName(_ name: String) -> Bool {
        if vagueStageNames.contains(name) { return true }
        let words = name.split(separator: " ").map(String.init)
        // "Partner Queue", "Post-Show Bucket": a place to wait, whatever its name.
        if containers.contains(where: { words.count > $0.count && words.suffix($0.count).elementsEqual($0) }) { return true }
        return words.count > 1 && words.allSatisfy { vagueStageNames.contains($0) || statusNames.contains($0) }
            && words.contains { vagueStageNames.contains($0) && !Self.nameFiller.contains($0) }
    }

    /// A name is a lead status: listed whole ("attempted to contact"), or made only of listed
    /// status words, filler and the vague words of waiting, at least one a status ("Reached Out",
    /// "Waiting for answer", "Awaiting Partner Reply"; not "Open Items").
    func isStatusName(_ name: String) -> Bool {
        if statusNames.contains(name) { return true }
        let words = name.split(separator: " ").map(String.init)
        return words.count > 1
            && words.allSatisfy { statusNames.contains($0) || Self.waiting.contains($0) || Self.nameFiller.contains($0) }
            && words.contains { statusNames.contains($0) && !Self.nameFiller.contains($0) }
    }

    /// Vague words that say how outreach is going, as statuses do ("Waiting for answer").
    static let waiting: Set<String> = ["waiting", "pending", "working", "holding"]

    /// Words of the vague names that say nothing on their own ("in", "to", "the").
    static let nameFiller: Set<String> = [
        "in", "to", "be", "the", "of", "for", "out", "not", "yet", "no", "on", "done", "made", "partner", "customer", "client",
        "prospect", "it", "from", "by", "via", "back", "whatsapp", "email", "phone", "linkedin", "sms",
    ]

    /// A phrase of one of the lists, as written.
    func phrase(_ list: List, _ number: Int) -> String { index.lists[list.rawValue][number] }

    public static let builtIn = Lexicon(.builtIn)

    /// The compiled team and field phrases of playbooks checked with this vocabulary, by what they
    /// are made from: the playbooks of one repository mostly share their teams and fields.
    private let phraseCache = PhraseCache()

    func phrases(for playbook: Playbook) -> PlaybookPhrases {
        phraseCache.phrases(for: PlaybookPhrases.Key(playbook))
    }
}

/// A small thread-safe cache (files are checked in parallel); it starts over past 256 entries.
private final class PhraseCache: @unchecked Sendable {  // every access holds `lock`
    private let lock = NSLock()
    private var entries: [PlaybookPhrases.Key: PlaybookPhrases] = [:]

    func phrases(for key: PlaybookPhrases.Key) -> PlaybookPhrases {
        lock.lock()
        let cached = entries[key]
        lock.unlock()
        if let cached { return cached }
        let phrases = PlaybookPhrases(key)
        lock.lock()
        if entries.count >= 256 { entries.removeAll() }
        entries[key] = phrases
        lock.unlock()
        return phrases
    }
}
