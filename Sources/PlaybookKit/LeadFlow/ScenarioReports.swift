import PlaybookModel
import YAMLReader

/// How `stagelint test` shows its outcome: a test runner's text, JUnit XML or JSON.
public enum ScenarioReport {
    /// One line per scenario (`PASS`/`FAIL`, its file and name), each failed expectation beneath it
    /// as `file:line:col: expectation: message`, then `N passed, N failed`.
    public static func text(_ outcome: ScenarioRun.Outcome, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        for file in outcome.files {
            for result in file.results {
                let place = result.span == .fileStart ? file.file : "\(file.file):\(result.span.start.line)"
                out += (result.passed ? paint("PASS", "32") : paint("FAIL", "31")) + " \(TextReporter.escaped(result.name)) (\(place))\n"
                for failure in result.failures {
                    out += "  \(failure.file):\(failure.span.start.line):\(failure.span.start.column): \(failure.expectation): "
                        + TextReporter.escaped(failure.message) + "\n"
                }
            }
        }
        let summary = "\(outcome.passed) passed, \(outcome.failed) failed"
        out += (outcome.failed > 0 ? paint(summary, "1;31") : paint(summary, "1;32")) + "\n"
        return out
    }

    /// One test suite per scenario file, one test case per scenario; a failed scenario's failure
    /// holds every expectation that did not hold.
    public static func junit(_ outcome: ScenarioRun.Outcome) -> String {
        var suites = ""
        for file in outcome.files {
            let failed = file.results.filter { !$0.passed }.count
            suites += "  <testsuite name=\"\(JUnitReporter.escape(file.file))\" tests=\"\(file.results.count)\" failures=\"\(failed)\" "
                + "errors=\"0\" skipped=\"0\">\n"
            for result in file.results {
                suites += "    <testcase name=\"\(JUnitReporter.escape(result.name))\" classname=\"\(JUnitReporter.escape(file.file))\""
                guard let first = result.failures.first else {
                    suites += "/>\n"
                    continue
                }
                let lines = result.failures.map { "\($0.file):\($0.span.start.line):\($0.span.start.column): \($0.expectation): \($0.message)" }
                suites += ">\n      <failure message=\"\(JUnitReporter.escape(first.expectation + ": " + first.message))\" type=\"\(JUnitReporter.escape(first.expectation))\">"
                    + JUnitReporter.escape(lines.joined(separator: "\n")) + "</failure>\n    </testcase>\n"
            }
            suites += "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"stagelint test\" tests=\"\(outcome.passed + outcome.failed)\" failures=\"\(outcome.failed)\" errors=\"0\">\n"
            + suites + "</testsuites>\n"
    }

    /// `{"files": [...], "summary": {"passed", "failed"}}`; each scenario with its result, the stage the
    /// lead ended in, every violation with the step it happened at, and every failed expectation.
    public static func json(_ outcome: ScenarioRun.Outcome) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("files")
        json.beginArray()
        for file in outcome.files {
            json.item()
            json.beginObject()
            json.key("file"); json.string(file.file)
            json.key("playbook")
            if let playbook = file.playbook { json.string(playbook) } else { json.null() }
            json.key("scenarios")
            json.beginArray()
            for result in file.results {
                json.item()
                write(result, into: &json)
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("summary")
        json.beginObject()
        json.key("passed"); json.int(outcome.passed)
        json.key("failed"); json.int(outcome.failed)
        json.endObject()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    private static func write(_ result: ScenarioRun.Result, into json: inout JSONWriter) {
        json.beginObject()
        json.key("name"); json.string(result.name)
        json.key("line"); json.int(result.span.start.line)
        json.key("passed"); json.bool(result.passed)
        json.key("endsIn")
        if let endsIn = result.endsIn { json.string(endsIn) } else { json.null() }
        json.key("elapsedSeconds")
        if let elapsed = result.elapsed { json.int(Int(elapsed / 1000)) } else { json.null() }
        json.key("violations")
        json.beginArray()
        for happened in result.violations {
            json.item()
            json.beginObject()
            json.key("kind"); json.string(happened.violation.kind.rawValue)
            json.key("stage"); json.string(happened.violation.stage)
            if let from = happened.violation.from { json.key("from"); json.string(from) }
            if !happened.violation.fields.isEmpty {
                json.key("fields")
                json.beginArray()
                for field in happened.violation.fields {
                    json.item()
                    json.string(field)
                }
                json.endArray()
            }
            json.key("label"); json.string(happened.violation.label)
            json.key("line"); json.int(happened.span.start.line)
            json.key("column"); json.int(happened.span.start.column)
            json.endObject()
        }
        json.endArray()
        json.key("failures")
        json.beginArray()
        for failure in result.failures {
            json.item()
            json.beginObject()
            json.key("expectation"); json.string(failure.expectation)
            json.key("message"); json.string(failure.message)
            json.key("file"); json.string(failure.file)
            json.key("line"); json.int(failure.span.start.line)
            json.key("column"); json.int(failure.span.start.column)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
