import Foundation
@testable import PlaybookKit
import Testing

// MARK: - Feature table

/// One (pattern, text, expected) row.
struct PatternCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let text: String
    let expected: Bool
    var testDescription: String { "/\(pattern)/ on \(text.debugDescription) -> \(expected)" }
}

private func row(_ pattern: String, _ text: String, _ expected: Bool) -> PatternCase {
    PatternCase(pattern: pattern, text: text, expected: expected)
}

let featureCases: [PatternCase] = [
    // Literals and the empty pattern
    row("abc", "xabcx", true),
    row("abc", "abx", false),
    row("", "", true),
    row("", "anything", true),
    row("é", "café", true),
    row("😀", "a😀b", true),
    // Dot
    row("a.c", "abc", true),
    row("a.c", "a\nc", false),
    row("(?s)a.c", "a\nc", true),
    row("a.c", "a€c", true),
    row("^.$", "é", true),
    row("^.$", "e\u{301}", false),  // two scalars
    row("^..$", "e\u{301}", true),
    // Escaped punctuation and control escapes
    row("a\\.c", "a.c", true),
    row("a\\.c", "abc", false),
    row("\\\\", "a\\b", true),
    row("\\/", "a/b", true),
    row("\\-", "-", true),
    row("\\(\\)", "()", true),
    row("\\[\\]", "[]", true),
    row("\\{\\}", "{}", true),
    row("\\*\\+\\?", "*+?", true),
    row("\\|", "a|b", true),
    row("\\|", "ab", false),
    row("\\^\\$", "^$", true),
    row("\\#\\ \\@", "# @", true),
    row("\\n", "a\nb", true),
    row("\\t", "a\tb", true),
    row("\\r", "\r", true),
    row("\\f", "\u{0C}", true),
    row("\\v", "\u{0B}", true),
    row("\\u00E9", "café", true),
    row("\\u{E9}", "é", true),
    row("\\x{1F600}", "😀", true),
    row("\\x41", "A", true),
    // \d \w \s
    row("\\d+", "abc123", true),
    row("\\d", "٣", false),  // Arabic-Indic digit is not ASCII
    row("\\D", "123", false),
    row("\\D", "12a", true),
    row("^\\w+$", "Café", true),
    row("^\\w+$", "snake_case9", true),
    row("^\\w+$", "a-b", false),
    row("^\\w+$", "日本語", true),
    row("\\W", "abc", false),
    row("\\W", "a b", true),
    row("\\s", "a b", true),
    row("\\s", "a\u{00A0}b", true),
    row("\\S", " \t\n", false),
    // Word boundaries
    row("\\bcat\\b", "a cat sat", true),
    row("\\bcat\\b", "concatenate", false),
    row("\\Bcat\\B", "concatenate", true),
    row("\\bcafé\\b", "un café noir", true),
    row("\\b", "", false),
    row("\\B", "", true),
    row("^\\b", "-a", false),
    // Unicode categories
    row("^\\p{Lu}", "Stage", true),
    row("^\\p{Lu}", "stage", false),
    row("\\p{Ll}", "ABC", false),
    row("\\pL", "123a", true),
    row("^\\PL+$", "123", true),
    row("\\p{Nd}", "٣", true),
    row("\\p{N}", "½", true),
    row("\\p{P}", "a,b", true),
    row("\\p{S}", "1+1", true),
    row("\\p{Z}", "a b", true),
    row("\\p{M}", "e\u{301}", true),
    row("\\p{Lt}", "ǅ", true),
    row("\\p{Lm}", "ʰ", true),
    row("\\p{Lo}", "日", true),
    // Classes
    row("[abc]", "xbx", true),
    row("[abc]", "xyz", false),
    row("[^abc]", "abc", false),
    row("[^abc]", "abcd", true),
    row("^[a-z]+$", "stage", true),
    row("^[a-z]+$", "Stage", false),
    row("^[A-Z]", "Build", true),
    row("[]a]", "]", true),
    row("[]a]", "b", false),
    row("[^]a]", "]", false),
    row("[-a]", "-", true),
    row("[a-]", "-", true),
    row("[a\\-z]", "b", false),
    row("[a\\-z]", "-", true),
    row("[\\d]", "5", true),
    row("^[\\w.]+$", "a.b", true),
    row("^[\\s]$", " ", true),
    row("[\\p{Lu}\\d]", "aB", true),
    row("[^\\d]", "123", false),
    row("[.]", "a", false),
    row("[\\]]", "]", true),
    row("[é-ë]", "ê", true),
    row("[{}]", "}", true),
    // Anchors
    row("^abc", "abcdef", true),
    row("^abc", "xabc", false),
    row("abc$", "xabc", true),
    row("abc$", "abc\n", false),  // $ is end of text only
    row("(?m)abc$", "abc\nx", true),
    row("(?m)^x", "abc\nx", true),
    row("^x", "abc\nx", false),
    row("\\Aab", "ab", true),
    row("ab\\z", "abc", false),
    row("(?m)\\Ax", "a\nx", false),
    row("^$", "", true),
    row("^$", "a", false),
    // Groups and alternation
    row("(?:ab)+$", "ababab", true),
    row("^(ab)+$", "aba", false),
    row("(?<name>ab)c", "abc", true),
    row("(?P<n>x|y)z", "yz", true),
    row("^(a|)b$", "b", true),
    row("^(a|)b$", "ab", true),
    row("^(|a|b)$", "", true),
    row("^(a|b|c)+$", "abcabc", true),
    row("^(a|b)$", "c", false),
    row("x||y", "z", true),
    row("^(?:x|y|z)$", "", false),
    // Quantifiers
    row("^a*$", "", true),
    row("^a+$", "", false),
    row("^ab?c$", "ac", true),
    row("^a{3}$", "aaa", true),
    row("^a{3}$", "aa", false),
    row("^a{3}$", "aaaa", false),
    row("^a{2,}$", "aaaaa", true),
    row("^a{2,}$", "a", false),
    row("^a{2,3}$", "aaa", true),
    row("^a{2,3}$", "aaaa", false),
    row("^a{0}$", "", true),
    row("^a{0}$", "a", false),
    row("^a{0,1}b$", "b", true),
    row("^a*?b$", "aab", true),
    row("^a{2,3}?$", "aa", true),
    row("^a+?$", "aaa", true),
    row("^(?:a{2}){2}$", "aaaa", true),
    row("^(?:a{2}){2}$", "aaa", false),
    row("^a{1000}$", String(repeating: "a", count: 1000), true),
    // Braces that are not quantifiers are literals
    row("a{", "a{", true),
    row("a{x}", "a{x}", true),
    row("a{1,2", "a{1,2", true),
    row("{", "{", true),
    row("a{,2}", "a{,2}", true),
    row("}", "}", true),
    // Flags
    row("(?i)stage", "STAGE", true),
    row("stage", "STAGE", false),
    row("(?i)CAFÉ", "Café", true),
    row("CAFÉ", "Café", false),
    row("a(?i)b", "aB", true),
    row("a(?i)b", "AB", false),
    row("(?i:a)b", "Ab", true),
    row("(?i:a)b", "AB", false),
    row("(a(?i)b)c", "aBc", true),
    row("(a(?i)b)c", "aBC", false),
    row("(?i)x|Y", "y", true),
    row("(?i)[a-c]+", "ABC", true),
    row("(?i)[A-C]", "b", true),
    row("(?i)[^a]", "A", false),
    row("(?i)\\p{Lu}", "a", false),
    row("(?i)(?-i)a", "A", false),
    row("(?is)A.B", "a\nb", true),
    row("(?i)ß", "ẞ", true),
    row("(?m)^b$", "a\nb\nc", true),
    row("(?ms)^a.b$", "x\na\nb", true),
]

