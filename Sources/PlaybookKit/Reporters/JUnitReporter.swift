import PlaybookModel
/// JUnit XML as CI servers read it: a `<testsuite>` per playbook, a `<testcase>` per rule checked,
/// failing when the rule reported at or above the fail level. Findings below it are listed in the
/// test case's output.
public struct JUnitReporter: Reporter {
    /// The fail level of a file (the command line's, else its config file's).
    public var failOn: @Sendable (String) -> Severity
    /// Rules switched off for a file (they are not test cases of it).
    public var disabledRules: @Sendable (String) -> Set<String>

    /// The house rules of a file's configuration (test cases of it after the built-in rules).
    public var houseRules: @Sendable (String) -> [String]

    public init(failOn: @escaping @Sendable (String) -> Severity, disabledRules: @escaping @Sendable (String) -> Set<String> = { _ in [] },
                houseRules: @escaping @Sendable (String) -> [String] = { _ in [] }) {
        self.failOn = failOn
        self.disabledRules = disabledRules
        self.houseRules = houseRules
    }

    public init(failOn level: Severity) {
        self.init(failOn: { _ in level })
    }

    public func render(_ reports: [FileReport]) -> String {
        var suites = ""
        var totalTests = 0
        var totalFailures = 0
        for report in reports {
            let disabled = disabledRules(report.file)
            let failOn = failOn(report.file)
            let byRule = Dictionary(grouping: report.diagnostics, by: \.rule)
            let known = RuleCatalog.all.map(\.id) + houseRules(report.file)
            let rules = known.filter { !disabled.contains($0) } + byRule.keys.filter { !known.contains($0) }.sorted()
            var cases = ""
            var failures = 0
            for rule in rules {
                let findings = byRule[rule] ?? []
                let failing = findings.filter { $0.severity >= failOn }
                let passing = findings.filter { $0.severity < failOn }
                cases += "    <testcase name=\"\(Self.escape(rule))\" classname=\"\(Self.escape(report.file))\""
                if findings.isEmpty {
                    cases += "/>\n"
                    continue
                }
                cases += ">\n"
                if !failing.isEmpty {
                    failures += 1
                    let first = failing[0]
                    cases += "      <failure type=\"\(first.severity.rawValue)\" message=\"\(Self.escape(Self.line(first)))\">"
                    cases += Self.escape(failing.map(Self.line).joined(separator: "\n")) + "</failure>\n"
                }
                if !passing.isEmpty {
                    cases += "      <system-out>" + Self.escape(passing.map(Self.line).joined(separator: "\n")) + "</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            totalTests += rules.count
            totalFailures += failures
            suites += "  <testsuite name=\"\(Self.escape(report.file))\" tests=\"\(rules.count)\" failures=\"\(failures)\" "
                + "errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"stagelint\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites + "</testsuites>\n"
    }

    static func line(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold at all become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
