import Foundation
import PlaybookModel
import YAMLReader

extension HouseRule {
    /// The work a rule's regular expressions may do on one text before the rule gives up on it (and
    /// says so as a `resource-limit` finding). The patterns run in linear time, so only a very long
    /// text under a very large pattern comes near it.
    static let patternBudget = 2_000_000

    /// Checks every item of `given` that meets `where`, and reports one finding for each that fails `then`.
    func check(_ facts: HouseRuleFacts, into sink: inout DiagnosticSink) {
        for slot in facts.slots(given) {
            // Most items fail a `where` clause other rules have judged already: passed over at once.
            let known = facts.knownResult(of: conditions, for: slot)
            if known == false { continue }
            var judge = HouseJudge(slot: slot)
            let included = known ?? judge.holds(conditions, in: facts)
            let failure = included ? judge.failure(of: assertions, in: facts) : nil
            // A pattern that gave up decides nothing: the item is neither reported nor passed in silence.
            if let exceeded = judge.exceeded {
                sink.report(.resourceLimit, at: exceeded.span,
                            "house rule '\(id)' gave up on this text: its pattern `\(exceeded.pattern)` needed more than "
                                + "\(Self.patternBudget) steps; write a simpler pattern or a `mentions` test")
                continue
            }
            guard let failure else { continue }
            sink.report(description, at: failure, message(for: slot, facts: facts))
        }
    }

    func message(for slot: Int, facts: HouseRuleFacts) -> String {
        guard let message else { return description.summary }
        return message.pieces.map { piece in
            switch piece {
            case .literal(let text): return text
            case .value(let path): return facts.value(at: path, of: slot).shown
            }
        }.joined()
    }
}

/// Judges one item of a file's facts (handed to each call, not kept): whether conditions hold, and
/// where the first failing assertion is.
struct HouseJudge {
    /// The item's slot (see `HouseRuleFacts`).
    let slot: Int
    /// A pattern that ran out of work, with the text's place.
    var exceeded: (pattern: String, span: SourceSpan)?

    init(slot: Int) {
        self.slot = slot
    }

    /// Whether every clause holds. A clause judged before for this item (by this rule or another that
    /// shares it) is not judged again.
    mutating func holds(_ condition: HouseCondition, in facts: HouseRuleFacts) -> Bool {
        for clause in condition.clauses {
            switch clause {
            case .test(let tests):
                if !holds(tests, in: facts) { return false }
            case .any(let alternatives):
                if !alternatives.contains(where: { holds($0, in: facts) }) { return false }
            }
        }
        return true
    }

    /// Whether a clause holds, judged once per item and clause for all rules. A clause through a
    /// reference (`to.kind: won`) is the named item's clause (`kind: won`), judged once per stage
    /// rather than once per exit into it.
    private mutating func holds(_ clause: HouseTests, in facts: HouseRuleFacts) -> Bool {
        if let known = facts.knownResult(of: clause.number, for: slot) { return known }
        guard let through = clause.through, let target = facts.targetSlot(of: clause.path, from: slot) else {
            return judge(clause, in: facts) == nil
        }
        var judge = HouseJudge(slot: target)
        let held = judge.holds(through, in: facts)
        if let exceeded = judge.exceeded {
            self.exceeded = self.exceeded ?? exceeded
        } else {
            facts.remember(held, of: clause.number, for: slot)
        }
        return held
    }

    /// Where the first clause that does not hold should be reported; nil when all hold.
    mutating func failure(of condition: HouseCondition, in facts: HouseRuleFacts) -> SourceSpan? {
        for clause in condition.clauses {
            switch clause {
            case .test(let tests):
                if let known = facts.knownResult(of: tests.number, for: slot) {
                    if known { continue }
                    if let failed = facts.knownFailure(of: tests.number, for: slot) { return failed }
                }
                if let failed = judge(tests, in: facts) {
                    if exceeded == nil { facts.keep(failed, of: tests.number, for: slot) }
                    return failed
                }
            case .any(let alternatives):
                if !alternatives.contains(where: { holds($0, in: facts) }) { return facts.keySpan(slot) }
            }
        }
        return nil
    }

    /// Where the clause's first failing test should be reported; nil when they all pass. The answer
    /// is kept for other rules, unless a pattern gave up.
    private mutating func judge(_ clause: HouseTests, in facts: HouseRuleFacts) -> SourceSpan? {
        let value = facts.value(at: clause.path, of: slot)
        let key = facts.keySpan(slot)
        var failed: SourceSpan?
        for test in clause.tests.indices {
            failed = failure(of: clause.tests[test], on: value, kind: clause.path.kind, key: key)
            if failed != nil { break }
        }
        if exceeded == nil { facts.remember(failed == nil, of: clause.number, for: slot) }
        return failed
    }

