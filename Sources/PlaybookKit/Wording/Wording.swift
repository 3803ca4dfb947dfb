/// Rules and names split into lowercase words, and the inflected forms a word is matched in (the
/// matching itself is `PhraseIndex`).
enum Wording {
    /// Lowercase words: letters and digits, with `/` kept inside a word (`n/a`); a hyphen separates
    /// words (`good-fit` is "good fit", `no-show` is "no show").
    static func split(_ text: String) -> [String] {
        isASCII(text) ? splitASCII(text) : splitCharacters(text)
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
        var words: [String] = []
        var current = ""
        func flush() {
            var word = current
            while let last = word.last, last == "/" || last == "-" { word.removeLast() }
            while let first = word.first, first == "/" || first == "-" { word.removeFirst() }
            if word.hasSuffix("'s") { word.removeLast(2) }
            if !word.isEmpty { words.append(word) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || (character == "'" && !current.isEmpty) {
                current.append(character)
            } else if character == "/", !current.isEmpty {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return words
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
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { lowered in
            for index in text.indices {
                let byte = text[index]
                lowered[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            wordRanges(inLowercasedASCII: UnsafeBufferPointer(lowered)) { start, end in
                body(UnsafeBufferPointer(rebasing: lowered[start..<end]))
            }
        }
    }

    /// The words of lowercased ASCII text, as byte ranges: letters and digits, with `'` and `/`
    /// inside a word; a trailing `/` and a trailing `'s` are dropped.
    private static func wordRanges(inLowercasedASCII text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        func emit(_ start: Int, _ end: Int) {
            var end = end
            while end > start, text[end - 1] == UInt8(ascii: "/") { end -= 1 }
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

    /// A phrase as matched: its words joined by single spaces.
    static func normalizePhrase(_ phrase: String) -> String {
        split(phrase).joined(separator: " ")
    }

    /// The forms of a word that count as the word: `submit` → submits, submitted, submitting;
    /// `reply` → replies, replied; `book` → books, booked, booking; `plan` → planned.
    static func inflections(_ word: String) -> [String] {
        // A short list rather than a set: it has at most nine forms, and is built for every word of
        // every team and field name of every playbook.
        var forms = [word]
        // The last three letters decide; lowercase ASCII words (nearly all) are read byte by byte.
        let last, middle, first: Character
        let utf8 = word.utf8
        if utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            guard utf8.count > 2 else { return forms }
            let bytes = Array(utf8.suffix(3))
            (first, middle, last) = (Character(Unicode.Scalar(bytes[0])), Character(Unicode.Scalar(bytes[1])), Character(Unicode.Scalar(bytes[2])))
        } else {
            let letters = Array(word)
            guard letters.count > 2, letters.allSatisfy({ $0.isLetter }) else { return forms }
            (first, middle, last) = (letters[letters.count - 3], letters[letters.count - 2], letters[letters.count - 1])
        }
        let vowels = "aeiou"
        forms.append(word + "s")
        forms.append(word + "es")
        if last == "e" {
            forms.append(word + "d")
            forms.append(String(word.dropLast()) + "ing")
        } else if last == "y", !vowels.contains(middle) {
            let stem = String(word.dropLast())
            forms.append(stem + "ies")
            forms.append(stem + "ied")
            forms.append(word + "ing")
        } else {
            forms.append(word + "ed")
            forms.append(word + "ing")
            // submit → submitted: double a final consonant after a single vowel.
            if !vowels.contains(last) && !"wxy".contains(last), vowels.contains(middle), !vowels.contains(first) {
                forms.append(word + String(last) + "ed")
                forms.append(word + String(last) + "ing")
            }
        }
        return forms
    }
}
