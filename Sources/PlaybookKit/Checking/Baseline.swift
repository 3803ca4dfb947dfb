import PlaybookModel
import Foundation
import YAMLReader

/// Findings a repository has accepted for now, so stagelint can be adopted without fixing
/// everything first. A finding is matched by rule, file and the text of its source line (not its
/// line number), so edits elsewhere in the file do not bring it back.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Hashable, Comparable {
        public let file: String
        public let rule: String
        /// The finding's source line, trimmed.
        public let line: String

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.file, lhs.rule, lhs.line) < (rhs.file, rhs.rule, rhs.line)
        }
    }

    /// How many findings each entry accepts.
    public private(set) var counts: [Entry: Int] = [:]

    public init() {}

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "invalid baseline '\(path)': \(reason)" }
    }

    /// The entry for a finding; `file` is the path the baseline stores (see `key(for:)` callers).
    public static func entry(for diagnostic: Diagnostic, file: String, source: SourceText) -> Entry {
        Entry(file: file, rule: diagnostic.rule, line: (source.line(diagnostic.line) ?? "").trimmed(of: " \t"))
    }

    /// A baseline holding every finding of the reports.
    public init(reports: [FileReport], path: (String) -> String) {
        for report in reports {
            for diagnostic in report.diagnostics {
                counts[Self.entry(for: diagnostic, file: path(report.file), source: report.source), default: 0] += 1
            }
        }
    }

    /// Removes accepted findings from the reports; returns the reports and how many were removed.
    /// Entries left over (no longer matching) are in `unmatched` afterwards.
    public func filter(_ reports: [FileReport], path: (String) -> String) -> (reports: [FileReport], suppressed: Int, unmatched: Int) {
        var remaining = counts
        var suppressed = 0
        let filtered = reports.map { report -> FileReport in
            let file = path(report.file)
            let kept = report.diagnostics.filter { diagnostic in
                let entry = Self.entry(for: diagnostic, file: file, source: report.source)
                guard let count = remaining[entry], count > 0 else { return true }
                remaining[entry] = count - 1
                suppressed += 1
                return false
            }
            return FileReport(file: report.file, diagnostics: kept, playbook: report.playbook, source: report.source)
        }
        let checkedFiles = Set(reports.map { path($0.file) })
        // Only entries of files that were checked can be known to be stale.
        let unmatched = remaining.filter { checkedFiles.contains($0.key.file) }.values.reduce(0, +)
        return (filtered, suppressed, unmatched)
    }

    /// The file's text: JSON, sorted, one entry per line group.
    public func rendered() -> String {
        let entries: [JSONValue] = counts.keys.sorted().map { entry in
            .object([
                ("file", .string(entry.file)),
                ("rule", .string(entry.rule)),
                ("line", .string(entry.line)),
                ("count", .int(counts[entry] ?? 1)),
            ])
        }
        return JSONValue.object([
            ("stagelint-baseline", .int(1)),
            ("findings", .array(entries)),
        ]).rendered() + "\n"
    }

    public static func load(_ path: String) throws(LoadError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, reason: "the file cannot be read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["stagelint-baseline"] as? Int == 1,
              let findings = object["findings"] as? [[String: Any]] else {
            throw LoadError(path: path, reason: "not a stagelint baseline (write one with --write-baseline)")
        }
        var baseline = Baseline()
        for (index, finding) in findings.enumerated() {
            guard let file = finding["file"] as? String, let rule = finding["rule"] as? String,
                  let line = finding["line"] as? String else {
                throw LoadError(path: path, reason: "entry \(index + 1) lacks file, rule or line")
            }
            let count = finding["count"] as? Int ?? 1
            guard count > 0 else { throw LoadError(path: path, reason: "entry \(index + 1) has a count below 1") }
            baseline.counts[Entry(file: file, rule: rule, line: line), default: 0] += count
        }
        return baseline
    }
}