@Test("feature table", arguments: featureCases)
func featureTable(_ c: PatternCase) throws {
    let pattern = try LinearPattern(c.pattern)
    #expect(pattern.matches(c.text) == c.expected)
}

@Test func featureTableIsLarge() {
    #expect(featureCases.count >= 80)
}

@Test func equalityAndHashingUseSource() throws {
    let a = try LinearPattern("a+")
    let b = try LinearPattern("a+")
    let c = try LinearPattern("a{1,}")
    #expect(a == b)
    #expect(a != c)
    #expect(Set([a, b, c]).count == 2)
    #expect(a.source == "a+")
}

@Test func programSizes() throws {
    #expect(try LinearPattern("").programSize == 1)
    #expect(try LinearPattern("abc").programSize == 4)
    #expect(try LinearPattern("a{1000}").programSize == 1001)
    #expect(try LinearPattern("(?:a{1000}){19}").programSize == 19_001)
}

// MARK: - Differential test against NSRegularExpression

extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func pick(_ options: [String]) -> String { options[below(options.count)] }
}

/// Random patterns built only from constructs both engines read the same way (no `$`).
struct PatternGenerator {
    var rng: SplitMix64

    mutating func regex(depth: Int = 0) -> String {
        let branches = rng.below(4) == 0 ? 2 + rng.below(2) : 1
        return (0..<branches).map { _ in sequence(depth: depth) }.joined(separator: "|")
    }

