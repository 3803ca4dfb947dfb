/// "Did you mean" suggestions, by edit distance with transpositions (`requried` → `required`).
public enum Suggestion {
    /// The candidate closest to `text`, when it is close enough to be a likely typo.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        Candidates(Array(candidates)).closest(to: text)
    }

    /// Candidates prepared once (lowercased scalars) for many look-ups, such as every undefined
    /// reference of a large playbook.
    public struct Candidates: Sendable {
        package let names: [String]
        package let folded: [[UInt32]]

        public init(_ names: [String]) {
            self.names = names
            self.folded = names.map(Suggestion.fold)
        }

        /// The candidates that `references` name, a reference that is not a candidate counting as the
        /// one it most likely misspells (that reference is reported as undefined elsewhere, so the
        /// candidate it means is not also reported as unused). One typo search per distinct misspelling.
        public func named(by references: some Sequence<String>) -> Set<String> {
            let known = Set(names)
            var named = Set<String>()
            var misspelt = Set<String>()
            for reference in references {
                if known.contains(reference) {
                    named.insert(reference)
                } else if misspelt.insert(reference).inserted, let meant = closest(to: reference) {
                    named.insert(meant)
                }
            }
            return named
        }

        public func closest(to text: String) -> String? {
            nearest(to: text).map { names[$0] }.min()
        }

        /// Every candidate as close to `text` as the closest one, ranked: first those `preferred`
        /// accepts (a stage nothing leads to yet, a team that owns nothing), then those that `text`
        /// begins or that begin `text` (`sq` and `sql`), then by name. Only the candidates ranked equal
        /// to the first are returned: one when the ranking settles it, several when it does not.
        public func suggestions(for text: String, preferring preferred: (String) -> Bool = { _ in false }) -> [String] {
            let needle = text.lowercased()
            let ranked = nearest(to: text).map { index -> (name: String, preferred: Bool, prefix: Bool) in
                let name = names[index]
                let hay = name.lowercased()
                return (name, preferred(name), hay.hasPrefix(needle) || needle.hasPrefix(hay))
            }.sorted { a, b in
                if a.preferred != b.preferred { return a.preferred }
                if a.prefix != b.prefix { return a.prefix }
                return a.name < b.name
            }
            guard let best = ranked.first else { return [] }
            return ranked.prefix { $0.preferred == best.preferred && $0.prefix == best.prefix }.map(\.name)
        }

        /// Indices of the candidates at the smallest edit distance from `text`, when that is close
        /// enough to be a likely typo.
        package func nearest(to text: String) -> [Int] {
            let needle = Suggestion.fold(text)
            guard !needle.isEmpty, needle.count <= 200 else { return [] }
            var best: [Int] = []
            var bestDistance = Int.max
            var histogram = [Int](repeating: 0, count: 128)
            for scalar in needle where scalar < 128 { histogram[Int(scalar)] += 1 }
            for (index, hay) in folded.enumerated() {
                let allowed = min(threshold(max(needle.count, hay.count)), bestDistance)
                guard abs(hay.count - needle.count) <= allowed,
                      bagDistance(histogram, needle.count, hay) <= allowed,
                      let distance = editDistance(needle, hay, atMost: allowed) else { continue }
                if distance < bestDistance {
                    bestDistance = distance
                    best = [index]
                } else {
                    best.append(index)
                }
            }
            return best
        }
    }

    /// A cheap lower bound of the edit distance: characters of one side that the other lacks
    /// (ASCII only; other characters are left to the full comparison).
    package static func bagDistance(_ needleHistogram: [Int], _ needleCount: Int, _ hay: [UInt32]) -> Int {
        var histogram = needleHistogram
        var extra = 0
        for scalar in hay where scalar < 128 {
            let slot = Int(scalar)
            if histogram[slot] > 0 { histogram[slot] -= 1 } else { extra += 1 }
        }
        let asciiHay = hay.reduce(0) { $0 + ($1 < 128 ? 1 : 0) }
        let missing = needleCount - (asciiHay - extra) - (needleCount - needleHistogram.reduce(0, +))
        return max(extra, missing)
    }

    package static func fold(_ text: String) -> [UInt32] {
        text.lowercased().unicodeScalars.map(\.value)
    }

    /// How many edits still read as a typo for a word of this length.
    package static func threshold(_ length: Int) -> Int {
        switch length {
        case ...3: return 1
        case ...8: return 2
        default: return 3
        }
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), or
    /// nil as soon as it must exceed `limit`: rows whose smallest value is past the limit end the work.
    package static func editDistance(_ a: [UInt32], _ b: [UInt32], atMost limit: Int) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// "; did you mean 'x'?" or an empty string.
    package static func didYouMean(_ suggestion: String?) -> String {
        didYouMean(suggestion.map { [$0] } ?? [])
    }

    /// "; did you mean 'x'?", "; did you mean 'x' or 'y'?", "; did you mean 'x', 'y', 'z' or 2 more
    /// equally close?", or an empty string.
    package static func didYouMean(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        let shown = 3
        var parts = suggestions.prefix(shown).map { "'\($0)'" }
        if suggestions.count > shown { parts.append("\(suggestions.count - shown) more equally close") }
        return "; did you mean " + ListWording.joined(parts, conjunction: "or") + "?"
    }
}

/// Lists in messages.
package enum ListWording {
    /// `a`, `a and b`, `a, b and c` (or `or`).
    package static func joined(_ parts: [String], conjunction: String = "and") -> String {
        guard let last = parts.last, parts.count > 1 else { return parts.joined() }
        return parts.dropLast().joined(separator: ", ") + " \(conjunction) " + last
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
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = name.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case 0x09...0x0D, 0x20: return nil
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
                default: return byte
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(name.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }
}
