import PlaybookModel
/// Rules and names split into lowercase words, and the inflected forms a word is matched in (the
/// matching itself is `PhraseIndex`).
enum Wording {
    /// Lowercase words: letters and digits, with `/` kept inside a word (`n/a`); a hyphen separates
    /// words (`good-fit` is "good fit", `no-show` is "no show").
    static func split(_ text: String) -> [String] {
        isASCII(text) ? splitASCII(text) : splitCharacters(text)
    }

    /// Calls `body` with the UTF-8 bytes of each word of `split(text)`, valid during the call; for
    /// ASCII text without making a String of each.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        if isASCII(text) {
            text.withUTF8 { bytes in
                // One lowercase word (most phrases of the vocabulary): itself.
                if isLowercaseWord(bytes) {
                    body(bytes)
                } else {
                    forEachWord(inASCII: bytes, body)
                }
            }
        } else {
            for var word in splitCharacters(text) {
                word.withUTF8(body)
            }
        }
    }

    /// True when every byte of the text is ASCII: over its bytes in place when they are contiguous
    /// (a native string), eight at a time, instead of walking `String.UTF8View` index by index.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII(bytes:)) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func isASCII(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The split by Unicode characters (letters and digits of any script).
    static func splitCharacters(_ text: String) -> [String] {
        wordsWithGaps(text).map(\.word)
    }

    /// The same split, byte by byte, for ASCII text (by far the most common case).
    static func splitASCII(_ text: String) -> [String] { splitASCII(bytes: text.utf8) }

    static func splitASCII<Bytes: Sequence<UInt8>>(bytes: Bytes) -> [String] {
        bytes.withContiguousStorageIfAvailable(splitASCII(buffer:)) ?? Array(bytes).withUnsafeBufferPointer(splitASCII(buffer:))
    }

    private static func splitASCII(buffer text: UnsafeBufferPointer<UInt8>) -> [String] {
        var words: [String] = []
        forEachWord(inASCII: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with each word of ASCII text, lowercased, as bytes that are valid during the call
    /// (no String is made): the split of `splitASCII`, for looking words up by their bytes.
    static func forEachWord(inASCII text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachWord(inASCII: text) { word, _ in body(word) }
    }

    /// The same, with what stands between each word and the one before it (quotes, commas, `=`).
    static func forEachWord(inASCII text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Gap) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { lowered in
            for index in text.indices {
                let byte = text[index]
                lowered[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            var previousEnd = 0
            wordRanges(inLowercasedASCII: UnsafeBufferPointer(lowered)) { start, end in
                var gap = Gap()
                // The `'s` dropped from the word before ("prospect's") is no quotation mark.
                if previousEnd > 0, previousEnd + 1 < start, text[previousEnd] == UInt8(ascii: "'"), lowered[previousEnd + 1] == UInt8(ascii: "s") {
                    previousEnd += 2
                }
                for index in previousEnd..<start {
                    gap.add(Unicode.Scalar(text[index]), atStart: index == previousEnd && previousEnd > 0, atEnd: index == start - 1)
                }
                previousEnd = end
                // "EmailBouncedReason", "leadScore": a lowercase letter followed by a capital.
                gap.identifier = (start + 1..<end).contains { index in
                    let (before, byte) = (text[index - 1], text[index])
                    return before >= UInt8(ascii: "a") && before <= UInt8(ascii: "z") && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                }
                body(UnsafeBufferPointer(rebasing: lowered[start..<end]), gap)
            }
        }
    }

    /// The ending of a verb's form, as far as the wording rules read it.
    enum Ending: UInt8, Sendable {
        case none, ing, ed
        /// A verb's third person ("shares", "runs"): what someone does as a rule.
        case s
    }

    /// "expanding" → `.ing`, "realized" → `.ed`, "shares" → `.s` (not "-ss" or "-us"); ASCII letters in
    /// any case, a word of more than three.
    /// (Read for every word of every rule: no array is made.)
    static func ending<Bytes: BidirectionalCollection<UInt8>>(of word: Bytes) -> Ending {
        guard word.count > 3 else { return .none }
        let end = word.endIndex
        let (first, middle, last) = (word[word.index(end, offsetBy: -3)] | 0x20, word[word.index(end, offsetBy: -2)] | 0x20,
                                     word[word.index(before: end)] | 0x20)
        if first == UInt8(ascii: "i"), middle == UInt8(ascii: "n"), last == UInt8(ascii: "g") { return .ing }
        if middle == UInt8(ascii: "e"), last == UInt8(ascii: "d") { return .ed }
        if last == UInt8(ascii: "s"), middle != UInt8(ascii: "s"), middle != UInt8(ascii: "u") { return .s }
        return .none
    }

    /// What stands between two words, as far as reading a rule is concerned.
    struct Gap: Sendable, Equatable {
        /// Quotation marks that open or close a quotation here (`"`, `“`, `”`; `'` and `‘` `’` when
        /// they touch a word, as in `'not interested'`).
        var quotes: UInt8 = 0
        /// A comma, semicolon, full stop, bracket, dash or slash between words: a clause ends here.
        var breaks = false
        /// `=`, `:`, `<`, `>`, `≥`, `≤`: what follows is a value compared with what comes before.
        var comparison = false
        /// `:` alone of those: what comes before is a label or a field's name.
        var colon = false
        /// The word after the gap is written like a field's API name ("EmailBouncedReason").
        var identifier = false
        /// A dash set apart by spaces (" - ", "–", "—"): what follows says what came before
        /// ("re-engaged - replied to the sequence"). Not the hyphen inside a word ("re-engaged").
        var dash = false

        mutating func add(_ scalar: Unicode.Scalar, atStart: Bool, atEnd: Bool) {
            switch scalar {
            case "\"", "“", "”", "«", "»", "„": quotes &+= 1
            case "'", "‘", "’", "`": if atStart || atEnd { quotes &+= 1 }
            case "–", "—":
                breaks = true
                dash = true
            case "-" where !atStart && !atEnd:
                // (No clause ends here: "Unqualified - Bad Data" is one value.)
                dash = true
            case ",", ";", ".", "(", ")", "[", "]", "!", "?", "/", "|", "\n": breaks = true
            case ":":
                comparison = true
                colon = true
            case "=", "<", ">", "≥", "≤": comparison = true
            default: break
            }
        }
    }

    /// The words of `text` with the gap before each: the general (Unicode) path of
    /// `forEachWord(inASCII:_:)`, splitting as `splitCharacters` does.
    static func wordsWithGaps(_ text: String) -> [(word: String, gap: Gap)] {
        var result: [(word: String, gap: Gap)] = []
        var current = ""
        var gap = Gap()
        var pending: [Character] = []  // the gap's characters, read when the next word starts
        func flush() {
            var word = current
            var trailing: [Character] = []
            while let last = word.last, last == "/" || last == "-" || last == "'" || last == "’" { trailing.insert(word.removeLast(), at: 0) }
            while let first = word.first, first == "/" || first == "-" { word.removeFirst() }
            if word.hasSuffix("'s") || word.hasSuffix("’s") { word.removeLast(2) }
            current = ""
            guard !word.isEmpty else { pending += trailing; return }
            for (index, character) in pending.enumerated() {
                for scalar in character.unicodeScalars {
                    gap.add(scalar, atStart: index == 0 && !result.isEmpty, atEnd: index == pending.count - 1)
                }
            }
            result.append((word, gap))
            gap = Gap()
            pending = trailing
        }
        var previousLower = false
        for original in text {
            if original.isUppercase, previousLower, !current.isEmpty { gap.identifier = true }
            previousLower = original.isLowercase
            let character = Character(original.lowercased())
            if character.isLetter || character.isNumber || ((character == "'" || character == "’") && !current.isEmpty) {
                current.append(character)
            } else if character == "/", !current.isEmpty {
                current.append(character)
            } else {
                flush()
                pending.append(character)
            }
        }
        flush()
        return result
    }

    /// The words of lowercased ASCII text, as byte ranges: letters and digits, with `'` and `/`
    /// inside a word; a trailing `/` and a trailing `'s` are dropped.
    private static func wordRanges(inLowercasedASCII text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        func emit(_ start: Int, _ end: Int) {
            var end = end
            while end > start, text[end - 1] == UInt8(ascii: "/") || text[end - 1] == UInt8(ascii: "'") { end -= 1 }
            if end - start >= 2, text[end - 2] == UInt8(ascii: "'"), text[end - 1] == UInt8(ascii: "s") { end -= 2 }
            if end > start { body(start, end) }
        }
        var start = -1
        for index in 0..<text.count {
            let byte = text[index]
            let isWord = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isWord || (start >= 0 && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "/"))) {
                if start < 0 { start = index }
            } else if start >= 0 {
                emit(start, index)
                start = -1
            }
        }
        if start >= 0 { emit(start, text.count) }
    }

    /// The words of a phrase of the vocabulary: the phrase itself when it is one lowercase ASCII
    /// word (nearly all are; no String is made), else `split`.
    static func wordsOfPhrase(_ phrase: String) -> [String] {
        isLowercaseWord(phrase.utf8) ? [phrase] : split(phrase)
    }

    /// One word of lowercase ASCII letters, as the vocabulary writes nearly all its phrases.
    static func isLowercaseWord<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var isEmpty = true
        for byte in bytes {
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { return false }
            isEmpty = false
        }
        return !isEmpty
    }

    /// How many ASCII digits a word starts with ("6mo": 1, "q3": 0).
    static func leadingDigits<Bytes: Collection<UInt8>>(_ word: Bytes) -> Int {
        word.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
    }

    /// A phrase as matched: its words joined by single spaces.
    static func normalizePhrase(_ phrase: String) -> String {
        // Lowercase words with one space between them (nearly every listed phrase): as they are.
        var previous: UInt8 = UInt8(ascii: " ")
        let normal = phrase.utf8.allSatisfy { byte in
            defer { previous = byte }
            return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte == UInt8(ascii: " ") && previous != byte)
        } && previous != UInt8(ascii: " ")
        return normal ? phrase : split(phrase).joined(separator: " ")
    }

    /// The forms of a word that count as the word: `submit` → submits, submitted, submitting;
    /// `reply` → replies, replied; `book` → books, booked, booking; `plan` → planned.
    static func inflections(_ word: String) -> [String] {
        var word = word
        var forms: [String] = []
        word.withUTF8 { bytes in forEachInflection(of: bytes) { forms.append(String(decoding: $0, as: UTF8.self)) } }
        return forms
    }

    /// Calls `body` with the UTF-8 bytes of each form of `inflections`, in the same order, without
    /// making a String of each (the vocabulary's index is built from thousands of them).
    static func forEachInflection(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        body(word)
        // The last three letters decide; lowercase ASCII words (nearly all) are read byte by byte. Of
        // other words, only letters are inflected, and a letter that is not ASCII is never a vowel,
        // `e`, `w`, `x` or `y`.
        let last, middle, first: UInt8
        var lastLength = 1
        if word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            guard word.count > 2 else { return }
            (first, middle, last) = (word[word.count - 3], word[word.count - 2], word[word.count - 1])
            // A past form ("awarded", not "need" or "exceed") or an adverb ("probably") is not
            // inflected further: none of its forms is a word.
            if word.count > 5, middle == UInt8(ascii: "e"), last == UInt8(ascii: "d"), first != UInt8(ascii: "e") { return }
            if word.count > 6, middle == UInt8(ascii: "l"), last == UInt8(ascii: "y") { return }
        } else {
            let letters = Array(String(decoding: word, as: UTF8.self))
            guard letters.count > 2, letters.allSatisfy({ $0.isLetter }) else { return }
            let ascii = { (letter: Character) in letter.asciiValue ?? 0 }
            (first, middle, last) = (ascii(letters[letters.count - 3]), ascii(letters[letters.count - 2]), ascii(letters[letters.count - 1]))
            lastLength = letters[letters.count - 1].utf8.count
        }
        func isVowel(_ letter: UInt8) -> Bool {
            switch letter {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
            default: return false
            }
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + lastLength + 3) { form in
            _ = form.initialize(fromContentsOf: word)
            let whole = word.count
            /// The first `stem` bytes of `form`, then `ending`.
            func emit(_ ending: StaticString, after stem: Int) {
                ending.withUTF8Buffer { ending in
                    for (offset, byte) in ending.enumerated() { form[stem + offset] = byte }
                    body(UnsafeBufferPointer(rebasing: form[0..<stem + ending.count]))
                }
            }
            emit("s", after: whole)
            // ("-es" after a hiss or an "o": matches, goes.)
            switch last {
            case UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"), UInt8(ascii: "h"), UInt8(ascii: "o"): emit("es", after: whole)
            default: break
            }
            if last == UInt8(ascii: "e") {
                emit("d", after: whole)
                emit("ing", after: whole - 1)
            } else if last == UInt8(ascii: "y"), !isVowel(middle) {
                // "replying" first: the other two write over the `y`.
                emit("ing", after: whole)
                emit("ies", after: whole - 1)
                emit("ied", after: whole - 1)
            } else {
                emit("ed", after: whole)
                emit("ing", after: whole)
                // submit → submitted: double a final consonant after a single vowel.
                let isWXY = last == UInt8(ascii: "w") || last == UInt8(ascii: "x") || last == UInt8(ascii: "y")
                if !isVowel(last) && !isWXY, isVowel(middle), !isVowel(first) {
                    for offset in 0..<lastLength { form[whole + offset] = word[whole - lastLength + offset] }
                    emit("ed", after: whole + lastLength)
                    emit("ing", after: whole + lastLength)
                }
            }
        }
    }
}