    mutating func sequence(depth: Int) -> String {
        var s = ""
        for _ in 0..<rng.below(4) { s += term(depth: depth) }
        return s
    }

    mutating func term(depth: Int) -> String {
        switch rng.below(20) {
        case 0...6, 18, 19:
            return rng.pick(["a", "b", "c", "a", "b", "C"]) + quantifier()
        case 7:
            return "." + quantifier()
        case 8, 9:
            return rng.pick(["[ab]", "[^a]", "[a-b]", "[^bc]", "[b-c]", "[^\\n]", "[\\w\\n]", "[Ac]"]) + quantifier()
        case 10:
            return rng.pick(["\\w", "\\W", "\\s", "\\S", "\\d", "\\D"]) + quantifier()
        case 11...13 where depth < 3:
            return "(" + regex(depth: depth + 1) + ")" + quantifier(lazyAllowed: false)
        case 14 where depth < 3:
            return "(?:" + regex(depth: depth + 1) + ")" + quantifier(lazyAllowed: false)
        case 15 where depth < 3:
            return "(?i:" + regex(depth: depth + 1) + ")" + quantifier(lazyAllowed: false)
        case 16:
            return "^"
        case 17:
            return rng.pick(["\\b", "\\B"])
        default:
            return rng.pick(["a", "b", "c"])
        }
    }

    /// ICU loops until its time limit (then reports no match) on lazy loops whose body can
    /// match empty, such as `(?:b*)+?c`; so groups never get a lazy suffix.
    mutating func quantifier(lazyAllowed: Bool = true) -> String {
        let base: String
        switch rng.below(10) {
        case 0...4: return ""
        case 5: base = "*"
        case 6: base = "+"
        case 7: base = "?"
        default:
            let low = rng.below(3)
            switch rng.below(3) {
            case 0: base = "{\(low)}"
            case 1: base = "{\(low),}"
            default: base = "{\(low),\(low + rng.below(3))}"
            }
        }
        return lazyAllowed && rng.below(5) == 0 ? base + "?" : base
    }

    mutating func text() -> String {
        var s = ""
        for _ in 0..<rng.below(9) { s += rng.pick(["a", "b", "c", "\n"]) }
        return s
    }
}

@Test func agreesWithNSRegularExpression() throws {
    var generator = PatternGenerator(rng: SplitMix64(seed: 0x5EED_2024))
    var mismatches: [String] = []
    var compared = 0
    var matched = 0
    for _ in 0..<4000 {
        var source = generator.regex()
        while source.isEmpty { source = generator.regex() }  // NSRegularExpression rejects ""
        let ours = try LinearPattern(source)
        guard let theirs = try? NSRegularExpression(pattern: source, options: []) else {
            Issue.record("NSRegularExpression rejected /\(source)/")
            continue
        }
        for _ in 0..<8 {
            let text = generator.text()
            let range = NSRange(location: 0, length: (text as NSString).length)
            let expected = theirs.firstMatch(in: text, options: [], range: range) != nil
            let actual = ours.matches(text)
            if expected { matched += 1 }
            compared += 1
            if actual != expected {
                mismatches.append("/\(source)/ on \(text.debugDescription): ours \(String(describing: actual)), ICU \(expected)")
            }
        }
    }
    #expect(compared >= 30_000)
    // Both outcomes are well represented, so agreement is not trivial.
    #expect(matched > compared / 5 && matched < compared * 4 / 5, "\(matched) of \(compared) matched")
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(20).joined(separator: "\n"))")
}

