import PlaybookModel
import Foundation
import YAMLReader

/// The `# stagelint-disable…` comments of a file, read from its source text (libyaml drops
/// comments), and the findings they suppress.
///
/// - `# stagelint-disable-line [rule, …]` covers its own line.
/// - `# stagelint-disable-next-line [rule, …]` covers the line after it.
/// - `# stagelint-disable [rule, …]` covers from its line to a matching `# stagelint-enable [rule, …]`
///   or the end of the file.
///
/// With no rule ids a directive covers every rule. A reason may follow ` -- `. The rule list ends at
/// ` -- ` or at another `#`.
public struct Suppressions: Sendable {
    public struct Directive: Sendable, Hashable {
        public enum Kind: String, Sendable, CaseIterable {
            case line = "disable-line", nextLine = "disable-next-line", range = "disable", enable
        }
        public let kind: Kind
        /// Rule ids; empty means every rule.
        public let rules: [String]
        public let reason: String?
        /// The comment, from its `#` to its last character: where findings about the directive point.
        public let span: SourceSpan
        public var position: SourcePosition { span.start }
        /// The lines covered, inclusive (none for `enable`).
        public var firstLine: Int
        public var lastLine: Int
        /// The text that removes the comment: its whole line when the line holds nothing else (with the
        /// line break before it), else the comment and the blanks before it.
        public var removal: SourceSpan?

        func covers(_ diagnostic: Diagnostic) -> Bool {
            kind != .enable && (firstLine...lastLine).contains(diagnostic.line) && (rules.isEmpty || rules.contains(diagnostic.rule))
        }
    }

    public private(set) var directives: [Directive] = []
    /// Comments that start like a directive but are not one (`stagelint-disable-nextline`).
    public private(set) var malformed: [(span: SourceSpan, word: String)] = []

    /// Reads the directives of a source text. Lines inside multi-line scalars (a `description: |`
    /// block) hold text, not comments, and are skipped.
    public init(source bytes: [UInt8], textLines: [ClosedRange<Int>] = []) {
        // Most files have no directive: skip the line split unless the marker occurs at all.
        guard Self.mentionsMarker(bytes) else { return }
        var open: [(rule: String, index: Int)] = []
        var lineNumber = 0
        var lastLine = 0
        var previousLength = 0
        for line in Self.lines(bytes) {
            lineNumber += 1
            lastLine = lineNumber
            defer { previousLength = line.unicodeScalars.count }
            guard let (column, endColumn, body) = Self.directiveComment(in: line),
                  !textLines.contains(where: { $0.contains(lineNumber) }) else { continue }
            let span = SourceSpan(start: SourcePosition(line: lineNumber, column: column),
                                  end: SourcePosition(line: lineNumber, column: endColumn))
            let count = directives.count
            let (kindWord, rules, reason) = Self.parse(body)
            switch Directive.Kind(rawValue: kindWord) {
            case .line:
                directives.append(Directive(kind: .line, rules: rules, reason: reason, span: span,
                                            firstLine: lineNumber, lastLine: lineNumber))
            case .nextLine:
                directives.append(Directive(kind: .nextLine, rules: rules, reason: reason, span: span,
                                            firstLine: lineNumber + 1, lastLine: lineNumber + 1))
            case .range:
                directives.append(Directive(kind: .range, rules: rules, reason: reason, span: span,
                                            firstLine: lineNumber, lastLine: Int.max))
                for rule in rules.isEmpty ? ["*"] : rules { open.append((rule, directives.count - 1)) }
            case .enable:
                let closing = rules.isEmpty ? Set(open.map(\.rule)) : Set(rules)
                for entry in open where closing.contains(entry.rule) {
                    directives[entry.index].lastLine = min(directives[entry.index].lastLine, lineNumber)
                }
                open.removeAll { closing.contains($0.rule) }
                directives.append(Directive(kind: .enable, rules: rules, reason: reason, span: span,
                                            firstLine: lineNumber, lastLine: lineNumber))
            case nil:
                malformed.append((span, kindWord))
            }
            if directives.count > count {
                directives[count].removal = Self.removal(of: line, commentColumn: column, line: lineNumber, previousLength: previousLength)
            }
        }
        for index in directives.indices where directives[index].lastLine == Int.max {
            directives[index].lastLine = max(lastLine, directives[index].firstLine)
        }
    }

    public var isEmpty: Bool { directives.isEmpty && malformed.isEmpty }

