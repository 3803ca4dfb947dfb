/// Timestamps of a stage history: ISO 8601 / RFC 3339 dates and date-times, read byte by byte into
/// milliseconds since 1970-01-01T00:00:00Z (a fraction of a second past milliseconds is cut off).
///
/// `2026-03-01`, `2026-03-01T14:22`, `2026-03-01 14:22:05`, `2026-03-01T14:22:05.123Z`,
/// `2026-03-01T14:22:05+02:00`: `T` or one space between date and time, seconds and fraction optional,
/// `Z` or `±HH:MM` (or `±HHMM`, `±HH`) optional; without a zone the time is UTC.
public enum HistoryTimestamp {
    /// Milliseconds since the epoch; nil when the text is not such a timestamp (or not a real date).
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Where `parse(bytes:)` is in the text: a value, not a captured variable (nested functions that
    /// change a captured index cost an exclusivity check on every access, 10% of an audit).
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func digits(_ length: Int) -> Int? {
            guard index + length <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<length {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += length
            return value
        }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.skip(0x2D), let month = cursor.digits(2), cursor.skip(0x2D),
              let day = cursor.digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var milliseconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400_000
        guard cursor.index < bytes.count else { return milliseconds }
        guard cursor.skip(0x54) || cursor.skip(0x74) || cursor.skip(0x20) else { return nil }  // T, t or a space
        guard let hour = cursor.digits(2), cursor.skip(0x3A), let minute = cursor.digits(2), hour < 24, minute < 60 else { return nil }
        var seconds = 0
        var fraction = 0
        if cursor.skip(0x3A) {
            guard let second = cursor.digits(2), second < 60 else { return nil }
            seconds = second
            if cursor.skip(0x2E) || cursor.skip(0x2C) {
                var places = 0
                while cursor.index < bytes.count, bytes[cursor.index] >= 0x30, bytes[cursor.index] <= 0x39 {
                    if places < 3 { fraction = fraction * 10 + Int(bytes[cursor.index] - 0x30) }
                    places += 1
                    cursor.index += 1
                }
                guard places > 0, places <= 9 else { return nil }
                var scale = places
                while scale < 3 {
                    fraction *= 10
                    scale += 1
                }
            }
        }
        milliseconds += Int64((hour * 60 + minute) * 60 + seconds) * 1000 + Int64(fraction)
        guard cursor.index < bytes.count else { return milliseconds }
        if cursor.skip(0x5A) || cursor.skip(0x7A) { return cursor.index == bytes.count ? milliseconds : nil }  // Z
        let sign: Int64
        if cursor.skip(0x2B) { sign = 1 } else if cursor.skip(0x2D) { sign = -1 } else { return nil }
        guard let zoneHours = cursor.digits(2), zoneHours <= 18 else { return nil }
        var zoneMinutes = 0
        if cursor.index < bytes.count {
            _ = cursor.skip(0x3A)
            guard let minutes = cursor.digits(2), minutes < 60 else { return nil }
            zoneMinutes = minutes
        }
        guard cursor.index == bytes.count else { return nil }
        // 14:22+02:00 is 12:22Z.
        return milliseconds - sign * Int64(zoneHours * 60 + zoneMinutes) * 60_000
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2026-03-01T14:22:05Z` (with `.123` when there are milliseconds): how reports show a time.
    public static func shown(_ milliseconds: Int64) -> String {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: Int(days))
        let seconds = Int(rest / 1000)
        let millis = Int(rest % 1000)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(String(repeating: "0", count: max(0, 4 - String(year).count)))\(year)-\(two(month))-\(two(day))"
        text += "T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if millis > 0 { text += "." + String(String(millis + 1000).dropFirst()) }
        return text + "Z"
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
