/// "Did you mean" suggestions, by edit distance with transpositions (`requried` → `required`).
public enum Suggestion {
    /// The candidate closest to `text`, when it is close enough to be a likely typo.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let needle = Array(text.lowercased())
        guard !needle.isEmpty, needle.count <= 200 else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let hay = Array(candidate.lowercased())
            let allowed = threshold(max(needle.count, hay.count))
            guard abs(hay.count - needle.count) <= allowed else { continue }
            let distance = editDistance(needle, hay)
            guard distance <= allowed else { continue }
            if let current = best, current.distance < distance || (current.distance == distance && current.candidate <= candidate) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// How many edits still read as a typo for a word of this length.
    static func threshold(_ length: Int) -> Int {
        switch length {
        case ...3: return 1
        case ...8: return 2
        default: return 3
        }
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// "; did you mean 'x'?" or an empty string.
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

/// Helpers for ids (`[a-z][a-z0-9_-]*`) and names.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// A valid id made from a name: `New Lead` → `new_lead`; `404` → `reason_404` with prefix `reason`.
    public static func slug(_ text: String, prefix: String = "stage") -> String {
        var result = ""
        var pendingSeparator = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingSeparator && !result.isEmpty { result += "_" }
                result.unicodeScalars.append(scalar)
                pendingSeparator = false
            } else if scalar == "-" || scalar == "_" {
                if !result.isEmpty { result.unicodeScalars.append(scalar) }
                pendingSeparator = false
            } else {
                pendingSeparator = true
            }
        }
        if let first = result.unicodeScalars.first, !("a"..."z").contains(first) {
            result = prefix + "_" + result
        }
        return result.isEmpty ? prefix : result
    }

    /// A stage name as compared for uniqueness: case- and space-insensitive.
    public static func normalizedName(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }
}
