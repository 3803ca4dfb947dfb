/// A duration written another way than the compact form (`2 weeks`, `90 minutes`, `1h30m`,
/// `6 months`, `3 business days`), converted for the `invalid-value` message: the compact form with
/// the same length when there is one, the nearest one and why when there is not.
public enum DurationSuggestion: Sendable, Hashable {
    /// The same length in the compact form.
    case exact(Duration)
    /// No compact form has the same length (`reason` says why: months differ in length); this one is nearest.
    case approximate(Duration, reason: String)
    /// No compact form can be suggested (`reason` says why: less than a minute, too long).
    case impossible(reason: String)

    /// A unit as people write it, and how long it is.
    public enum SpelledUnit: Sendable, Hashable, CaseIterable {
        case seconds, minutes, hours, days, weeks, fortnights, months, quarters, years

        /// The length in seconds, for the units of a fixed length.
        package var seconds: Int? {
            switch self {
            case .seconds: return 1
            case .minutes: return 60
            case .hours: return 3_600
            case .days: return 86_400
            case .weeks: return 604_800
            case .fortnights: return 1_209_600
            case .months, .quarters, .years: return nil
            }
        }

        /// The average length in days of a unit of varying length, and the range that makes it inexact.
        package var calendar: (days: Double, range: String)? {
            switch self {
            case .months: return (365.25 / 12, "a month is 28 to 31 days")
            case .quarters: return (365.25 / 4, "a quarter is 90 to 92 days")
            case .years: return (365.25, "a year is 365 or 366 days")
            default: return nil
            }
        }
    }

    /// Every word read as a unit, singular, plural and abbreviated; the compact letters themselves are
    /// here too, for `2 d`, `2D` and `1h30m`.
    public static let unitWords: [(word: String, unit: SpelledUnit)] = [
        ("s", .seconds), ("sec", .seconds), ("secs", .seconds), ("second", .seconds), ("seconds", .seconds),
        ("m", .minutes), ("min", .minutes), ("mins", .minutes), ("minute", .minutes), ("minutes", .minutes),
        ("h", .hours), ("hr", .hours), ("hrs", .hours), ("hour", .hours), ("hours", .hours),
        ("d", .days), ("day", .days), ("days", .days),
        ("w", .weeks), ("wk", .weeks), ("wks", .weeks), ("week", .weeks), ("weeks", .weeks),
        ("fortnight", .fortnights), ("fortnights", .fortnights),
        ("mo", .months), ("mos", .months), ("mth", .months), ("mths", .months), ("month", .months), ("months", .months),
        ("qtr", .quarters), ("qtrs", .quarters), ("quarter", .quarters), ("quarters", .quarters),
        ("y", .years), ("yr", .years), ("yrs", .years), ("year", .years), ("years", .years),
    ]