// MARK: - Pathological patterns

struct Pathological: Sendable, CustomTestStringConvertible {
    let pattern: String
    let text: String
    let expected: Bool
    var testDescription: String { "/\(pattern)/ on \(text.unicodeScalars.count) scalars" }
}

let pathologicalCases: [Pathological] = [
    Pathological(pattern: "(a+)+$", text: String(repeating: "a", count: 20_000), expected: true),
    Pathological(pattern: "(a+)+$", text: String(repeating: "a", count: 20_000) + "!", expected: false),
    Pathological(pattern: "^(a+)+$", text: String(repeating: "a", count: 20_000) + "b", expected: false),
    Pathological(pattern: "(a|a)*b", text: String(repeating: "a", count: 20_000), expected: false),
    Pathological(pattern: "(a*)*b", text: String(repeating: "a", count: 20_000), expected: false),
    Pathological(pattern: "(x+x+)+y", text: String(repeating: "x", count: 5_000), expected: false),
    Pathological(pattern: "(a|aa)+$", text: String(repeating: "a", count: 10_000) + "c", expected: false),
    Pathological(pattern: "(\\w+\\s?)+$", text: String(repeating: "word ", count: 2_000) + "!", expected: false),
    Pathological(pattern: "(.*a){20}", text: String(repeating: "a", count: 5_000), expected: true),
    Pathological(pattern: "(?i)(a{1,10}){1,10}b", text: String(repeating: "A", count: 5_000), expected: false),
]

@Test("pathological patterns stay linear", arguments: pathologicalCases)
func pathological(_ c: Pathological) throws {
    let pattern = try LinearPattern(c.pattern)
    let start = 100_000_000
    var budget = start
    let result = pattern.matches(c.text, budget: &budget)
    #expect(result == c.expected)
    let used = start - budget
    #expect(used <= pattern.programSize * (c.text.unicodeScalars.count + 1) * 2)
}

@Test func deeplyNestedQuantifiedGroups() throws {
    let source = String(repeating: "(", count: 100) + "a" + String(repeating: ")*", count: 100) + "b"
    let pattern = try LinearPattern(source)
    #expect(pattern.matches(String(repeating: "a", count: 2_000)) == false)
    #expect(pattern.matches(String(repeating: "a", count: 2_000) + "b") == true)
}

// MARK: - Budget

// The texts end in the literal a match needs (`b`, `c`): a text without it is not searched at all.
@Test func smallBudgetRunsOut() throws {
    let pattern = try LinearPattern("a*b")
    var budget = 10
    #expect(pattern.matches(String(repeating: "a", count: 10_000) + "b", budget: &budget) == nil)
    #expect(budget <= 0)
}

@Test func defaultBudgetRunsOutOnHugeText() throws {
    let pattern = try LinearPattern("(a|b)*c")
    #expect(pattern.matches(String(repeating: "a", count: 300_000) + "c") == nil)
}

