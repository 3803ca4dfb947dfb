import PlaybookModel
/// What one rule text asserts and judges, read from its structure: events (with who did them,
/// negated or prefixed with re-/un-, and not merely wanted or planned), thresholds, fields compared
/// with values, dated triggers and named confirmations on one side; hedges, evaluative words
/// wherever they stand, and a rule that only restates the move on the other. Quoted text and a
/// field's value are values, not judgements. Worked out once per text (one index lookup per word,
/// then a few passes over the words' marks), and read by every wording rule. Compact, since a large playbook
/// has tens of thousands of texts.
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
        /// A field compared with a value ("Rating is Hot", "Lead Source = Partner").
        static let valueTest = Flags(rawValue: 1 << 9)
    }

    /// What makes a rule vague.
    enum Vagueness: UInt8, Sendable {
        case none
        /// A hedge or placeholder of the vocabulary (`detail` is its number in the list).
        case hedge
        /// A judgement phrase of the vocabulary (`detail` is its number in the list).
        case judgement
        /// An evaluative word (`detail` is its position among the text's words).
        case evaluative
        /// Nothing but the move itself ("Moves to SQL", "Sales takes over").
        case restatement
    }

    private(set) var flags: Flags = []
    private var vagueness: Vagueness = .none
    private var vagueDetail: Int32 = -1
    /// The word position of an unnegated weak signal about a weak object (-1: none).
    private var weakSignalPosition: Int32 = -1
    // Which of the playbook's fields the text names is not kept here (a large playbook keeps 80,000
    // facts while its rules run): the initializers that take `fields` report them.

    /// An observable event (submitted, booked…) that happened, not one only wanted or planned.
    var hasEvent: Bool { flags.contains(.event) }
    /// An event that is neither a weak signal nor automation (a reply, a booking, a submission).
    var hasStrongEvent: Bool { flags.contains(.strongEvent) }
    var hasIntent: Bool { flags.contains(.intent) }
    var mentionsScore: Bool { flags.contains(.score) }
    /// A digit or a number word (a threshold).
    var hasNumber: Bool { flags.contains(.number) }
    /// A named person or team together with a verb of confirming or recording ("SDR confirmed…").
    var hasNamedConfirmation: Bool { flags.contains(.person) && flags.contains(.confirmation) }
    /// Nothing but a time period or a date ("after 30 days", "14d in stage", "end of the quarter").
    var isTimeOnly: Bool { flags.contains(.timeOnly) }
    var hasWeakSignal: Bool { weakSignalPosition >= 0 }
    /// The text names one of the playbook's fields (by id or label).
    var namesField: Bool { flags.contains(.field) }

    /// Something a CRM or a person can record: an event, a number, a field or a field's value, a
    /// score, a period or date on its own, an open or a click, or a named confirmation.
    var hasAnchor: Bool {
        !flags.isDisjoint(with: [.event, .number, .field, .valueTest, .score, .timeOnly]) || hasNamedConfirmation || hasWeakSignal
    }

    var isRestatement: Bool { vagueness == .restatement }

    /// What makes the rule vague, as the message names it: a hedge or a judgement of the
    /// vocabulary as listed, an evaluative word as written, or (for a restated move) the text.
    func vagueTerm(_ lexicon: Lexicon, in text: String) -> String? {
        switch vagueness {
        case .none: return nil
        case .hedge: return lexicon.phrase(.hedges, Int(vagueDetail))
        case .judgement: return lexicon.phrase(.judgements, Int(vagueDetail))
        case .evaluative:
            let words = Wording.split(text)
            return words.indices.contains(Int(vagueDetail)) ? words[Int(vagueDetail)] : nil
        case .restatement: return text
        }
    }

    /// The weak signal as written in `text` (an open, click or view of an email, link or page that
    /// is not negated, as in "no email opened").
    func weakSignal(in text: String) -> String? {
        guard weakSignalPosition >= 0 else { return nil }
        let words = Wording.split(text)
        return words.indices.contains(Int(weakSignalPosition)) ? words[Int(weakSignalPosition)] : nil
    }

    /// One word of a text: its form number in the vocabulary's index and in the playbook's (-1:
    /// not there), the form of the word without a re-/un- prefix, what kind of token it is, and
    /// what stands before it.
    private struct Token {
        var vocabulary: Int
        var playbook: Int
        var unprefixed: Int
        /// The word is an event with `un` before it ("unchanged", "untouched"): it did not happen.
        var unPrefixed: Bool
        var hasDigit: Bool
        /// The word ends in "ing", "ed" or "s" (a verb's form: ongoing; done or passive; a habit).
        var ending: Wording.Ending
        /// A quantity: digits, alone or with a unit, a multiplier or an ordinal ending ("30", "6mo",
        /// "3x", "10k", "2nd"); not a name with digits in it ("PSD2", "3PL", "B2B").
        var isQuantity: Bool
        /// Digits with an ordinal ending ("1st", "15th"): with "of" after it, a day of a period.
        var isOrdinal: Bool
        var isDuration: Bool
        var gap: Wording.Gap
        /// For digits followed by letters ("6mo", "90days"), the form of the letters (-1: none).
        var unitSuffix = -1
        /// For an adverb in -ly, the form of its adjective ("genuinely" → "genuine"; -1: none).
        var adjective = -1
    }

    /// The facts of `text`, adding to `fields` the playbook's fields it names (by index in `fields`),
    /// each once. `byCharacters` takes the general path even for ASCII text (the tests compare the two).
    init(_ text: String, lexicon: Lexicon, playbook: PlaybookPhrases, byCharacters: Bool = false, fields: inout [Int32]) {
        var text = text
        if !byCharacters && Wording.isASCII(text) {
            // ASCII (nearly every rule): words are looked up by their bytes, without a String each.
            self = text.withUTF8 { Self.analyzed(ascii: $0, lexicon: lexicon, playbook: playbook, fields: &fields) }
        } else {
            let vocabulary = lexicon.index.table
            let tokens = Wording.wordsWithGaps(text).map { word, gap in
                var bytes = word
                let (unprefixed, unitSuffix, adjective) = bytes.withUTF8 { Self.partForms(of: $0, in: vocabulary) }
                return Token(vocabulary: vocabulary.number(of: word) ?? -1,
                             playbook: playbook.index.table.number(of: word) ?? -1,
                             unprefixed: unprefixed,
                             unPrefixed: unprefixed >= 0 && word.hasPrefix("un"),
                             hasDigit: word.contains { $0.isNumber },
                             ending: Wording.ending(of: word.utf8),
                             isQuantity: Self.isQuantity(Array(word.utf8)),
                             isOrdinal: Self.isOrdinal(Array(word.utf8)),
                             isDuration: Self.isDateLike(Array(word.utf8)),
                             gap: gap,
                             unitSuffix: unitSuffix,
                             adjective: adjective)
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
            Wording.forEachWord(inASCII: bytes) { word, gap in
                let (unprefixed, unitSuffix, adjective) = Self.partForms(of: word, in: vocabulary)
                tokens[count] = Token(
                    vocabulary: vocabulary.number(of: word) ?? -1,
                    playbook: own.number(of: word) ?? -1,
                    unprefixed: unprefixed,
                    unPrefixed: unprefixed >= 0 && word.starts(with: "un".utf8),
                    hasDigit: word.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") },
                    ending: Wording.ending(of: word),
                    isQuantity: Self.isQuantity(word),
                    isOrdinal: Self.isOrdinal(word),
                    isDuration: Self.isDateLike(word),
                    gap: gap,
                    unitSuffix: unitSuffix,
                    adjective: adjective)
                count += 1
            }
            facts.analyze(UnsafeBufferPointer(rebasing: tokens[0..<count]), lexicon: lexicon, playbook: playbook, fields: &fields)
        }
        return facts
    }

    /// The forms of a word's parts: without a `re`/`un` prefix ("resubmitted" → "submitted"), the
    /// letters after leading digits ("6mo" → "mo"), and the adjective of an adverb in -ly
    /// ("genuinely" → "genuine", "happily" → "happy", "reasonably" → "reasonable"); -1 where there
    /// is none or it is unknown.
    private static func partForms(of word: UnsafeBufferPointer<UInt8>, in vocabulary: WordTable)
        -> (unprefixed: Int, unitSuffix: Int, adjective: Int) {
        var unprefixed = -1, unitSuffix = -1, adjective = -1
        if word.count > 4, word.starts(with: "re".utf8) || word.starts(with: "un".utf8) {
            unprefixed = vocabulary.number(of: UnsafeBufferPointer(rebasing: word[2...])) ?? -1
        }
        let digits = Wording.leadingDigits(word)
        if digits > 0, digits < word.count {
            unitSuffix = vocabulary.number(of: UnsafeBufferPointer(rebasing: word[digits...])) ?? -1
        }
        let count = word.count
        if count > 5, word[count - 2] == UInt8(ascii: "l"), word[count - 1] == UInt8(ascii: "y") {
            adjective = vocabulary.number(of: UnsafeBufferPointer(rebasing: word[..<(count - 2)])) ?? -1
            if adjective < 0 {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { stem in
                    _ = stem.initialize(fromContentsOf: word)
                    if word[count - 3] == UInt8(ascii: "i") {  // happily → happy
                        stem[count - 3] = UInt8(ascii: "y")
                        adjective = vocabulary.number(of: UnsafeBufferPointer(rebasing: stem[..<(count - 2)])) ?? -1
                    } else if word[count - 3] == UInt8(ascii: "b") {  // reasonably → reasonable
                        stem[count - 1] = UInt8(ascii: "e")
                        adjective = vocabulary.number(of: UnsafeBufferPointer(rebasing: stem[..<count])) ?? -1
                    }
                }
            }
        }
        return (unprefixed, unitSuffix, adjective)
    }

    /// What each word position is, as far as the reading goes.
    private struct Marks: OptionSet {
        let rawValue: UInt32
        static let quoted = Marks(rawValue: 1 << 0)
        /// A field's value, or part of an objective term: not a judgement.
        static let value = Marks(rawValue: 1 << 1)
        /// Inside what someone wants, plans or knows: an event here has not happened.
        static let hypothetical = Marks(rawValue: 1 << 2)
        static let event = Marks(rawValue: 1 << 3)
        static let strongEvent = Marks(rawValue: 1 << 4)
        static let move = Marks(rawValue: 1 << 5)
        static let person = Marks(rawValue: 1 << 6)
        static let fieldName = Marks(rawValue: 1 << 7)
        static let comparison = Marks(rawValue: 1 << 8)
        static let clauseWord = Marks(rawValue: 1 << 9)
        static let intent = Marks(rawValue: 1 << 10)
        static let stance = Marks(rawValue: 1 << 11)
        static let by = Marks(rawValue: 1 << 12)
        /// Within two words after "no", "not", "never"…
        static let negated = Marks(rawValue: 1 << 13)
        /// A unit of time or a date ("days", "quarter", "January", "14d", "Q3").
        static let period = Marks(rawValue: 1 << 14)
        /// Part of a term that names no event ("buying committee", "buy-in").
        static let term = Marks(rawValue: 1 << 15)
        /// A verb of confirming or recording ("confirmed", "logged").
        static let confirmation = Marks(rawValue: 1 << 16)
        /// The buyer's side ("prospect", "their team"): a feeling or a thought here is a state of mind.
        static let buyer = Marks(rawValue: 1 << 17)
        /// An event that happened: not wanted, not a name, not a noun.
        static let happened = Marks(rawValue: 1 << 18)
        /// Part of a number word or phrase ("greater than", "at least"): a digit after it is compared.
        static let quantifier = Marks(rawValue: 1 << 19)
        /// A digit quantity or a number word.
        static let number = Marks(rawValue: 1 << 20)
        /// A team named only by the word before "team" ("the branch team"): not known to be the seller's.
        static let namedTeam = Marks(rawValue: 1 << 21)
        /// Part of a term of `notEvents` ("moved on", "buy-in").
        static let namesNoEvent = Marks(rawValue: 1 << 22)
        /// A value a field is compared with (after `=`, `:` or "is"), not a term's word.
        static let testedValue = Marks(rawValue: 1 << 23)
        /// Part of a term of `objectiveTerms` ("cold chain"): a value, but nothing a CRM records.
        static let objectiveTerm = Marks(rawValue: 1 << 24)
        /// Part of the name of one of the playbook's stages (of two words or more).
        static let stageName = Marks(rawValue: 1 << 25)
        /// In a clause of what the clock or an automation does ("then set…", "auto-recycle").
        static let consequence = Marks(rawValue: 1 << 26)
    }

    /// The reading: phrases of every list by position, then quotation, values and what is only
    /// wanted, then what the text asserts and judges.
    private mutating func analyze(_ words: UnsafeBufferPointer<Token>, lexicon: Lexicon, playbook: PlaybookPhrases,
                                  fields: inout [Int32]) {
        let index = lexicon.index
        let count = words.count
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(of: Marks.self, capacity: count) { marks in
            marks.initialize(repeating: [])
            // Phrases of the lists, by position. Hedges and judgements: the first in the text.
            var hedges: [(position: Int, phrase: Int, length: Int)] = []
            var judgements: [(position: Int, phrase: Int, length: Int)] = []
            var hasWeakObject = false
            var lastNegation = Int.min
            for (position, word) in words.enumerated() {
                if word.isQuantity || word.isDuration { marks[position].insert(.number) }
                let classes = index.classes(word.vocabulary)
                if word.gap.breaks { lastNegation = Int.min }  // (within its clause: "nothing happening, nurture")
                if lastNegation >= position - 2 { marks[position].insert(.negated) }
                if classes.contains(.negation) { lastNegation = position }
                if classes.contains(.weakObject) { hasWeakObject = true }
                if classes.contains(.fieldNoun) || word.gap.identifier { marks[position].insert(.fieldName) }
                if classes.contains(.timeUnit) || word.isDuration || index.classes(word.unitSuffix).contains(.timeUnit) {
                    marks[position].insert(.period)
                }
                if classes.contains(.conjunction) { marks[position].insert(.clauseWord) }
                if classes.contains(.agent) { marks[position].insert(.by) }
                // "the branch team", "Channel desk": a team of its own name.
                if classes.contains(.teamNoun), position > 0, !word.gap.breaks, !marks[position - 1].contains(.move),
                   index.classes(words[position - 1].vocabulary).isDisjoint(with: [.determiner, .conjunction]) {
                    // "the SDR team" is the SDR's; "the branch team" is a team of unknown side.
                    if marks[position - 1].contains(.person) {
                        marks[position].insert(marks[position - 1].intersection([.person, .buyer, .namedTeam]))
                    } else {
                        marks[position - 1].insert([.person, .namedTeam])
                        marks[position].insert([.person, .namedTeam])
                    }
                }
                if position > 0, !word.gap.breaks, index.classes(words[position - 1].vocabulary).contains(.possessive) {
                    marks[position].insert(.buyer)
                    if position + 1 < count, !words[position + 1].gap.breaks { marks[position + 1].insert(.buyer) }
                }
                var eventLength = 0
                for start in index.starts(word.vocabulary)
                where index.matches(start, count: count, at: position, form: { words[$0].vocabulary }) {
                    guard let list = Lexicon.List(rawValue: start.list) else { continue }
                    let length = index.wordCount(start)
                    let covered = position..<min(count, position + length)
                    switch list {
                    case .hedges: hedges.append((position, start.phrase, length))
                    case .judgements: judgements.append((position, start.phrase, length))
                    case .events:
                        // The longest event here says whether it is strong ("send", but "send to" routes).
                        if length > eventLength {
                            eventLength = length
                            marks[position].insert(.event)
                            if lexicon.isStrongEvent[start.phrase] {
                                marks[position].insert(.strongEvent)
                            } else {
                                marks[position].remove(.strongEvent)
                            }
                        }
                    case .confirmations: marks[position].insert(.confirmation)
                    case .people: for spot in covered { marks[spot].insert(.person) }
                    case .intentSignals: marks[position].insert(.intent)
                    case .scores: flags.insert(.score)
                    case .numberWords:
                        for spot in covered { marks[spot].insert([.quantifier, .number]) }
                    case .stances:
                        // "has been open for 2 years": a term's word and a duration, no stance ("is open
                        // to signing" stays one).
                        if marks[position].contains(.namesNoEvent), position + length < count,
                           words[position + length].isQuantity || words[position + length].isDuration
                            || index.classes(words[position + length].vocabulary).contains(.numberWord) {
                            continue
                        }
                        // "is realized", "was considered": the passive, not someone's stance.
                        if length == 1, words[position].ending == .ed, position > 0,
                           index.classes(words[position - 1].vocabulary).contains(.be) {
                            continue
                        }
                        for spot in covered { marks[spot].insert(.hypothetical) }
                        marks[covered.upperBound - 1].insert(.stance)
                    case .moves: for spot in covered { marks[spot].insert(.move) }
                    case .objectiveTerms: for spot in covered { marks[spot].insert([.value, .objectiveTerm]) }
                    case .notEvents: for spot in covered { marks[spot].insert([.term, .namesNoEvent]) }
                    case .comparisons: for spot in covered { marks[spot].insert(.comparison) }
                    case .buyers: for spot in covered { marks[spot].insert(.buyer) }
                    }
                }
                // "resubmitted", "unsubscribed": the event without its prefix.
                if word.unprefixed >= 0, !marks[position].contains(.event) {
                    for start in index.starts(word.unprefixed) where index.wordCount(start) == 1 {
                        guard start.list == Lexicon.List.events.rawValue else { continue }
                        marks[position].insert(.event)
                        if lexicon.isStrongEvent[start.phrase] { marks[position].insert(.strongEvent) }
                        // "unchanged", "untouched": the event did not happen ("unsubscribed" is listed itself).
                        if word.unPrefixed { marks[position].insert(.negated) }
                    }
                }
                for start in playbook.index.starts(word.playbook)
                where playbook.index.matches(start, count: count, at: position, form: { words[$0].playbook }) {
                    let covered = position..<min(count, position + playbook.index.wordCount(start))
                    if start.list == PlaybookPhrases.teams {
                        for spot in covered { marks[spot].insert(.person) }
                    } else if start.list == PlaybookPhrases.stages {
                        // "45 days in Proposal Sent", "moves to Sales Qualified Lead": where the lead
                        // is, a value the CRM records, not an event or a judgement.
                        for spot in covered { marks[spot].insert([.term, .value, .stageName]) }
                    } else {
                        flags.insert(.field)
                        for spot in covered { marks[spot].insert(.fieldName) }
                        let field = Int32(playbook.fieldOfPhrase[start.phrase])
                        if !fields.contains(field) { fields.append(field) }
                    }
                }
            }
            // "Channel Manager", "Territory Rep": the word before a role names the role (one word,
            // left to right, so the mark does not spread further back).
            for position in 0..<max(0, count - 1)
            where marks[position + 1].contains(.person) && !words[position + 1].gap.breaks
                && marks[position].isDisjoint(with: [.person, .event, .move, .value, .comparison])
                && index.classes(words[position].vocabulary)
                    .isDisjoint(with: [.determiner, .conjunction, .moveFiller, .timeFiller, .evaluative]) {
                marks[position].insert(marks[position + 1].intersection([.person, .buyer, .namedTeam]))
            }
            if marks.contains(where: { $0.contains(.person) }) { flags.insert(.person) }

            // Quotations: between quotation marks, or from the last one to the end (the closing
            // mark after the last word is not read).
            var open = false
            for position in 0..<count {
                if words[position].gap.quotes % 2 == 1 { open.toggle() }
                if open { marks[position].insert([.quoted, .value]) }
            }
            // A clause ends at a comma and the like, or before "and", "or", "but".
            func clauseEnds(before position: Int) -> Bool {
                words[position].gap.breaks || marks[position].contains(.clauseWord)
            }
            /// The clause `position` stands in: from the boundary before it to the one after it.
            func clauseBounds(around position: Int) -> Range<Int> {
                var start = position, end = position + 1
                while start > 0, !clauseEnds(before: start) { start -= 1 }
                while end < count, !clauseEnds(before: end) { end += 1 }
                return start..<end
            }
            // (Values are marked left to right, so a start inside the stretch marked last ends where
            // it ended: each word is marked once however many comparisons a clause holds.)
            var valuesMarkedTo = 0
            func markValueToClauseEnd(from position: Int, tested: Bool) {
                var spot = position
                if spot < valuesMarkedTo { return }
                while spot < count {
                    if spot > position && clauseEnds(before: spot) { break }
                    marks[spot].insert(tested ? [.value, .testedValue] : .value)
                    spot += 1
                }
                valuesMarkedTo = spot
            }
            for position in 0..<count {
                // Before `=` or `:` stands a field's name, not a judgement ("Audience Fit = High").
                // ("Account Fit field =": the whole name, when its last word is a field's noun.)
                if position + 1 < count, words[position + 1].gap.comparison {
                    marks[position].insert(.value)
                    if marks[position].contains(.fieldName) {
                        var spot = position
                        while spot > 0, !clauseEnds(before: spot) {
                            spot -= 1
                            marks[spot].insert(.value)
                        }
                    }
                }
                // After `=` or `:`, or a field name and "is": a value.
                // (Not in what someone only knows or sees: "sees the value of condition monitoring".)
                if words[position].gap.comparison, position > 0 {
                    if !marks[position].contains(.hypothetical) { flags.insert(.valueTest) }
                    markValueToClauseEnd(from: position, tested: true)
                }
                // A field and "is" ("Rating is Hot"), or a verb of recording ("Reply categorised Positive").
                let startsComparison = marks[position].contains(.comparison) && (position == 0 || !marks[position - 1].contains(.comparison))
                if startsComparison, position > 0, marks[position - 1].contains(.fieldName) || marks[position].contains(.event) {
                    var value = position
                    while value < count, marks[value].contains(.comparison) { value += 1 }
                    if value < count {
                        if !marks[position].contains(.hypothetical) { flags.insert(.valueTest) }
                        // ("Qualify stage of the BPF" names a place, not a value the field was set to.)
                        let isOf = (position..<value).allSatisfy { index.classes(words[$0].vocabulary).contains(.determiner) }
                        markValueToClauseEnd(from: value, tested: !isOf)
                    }
                }
                // "Rating change to Cold", "Email Invalid flagged true": the value a verb of setting sets.
                if marks[position].contains(.event), !marks[position].contains(.strongEvent) {
                    var value = position + 1
                    if value < count, !words[value].gap.breaks, index.classes(words[value].vocabulary).contains(.linking) { value += 1 }
                    if value < count, !words[value].gap.breaks, index.classes(words[value].vocabulary).contains(.evaluative) {
                        marks[value].insert([.value, .testedValue])
                    }
                }
                // What someone wants, plans or knows has not happened (up to a comma or the like:
                // "wants to build and send quotes").
                // (Up to the next stance, which marks on from there: each word is marked once.)
                if marks[position].contains(.stance) {
                    var spot = position + 1
                    while spot < count, !words[spot].gap.breaks, !marks[spot].contains(.stance) {
                        marks[spot].insert(.hypothetical)
                        spot += 1
                    }
                }
            }
            // Events that happened: not only wanted; not a word naming an email ("launch email").
            func namesAnEmail(_ position: Int) -> Bool {
                guard position + 1 < count, !words[position + 1].gap.breaks else { return false }
                let next = index.classes(words[position + 1].vocabulary)
                return next.contains(.weakObject) && !next.contains(.page)
            }
            // Something a CRM records in the clause of `position`: a record, a field, a page or an
            // email, a number, a quotation or value, one of the seller's people, or another event.
            // (Asked of events of any world and of ongoing ones only.)
            func namesARecord(in span: Range<Int>, besides position: Int) -> Bool {
                span.contains { spot in
                    guard spot != position else { return false }
                    let classes = index.classes(words[spot].vocabulary), mark = marks[spot]
                    // (A number of days is the clock's: "give it 6 weeks".)
                    let countsTime = words[spot].isDuration || (spot + 1 < count && marks[spot + 1].contains(.period))
                    return !classes.isDisjoint(with: [.recordable, .weakObject]) || (words[spot].isQuantity && !countsTime)
                        || (mark.contains(.fieldName) && !mark.contains(.buyer)) || mark.contains(.intent)
                        || (mark.contains(.value) && !mark.contains(.objectiveTerm))
                        || (mark.contains(.person) && mark.isDisjoint(with: [.buyer, .namedTeam]))
                        || (mark.contains(.event) && !classes.contains(.worldEvent) && !mark.contains(.namesNoEvent))
                }
            }
            // (For events of any world, in order: the answer is kept for the last clause, so a text is
            // read once however many such events it holds.)
            var recordedClause = (span: 0..<0, answer: false)
            func clauseNamesARecord(around position: Int) -> Bool {
                if recordedClause.span.contains(position) { return recordedClause.answer }
                let span = clauseBounds(around: position)
                recordedClause = (span, namesARecord(in: span, besides: -1))
                return recordedClause.answer
            }
            // "Company is expanding", "is still comparing": an ongoing situation.
            func isOngoing(_ position: Int) -> Bool {
                guard words[position].ending == .ing, position > 0 else { return false }
                func be(_ spot: Int) -> Bool { spot >= 0 && index.classes(words[spot].vocabulary).contains(.be) }
                return be(position - 1) || (be(position - 2) && !words[position - 1].gap.breaks
                    && marks[position - 1].isDisjoint(with: [.event, .number, .person, .fieldName]))
            }
            for position in 0..<count where marks[position].contains(.event) && !marks[position].contains(.hypothetical) {
                if namesAnEmail(position) || marks[position].contains(.term) { continue }
                // "the Qualify stage", "Closed Won status": a name, not an event.
                // "Record untouched for 45 days": the record, to which nothing happened.
                if position + 1 < count, !words[position + 1].gap.breaks, !words[position + 1].gap.dash,
                   marks[position + 1].contains(.fieldName) && !marks[position + 1].contains(.comparison)
                    || index.classes(words[position + 1].vocabulary).contains(.idle) {
                    marks[position].insert(.term)
                    continue
                }
                // "Reporting year", "closing date", "Record age": a noun that names a period (a word of
                // time, not a date or a duration: "Signed 30d ago" was signed).
                if words[position].ending == .ing || position == 0, position + 1 < count, !words[position + 1].gap.breaks,
                   marks[position + 1].contains(.period), !words[position + 1].isDuration, !words[position + 1].isQuantity {
                    marks[position].insert(.term)
                    continue
                }
                // "influence over the purchase", "the 6-month mark", "the fiscal year begins": a noun,
                // or the clock. Not the noun a rule starts with ("A reply from the CFO"), and not
                // after a negation ("without an upgrade" says that no upgrade happened).
                if position > 1, !words[position].gap.breaks, !marks[position].contains(.negated),
                   index.classes(words[position - 1].vocabulary).contains(.determiner)
                    || marks[position - 1].contains(.period) && !marks[position - 1].contains(.hypothetical)
                    // (not a field that holds a date: "Renewal date populated")
                    && !index.classes(words[position - 1].vocabulary).contains(.fieldNoun) {
                    marks[position].insert(.term)
                    continue
                }
                // An ongoing situation is no event, unless the clause names a record ("is filling the
                // contact form"): "Company is expanding into new markets".
                if isOngoing(position), !namesARecord(in: clauseBounds(around: position), besides: position) { continue }
                // "Their priorities changed": an event of the buyer's world, not the CRM's.
                if index.classes(words[position].vocabulary).contains(.worldEvent), !clauseNamesARecord(around: position) { continue }
                // "Ops team runs dispatch out of spreadsheets", "Committee shares the same view": what
                // someone does as a rule, unless a number, a quotation or a field says what was recorded.
                if words[position].ending == .s, index.classes(words[position].vocabulary).contains(.worldEvent),
                   !clauseBounds(around: position).contains(where: { spot in
                       !marks[spot].isDisjoint(with: [.number, .quoted]) || marks[spot].contains(.fieldName) && !marks[spot].contains(.buyer)
                   }) {
                    continue
                }
                marks[position].insert(.happened)
                flags.insert(.event)
                if marks[position].contains(.strongEvent) { flags.insert(.strongEvent) }
            }
            // A number in what is only wanted counts nothing ("plans to open a second location").
            if marks.contains(where: { $0.contains(.number) && !$0.contains(.hypothetical) }) { flags.insert(.number) }
            // A confirmation that is only wanted ("wants to review their coverage") confirms nothing.
            // (Nor does one that is part of a term: "track record".)
            func confirms(_ spot: Int) -> Bool {
                marks[spot].contains(.confirmation) && marks[spot].isDisjoint(with: [.hypothetical, .namesNoEvent])
            }
            if (0..<count).contains(where: confirms) { flags.insert(.confirmation) }
            // Intent lifts a visit to a pricing or demo page, not a click in a pricing email.
            for position in 0..<count where marks[position].contains(.intent) {
                // (What it is in, up to the end of its clause: "the pricing CTA in the onboarding email".)
                let after = (position + 1..<clauseBounds(around: position).upperBound).first {
                    index.classes(words[$0].vocabulary).contains(.weakObject)
                }
                if let after, !index.classes(words[after].vocabulary).contains(.page) { continue }
                // "Day 15 of the trial", "two weeks into the pilot": the trial is the clock's frame.
                var before = position - 1
                while before >= 0, !words[before + 1].gap.breaks, marks[before].contains(.number)
                        || !index.classes(words[before].vocabulary).isDisjoint(with: [.determiner, .topic, .linking]) {
                    before -= 1
                }
                if before < position - 1, before >= 0, !words[before + 1].gap.breaks, marks[before].contains(.period) { continue }
                flags.insert(.intent)
            }
            // The first weak signal that is not negated and not only wanted or a stance ("sees the value").
            if hasWeakObject, let weakSignal = (0..<count).first(where: { position in
                index.classes(words[position].vocabulary).contains(.weakSignal) && marks[position].isDisjoint(with: [.negated, .hypothetical])
            }) {
                weakSignalPosition = Int32(weakSignal)
            }

            // Only the clock: a period or a date, and nothing that happened but time passing (an
            // event not negated and not the clock's own, a confirmation, intent, a score, a signal,
            // a count of something other than time).
            // (Not a date someone only knows or plans for: "aware of the PSD2 deadline".)
            // ("may" is a month and a stance: its own word is not hypothetical to itself.)
            // "Wait 30 days, then set Status to Recycled", "auto-recycle": what the clock does, not a
            // condition (from the word to the end of its clause).
            var consequenceTo = 0
            func markConsequence(from position: Int) {
                consequenceTo = clauseBounds(around: position).upperBound
                for spot in position..<consequenceTo { marks[spot].insert(.consequence) }
            }
            for position in 0..<count where position >= consequenceTo && index.classes(words[position].vocabulary).contains(.consequence) {
                markConsequence(from: position)
            }
            // "90 days after Lifecycle Stage was set", "30 days since it became SAL": what the clock starts
            // from is no condition either.
            // (A period up to three words before: "90 calendar days elapsed since".)
            func afterAPeriod(_ position: Int) -> Bool {
                var spot = position
                while spot > max(0, position - 3), !words[spot].gap.breaks {
                    spot -= 1
                    if marks[spot].contains(.period) { return true }
                }
                return false
            }
            for position in 1..<max(1, count) where position >= consequenceTo
                && index.classes(words[position].vocabulary).contains(.since) && afterAPeriod(position) {
                markConsequence(from: position)
            }
            // "is moving to disqualified", "goes to recycle": where the move goes is no condition either.
            for position in 0..<max(0, count - 2) where marks[position].contains(.move)
                && index.classes(words[position + 1].vocabulary).contains(.linking)
                && !words[position + 1].gap.breaks && !words[position + 2].gap.breaks {
                marks[position + 2].insert(.consequence)
            }
            let hasPeriod = marks.contains { $0.contains(.period) && (!$0.contains(.hypothetical) || $0.contains(.stance)) }
            // (A confirmation that did not happen confirms nothing: "nothing logged on the contact since".)
            let confirmedSomething = flags.contains(.person) && (0..<count).contains { confirms($0) && !marks[$0].contains(.negated) }
            var onlyTime = hasPeriod && !confirmedSomething && weakSignalPosition < 0 && flags.isDisjoint(with: [.intent, .score])
            for position in 0..<count where onlyTime {
                let word = words[position], classes = index.classes(word.vocabulary)
                // "passed with no registration", "no PO submitted", "no reply": a record or a reply that
                // did not come is a condition, unlike "no activity" or "no touch" (or "no app activity": a
                // record that only says whose activity), even where the clock does or starts from something.
                // (Not an un- form: "set to Unqualified" says nothing about what came.)
                if marks[position].contains(.negated), !word.unPrefixed,
                   classes.contains(.recordable) || marks[position].contains(.strongEvent), !classes.contains(.timeFiller),
                   position + 1 >= count || words[position + 1].gap.breaks
                    || !index.classes(words[position + 1].vocabulary).contains(.inactivity) {
                    onlyTime = false
                }
                guard !marks[position].contains(.consequence) else { continue }
                if marks[position].contains(.happened), !marks[position].contains(.negated), !classes.contains(.timeFiller) {
                    onlyTime = false
                }
                // A field compared with a value that is not a time ("closed_won_date IS NOT NULL").
                if marks[position].contains(.testedValue), !word.isQuantity, !word.isDuration, !marks[position].contains(.period),
                   classes.isDisjoint(with: [.timeFiller, .negation, .numberWord]), marks[position].isDisjoint(with: [.comparison, .quantifier]),
                   position + 1 >= count || !words[position + 1].gap.comparison {
                    onlyTime = false
                }
                // A number counts time ("30 days", "day 31", "ten business days", "Lead Age > 180"),
                // not touches.
                // ("the 1st of the month": "of" is the one word both a topic and a determiner.)
                let dayOf = word.isOrdinal && position + 1 < count
                    && index.classes(words[position + 1].vocabulary).isSuperset(of: [.topic, .determiner])
                if word.isQuantity && !word.isDuration && !dayOf {
                    let near = max(0, position - 3)..<min(count, position + 4)
                    let compared = word.gap.comparison || marks[position].contains(.testedValue)
                        || (position > 0 && marks[position - 1].contains(.quantifier))
                    if !near.contains(where: { marks[$0].contains(.period) }) && !compared { onlyTime = false }
                }
            }
            // At most one word that is not about time, a number or a person ("landed", "retainer"):
            // more say what the rule is about ("They are consolidating tools this year"). Up to two
            // words right before a period name it ("the next hospital budget cycle", "harvest season").
            // (A label of a few words before a colon names the mechanism: "Smart campaign: Wait 30 days".)
            let label = (1..<min(count, 4)).first { words[$0].gap.colon } ?? 0
            if onlyTime, (label..<count).count(where: { position in
                let classes = index.classes(words[position].vocabulary)
                func isPeriod(_ spot: Int) -> Bool { spot < count && marks[spot].contains(.period) && !words[spot].gap.breaks }
                let namesAPeriod = isPeriod(position + 1) || (isPeriod(position + 2) && !words[position + 1].gap.breaks
                    && !words[position + 1].isQuantity
                    && index.classes(words[position + 1].vocabulary).isDisjoint(with: [.timeFiller, .determiner, .numberWord]))
                // (Nor what the clock does: "then auto-recycle".)
                return !words[position].isQuantity && marks[position].isDisjoint(with: [.period, .person, .term, .consequence])
                    && classes.isDisjoint(with: [.timeFiller, .numberWord, .negation]) && !namesAPeriod
            }) > 1 {
                onlyTime = false
            }
            if onlyTime { flags.insert(.timeOnly) }

            // Judgements: a hedge anywhere but in a value; a judgement or an evaluative word not
            // in a value and not backed by a named confirmation or by an event ("engaged by
            // replying").
            let lastEvent = (0..<count).last { marks[$0].contains(.event) && !marks[$0].contains(.hypothetical) } ?? -1
            func backedByEvent(after position: Int) -> Bool {
                // "Re-engaged: filled out a form again": the event after the colon defines it.
                if position + 1 < count, words[position + 1].gap.comparison || words[position + 1].gap.dash, lastEvent > position {
                    return true
                }
                var spot = position + 1
                while spot < min(count, position + 5) {
                    if marks[spot].contains(.by) {
                        return (spot + 1..<min(count, spot + 4)).contains { marks[$0].contains(.event) && !marks[$0].contains(.hypothetical) }
                    }
                    spot += 1
                }
                return false
            }
            // A vague rule is not "only a time period": it is reported as vague.
            defer { if vagueness != .none { flags.remove(.timeOnly) } }
            // The clause a word stands in and who is in it. Kept for the last clause asked about: the
            // words are asked about in order, so a text is read once however many judgements it holds.
            var lastClause = (span: 0..<0, firstBuyer: Int.max, hasSeller: false, hasConfirmation: false)
            func clause(of position: Int) -> (span: Range<Int>, firstBuyer: Int, hasSeller: Bool, hasConfirmation: Bool) {
                if lastClause.span.contains(position) { return lastClause }
                let span = clauseBounds(around: position)
                lastClause = (span, Int.max, false, false)
                for spot in span {
                    if marks[spot].contains(.buyer) { lastClause.firstBuyer = min(lastClause.firstBuyer, spot) }
                    if marks[spot].contains(.person) && marks[spot].isDisjoint(with: [.buyer, .namedTeam]) { lastClause.hasSeller = true }
                    if confirms(spot) { lastClause.hasConfirmation = true }
                }
                return lastClause
            }
            // Who feels or thinks in a clause: the buyer, when the clause names the buyer's side
            // before the word and none of the seller's people.
            func isTheBuyers(_ position: Int) -> Bool {
                let facts = clause(of: position)
                return facts.firstBuyer < position && !facts.hasSeller
            }
            // A hedge of thinking about something ("thinking about switching") or of the buyer's
            // mind ("Buyer feels pressure") is a state of mind, not a hedge.
            func isStateOfMind(_ position: Int) -> Bool {
                guard index.classes(words[position].vocabulary).contains(.mind) else { return false }
                if position + 1 < count, !words[position + 1].gap.breaks, index.classes(words[position + 1].vocabulary).contains(.topic) {
                    return true
                }
                return isTheBuyers(position)
            }
            // A placeholder is one in a value too ("Criteria: N/A"); only a quotation is exempt (and a
            // verb of thinking that is a state of mind, not a hedge).
            if let hedge = hedges.first(where: { !marks[$0.position].contains(.quoted) && !($0.length == 1 && isStateOfMind($0.position)) }) {
                (vagueness, vagueDetail) = (.hedge, Int32(hedge.phrase))
                return
            }
            // A judgement confirmed by a named person in its own clause is their recorded decision
            // ("SDR confirmed account fit"); one in another clause is not ("Sales accepts it once
            // it's ready").
            func confirmed(_ position: Int) -> Bool {
                flags.contains(.person) && clause(of: position).hasConfirmation
            }
            // A feeling is the seller's judgement when the seller's people feel it ("once sales is
            // happy with it"); otherwise the buyer's state of mind ("frustrated with their carrier").
            func sellersFeeling(_ position: Int) -> Bool {
                clause(of: position).hasSeller
            }
            let judgement = judgements.first {
                // A judgement that ends in a value is part of it ("Status Reason is 'Qualified - Strong Fit'").
                !marks[$0.position + $0.length - 1].contains(.value) && !backedByEvent(after: $0.position + $0.length - 1)
                    && !confirmed($0.position)
            }
            let evaluative = (0..<count).first { position in
                // An adverb judges like its adjective ("genuinely", "meaningfully").
                let adjective = words[position].adjective
                let classes = index.classes(words[position].vocabulary)
                    .union(index.classes(adjective).intersection([.evaluative, .feeling]))
                    .union(index.starts(adjective).contains { $0.list == Lexicon.List.judgements.rawValue && index.wordCount($0) == 1 }
                        ? .evaluative : [])
                return classes.contains(.evaluative) && !marks[position].contains(.value) && !backedByEvent(after: position)
                    && !confirmed(position) && (!classes.contains(.feeling) || sellersFeeling(position))
            }
            if let judgement, judgement.position <= evaluative ?? count {
                (vagueness, vagueDetail) = (.judgement, Int32(judgement.phrase))
                return
            }
            if let evaluative {
                (vagueness, vagueDetail) = (.evaluative, Int32(evaluative))
                return
            }
            // Only the move restated: moves, their filler and people, and where or what the move
            // takes (up to the end of its clause, at most one other word that names no event:
            // "Moves on to proposal", "graduates to the sales-assist track", "Channel Manager
            // qualifies the registration"; not "moved on to other priorities"), nothing else. A
            // value or term is no restatement ("picked up the phone").
            // ("moved on" is a term, not a move.)
            // "Lifecycle Stage = Marketing Qualified Lead": a field compared with a value, not a move.
            if (1..<count).contains(where: { words[$0].gap.comparison && marks[$0 - 1].contains(.fieldName) }) { return }
            guard let move = (0..<count).first(where: { marks[$0].contains(.move) && !marks[$0].contains(.namesNoEvent) }) else { return }
            func isFiller(_ position: Int) -> Bool {
                marks[position].contains(.stageName)
                    || !words[position].hasDigit && !marks[position].contains(.namesNoEvent) && (!marks[position].isDisjoint(with: [.move, .person])
                    || index.classes(words[position].vocabulary).contains(.moveFiller))
            }
            if (0..<count).contains(where: { marks[$0].contains(.value) && !isFiller($0) }) { return }
            let end = clauseBounds(around: move).upperBound
            let named = (move + 1..<end).filter { !isFiller($0) }
            let takes = named.count <= 1 && !named.contains { words[$0].hasDigit || marks[$0].contains(.event) }
                ? move + 1..<end : 0..<0
            if (0..<count).allSatisfy({ isFiller($0) || takes.contains($0) }) { vagueness = .restatement }
        }
    }

    /// Digits alone or followed by a unit, a multiplier or an ordinal ending ("30", "6mo", "10k",
    /// "3x", "2nd", "1990s"): a quantity. (A unit of time is also a period: see `isDateLike`.)
    private static func isQuantity<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        let digits = Wording.leadingDigits(word)
        guard digits > 0 else { return false }
        return digits == word.count || quantityEndings.contains(String(decoding: word.dropFirst(digits), as: UTF8.self))
    }

    /// Digits followed by "st", "nd", "rd" or "th" ("1st", "22nd"), in any case.
    private static func isOrdinal<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        let digits = Wording.leadingDigits(word)
        guard digits > 0, word.count == digits + 2 else { return false }
        let ending = word.dropFirst(digits).map { $0 | 0x20 }
        return [Array("st".utf8), Array("nd".utf8), Array("rd".utf8), Array("th".utf8)].contains(ending)
    }

    private static let quantityEndings: Set<String> = [
        "x", "k", "m", "b", "st", "nd", "rd", "th", "s", "pct", "d", "h", "w", "y", "mo", "mos", "min", "mins", "hr", "hrs",
        "wk", "wks", "yr", "yrs", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    ]

    /// `14d`, `2w` (digits and one unit letter; see `Duration`), and `q3`, `h1`, `fy27`, `eoq4`-like
    /// periods: a word that is itself a period or a date.
    private static func isDateLike<Bytes: BidirectionalCollection<UInt8>>(_ word: Bytes) -> Bool {
        let digits = Wording.leadingDigits(word.reversed())
        let leading = Wording.leadingDigits(word)
        if leading > 0, leading == word.count - 1, word.count <= 7, let unit = word.last,
           Duration.Unit(rawValue: Character(Unicode.Scalar(unit))) != nil, word.dropLast().contains(where: { $0 != UInt8(ascii: "0") }) {
            return true
        }
        // q1-q4, h1-h2, fy2027, fy27
        guard digits > 0, digits < word.count else { return false }
        let prefix = String(decoding: word.prefix(word.count - digits), as: UTF8.self)
        return (prefix == "q" && digits == 1) || (prefix == "h" && digits == 1) || (prefix == "fy" && (digits == 2 || digits == 4))
            || (prefix == "eoq" && digits == 1)
    }
}

