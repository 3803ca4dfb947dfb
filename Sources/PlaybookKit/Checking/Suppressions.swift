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
        public enum Kind: String, Sendable { case line = "disable-line", nextLine = "disable-next-line", range = "disable" }
        public let kind: Kind
        /// Rule ids; empty means every rule.
        public let rules: [String]
        public let reason: String?
        public let position: SourcePosition
        /// The lines covered, inclusive.
        public var firstLine: Int
        public var lastLine: Int

        func covers(_ diagnostic: Diagnostic) -> Bool {
            (firstLine...lastLine).contains(diagnostic.line) && (rules.isEmpty || rules.contains(diagnostic.rule))
        }
    }

    public private(set) var directives: [Directive] = []

    public init(source: SourceText) {
        // Most files have no directive: skip the line split unless the marker occurs at all.
        guard Self.mentionsMarker(source.bytes) else { return }
        var open: [(rule: String, index: Int)] = []
        var lineNumber = 0
        var lastLine = 0
        for line in Self.lines(source.bytes) {
            lineNumber += 1
            lastLine = lineNumber
            guard let (column, body) = Self.directiveComment(in: line) else { continue }
            let position = SourcePosition(line: lineNumber, column: column)
            let (kindWord, rules, reason) = Self.parse(body)
            switch kindWord {
            case "disable-line":
                directives.append(Directive(kind: .line, rules: rules, reason: reason, position: position,
                                            firstLine: lineNumber, lastLine: lineNumber))
            case "disable-next-line":
                directives.append(Directive(kind: .nextLine, rules: rules, reason: reason, position: position,
                                            firstLine: lineNumber + 1, lastLine: lineNumber + 1))
            case "disable":
                directives.append(Directive(kind: .range, rules: rules, reason: reason, position: position,
                                            firstLine: lineNumber, lastLine: Int.max))
                for rule in rules.isEmpty ? ["*"] : rules { open.append((rule, directives.count - 1)) }
            case "enable":
                let closing = rules.isEmpty ? Set(open.map(\.rule)) : Set(rules)
                for entry in open where closing.contains(entry.rule) {
                    directives[entry.index].lastLine = min(directives[entry.index].lastLine, lineNumber)
                }
                open.removeAll { closing.contains($0.rule) }
            default:
                continue
            }
        }
        for index in directives.indices where directives[index].lastLine == Int.max {
            directives[index].lastLine = max(lastLine, directives[index].firstLine)
        }
    }

    /// Removes suppressed findings; reports directives that suppressed nothing (and name rules that
    /// are not switched off) as `unused-suppression`.
    public func apply(to diagnostics: [Diagnostic], file: String, knownRules: Set<String>, disabledRules: Set<String>,
                      unusedSeverity: Severity?) -> [Diagnostic] {
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
        for (index, directive) in directives.enumerated() where !used[index] {
            let unknown = directive.rules.filter { !knownRules.contains($0) }
            if directive.rules.isEmpty == false, unknown.isEmpty, directive.rules.allSatisfy(disabledRules.contains) { continue }
            var message: String
            if let first = unknown.first {
                message = "`stagelint-\(directive.kind.rawValue)` names unknown rule '\(first)'"
                    + Suggestion.didYouMean(Suggestion.closest(to: first, among: knownRules.sorted()))
                    + "; it suppresses nothing"
            } else {
                let what = directive.rules.isEmpty ? "any rule" : directive.rules.joined(separator: ", ")
                message = "`stagelint-\(directive.kind.rawValue)` suppresses nothing: no finding of \(what) is reported "
                    + "where it applies; remove the comment"
            }
            kept.append(Diagnostic(file: file, span: SourceSpan(at: directive.position), severity: unusedSeverity,
                                   rule: RuleDescription.unusedSuppression.id, message: message))
        }
        return kept
    }

    static func mentionsMarker(_ bytes: [UInt8]) -> Bool {
        let marker = Array("stagelint-".utf8)
        guard bytes.count >= marker.count else { return false }
        var index = 0
        let last = bytes.count - marker.count
        while index <= last {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) { return true }
            index += 1
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

    /// The column of a `# stagelint-…` comment on the line and the text after `stagelint-`.
    /// A `#` starts a comment at the start of a line or after a space or tab, outside quotes.
    static func directiveComment(in line: String) -> (Int, Substring)? {
        guard line.contains("stagelint-") else { return nil }
        var column = 0
        var previous: Character = " "
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            column += 1
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == "," || previous == "-" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" || index == line.startIndex {
                let rest = line[line.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("stagelint-") {
                    return (column, rest.dropFirst("stagelint-".count))
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
        if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
        if let dashes = text.range(of: " -- ") {
            reason = String(text[dashes.upperBound...]).trimmed(of: " \t")
            text = String(text[..<dashes.lowerBound])
        } else if text.hasSuffix(" --") {
            text = String(text.dropLast(3))
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        guard let kind = parts.first else { return ("", [], reason) }
        return (kind, Array(parts.dropFirst()), reason)
    }
}
