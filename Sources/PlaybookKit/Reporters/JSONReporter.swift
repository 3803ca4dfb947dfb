import PlaybookModel
/// One JSON object: `{"diagnostics": [...], "summary": {...}}`, keys in a fixed order.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ reports: [FileReport]) -> String {
        let diagnostics: [JSONValue] = reports.flatMap(\.diagnostics).map { diagnostic in
            var fields: [(String, JSONValue)] = [
                ("file", .string(diagnostic.file)),
                ("line", .int(diagnostic.line)),
                ("column", .int(diagnostic.column)),
                ("endLine", .int(diagnostic.span.end.line)),
                ("endColumn", .int(diagnostic.span.end.column)),
            ]
            // Bytes from the start of the file (present when the file's lines could be read).
            if let offset = diagnostic.offset, let endOffset = diagnostic.endOffset {
                fields += [("offset", .int(offset)), ("endOffset", .int(endOffset))]
            }
            fields += [
                ("severity", .string(diagnostic.severity.rawValue)),
                ("rule", .string(diagnostic.rule)),
                ("message", .string(diagnostic.message)),
            ]
            // The fix, as edits by byte range: `text` replaces the bytes from `offset` up to `endOffset`.
            if let fix = diagnostic.fix, fix.isLocated {
                fields.append(("fix", .object([
                    ("safety", .string(fix.safety.rawValue)),
                    ("description", .string(fix.description)),
                    ("edits", .array(fix.edits.map { edit in
                        .object([("offset", .int(edit.offset ?? 0)), ("endOffset", .int(edit.endOffset ?? 0)),
                                 ("text", .string(edit.replacement))])
                    })),
                ])))
            }
            return .object(fields)
        }
        let summary = CheckSummary(reports)
        let root = JSONValue.object([
            ("diagnostics", .array(diagnostics)),
            ("summary", .object([
                ("files", .int(summary.files)),
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("infos", .int(summary.infos)),
            ])),
        ])
        return root.rendered() + "\n"
    }
}
