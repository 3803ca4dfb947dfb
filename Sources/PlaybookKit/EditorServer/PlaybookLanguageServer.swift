import Foundation
import PlaybookModel
import YAMLReader

/// `stagelint lsp`: the checker behind the Language Server Protocol, as a value that takes the
/// client's messages and gives back what to send. It keeps the open documents; changes only mark a
/// document to check, and `flush()` checks each marked one once, so a burst of edits is checked at its
/// latest version (the command calls it when no message is waiting). No I/O here: the command reads
/// and writes the frames.
public struct PlaybookLanguageServer {
    /// A JSON value as `JSONSerialization` reads and writes it.
    public typealias Message = [String: Any]

    public enum State: Sendable, Equatable {
        case starting, running, shuttingDown
        /// `exit` arrived: the process should end with this status (0 after `shutdown`, else 1).
        case exited(Int32)
    }

    public private(set) var state = State.starting
    var documents: [String: EditorText] = [:]
    /// Documents to check at the next `flush()`, in the order they changed.
    var pending: [String] = []
    /// Globs (`*`, `**`, `?`) of paths that are playbooks even without a top-level `stages` key.
    var playbookGlobs: [String] = []
    let version: String

    public init(version: String) {
        self.version = version
    }

    // MARK: Messages

    static func response(_ id: Any, result: Any) -> Message { ["jsonrpc": "2.0", "id": id, "result": result] }

    static func error(_ id: Any, code: Int, _ message: String) -> Message {
        ["jsonrpc": "2.0", "id": id, "error": ["code": code, "message": message]]
    }

    static func notification(_ method: String, _ params: Any) -> Message { ["jsonrpc": "2.0", "method": method, "params": params] }

