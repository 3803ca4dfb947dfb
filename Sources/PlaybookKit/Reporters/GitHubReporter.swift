import PlaybookModel
/// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding,
/// which the runner turns into annotations on the pull request, then a plain summary line.
public struct GitHubReporter: Reporter {
    /// Maps a file as named to the path GitHub knows it by (from the repository root).
    public var path: @Sendable (String) -> String

    public init(path: @escaping @Sendable (String) -> String = { $0 }) {
        self.path = path
    }

    public func render(_ reports: [FileReport]) -> String {
        var out = ""
        for diagnostic in reports.flatMap(\.diagnostics) {
            var located = diagnostic
            located.file = path(diagnostic.file)
            out += Self.command(located) + "\n"
        }
        let summary = CheckSummary(reports)
        out += "stagelint: checked \(summary.files.counted("file")): \(summary.errors.counted("error")), "
            + "\(summary.warnings.counted("warning")), \(summary.infos.counted("info"))\n"
        return out
    }

    static func command(_ diagnostic: Diagnostic) -> String {
        let name: String
        switch diagnostic.severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .info: name = "notice"
        }
        var properties = [
            "file=\(escapeProperty(diagnostic.file))",
            "line=\(diagnostic.span.start.line)",
            "col=\(diagnostic.span.start.column)",
        ]
        if diagnostic.span.end > diagnostic.span.start {
            properties.append("endLine=\(diagnostic.span.end.line)")
            if diagnostic.span.end.line == diagnostic.span.start.line {
                properties.append("endColumn=\(diagnostic.span.end.column)")
            }
        }
        properties.append("title=\(escapeProperty("stagelint \(diagnostic.rule)"))")
        return "::\(name) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))"
    }

    /// The message part: `%`, CR and LF are encoded, as the Actions toolkit does.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A property value: as data, plus `:` and `,`, which separate properties.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for character in escapeData(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
