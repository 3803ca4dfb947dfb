import PlaybookModel
/// One JSON object: `{"diagnostics": [...], "summary": {...}}`, keys in a fixed order. Written value by
/// value (a report can hold tens of thousands of findings).
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ reports: [FileReport]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("diagnostics")
        json.beginArray()
        for report in reports {
            for diagnostic in report.diagnostics {
                json.item()
                write(diagnostic, into: &json)
            }
        }
        json.endArray()
        let summary = CheckSummary(reports)
        json.key("summary")
        json.beginObject()
        json.key("files"); json.int(summary.files)
        json.key("errors"); json.int(summary.errors)
        json.key("warnings"); json.int(summary.warnings)
        json.key("infos"); json.int(summary.infos)
        json.endObject()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    private func write(_ diagnostic: Diagnostic, into json: inout JSONWriter) {
        json.beginObject()
        json.key("file"); json.string(diagnostic.file)
        json.key("line"); json.int(diagnostic.line)
        json.key("column"); json.int(diagnostic.column)
        json.key("endLine"); json.int(diagnostic.span.end.line)
        json.key("endColumn"); json.int(diagnostic.span.end.column)
        // Bytes from the start of the file (present when the file's lines could be read).
        if let offset = diagnostic.offset, let endOffset = diagnostic.endOffset {
            json.key("offset"); json.int(offset)
            json.key("endOffset"); json.int(endOffset)
        }
        json.key("severity"); json.string(diagnostic.severity.rawValue)
        json.key("rule"); json.string(diagnostic.rule)
        json.key("message"); json.string(diagnostic.message)
        // The fix, as edits by byte range: `text` replaces the bytes from `offset` up to `endOffset`.
        if let fix = diagnostic.fix, fix.isLocated {
            json.key("fix")
            json.beginObject()
            json.key("safety"); json.string(fix.safety.rawValue)
            json.key("description"); json.string(fix.description)
            json.key("edits")
            json.beginArray()
            for edit in fix.edits {
                json.item()
                json.beginObject()
                json.key("offset"); json.int(edit.offset ?? 0)
                json.key("endOffset"); json.int(edit.endOffset ?? 0)
                json.key("text"); json.string(edit.replacement)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endObject()
    }
}