/// The playbook's own phrases that rule texts may name: its teams (ids and names, who count as
/// named people) and its fields (ids and labels).
final class PlaybookPhrases: Sendable {
    static let teams = 0
    static let fields = 1
    static let stages = 2
    let index: PhraseIndex
    /// Field phrase number → index of the field in `playbook.fields`.
    let fieldOfPhrase: [Int]

    /// What the phrases are made from: the teams' phrases, each field's, and the stages' names of two
    /// words or more (one word, such as "Nurture" or "Customer", means more than the stage).
    struct Key: Hashable, Sendable {
        let teams: [String]
        let fields: [[String]]
        let stages: [String]

        init(_ playbook: Playbook) {
            teams = playbook.teams.flatMap { [$0.id.value] + ($0.name.map { [$0.value] } ?? []) }
            fields = (playbook.fields ?? []).map { [$0.id.value] + ($0.label.map { [$0.value] } ?? []) }
            stages = playbook.stages.compactMap { $0.name?.value }.filter { Wording.split($0).count > 1 }
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
        // (Stage names as written: a playbook may have thousands, and none needs its inflections.)
        index = PhraseIndex(lists: [key.teams, fieldPhrases, key.stages], exactLists: [Self.stages])
        self.fieldOfPhrase = fieldOfPhrase
    }
}
