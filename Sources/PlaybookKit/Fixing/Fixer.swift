import PlaybookModel
/// Applies the fixes of a file's findings, as `check --fix` does: the fixes that do not overlap are
/// applied together, the file is checked again, and that is repeated until nothing is left to fix
/// (at most `maxRounds` times). A file with a YAML syntax error is never changed, and a fix whose
/// result would not parse is left out (the round is tried again without it): fixing never breaks a file.
public enum Fixer {
    public static let maxRounds = 10

    /// What fixing one file did.
    public struct Outcome: Sendable {
        public let original: [UInt8]
        public let fixed: [UInt8]
        /// The findings whose fixes were applied, round after round.
        public let applied: [Diagnostic]
        /// The fixed text's report: what remains.
        public let report: FileReport
        /// Fixes left out because the file would not parse with them.
        public let rejected: Int

        public var changed: Bool { original != fixed }
    }

    /// Fixes `bytes`; `check` gives a text's findings as they are reported (configuration, suppression
    /// comments and baseline applied), so only those are fixed. `unsafe` also applies the guesses.
    public static func fix(_ bytes: [UInt8], unsafe: Bool, check: ([UInt8]) -> FileReport) -> Outcome {
        var text = bytes
        var report = check(text)
        var applied: [Diagnostic] = []
        var rejected: [Fix] = []
        guard !hasSyntaxError(report) else { return Outcome(original: bytes, fixed: bytes, applied: [], report: report, rejected: 0) }
        for _ in 0..<maxRounds {
            var fixable = report.diagnostics.filter { isApplicable($0.fix, unsafe: unsafe) && !($0.fix.map(rejected.contains) ?? true) }
            guard !fixable.isEmpty else { break }
            var (next, used) = apply(fixable.compactMap(\.fix), to: text)
            guard !used.isEmpty, next != text else { break }
            var nextReport = check(next)
            if hasSyntaxError(nextReport) {
                // Find the fixes that break the file on their own, and try the round without them.
                let breaking = used.filter { index in
                    guard let fix = fixable[index].fix else { return true }
                    return hasSyntaxError(check(apply([fix], to: text).bytes))
                }
                rejected += breaking.compactMap { fixable[$0].fix }
                fixable = fixable.enumerated().filter { !breaking.contains($0.offset) }.map(\.element)
                (next, used) = apply(fixable.compactMap(\.fix), to: text)
                guard !used.isEmpty, next != text else { break }
                nextReport = check(next)
                if hasSyntaxError(nextReport) { break }  // together they still break it: stop here
            }
            applied += used.map { fixable[$0] }
            text = next
            report = nextReport
        }
        return Outcome(original: bytes, fixed: text, applied: applied, report: report, rejected: rejected.count)
    }

    /// True when `fix` has byte ranges and is safe (or `unsafe` allows guesses).
    public static func isApplicable(_ fix: Fix?, unsafe: Bool) -> Bool {
        guard let fix, fix.isLocated, !fix.edits.isEmpty else { return false }
        return fix.safety == .safe || unsafe
    }

    static func hasSyntaxError(_ report: FileReport) -> Bool {
        report.diagnostics.contains { $0.rule == RuleDescription.yamlSyntax.id }
    }

    /// Applies the fixes that overlap no fix before them (in the order of their first edit); returns the
    /// new text and the indices of the fixes applied. Two edits overlap when their ranges share a
    /// byte, or when both insert at one place.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> (bytes: [UInt8], applied: [Int]) {
        let order = fixes.indices.sorted { (fixes[$0].edits.compactMap(\.offset).min() ?? 0, $0) < (fixes[$1].edits.compactMap(\.offset).min() ?? 0, $1) }
        var taken: [Range<Int>] = []
        var chosen: [Int] = []
        for index in order {
            var ranges: [Range<Int>] = []
            for edit in fixes[index].edits {
                guard let start = edit.offset, let end = edit.endOffset, start <= end, end <= bytes.count else {
                    ranges = []
                    break
                }
                ranges.append(start..<end)
            }
            guard ranges.count == fixes[index].edits.count, !ranges.isEmpty else { continue }
            let all = taken + ranges
            let clashes = ranges.enumerated().contains { number, range in
                all.enumerated().contains { other, range2 in
                    other != taken.count + number && (range.overlaps(range2) || range.lowerBound == range2.lowerBound
                        || range.contains(range2.lowerBound) || range2.contains(range.lowerBound))
                }
            }
            guard !clashes else { continue }
            taken += ranges
            chosen.append(index)
        }
        var edits: [(range: Range<Int>, text: [UInt8])] = []
        for index in chosen {
            for edit in fixes[index].edits {
                guard let start = edit.offset, let end = edit.endOffset else { continue }
                edits.append((start..<end, Array(edit.replacement.utf8)))
            }
        }
        var result = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.text)
        }
        return (result, chosen.sorted())
    }
}
