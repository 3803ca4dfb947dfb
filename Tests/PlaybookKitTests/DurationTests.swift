import Testing
@testable import PlaybookKit

/// Every unit of the compact form and every word of the spelled-out forms, each against a length
/// written here independently of the code, so a unit dropped or read as another fails.
@Suite("Durations")
struct DurationTests {
    /// Minutes in one of each compact unit.
    static let compactMinutes: [Character: Int] = ["m": 1, "h": 60, "d": 1_440, "w": 10_080]

    @Test func everyCompactUnitParsesToItsLength() {
        #expect(Set(Duration.Unit.allCases.map(\.rawValue)) == Set(Self.compactMinutes.keys))
        for (letter, minutes) in Self.compactMinutes {
            let duration = Duration(parsing: "7\(letter)")
            #expect(duration?.totalMinutes == 7 * minutes, "7\(letter)")
            #expect(duration?.description == "7\(letter)")
            #expect(Duration(parsing: "0\(letter)") == nil, "0\(letter) is not positive")
            #expect(Duration(parsing: "1234567\(letter)") == nil, "7 digits of \(letter)")
            #expect(Duration(parsing: "999999\(letter)")?.amount == 999_999)
            #expect(Duration(parsing: "7\(String(letter).uppercased())") == nil, "the compact form is lowercase")
        }
    }