    /// Where `test` fails on `value` (the value, an item of it, or the item's `key` when it is not
    /// written); nil when it holds.
    private mutating func failure(of test: borrowing HouseTest, on value: borrowing HouseValue, kind: borrowing HouseValueKind,
                                  key: SourceSpan) -> SourceSpan? {
        let at = value.span ?? key
        let present = value.isDefined
        switch test {
        case .defined(let wanted):
            return present == wanted ? nil : (wanted ? key : at)
        case .equals(let scalar):
            return present && Self.equal(value, scalar) ? nil : (present ? at : key)
        case .notEquals(let scalar):
            return present && Self.equal(value, scalar) ? at : nil
        case .oneOf(let scalars):
            return present && scalars.contains { Self.equal(value, $0) } ? nil : (present ? at : key)
        case .noneOf(let scalars):
            return present && scalars.contains { Self.equal(value, $0) } ? at : nil
        case .contains(let wanted):
            return Self.keys(of: value).contains(wanted) ? nil : (present ? at : key)
        case .notContains(let unwanted):
            guard let found = Self.items(of: value).first(where: { Self.text(of: $0) == unwanted }) else {
                return Self.keys(of: value).contains(unwanted) ? at : nil
            }
            return found.span ?? at
        case .pattern(let pattern):
            guard present else { return key }
            var failed: SourceSpan?
            Self.visitTexts(of: value) { text, span in
                guard let matched = matches(pattern, text, at: span) else { return false }
                if !matched { failed = span }
                return matched
            }
            return failed
        case .notPattern(let pattern):
            var failed: SourceSpan?
            Self.visitTexts(of: value) { text, span in
                guard let matched = matches(pattern, text, at: span) else { return false }
                if matched { failed = span }
                return !matched
            }
            return failed
        case .mentions(let words):
            guard present else { return key }
            var named = false
            Self.visitTexts(of: value) { text, _ in
                named = words.isNamed(in: text)
                return !named
            }
            return named ? nil : at
        case .notMentions(let words):
            var failed: SourceSpan?
            Self.visitTexts(of: value) { text, span in
                if words.isNamed(in: text) { failed = span }
                return failed == nil
            }
            return failed
        case .min(let bound):
            guard let amount = Self.amount(of: value, kind: kind) else { return present ? at : key }
            return amount >= bound ? nil : at
        case .max(let bound):
            guard let amount = Self.amount(of: value, kind: kind) else { return present ? at : key }
            return amount <= bound ? nil : at
        case .count(let low, let high):
            let count = present ? Self.keys(of: value).count : 0
            return (low.map { count >= $0 } ?? true) && (high.map { count <= $0 } ?? true) ? nil : (present ? at : key)
        case .casing(let casing):
            guard present else { return key }
            var failed: SourceSpan?
            Self.visitTexts(of: value) { text, span in
                if !HouseJudge.isWritten(text, casing) { failed = span }
                return failed == nil
            }
            return failed
        }
    }

    private mutating func matches(_ pattern: LinearPattern, _ text: String, at span: SourceSpan) -> Bool? {
        var budget = HouseRule.patternBudget
        guard let matched = pattern.matches(text, budget: &budget) else {
            exceeded = exceeded ?? (pattern.source, span)
            return nil
        }
        return matched
    }

    static func text(of value: HouseValue) -> String? {
        switch value {
        case .text(let text, _): return text
        case .number(let number, _): return JSONValue.double(number).rendered()
        case .boolean(let flag, _): return flag ? "true" : "false"
        default: return nil
        }
    }

    private static func items(of value: HouseValue) -> [HouseValue] {
        if case .list(let items, _) = value { return items }
        return []
    }

    /// What `contains` and `count` see: a list's items as texts, a mapping's keys.
    private static func keys(of value: HouseValue) -> [String] {
        switch value {
        case .list(let items, _): return items.map { text(of: $0) ?? "" }
        case .mapping(let node):
            if case .mapping(let members) = node.value { return members.map(\.key.value) }
            return []
        case .data(let members, _): return members.map(\.key)
        default: return []
        }
    }

    /// Hands `visit` the texts a text test reads (the value itself, or every text of a list) with where
    /// each is, until it returns false; false when it stopped.
    @discardableResult
    private static func visitTexts(of value: HouseValue, _ visit: (String, SourceSpan) -> Bool) -> Bool {
        switch value {
        case .text(let text, let span): return visit(text, span)
        case .list(let items, _): return items.allSatisfy { visitTexts(of: $0, visit) }
        default: return true
        }
    }