@Test func aTextWithoutARequiredLiteralIsNotSearched() throws {
    let long = String(repeating: "a", count: 300_000)
    let cases: [(pattern: String, text: String, expected: Bool)] = [
        ("(a|b)*c", long, false),
        ("(?i)\\bsales qualified\\b", "SALES Qualified Lead", true),
        ("(?i)\\bsales qualified\\b", "Sales-qualified lead", false),
        ("(?:zq1)|\\b(MQL|SAL|SQL)s?\\b", "two MQLs", true),
        ("(?:zq1)|\\b(MQL|SAL|SQL)s?\\b", "xzq1", true),
        ("(?:zq1)|\\b(MQL|SAL|SQL)s?\\b", "mql", false),
        ("(?i)\\bconfirm\\w*\\b.*\\b(budget|fit)", "AE Confirmed the Budget", true),
        ("(?i)\\bconfirm\\w*\\b.*\\b(budget|fit)", "budget confirmed", false),
        // Outside ASCII the search decides: the Kelvin sign is a 'k' when case is ignored.
        ("(?i)kelvin", "\u{212A}elvin", true),
        ("a+b", "\u{E9}aab", true),
        // Nothing is required where a part may be left out.
        ("x?y?", "", true),
        ("(ab)*|c", "zzz", true),
    ]
    for (source, text, expected) in cases {
        var budget = 100
        #expect(try LinearPattern(source).matches(text, budget: &budget) == expected, "\(source) on \(text.prefix(40))")
    }
    // Without the literal, the long text costs no steps at all.
    var budget = 10
    #expect(try LinearPattern("(a|b)*c").matches(long, budget: &budget) == false)
    #expect(budget == 10)
}

@Test func budgetIsChargedButSufficient() throws {
    let pattern = try LinearPattern("^[A-Z]")
    var budget = 100
    #expect(pattern.matches(String(repeating: "a", count: 100_000), budget: &budget) == false)
    #expect(budget > 0 && budget <= 100)  // anchored, and 'a' cannot begin a match: stops at once
}

@Test func aSearchSkipsTextNoMatchCanBeginIn() throws {
    // `\bsql\b` can only begin at an 's' (or 'S' ignoring case): the rest of the text costs no steps.
    let text = String(repeating: "x", count: 10_000) + " sql"
    for (source, expected) in [("\\bsql\\b", true), ("(?i)\\bSQL\\b", true), ("\\bsal\\b", false)] {
        let pattern = try LinearPattern(source)
        var budget = 1_000
        #expect(pattern.matches(text, budget: &budget) == expected, "\(source)")
        #expect(budget > 900, "\(source) used \(1_000 - budget) steps")
    }
    // Where a match may begin at every 'x', every position is searched: the budget runs out.
    var budget = 1_000
    #expect(try LinearPattern("x*y").matches(text + " y", budget: &budget) == nil)
}

// MARK: - Rejected syntax

struct Rejected: Sendable, CustomTestStringConvertible {
    let pattern: String
    let offset: Int
    let fragment: String
    var testDescription: String { "/\(pattern)/ rejected at \(offset)" }
}