    /// Numbers written as words, in thousandths (`half` is 500).
    package static let numberWords: [String: Int] = {
        let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        var numbers = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($0.element, ($0.offset + 1) * 1000) })
        for (word, value) in [("a", 1), ("an", 1), ("fifteen", 15), ("twenty", 20), ("thirty", 30), ("forty", 40),
                              ("forty-five", 45), ("sixty", 60), ("ninety", 90)] {
            numbers[word] = value * 1000
        }
        numbers["half"] = 500
        return numbers
    }()

    private static let unitsByWord = Dictionary(unitWords.map { ($0.word, $0.unit) }, uniquingKeysWith: { first, _ in first })

    /// Reads `text` as amounts and units (`2 weeks`, `1 hour 30 minutes`, `1.5h`, `half a day`,
    /// `3 business days`); nil when it is not written that way at all.
    public init?(_ text: String) {
        guard let parts = Self.parts(of: text) else { return nil }
        self = Self.convert(parts, written: text)
    }

    /// One amount and its unit; `business` for business or working days and hours.
    package struct Part {
        /// The amount in thousandths.
        package var thousandths: Int
        package var unit: SpelledUnit
        package var business: Bool
    }

    /// The text as (amount, unit) parts, or nil when it is anything else.
    package static func parts(of text: String) -> [Part]? {
        // Read from a slice (dropping its first token is O(1)): a long text reads in linear time.
        var tokens = tokens(of: text)[...]
        var parts: [Part] = []
        while !tokens.isEmpty {
            if tokens.first == "and" || tokens.first == "+" { tokens.removeFirst() }
            guard let first = tokens.popFirst(), let amount = amount(first) else { return nil }
            // `half an hour`, `half a day`; `an hour and a half` is not read.
            if first == "half", let next = tokens.first, next == "a" || next == "an" { tokens.removeFirst() }
            var business = false
            if let next = tokens.first, next == "business" || next == "working" || next == "calendar" {
                business = next != "calendar"
                tokens.removeFirst()
            }
            guard let word = tokens.popFirst(), let unit = unitsByWord[word] else { return nil }
            if business, unit != .days, unit != .hours { return nil }
            parts.append(Part(thousandths: amount, unit: unit, business: business))
        }
        return parts.isEmpty ? nil : parts
    }

    /// Lowercase words and numbers: `1h30m` is `1 h 30 m`, `2,5 days` is not a number; commas separate.
    package static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var isNumber = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isASCII && character.isNumber || (character == "." && isNumber && !current.isEmpty) {
                if !isNumber { flush() }
                isNumber = true
                current.append(character)
            } else if character.isLetter || (character == "-" && !isNumber && !current.isEmpty) {
                if isNumber { flush() }
                isNumber = false
                current.append(character)
            } else {
                flush()
                isNumber = false
                if character == "+" || character == "-" { tokens.append(String(character)) }
            }
        }
        flush()
        return tokens
    }

    /// A number (`2`, `1.5`, `two`, `half`) in thousandths; nil for anything else or past 9 digits.
    package static func amount(_ token: String) -> Int? {
        if let word = numberWords[token] { return word }
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first, !whole.isEmpty, whole.count <= 9,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), let integer = Int(whole) else { return nil }
        var thousandths = integer * 1000
        if pieces.count == 2 {
            let fraction = pieces[1]
            guard !fraction.isEmpty, fraction.count <= 3, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let digits = Int(fraction) else { return nil }
            thousandths += digits * [1, 100, 10, 1][fraction.count]
        }
        return thousandths
    }

    package static func convert(_ parts: [Part], written: String) -> DurationSuggestion {
        // Exact parts in thousandths of a second (at most 9 digits of amount, a fortnight at most:
        // no overflow); the others as calendar days.
        var exact = 0
        var approximateDays = 0.0
        var reason: String?
        var businessDays: Int?
        for part in parts {
            if part.business {
                guard part.unit == .days else {
                    return .impossible(reason: "business hours depend on the working day, so '\(written)' has no calendar length; write the calendar time you mean")
                }
                guard parts.count == 1 else {
                    return .impossible(reason: "business days with other units have no calendar length; write the calendar time you mean")
                }
                businessDays = part.thousandths
            } else if let seconds = part.unit.seconds {
                let (sum, overflow) = exact.addingReportingOverflow(part.thousandths * seconds)
                guard !overflow else { return tooLong(written) }
                exact = sum
            } else if let calendar = part.unit.calendar {
                approximateDays += Double(part.thousandths) / 1000 * calendar.days
                reason = reason ?? calendar.range
            }
        }
        if let businessDays { return business(businessDays, written: written) }
        if let reason {
            let days = approximateDays + Double(exact) / 1000 / 86_400
            guard days > 0 else { return .impossible(reason: "a duration is at least a minute; '\(written)' is no time at all") }
            guard days < 1e12 else { return tooLong(written) }
            // Up to two months in days, longer in weeks.
            let duration = days <= 62 ? Duration(amount: max(1, Int(days.rounded())), unit: .days)
                : Duration(amount: Int((days / 7).rounded()), unit: .weeks)
            guard Duration(parsing: duration.description) != nil else { return tooLong(written) }
            return .approximate(duration, reason: reason)
        }
        guard exact > 0 else { return .impossible(reason: "a duration is at least a minute; '\(written)' is no time at all") }
        guard exact % 60_000 == 0 else {
            return .impossible(reason: "durations count whole minutes, and '\(written)' is not a whole number of minutes")
        }
        let minutes = exact / 60_000
        // The unit written, when the amount is whole in it; else the largest unit that holds it exactly.
        let writtenUnit = parts.count == 1 ? Duration.Unit(parts[0].unit) : nil
        let units = (writtenUnit.map { [$0] } ?? []) + [.weeks, .days, .hours, .minutes]
        for unit in units where minutes % unit.minutes == 0 {
            let duration = Duration(amount: minutes / unit.minutes, unit: unit)
            guard Duration(parsing: duration.description) != nil else { break }
            return .exact(duration)
        }
        return tooLong(written)
    }

    /// `n` business days (in thousandths): whole weeks when `n` is a multiple of 5, else the longest
    /// calendar time they can take.
    package static func business(_ thousandths: Int, written: String) -> DurationSuggestion {
        guard thousandths > 0 else {
            return .impossible(reason: "a duration is at least a minute; '\(written)' is no time at all")
        }
        guard thousandths % 1000 == 0 else {
            return .impossible(reason: "part of a business day is not a fixed number of minutes; write the calendar time you mean")
        }
        let count = thousandths / 1000
        // From the same time on a weekday, n business days later is n calendar days plus two for each
        // weekend crossed: floor(n / 5) weekends from a Monday, floor((n + 4) / 5) from a Friday.
        let shortest = count + 2 * (count / 5), longest = count + 2 * ((count + 4) / 5)
        let duration = shortest == longest ? Duration(amount: count / 5, unit: .weeks) : Duration(amount: longest, unit: .days)
        guard Duration(parsing: duration.description) != nil else { return tooLong(written) }
        let reason = shortest == longest
            ? "a week has 5 business days, but holidays are not counted"
            : "\(count) business day\(count == 1 ? " is" : "s are") \(shortest) to \(longest) calendar days by the weekday they start on"
        return .approximate(duration, reason: reason)
    }

    package static func tooLong(_ written: String) -> DurationSuggestion {
        .impossible(reason: "'\(written)' is too long to write with at most 6 digits")
    }

    /// What the `invalid-value` message adds after the accepted forms.
    public var advice: String {
        switch self {
        case .exact(let duration):
            return ", here '\(duration)'"
        case .approximate(let duration, let reason):
            return "; \(reason), so there is no exact equivalent: about '\(duration)'"
        case .impossible(let reason):
            return "; \(reason)"
        }
    }
}

extension Duration.Unit {
    /// The compact unit of a spelled unit, when there is one.
    package init?(_ unit: DurationSuggestion.SpelledUnit) {
        switch unit {
        case .minutes: self = .minutes
        case .hours: self = .hours
        case .days: self = .days
        case .weeks: self = .weeks
        default: return nil
        }
    }
}