    /// What to send for one message from the client.
    public mutating func handle(_ message: Message) -> [Message] {
        guard let method = message["method"] as? String else { return [] }  // a response to us: nothing to do
        let id = message["id"]
        let params = message["params"] as? Message ?? [:]
        if case .exited = state { return [] }
        if method == "exit" {
            state = .exited(state == .shuttingDown ? 0 : 1)
            return []
        }
        if state == .starting, method != "initialize" {
            return id.map { [Self.error($0, code: -32002, "the server is not initialized yet")] } ?? []
        }
        if state == .shuttingDown, let id {
            return [Self.error(id, code: -32600, "the server is shutting down")]
        }
        switch method {
        case "initialize":
            guard let id else { return [] }
            let options = params["initializationOptions"] as? Message
            playbookGlobs = options?["playbookGlobs"] as? [String] ?? []
            state = .running
            return [Self.response(id, result: [
                "capabilities": [
                    "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]] as Message,
                    "documentSymbolProvider": true,
                    "definitionProvider": true,
                    "referencesProvider": true,
                    "hoverProvider": true,
                    "renameProvider": ["prepareProvider": true] as Message,
                    "codeActionProvider": ["codeActionKinds": ["quickfix"]] as Message,
                    "completionProvider": ["triggerCharacters": [" ", "[", ",", "-"]] as Message,
                ] as Message,
                "serverInfo": ["name": "stagelint", "version": version],
            ] as Message)]
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            return []
        case "shutdown":
            state = .shuttingDown
            return id.map { [Self.response($0, result: NSNull())] } ?? []
        case "textDocument/didOpen":
            guard let document = params["textDocument"] as? Message, let uri = document["uri"] as? String,
                  let text = document["text"] as? String else { return [] }
            documents[uri] = EditorText(text, version: document["version"] as? Int ?? 0)
            mark(uri)
            return []
        case "textDocument/didChange":
            guard let document = params["textDocument"] as? Message, let uri = document["uri"] as? String,
                  var text = documents[uri], let changes = params["contentChanges"] as? [Message] else { return [] }
            for change in changes {
                guard let replacement = change["text"] as? String else { continue }
                text.apply(Self.range(change["range"]), replacement)
            }
            text.version = document["version"] as? Int ?? text.version + 1
            documents[uri] = text
            mark(uri)
            return []
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? Message)?["uri"] as? String else { return [] }
            documents[uri] = nil
            pending.removeAll { $0 == uri }
            return [Self.notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()] as Message)]
        case "textDocument/didSave", "workspace/didChangeWatchedFiles":
            // A configuration file may have changed: every open playbook is checked again (with the
            // configuration read afresh).
            for uri in documents.keys.sorted() { mark(uri) }
            return []
        case "textDocument/documentSymbol":
            guard let id else { return [] }
            guard let uri = (params["textDocument"] as? Message)?["uri"] as? String, let text = documents[uri] else {
                return [Self.response(id, result: [Any]())]
            }
            return [Self.response(id, result: symbols(text, uri: uri))]
        case "textDocument/completion":
            guard let id else { return [] }
            guard let uri = (params["textDocument"] as? Message)?["uri"] as? String, let text = documents[uri],
                  let position = Self.position(params["position"]) else { return [Self.response(id, result: [Any]())] }
            let name = (Self.path(uri) as NSString).lastPathComponent
            // Columns in characters: the cursor's UTF-16 position turned into one.
            let lineStart = text.offset(of: EditorText.Position(line: position.line, character: 0))
            let column = String(decoding: text.bytes[lineStart..<text.offset(of: position)], as: UTF8.self).count
            let items = PlaybookCompletion.items(text: text.text, line: position.line, column: column,
                                                 isConfiguration: ConfigurationLoader.fileNames.contains(name))
            let kinds: [PlaybookCompletion.Kind: Int] = [.stage: 20, .team: 18, .field: 5, .rule: 14]
            return [Self.response(id, result: items.map { item -> Message in
                var entry: Message = ["label": item.label, "kind": kinds[item.kind] ?? 1]
                if let detail = item.detail { entry["detail"] = detail }
                return entry
            })]
        case "textDocument/definition", "textDocument/references", "textDocument/hover", "textDocument/prepareRename",
             "textDocument/rename", "textDocument/codeAction":
            guard let id else { return [] }
            guard let uri = (params["textDocument"] as? Message)?["uri"] as? String, let text = documents[uri] else {
                return [Self.response(id, result: NSNull())]
            }
            return [answer(method, id: id, params: params, text: text, uri: uri)]
        default:
            return id.map { [Self.error($0, code: -32601, "stagelint does not handle \(method)")] } ?? []
        }
    }

    /// The answer to a request about a place in a document.
    func answer(_ method: String, id: Any, params: Message, text: EditorText, uri: String) -> Message {
        if method == "textDocument/codeAction" {
            return Self.response(id, result: codeActions(text, uri: uri, range: Self.range(params["range"])))
        }
        guard let position = Self.position(params["position"]) else { return Self.error(id, code: -32602, "a position is needed") }
        let offset = text.offset(of: position)
        if method == "textDocument/hover", let rule = Self.suppressedRule(in: text, at: offset) {
            return Self.response(id, result: ["contents": ["kind": "markdown", "value": rule] as Message] as Message)
        }
        let navigation = PlaybookNavigation(PlaybookDocument(file: Self.path(uri), bytes: text.bytes))
        guard let occurrence = navigation.occurrence(at: offset) else { return Self.response(id, result: NSNull()) }
        func location(_ found: PlaybookNavigation.Occurrence) -> Message { ["uri": uri, "range": Self.json(text, bytes: found.bytes)] }
        switch method {
        case "textDocument/definition":
            return Self.response(id, result: navigation.definition(of: occurrence).map(location) ?? NSNull())
        case "textDocument/references":
            let context = params["context"] as? Message
            let including = context?["includeDeclaration"] as? Bool ?? true
            return Self.response(id, result: navigation.references(to: occurrence, includingDefinition: including).map(location))
        case "textDocument/hover":
            guard let markdown = navigation.hover(occurrence) else { return Self.response(id, result: NSNull()) }
            return Self.response(id, result: ["contents": ["kind": "markdown", "value": markdown] as Message,
                                              "range": Self.json(text, bytes: occurrence.bytes)] as Message)
        case "textDocument/prepareRename":
            return Self.response(id, result: ["range": Self.json(text, bytes: occurrence.bytes), "placeholder": occurrence.id] as Message)
        default:
            let name = params["newName"] as? String ?? ""
            if let problem = navigation.renameProblem(occurrence, to: name) { return Self.error(id, code: -32803, problem) }
            let edits = navigation.references(to: occurrence, includingDefinition: true).map { found -> Message in
                ["range": Self.json(text, bytes: found.bytes), "newText": name]
            }
            return Self.response(id, result: ["changes": [uri: edits]] as Message)
        }
    }

    /// On a rule id in a `# stagelint-disable…` comment: the rule's id and summary.
    static func suppressedRule(in text: EditorText, at offset: Int) -> String? {
        let line = text.position(of: offset).line
        let start = text.offset(of: EditorText.Position(line: line, character: 0))
        let end = text.offset(of: EditorText.Position(line: line, character: Int.max))
        let bytes = text.bytes[start..<end]
        guard let hash = bytes.firstIndex(of: UInt8(ascii: "#")), offset > hash,
              String(decoding: bytes[hash...], as: UTF8.self).contains("stagelint-") else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D }
        var low = min(offset, end)
        var high = low
        while low > start, isWordByte(text.bytes[low - 1]) { low -= 1 }
        while high < end, isWordByte(text.bytes[high]) { high += 1 }
        let word = String(decoding: text.bytes[low..<high], as: UTF8.self)
        guard let rule = RuleCatalog.all.first(where: { $0.id == word }) else { return nil }
        return "**\(rule.id)** (\(rule.defaultSeverity.rawValue)): \(rule.summary)"
    }

    /// Quick fixes for the findings in `range`: each finding's fix (the safe ones preferred), and a
    /// comment that disables the rule on the finding's line.
    func codeActions(_ text: EditorText, uri: String, range: (start: EditorText.Position, end: EditorText.Position)?) -> [Message] {
        let path = Self.path(uri)
        guard isPlaybook(text, path: path) else { return [] }
        let configuration = (try? ConfigurationLoader().configuration(for: path)) ?? .default
        let report = Linter(configuration: configuration).check(file: path, bytes: text.bytes)
        let low = range.map { text.offset(of: $0.start) } ?? 0
        let high = range.map { text.offset(of: $0.end) } ?? text.bytes.count
        var actions: [Message] = []
        for finding in report.diagnostics {
            guard let start = finding.offset, let end = finding.endOffset, start <= high, end >= low, end <= text.bytes.count else { continue }
            let diagnostic: Message = ["range": Self.json(text, bytes: start..<end), "code": finding.rule, "source": "stagelint", "message": finding.message]
            if let fix = finding.fix, fix.isLocated {
                let edits = fix.edits.compactMap { edit -> Message? in
                    guard let from = edit.offset, let to = edit.endOffset, from <= to, to <= text.bytes.count else { return nil }
                    return ["range": Self.json(text, bytes: from..<to), "newText": edit.replacement]
                }
                actions.append(["title": "Fix: \(fix.description)", "kind": "quickfix", "isPreferred": fix.safety == .safe,
                                "diagnostics": [diagnostic], "edit": ["changes": [uri: edits]] as Message])
            }
            actions.append(["title": "Disable \(finding.rule) on this line", "kind": "quickfix", "diagnostics": [diagnostic],
                            "edit": ["changes": [uri: [Self.suppression(finding.rule, text: text, at: start)]]] as Message])
        }
        return actions
    }

    /// The edit that disables `rule` on the line of `offset`: added to a `# stagelint-disable-line`
    /// comment there, else such a comment at the line's end, else (the line has another comment) a
    /// `# stagelint-disable-next-line` comment above it.
    static func suppression(_ rule: String, text: EditorText, at offset: Int) -> Message {
        let line = text.position(of: offset).line
        let start = text.offset(of: EditorText.Position(line: line, character: 0))
        let end = text.offset(of: EditorText.Position(line: line, character: Int.max))
        let content = String(decoding: text.bytes[start..<end], as: UTF8.self)
        if let directive = content.range(of: "# stagelint-disable-line") {
            // Before a `--` reason, if there is one.
            let rest = content[directive.upperBound...]
            let insertAt = rest.range(of: " --").map { content.utf8.distance(from: content.startIndex, to: $0.lowerBound) } ?? content.utf8.count
            let trimmed = content[content.index(content.startIndex, offsetBy: 0)..<content.utf8.index(content.startIndex, offsetBy: insertAt)]
            let separator = trimmed.hasSuffix("stagelint-disable-line") ? " " : ", "
            return ["range": json(text, bytes: start + insertAt..<start + insertAt), "newText": separator + rule]
        }
        if !content.contains(" #"), !content.hasPrefix("#") {
            return ["range": json(text, bytes: end..<end), "newText": "  # stagelint-disable-line \(rule)"]
        }
        let indent = String(content.prefix { $0 == " " })
        return ["range": json(text, bytes: start..<start), "newText": "\(indent)# stagelint-disable-next-line \(rule)\n"]
    }

    mutating func mark(_ uri: String) {
        if !pending.contains(uri) { pending.append(uri) }
    }

    /// The diagnostics of every document changed since the last flush, each checked once at its latest version.
    public mutating func flush() -> [Message] {
        guard state == .running else { return [] }
        let uris = pending
        pending = []
        return uris.compactMap { uri in
            guard let text = documents[uri] else { return nil }
            return Self.notification("textDocument/publishDiagnostics",
                                     ["uri": uri, "version": text.version, "diagnostics": diagnostics(text, uri: uri)] as Message)
        }
    }

    // MARK: Documents

    /// The file path of a `file:` URI (percent-decoded); other URIs as they are.
    static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        let rest = String(uri.dropFirst(7))
        return rest.removingPercentEncoding ?? rest
    }

    /// A playbook: YAML with a top-level `stages` key, or a path the globs match.
    func isPlaybook(_ text: EditorText, path: String) -> Bool {
        if playbookGlobs.contains(where: { Self.glob($0, matches: path) }) { return true }
        let name = (path as NSString).lastPathComponent
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || !name.contains(".") else { return false }
        if ConfigurationLoader.fileNames.contains(name) || name.hasSuffix(".scenarios.yaml") { return false }
        return text.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).contains { line in
            line.hasPrefix("stages:") || line.hasPrefix("\"stages\":") || line.hasPrefix("'stages':")
        }
    }

    /// `*` within a path segment, `**` across segments, `?` one character; a glob without `/` matches the file name.
    static func glob(_ pattern: String, matches path: String) -> Bool {
        let target = pattern.contains("/") ? path : (path as NSString).lastPathComponent
        var regex = "^"
        var characters = Array(pattern)[...]
        if pattern.contains("/"), !pattern.hasPrefix("/"), !pattern.hasPrefix("**") { regex += "(.*/)?" }
        while let character = characters.popFirst() {
            switch character {
            case "*":
                if characters.first == "*" {
                    characters.removeFirst()
                    if characters.first == "/" { characters.removeFirst(); regex += "(.*/)?" } else { regex += ".*" }
                } else {
                    regex += "[^/]*"
                }
            case "?": regex += "[^/]"
            default: regex += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return target.range(of: regex + "$", options: .regularExpression) != nil
    }

    static func range(_ value: Any?) -> (start: EditorText.Position, end: EditorText.Position)? {
        guard let range = value as? Message, let start = position(range["start"]), let end = position(range["end"]) else { return nil }
        return (start, end)
    }

    static func position(_ value: Any?) -> EditorText.Position? {
        guard let position = value as? Message, let line = position["line"] as? Int, let character = position["character"] as? Int else { return nil }
        return EditorText.Position(line: line, character: character)
    }

    static func json(_ position: EditorText.Position) -> Message { ["line": position.line, "character": position.character] }

    static func json(_ text: EditorText, bytes range: Range<Int>) -> Message {
        ["start": json(text.position(of: range.lowerBound)), "end": json(text.position(of: range.upperBound))]
    }

    /// Where a span of the model is in the text: its byte range when the model knows it, else its line and column.
    static func byteRange(_ text: EditorText, _ span: SourceSpan, lines: SourceText) -> Range<Int> {
        let start = text.offset(of: EditorText.Position(line: span.start.line - 1, character: 0)) + max(span.start.column - 1, 0)
        let end = text.offset(of: EditorText.Position(line: span.end.line - 1, character: 0)) + max(span.end.column - 1, 0)
        return min(start, text.bytes.count)..<min(max(start, end), text.bytes.count)
    }

    /// The findings of `check` on the document, as the protocol's diagnostics.
    func diagnostics(_ text: EditorText, uri: String) -> [Message] {
        let path = Self.path(uri)
        guard isPlaybook(text, path: path) else { return [] }
        let configuration: Configuration
        do {
            // Read afresh each time: an edited .stagelint.yml (house rules, extends, overrides) applies at once.
            configuration = try ConfigurationLoader().configuration(for: path)
        } catch {
            return [[
                "range": Self.json(text, bytes: 0..<0), "severity": 1, "code": "config", "source": "stagelint",
                "message": "the configuration that applies to this playbook cannot be read: \(error)",
            ] as Message]
        }
        let report = Linter(configuration: configuration).check(file: path, bytes: text.bytes)
        return report.diagnostics.map { finding in
            let range: Range<Int>
            if let start = finding.offset, let end = finding.endOffset, start <= end, end <= text.bytes.count {
                range = start..<end
            } else {
                range = Self.byteRange(text, finding.span, lines: report.source)
            }
            var diagnostic: Message = [
                "range": Self.json(text, bytes: range),
                "severity": finding.severity == .error ? 1 : finding.severity == .warning ? 2 : 3,
                "code": finding.rule,
                "source": "stagelint",
                "message": finding.message,
            ]
            if let link = Self.documentation(finding.rule, configuration: configuration) { diagnostic["codeDescription"] = ["href": link] }
            return diagnostic
        }
    }

    /// Where a rule is documented: the rules reference for built-in rules; a house rule's own link when it has one.
    static func documentation(_ rule: String, configuration: Configuration) -> String? {
        if RuleCatalog.all.contains(where: { $0.id == rule }) { return "\(SARIFReporter.informationURI)/blob/main/docs/rules.md#\(rule)" }
        if configuration.houseRules.contains(where: { $0.id == rule }) { return "\(SARIFReporter.informationURI)/blob/main/docs/house-rules.md" }
        return nil
    }

    /// The stages in funnel order, for the outline: each named by its id, with its name and kind.
    func symbols(_ text: EditorText, uri: String) -> [Message] {
        let document = PlaybookDocument(file: Self.path(uri), bytes: text.bytes)
        guard let playbook = document.playbook else { return [] }
        let stages = playbook.stages
        let end = text.bytes.count
        return stages.enumerated().map { index, stage in
            let start = document.byteRange(of: stage.id.span) ?? Self.byteRange(text, stage.id.span, lines: SourceText(text.bytes))
            let next = index + 1 < stages.count ? (document.byteRange(of: stages[index + 1].id.span)?.lowerBound ?? end) : end
            // The stage's whole entry: its key to the line before the next stage.
            var stop = max(start.upperBound, next)
            while stop > start.upperBound, [0x0A, 0x0D, 0x20].contains(text.bytes[stop - 1]) { stop -= 1 }
            return [
                "name": stage.id.value,
                "detail": "\(stage.displayName) · \(stage.kind.rawValue)",
                "kind": 24,  // Event: a stage is something a lead reaches
                "range": Self.json(text, bytes: start.lowerBound..<stop),
                "selectionRange": Self.json(text, bytes: start),
            ] as Message
        }
    }
}