    private static func equal(_ value: HouseValue, _ scalar: HouseScalar) -> Bool {
        switch (value, scalar) {
        case (.text(let text, _), .text(let wanted)): return text == wanted
        case (.text(let text, _), .duration(let minutes)): return Duration(parsing: text)?.totalMinutes == minutes
        case (.text(let text, _), .number(let wanted)): return Double(text) == wanted
        case (.text(let text, _), .boolean(let wanted)): return text == (wanted ? "true" : "false")
        case (.number(let number, _), .number(let wanted)): return number == wanted
        case (.number(let number, _), .text(let wanted)): return Double(wanted) == number
        case (.boolean(let flag, _), .boolean(let wanted)): return flag == wanted
        case (.boolean(let flag, _), .text(let wanted)): return wanted == (flag ? "true" : "false")
        default: return false
        }
    }

    /// A number, or a duration in minutes, for `min` and `max`.
    private static func amount(of value: HouseValue, kind: HouseValueKind) -> Double? {
        switch value {
        case .number(let number, _): return number
        case .text(let text, _): return Duration(parsing: text).map { Double($0.totalMinutes) } ?? (kind == .any ? Double(text) : nil)
        default: return nil
        }
    }

    /// True when `text` is written in `casing`.
    static func isWritten(_ text: String, _ casing: HouseCasing) -> Bool {
        var text = text
        if let ascii = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? isWritten(ascii: bytes, casing) : nil }) {
            return ascii
        }
        return isWritten(characters: text, casing)
    }

    /// The same, character by character (for any text; the tests compare the two on ASCII texts).
    static func isWritten(characters text: String, _ casing: HouseCasing) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch casing {
        case .lower: return !text.contains { $0.isUppercase }
        case .upper: return !text.contains { $0.isLowercase }
        case .kebab: return isJoined(text, by: "-")
        case .snake: return isJoined(text, by: "_")
        case .title:
            return words.enumerated().allSatisfy { index, word in
                guard let first = word.first(where: \.isLetter) else { return true }
                return first.isUppercase || (index > 0 && minorWords.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters)))
            }
        case .sentence:
            guard let firstWord = words.first, let first = firstWord.first(where: \.isLetter), first.isUppercase else {
                return words.first?.contains(where: \.isLetter) == false
            }
            // Later words are lowercase, unless written all in capitals (an acronym: SQL, AE).
            return words.dropFirst().allSatisfy { word in
                guard let first = word.first(where: \.isLetter), first.isUppercase else { return true }
                return !word.contains { $0.isLowercase }
            }
        }
    }

    /// The same for an ASCII text, byte by byte (most names are ASCII, and this is what the rule costs).
    private static func isWritten(ascii text: UnsafeBufferPointer<UInt8>, _ casing: HouseCasing) -> Bool {
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
        switch casing {
        case .lower: return !text.contains(where: isUpper)
        case .upper: return !text.contains(where: isLower)
        case .kebab, .snake:
            guard !text.isEmpty else { return false }
            return text.split(separator: casing == .kebab ? 0x2D : 0x5F, omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { isLower($0) || ($0 >= 0x30 && $0 <= 0x39) }
            }
        case .title:
            return forEachWord(text) { index, word in
                guard let first = word.first(where: isLetter) else { return true }
                guard !isUpper(first), index > 0 else { return isUpper(first) }
                return minorWords.contains(String(decoding: word, as: UTF8.self).lowercased().trimmingCharacters(in: .punctuationCharacters))
            }
        case .sentence:
            // A text whose first word has no letter is taken as written; no words at all is not a sentence.
            var noLetterFirst = false
            var anyWord = false
            let held = forEachWord(text) { index, word in
                anyWord = true
                guard index > 0 else {
                    guard let first = word.first(where: isLetter) else {
                        noLetterFirst = true
                        return false
                    }
                    return isUpper(first)
                }
                // Later words are lowercase, unless written all in capitals (an acronym: SQL, AE).
                guard let first = word.first(where: isLetter), isUpper(first) else { return true }
                return !word.contains(where: isLower)
            }
            return noLetterFirst || (anyWord && held)
        }
    }

    /// Hands `visit` each word of `text` (separated by spaces and tabs) with its number from 0, until it
    /// returns false; false when it did.
    private static func forEachWord(_ text: UnsafeBufferPointer<UInt8>, _ visit: (Int, Slice<UnsafeBufferPointer<UInt8>>) -> Bool) -> Bool {
        var number = 0
        var start = 0
        for index in 0...text.count where index == text.count || text[index] == 0x20 || text[index] == 0x09 {
            if index > start {
                guard visit(number, text[start..<index]) else { return false }
                number += 1
            }
            start = index + 1
        }
        return true
    }

    /// Words a title leaves lowercase after its first word.
    static let minorWords: Set<String> = ["a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "per", "the", "to", "vs", "via", "with"]

    private static func isJoined(_ text: String, by separator: Character) -> Bool {
        guard !text.isEmpty else { return false }
        return text.split(separator: separator, omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber }
        }
    }
}