    /// Removes suppressed findings, and reports as `unused-suppression`: directives that suppressed
    /// nothing (unless they name only rules the config switches off, or `rulesRan` is false: a file
    /// that could not be read as a playbook, such as one with a YAML syntax error, had no rule to
    /// suppress), rule ids that do not exist, and comments that look like directives but are not.
    public func apply(to diagnostics: [Diagnostic], file: String, knownRules: Set<String>, disabledRules: Set<String>,
                      unusedSeverity: Severity?, rulesRan: Bool = true) -> [Diagnostic] {
        var used = [Bool](repeating: false, count: directives.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            var suppressed = false
            for (index, directive) in directives.enumerated() where directive.covers(diagnostic) {
                used[index] = true
                suppressed = true
            }
            if !suppressed { kept.append(diagnostic) }
        }
        guard let unusedSeverity else { return kept }
        func report(_ span: SourceSpan, _ message: String, fix: Fix? = nil) {
            kept.append(Diagnostic(file: file, span: span, severity: unusedSeverity,
                                   rule: RuleDescription.unusedSuppression.id, message: message, fix: fix))
        }
        let sortedRules = knownRules.sorted()
        for (index, directive) in directives.enumerated() {
            let name = "`stagelint-\(directive.kind.rawValue)`"
            let unknown = directive.rules.filter { !knownRules.contains($0) }
            for id in unknown {
                let suggestion = Suggestion.closest(to: id, among: sortedRules)
                report(directive.span, "\(name) names unknown rule '\(id)'"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + ", which matches nothing; fix the id or remove it")
            }
            guard rulesRan, directive.kind != .enable, !used[index], unknown.isEmpty else { continue }
            if !directive.rules.isEmpty, directive.rules.allSatisfy(disabledRules.contains) { continue }
            let what = directive.rules.isEmpty ? "any rule" : directive.rules.joined(separator: ", ")
            report(directive.span, "\(name) suppresses nothing: no finding of \(what) is reported where it applies; "
                + "remove the comment", fix: directive.removal.map { Fix(.safe, "remove the comment", edits: [TextEdit($0, "")]) })
        }
        let kinds = Directive.Kind.allCases.map(\.rawValue)
        for (span, word) in malformed {
            let suggestion = Suggestion.closest(to: word, among: kinds)
            report(span, "`stagelint-\(word)` is not a directive"
                + (suggestion.map { "; did you mean `stagelint-\($0)`?" } ?? "; use stagelint-disable-line, "
                    + "stagelint-disable-next-line, stagelint-disable or stagelint-enable"))
        }
        return kept
    }

    /// The span that removes a comment at `commentColumn` (counted in Unicode scalars, as libyaml
    /// counts columns) of a line.
    static func removal(of line: String, commentColumn: Int, line number: Int, previousLength: Int) -> SourceSpan {
        let before = line.unicodeScalars.prefix(commentColumn - 1)
        let code = before.reversed().drop { $0 == " " || $0 == "\t" }
        let end = SourcePosition(line: number, column: line.unicodeScalars.count + 1)
        guard code.isEmpty else {
            return SourceSpan(start: SourcePosition(line: number, column: code.count + 1), end: end)
        }
        // The whole line: from the end of the line before it, or, on the first line, up to the next.
        if number > 1 { return SourceSpan(start: SourcePosition(line: number - 1, column: previousLength + 1), end: end) }
        return SourceSpan(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 2, column: 1))
    }

    static func mentionsMarker(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { mentionsMarker($0) }
    }

    /// The directive marker's bytes, `stagelint-`.
    static let marker = Array("stagelint-".utf8)

    static func mentionsMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let marker = Self.marker
        guard text.count >= marker.count, let base = text.baseAddress else { return false }
        // memchr jumps from one "g" (the marker's fourth byte, a rare letter) to the next.
        let pivot = 3
        var index = pivot
        while index < text.count, let found = memchr(base + index, Int32(marker[pivot]), text.count - index) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let start = at - pivot
            if start + marker.count <= text.count, (0..<marker.count).allSatisfy({ text[start + $0] == marker[$0] }) {
                return true
            }
            index = at + 1
        }
        return false
    }

    /// Splits the source into lines (LF, CRLF or CR), skipping a BOM.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                result.append(String(decoding: bytes[start..<index], as: UTF8.self))
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    /// The column of a `# stagelint-…` comment on the line, the column after its last character
    /// (both counted in Unicode scalars) and the text after `stagelint-`.
    /// A `#` starts a comment at the start of a line or after a space or tab, outside quotes.
    static func directiveComment(in line: String) -> (Int, Int, Substring)? {
        guard line.contains("stagelint-") else { return nil }
        var column = 0
        var previous: Character = " "
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            column += character.unicodeScalars.count
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == "," || previous == "-" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" || index == line.startIndex {
                let rest = line[line.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("stagelint-") {
                    let comment = line[index...].reversed().drop { $0 == " " || $0 == "\t" }
                    return (column, column + comment.reduce(0) { $0 + $1.unicodeScalars.count }, rest.dropFirst("stagelint-".count))
                }
                return nil
            }
            previous = character
            index = line.index(after: index)
        }
        return nil
    }

    /// `disable-line a, b -- reason # more` → ("disable-line", ["a", "b"], "reason").
    static func parse(_ body: Substring) -> (String, [String], String?) {
        var text = String(body)
        var reason: String?
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        if let dashes = text.range(of: " -- ") {
            reason = String(text[dashes.upperBound...]).trimmed(of: " \t")
            text = String(text[..<dashes.lowerBound])
        } else if text.hasSuffix(" --") {
            text = String(text.dropLast(3))
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == ":" }).map(String.init)
        guard let kind = parts.first else { return ("", [], reason) }
        return (kind, Array(parts.dropFirst()), reason)
    }
}