let rejectedCases: [Rejected] = [
    Rejected(pattern: "\\1", offset: 0, fragment: "backreferences (\\1) are not supported"),
    Rejected(pattern: "(a)\\2", offset: 3, fragment: "backreferences"),
    Rejected(pattern: "(?<n>a)\\k<n>", offset: 7, fragment: "backreferences"),
    Rejected(pattern: "(?P<n>a)(?P=n)", offset: 8, fragment: "backreferences"),
    Rejected(pattern: "(?=a)", offset: 0, fragment: "lookahead"),
    Rejected(pattern: "a(?!b)", offset: 1, fragment: "lookahead"),
    Rejected(pattern: "(?<=a)b", offset: 0, fragment: "lookbehind"),
    Rejected(pattern: "x(?<!a)b", offset: 1, fragment: "lookbehind"),
    Rejected(pattern: "(?>a)", offset: 0, fragment: "atomic"),
    Rejected(pattern: "a*+", offset: 1, fragment: "possessive"),
    Rejected(pattern: "a++", offset: 1, fragment: "possessive"),
    Rejected(pattern: "a?+", offset: 1, fragment: "possessive"),
    Rejected(pattern: "a{2}+", offset: 1, fragment: "possessive"),
    Rejected(pattern: "(a", offset: 0, fragment: "missing ')'"),
    Rejected(pattern: "((a)", offset: 0, fragment: "missing ')'"),
    Rejected(pattern: "a)", offset: 1, fragment: "unmatched ')'"),
    Rejected(pattern: "*a", offset: 0, fragment: "nothing to repeat"),
    Rejected(pattern: "a**", offset: 2, fragment: "nothing to repeat"),
    Rejected(pattern: "a*??", offset: 3, fragment: "nothing to repeat"),
    Rejected(pattern: "a|*", offset: 2, fragment: "nothing to repeat"),
    Rejected(pattern: "(*)", offset: 1, fragment: "nothing to repeat"),
    Rejected(pattern: "(?i)+", offset: 4, fragment: "nothing to repeat"),
    Rejected(pattern: "{2}", offset: 0, fragment: "nothing to repeat"),
    Rejected(pattern: "[z-a]", offset: 1, fragment: "bad range z-a"),
    Rejected(pattern: "x[abc", offset: 1, fragment: "missing ']'"),
    Rejected(pattern: "[]", offset: 0, fragment: "missing ']'"),
    Rejected(pattern: "abc\\", offset: 3, fragment: "single backslash"),
    Rejected(pattern: "[a\\", offset: 2, fragment: "single backslash"),
    Rejected(pattern: "\\q", offset: 0, fragment: "unknown escape \\q; write \\\\q"),
    Rejected(pattern: "[\\q]", offset: 1, fragment: "unknown escape \\q"),
    Rejected(pattern: "a{1001}", offset: 1, fragment: "at most 1000"),
    Rejected(pattern: "a{1,99999999999999999999999}", offset: 1, fragment: "at most 1000"),
    Rejected(pattern: "a{3,2}", offset: 1, fragment: "minimum above its maximum"),
    Rejected(pattern: "(?x)a", offset: 2, fragment: "unknown flag 'x'"),
    Rejected(pattern: "(?)a", offset: 0, fragment: "empty flag group"),
    Rejected(pattern: "(?#note)", offset: 0, fragment: "unknown group syntax"),
    Rejected(pattern: "(?<>a)", offset: 0, fragment: "empty group name"),
    Rejected(pattern: "\\p{Foo}", offset: 0, fragment: "unknown Unicode category"),
    Rejected(pattern: "\\uZZZZ", offset: 0, fragment: "hex digits"),
    Rejected(pattern: "\\x{110000}", offset: 0, fragment: "not a Unicode scalar"),
    Rejected(pattern: "\\x{D800}", offset: 0, fragment: "not a Unicode scalar"),
    Rejected(pattern: "[\\d-z]", offset: 1, fragment: "cannot start a range"),
    Rejected(pattern: "[a-\\d]", offset: 3, fragment: "cannot end a range"),
    Rejected(pattern: "[\\b]", offset: 1, fragment: "not allowed inside a class"),
    Rejected(pattern: "[[:alpha:]]", offset: 1, fragment: "POSIX"),
    Rejected(pattern: "(a{1000}){1000}", offset: 0, fragment: "too large once its repetitions are written out"),
    Rejected(pattern: "(?:a{1000}){20}", offset: 0, fragment: "(20001 instructions, at most 20000)"),
]

@Test("rejected syntax", arguments: rejectedCases)
func rejected(_ c: Rejected) {
    do {
        let pattern = try LinearPattern(c.pattern)
        Issue.record("expected \(c.pattern) to be rejected, got a program of \(pattern.programSize)")
    } catch {
        #expect(error.offset == c.offset, "\(error.message)")
        #expect(error.message.contains(c.fragment), "\(error.message)")
        #expect(error.description == error.message)
    }
}

@Test func deepNestingIsAnErrorNotACrash() {
    let source = String(repeating: "(", count: 10_000)
    do {
        _ = try LinearPattern(source)
        Issue.record("expected an error")
    } catch {
        #expect(error.offset == 100)
        #expect(error.message.contains("nested"))
    }
}

@Test func hundredLevelsAreAllowed() throws {
    let source = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
    #expect(try LinearPattern(source).matches("xa") == true)
}

@Test func hugeAstOfEmptyGroupsCompilesQuickly() throws {
    // Empty groups compile to nothing, so repeating them cannot blow up compile time.
    let source = "(?:" + String(repeating: "()", count: 5_000) + "a{1000}){19}"
    #expect(try LinearPattern(source).programSize == 19_001)
}
