import PlaybookModel
/// SARIF 2.1.0, as GitHub code scanning and other static-analysis viewers read it: the rule
/// catalogue as `tool.driver.rules`, one result per finding with a region, and artifact paths
/// relative to the repository root.
public struct SARIFReporter: Reporter {
    /// The version reported as `tool.driver.version`.
    public var toolVersion: String
    /// Maps a finding's file (as named on the command line) to its path from the repository root.
    public var artifactPath: @Sendable (String) -> String

    /// House rules of the files checked, described beside the built-in rules.
    public var houseRules: [RuleDescription]
    /// Rules of other commands (`audit`'s findings at the playbook's lines), described without examples.
    public var otherRules: [RuleDescription] = []
    /// Where `otherRules` are documented, for their `helpUri`.
    public var otherRulesDocument = "docs/lead-flow.md"

    public init(toolVersion: String, houseRules: [RuleDescription] = [], artifactPath: @escaping @Sendable (String) -> String = { $0 }) {
        self.toolVersion = toolVersion
        self.houseRules = houseRules
        self.artifactPath = artifactPath
    }

    public static let informationURI = "https://github.com/stagelint/stagelint"

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A house rule's descriptor: its help is its own text, and it names the file that defines it.
    static func houseDescriptor(_ rule: RuleDescription, origin: String) -> JSONValue {
        let rationale = rule.rationale.isEmpty ? rule.summary : rule.rationale
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(Self.camelCase(rule.id))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rationale))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.defaultSeverity)))])),
            ("help", .object([
                ("text", .string(rule.summary + "\n\n" + rationale + "\n\nA house rule from \(origin); run `stagelint explain \(rule.id)`.")),
                ("markdown", .string("**\(rule.summary)**\n\n\(rationale)\n\nA house rule from `\(origin)`.")),
            ])),
            ("properties", .object([("tags", .array([.string(rule.category.rawValue)])), ("origin", .string(origin))])),
        ])
    }

    /// A rule's descriptor: its texts, its level, `help` ending with `help` / `helpMarkdown`, and where it is documented.
    static func descriptor(_ rule: RuleDescription, help: String, helpMarkdown: String, helpUri: String) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(Self.camelCase(rule.id))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.defaultSeverity)))])),
            ("help", .object([
                ("text", .string(rule.summary + "\n\n" + rule.rationale + help)),
                ("markdown", .string("**\(rule.summary)**\n\n\(rule.rationale)" + helpMarkdown)),
            ])),
            ("helpUri", .string(helpUri)),
            ("properties", .object([("tags", .array([.string(rule.category.rawValue)]))])),
        ])
    }

    public func render(_ reports: [FileReport]) -> String {
        var rules = RuleCatalog.all
        for rule in houseRules + otherRules where !rules.contains(where: { $0.id == rule.id }) { rules.append(rule) }
        let others = Set(otherRules.map(\.id))
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let descriptors: [JSONValue] = rules.map { rule in
            if let origin = rule.origin { return Self.houseDescriptor(rule, origin: origin) }
            if others.contains(rule.id) {
                return Self.descriptor(rule, help: "", helpMarkdown: "", helpUri: "\(Self.informationURI)/blob/main/\(otherRulesDocument)")
            }
            return Self.descriptor(rule, help: "\n\nRun `stagelint explain \(rule.id)` for examples.",
                                   helpMarkdown: "\n\nSee `stagelint explain \(rule.id)`.",
                                   helpUri: "\(Self.informationURI)/blob/main/docs/rules.md#\(rule.id)")
        }
        var artifacts: [String] = []
        var artifactIndex: [String: Int] = [:]
        for report in reports {
            let path = artifactPath(report.file)
            if artifactIndex[path] == nil {
                artifactIndex[path] = artifacts.count
                artifacts.append(path)
            }
        }
        let results: [JSONValue] = reports.flatMap { report in
            // Findings of one rule on lines with the same text are told apart by their order.
            var occurrences: [String: Int] = [:]
            return report.diagnostics.map { diagnostic -> JSONValue in
                let key = diagnostic.rule + "\u{0}" + (report.source.line(diagnostic.line)?.trimmed(of: " \t") ?? "")
                let occurrence = occurrences[key, default: 0]
                occurrences[key] = occurrence + 1
                let path = artifactPath(diagnostic.file)
                var region: [(String, JSONValue)] = [
                    ("startLine", .int(diagnostic.span.start.line)),
                    ("startColumn", .int(diagnostic.span.start.column)),
                ]
                if diagnostic.span.end > diagnostic.span.start {
                    region.append(("endLine", .int(diagnostic.span.end.line)))
                    region.append(("endColumn", .int(diagnostic.span.end.column)))
                }
                if let offset = diagnostic.offset, let endOffset = diagnostic.endOffset {
                    region.append(("byteOffset", .int(offset)))
                    region.append(("byteLength", .int(endOffset - offset)))
                }
                var result: [(String, JSONValue)] = [("ruleId", .string(diagnostic.rule))]
                if let index = ruleIndex[diagnostic.rule] { result.append(("ruleIndex", .int(index))) }
                result += [
                    ("level", .string(Self.level(diagnostic.severity))),
                    ("message", .object([("text", .string(diagnostic.message))])),
                    ("locations", .array([.object([
                        ("physicalLocation", .object([
                            ("artifactLocation", .object(Self.location(path) + [("index", .int(artifactIndex[path] ?? 0))])),
                            ("region", .object(region)),
                        ])),
                    ])])),
                    ("partialFingerprints", .object([
                        ("stagelint/v1", .string(Self.fingerprint(diagnostic, report.source, occurrence: occurrence))),
                    ])),
                ]
                // SARIF 2.1.0 §3.55: a fix replaces byte regions of the artifact (safe and unsafe alike; the
                // description says which).
                if let fix = diagnostic.fix, fix.isLocated {
                    let replacements: [JSONValue] = fix.edits.map { edit in
                        let offset = edit.offset ?? 0
                        return .object([
                            ("deletedRegion", .object([("byteOffset", .int(offset)), ("byteLength", .int((edit.endOffset ?? offset) - offset))])),
                            ("insertedContent", .object([("text", .string(edit.replacement))])),
                        ])
                    }
                    result.append(("fixes", .array([.object([
                        ("description", .object([("text", .string(fix.description + (fix.safety == .safe ? "" : " (unsafe: a guess)")))])),
                        ("artifactChanges", .array([.object([
                            ("artifactLocation", .object(Self.location(path) + [("index", .int(artifactIndex[path] ?? 0))])),
                            ("replacements", .array(replacements)),
                        ])])),
                    ])])))
                }
                return .object(result)
            }
        }
        let run = JSONValue.object([
            ("tool", .object([("driver", .object([
                ("name", .string("stagelint")),
                ("version", .string(toolVersion)),
                ("semanticVersion", .string(toolVersion)),
                ("informationUri", .string(Self.informationURI)),
                ("rules", .array(descriptors)),
            ]))])),
            ("artifacts", .array(artifacts.map { path in .object([("location", .object(Self.location(path)))]) })),
            ("results", .array(results)),
            ("columnKind", .string("unicodeCodePoints")),
        ])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).rendered() + "\n"
    }

    /// A path from the repository root (`uriBaseId` %SRCROOT%), or an absolute `file://` URI.
    static func location(_ path: String) -> [(String, JSONValue)] {
        if path.hasPrefix("file://") {
            return [("uri", .string("file://" + uriEscaped(String(path.dropFirst("file://".count)))))]
        }
        return [("uri", .string(uriEscaped(path))), ("uriBaseId", .string("%SRCROOT%"))]
    }

    /// `dead-end-stage` → `DeadEndStage`, the rule's SARIF `name`.
    static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative URI: path segments percent-encoded where RFC 3986 requires it.
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/!$&'()*+,;=:@".contains(character) {
                out.append(character)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Stable across edits elsewhere in the file: rule, the text of the finding's line, and which
    /// occurrence of that pair it is.
    static func fingerprint(_ diagnostic: Diagnostic, _ source: SourceText, occurrence: Int = 0) -> String {
        let line = source.line(diagnostic.line)?.trimmed(of: " \t") ?? ""
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in (diagnostic.rule + "\u{0}" + line + "\u{0}\(occurrence)").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
