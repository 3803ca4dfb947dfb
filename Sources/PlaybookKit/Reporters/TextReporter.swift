import PlaybookModel
/// Compiler-style output: `file:line:col: severity: message [rule]`, the source line, and a
/// caret under the node; then a summary line, and how many findings `--fix` (or `--unsafe-fixes`)
/// would fix. A finding with a fix is marked `[rule, fixable]` (safe) or `[rule, unsafe fix]`.
public struct TextReporter: Reporter {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ reports: [FileReport]) -> String {
        var out = ""
        for report in reports where !report.diagnostics.isEmpty {
            let lines = report.source.lines(Set(report.diagnostics.map(\.line)))
            for diagnostic in report.diagnostics {
                out += frame(diagnostic, sourceLine: lines[diagnostic.line])
            }
        }
        out += summaryLine(CheckSummary(reports)) + "\n"
        let all = reports.flatMap(\.diagnostics)
        let safe = all.filter { Fixer.isApplicable($0.fix, unsafe: false) }.count
        let unsafe = all.filter { Fixer.isApplicable($0.fix, unsafe: true) }.count - safe
        if safe > 0 { out += "\(safe) fixable with --fix\n" }
        if unsafe > 0 {
            out += "\(unsafe)\(safe > 0 ? " more" : "") fixable with --unsafe-fixes (guesses: review the diff with --unsafe-fixes --diff)\n"
        }
        return out
    }

    /// `[rule]`, with `, fixable` or `, unsafe fix` when the finding has a fix.
    static func label(_ diagnostic: Diagnostic) -> String {
        if Fixer.isApplicable(diagnostic.fix, unsafe: false) { return "[\(diagnostic.rule), fixable]" }
        if Fixer.isApplicable(diagnostic.fix, unsafe: true) { return "[\(diagnostic.rule), unsafe fix]" }
        return "[\(diagnostic.rule)]"
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func severityCode(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .info: return "1;36"
        }
    }

    /// One finding with its code frame.
    public func frame(_ diagnostic: Diagnostic, sourceLine: String?) -> String {
        // File names and messages quote the playbook: control characters are shown, never sent to the terminal.
        let location = "\(Self.escaped(diagnostic.file)):\(diagnostic.line):\(diagnostic.column):"
        var out = paint(location, "1") + " " + paint("\(diagnostic.severity.rawValue):", severityCode(diagnostic.severity))
            + " " + Self.escaped(diagnostic.message) + " " + paint(Self.label(diagnostic), "2") + "\n"
        guard let sourceLine, !sourceLine.isEmpty else { return out }
        let shown = Self.displayable(sourceLine)
        let number = String(diagnostic.line)
        let width = max(5, number.count)
        let gutter = String(repeating: " ", count: width - number.count) + number
        let blank = String(repeating: " ", count: width)
        out += paint("\(gutter) |", "2") + (shown.isEmpty ? "" : " " + shown) + "\n"
        out += paint("\(blank) |", "2") + " " + paint(caret(for: diagnostic, in: shown), severityCode(diagnostic.severity)) + "\n"
        return out
    }

    /// Spaces (tabs kept as tabs, so alignment holds) up to the column, a caret, and `~` under
    /// the rest of the node on this line.
    func caret(for diagnostic: Diagnostic, in line: String) -> String {
        let characters = Array(line.unicodeScalars)
        let start = max(0, diagnostic.column - 1)
        var prefix = ""
        for index in 0..<min(start, 400) {
            prefix += index < characters.count && characters[index] == "\t" ? "\t" : " "
        }
        var length = 1
        if diagnostic.span.end.line == diagnostic.line {
            length = max(1, diagnostic.span.end.column - diagnostic.column)
        } else if diagnostic.span.end.line > diagnostic.line {
            length = max(1, characters.count - start)
        }
        // Never run the tildes past the end of the text (or into a trailing comment on flow items).
        length = min(length, max(1, characters.count - start))
        return prefix + "^" + String(repeating: "~", count: length - 1)
    }

    /// Text with control characters written as `\u{1B}`, so a playbook cannot drive the terminal.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The line with control characters shown as `?`, so a binary file cannot mess up the terminal.
    static func displayable(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in line.unicodeScalars {
            count += 1
            if count > 400 {
                out.append(contentsOf: "…".unicodeScalars)
                break
            }
            let isControl = scalar.value < 0x20 && scalar != "\t" || (0x7F...0x9F).contains(scalar.value)
            out.append(isControl ? "?" : scalar)
        }
        return String(out)
    }

    func summaryLine(_ summary: CheckSummary) -> String {
        let text = "checked \(summary.files.counted("file")): \(summary.errors.counted("error")), "
            + "\(summary.warnings.counted("warning")), \(summary.infos.counted("info"))"
        guard color else { return text }
        return paint(text, summary.errors > 0 ? "1;31" : summary.warnings > 0 ? "1;33" : "1;32")
    }
}