    /// The compact form is read byte by byte; this reads it character by character, as the format
    /// describes it, and the two agree on texts near the edges (other digits, marks, spaces, zeros).
    @Test func compactFormIsReadAsItsCharactersSay() {
        func byCharacters(_ text: String) -> Duration? {
            guard let last = text.last, let unit = Duration.Unit(rawValue: last) else { return nil }
            let digits = text.dropLast()
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let amount = Int(digits), amount > 0 else { return nil }
            return Duration(amount: amount, unit: unit)
        }
        var texts = ["", "h", "1", "1h", "01h", "000001w", "0000001w", "1 h", " 1h", "1h ", "+1h", "-1h", "١h", "1h\u{301}",
                     "1\u{301}h", "12m", "1H", "1é", "9999999m", "1.5h", "1_0d", "\u{FF11}h", "1\r\nh", "１h"]
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = ["0", "1", "7", "9", "h", "m", "d", "w", "x", " ", "é", "\u{301}", "١", "-"]
        for _ in 0..<5_000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for text in texts {
            #expect(Duration(parsing: text) == byCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func handbooksSpellEveryUnitAndTheSpellingConvertsBack() {
        let words: [Character: String] = ["m": "minute", "h": "hour", "d": "day", "w": "week"]
        for unit in Duration.Unit.allCases {
            for amount in [1, 2] {
                let duration = Duration(amount: amount, unit: unit)
                let spelled = Handbook.spelled(duration)
                #expect(spelled == "\(amount) \(words[unit.rawValue] ?? "?")\(amount == 1 ? "" : "s")")
                #expect(DurationSuggestion(spelled) == .exact(duration), "\(spelled)")
            }
        }
    }

    /// Rule texts read compact durations too: `after 14d` is only a time period, in every unit.
    @Test func aCompactDurationInAnExitRuleIsATimePeriod() {
        for letter in Self.compactMinutes.keys.sorted() {
            let found = check(VocabularyTests.playbook(when: "after 14\(letter)")).diagnostics
            #expect(!VocabularyTests.reported("time-only-exit", at: VocabularyTests.exitLine, found).isEmpty, "after 14\(letter)")
            let other = check(VocabularyTests.playbook(when: "after 14\(letter)x")).diagnostics
            #expect(VocabularyTests.reported("time-only-exit", at: VocabularyTests.exitLine, other).isEmpty, "after 14\(letter)x")
        }
    }

    /// Each unit word and its length in minutes; nil for the units of varying length (months,
    /// quarters, years), which convert only approximately.
    static let wordMinutes: [String: Int?] = [
        "s": 0, "sec": 0, "secs": 0, "second": 0, "seconds": 0,  // 0: a sixtieth, checked on 120 of them
        "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
        "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
        "d": 1_440, "day": 1_440, "days": 1_440,
        "w": 10_080, "wk": 10_080, "wks": 10_080, "week": 10_080, "weeks": 10_080,
        "fortnight": 20_160, "fortnights": 20_160,
        "mo": nil, "mos": nil, "mth": nil, "mths": nil, "month": nil, "months": nil,
        "qtr": nil, "qtrs": nil, "quarter": nil, "quarters": nil,
        "y": nil, "yr": nil, "yrs": nil, "year": nil, "years": nil,
    ]

    @Test func everyUnitWordIsKnownAndOnlyThose() {
        let table = DurationSuggestion.unitWords.map(\.word)
        #expect(Set(table).count == table.count, "a word is listed twice")
        for word in Self.wordMinutes.keys.sorted() where !table.contains(word) {
            Issue.record("'\(word)' is no longer read as a unit")
        }
        for word in table where Self.wordMinutes[word] == nil {
            Issue.record("'\(word)' is read as a unit but this test does not know its length: add it to wordMinutes")
        }
    }

    @Test(arguments: DurationTests.wordMinutes.keys.sorted())
    func everyUnitWordConvertsToItsLength(word: String) throws {
        let minutes = try #require(Self.wordMinutes[word])
        switch minutes {
        case 0?:
            // Seconds: whole minutes convert, a part of a minute cannot.
            #expect(DurationSuggestion("120 \(word)") == .exact(Duration(amount: 2, unit: .minutes)))
            guard case .impossible(let reason)? = DurationSuggestion("30 \(word)") else {
                Issue.record("30 \(word) should not convert")
                return
            }
            #expect(reason.contains("whole number of minutes"))
        case let minutes?:
            for amount in [1, 3] {
                let suggestion = DurationSuggestion("\(amount) \(word)")
                guard case .exact(let duration)? = suggestion else {
                    Issue.record("'\(amount) \(word)' gave \(String(describing: suggestion))")
                    continue
                }
                #expect(duration.totalMinutes == amount * minutes, "\(amount) \(word) → \(duration)")
                #expect(Duration(parsing: duration.description) == duration)
            }
            // Written together, as in `3wk`, and in capitals.
            if case .exact(let duration)? = DurationSuggestion("3\(word.uppercased())") {
                #expect(duration.totalMinutes == 3 * minutes)
            } else {
                Issue.record("'3\(word.uppercased())' does not convert")
            }
        case nil:
            guard case .approximate(let duration, let reason)? = DurationSuggestion("6 \(word)") else {
                Issue.record("'6 \(word)' should convert approximately, gave \(String(describing: DurationSuggestion("6 \(word)")))")
                return
            }
            #expect(reason.contains("is 28 to 31 days") || reason.contains("is 90 to 92 days") || reason.contains("365 or 366"))
            #expect(duration.unit == .weeks && duration.amount > 0)
        }
    }

    @Test(arguments: [
        ("6 months", "26w"), ("1 month", "30d"), ("2 months", "61d"), ("3 months", "13w"), ("1 quarter", "13w"),
        ("2 qtrs", "26w"), ("1 year", "52w"), ("2 yrs", "104w"), ("1 month and 2 days", "32d"),
    ])
    func varyingUnitsAreApproximate(text: String, expected: String) {
        guard case .approximate(let duration, _)? = DurationSuggestion(text) else {
            Issue.record("\(text): \(String(describing: DurationSuggestion(text)))")
            return
        }
        #expect(duration.description == expected, "\(text)")
    }

    @Test(arguments: [
        ("2 weeks", "2w"), ("90 minutes", "90m"), ("1 day", "1d"), ("3 hours", "3h"), ("2 wks", "2w"), ("30 mins", "30m"),
        ("4 hrs", "4h"), ("1 week", "1w"), ("14 days", "14d"), ("48 hours", "48h"), ("1.5 hours", "90m"), ("1.5h", "90m"),
        ("0.5 days", "12h"), ("1 hour 30 minutes", "90m"), ("1h30m", "90m"), ("1d 12h", "36h"), ("2 days and 4 hours", "52h"),
        ("a day", "1d"), ("an hour", "1h"), ("half an hour", "30m"), ("half a day", "12h"), ("two weeks", "2w"),
        ("thirty minutes", "30m"), ("2 D", "2d"), ("2 calendar days", "2d"), ("2 fortnights", "4w"), ("120 seconds", "2m"),
        ("1.25 hours", "75m"),
    ])
    func wordsConvertExactly(text: String, expected: String) {
        #expect(DurationSuggestion(text) == Duration(parsing: expected).map { .exact($0) }, "\(text)")
        #expect(Duration(spelledOut: text)?.description == expected)
    }

    @Test(arguments: [
        ("5 business days", "1w", "holidays"), ("10 working days", "2w", "holidays"),
        ("1 business day", "3d", "1 business day is 1 to 3 calendar days"),
        ("3 business days", "5d", "3 business days are 3 to 5 calendar days"),
        ("6 business days", "10d", "6 business days are 8 to 10 calendar days"),
    ])
    func businessDaysAreApproximate(text: String, expected: String, reason: String) {
        guard case .approximate(let duration, let said)? = DurationSuggestion(text) else {
            Issue.record("\(text): \(String(describing: DurationSuggestion(text)))")
            return
        }
        #expect(duration.description == expected)
        #expect(said.contains(reason), "\(said)")
    }

    @Test(arguments: [
        ("30 seconds", "whole number of minutes"), ("0 days", "at least a minute"), ("4 business hours", "business hours"),
        ("1.5 business days", "business day"), ("2 business days and 4 hours", "business days with other units"), ("9999999 weeks", "too long"), ("999999999 fortnights", "too long"),
        ("999999999 years", "too long"), ("0.001 minutes", "whole number of minutes"),
        ("0 months", "no time at all"), ("0 business days", "no time at all"), ("0.5 business days", "part of a business day"),
        (String(repeating: "999999999 fortnights ", count: 20), "too long"),
    ])
    func whatCannotConvertSaysSo(text: String, reason: String) {
        guard case .impossible(let said)? = DurationSuggestion(text) else {
            Issue.record("\(text): \(String(describing: DurationSuggestion(text)))")
            return
        }
        #expect(said.contains(reason), "\(said)")
    }

    @Test(arguments: ["soon", "2-3 days", "2,5 days", "days", "3", "1.2.3 days", "P2W", "", "2 days later", "1e3 days",
                      "1234567890 days", "2 business weeks", "-1 days", "- 2 weeks"])
    func otherTextIsNotReadAsADuration(text: String) {
        #expect(DurationSuggestion(text) == nil, "\(text): \(String(describing: DurationSuggestion(text)))")
    }

    /// Long texts convert in linear time and never trap on their numbers.
    @Test func longTextsConvertQuickly() {
        let many = String(repeating: "1d ", count: 50_000)
        #expect(DurationSuggestion(many) == .exact(Duration(amount: 50_000, unit: .days)))
        let huge = String(repeating: "999999999.999 fortnights ", count: 5_000)
        #expect(DurationSuggestion(huge).map { if case .impossible = $0 { return true } else { return false } } == true)
        #expect(DurationSuggestion(String(repeating: "9", count: 20_000) + " days") == nil)
    }

    /// The message users see, end to end.
    @Test(arguments: [
        ("6 months", "a month is 28 to 31 days, so there is no exact equivalent: about '26w'"),
        ("2 weeks", "with at most 6 digits, here '2w'"), ("90 minutes", "here '90m'"), ("1 day", "here '1d'"),
        ("3 hours", "here '3h'"), ("2 wks", "here '2w'"), ("30 mins", "here '30m'"), ("4 hrs", "here '4h'"),
        ("30 seconds", "durations count whole minutes, and '30 seconds' is not a whole number of minutes"),
        ("3 business days", "3 business days are 3 to 5 calendar days by the weekday they start on, so there is no exact equivalent: about '5d'"),
    ])
    func invalidValueMessageSuggestsTheCompactForm(written: String, advice: String) {
        let yaml = cleanPlaybook.replacingFirst("sla: { within: 1d,", with: "sla: { within: \(written),")
        let found = findings(yaml, rule: "invalid-value")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("'\(written)' is not a duration; write a positive whole number and a unit") == true)
        #expect(found.first?.message.hasSuffix(advice) == true, "\(found.first?.message ?? "no finding")")
    }
}
