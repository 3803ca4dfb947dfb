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
    /// Configurations by folder, with the signature (path, size, modification time) of the config files
    /// they were read from: read again only when one of those files changes or the client says a
    /// configuration changed, so a URL in `extends` is fetched once, not at every keystroke (a failure too
    /// is kept until then).
    var configurations: [String: (signature: [String], generation: Int, result: Result<Configuration, ConfigurationError>)] = [:]
    /// Counts configuration reads: a report made under an older read is out of date.
    var configurationGeneration = 0
    /// The last report of each document, with the text and configuration read it was made for: code
    /// actions (which some editors ask for at every cursor move) and fix-all reuse it rather than check again.
    var reports: [String: (bytes: [UInt8], generation: Int, report: FileReport)] = [:]
    /// Whether the client lets the server register for configuration files changing on disk.
    var canWatchFiles = false
    /// Whether the client shows Markdown in hovers (eglot without markdown-mode asks for plain text).
    var hoverMarkdown = true
    /// Documents seen as playbooks while open: one stays a playbook when an edit misspells its
    /// `stages` and `playbook` keys, so that the finding about the key shows instead of nothing.
    var knownPlaybooks: Set<String> = []
    var nextRequest = 0

    public init(version: String) {
        self.version = version
    }

    /// The `.stagelint.yml` files that could apply to a folder, with their size and modification time.
    static func configurationSignature(_ folder: String) -> [String] {
        var signature: [String] = []
        var current = folder
        while true {
            for name in ConfigurationLoader.fileNames {
                let path = (current as NSString).appendingPathComponent(name)
                if let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
                    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                    signature.append("\(path) \(attributes[.size] as? Int ?? 0) \(modified)")
                }
            }
            if FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent(".git")) { break }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        return signature
    }

    /// The configuration for a playbook, from the cache while its files are unchanged.
    mutating func configuration(for path: String) -> Result<Configuration, ConfigurationError> {
        configurationRead(for: path).result
    }

    /// The configuration for a playbook and the number of the read it came from.
    mutating func configurationRead(for path: String) -> (result: Result<Configuration, ConfigurationError>, generation: Int) {
        let folder = (ConfigurationLoader.absolute(path) as NSString).deletingLastPathComponent
        let signature = Self.configurationSignature(folder)
        if let cached = configurations[folder], cached.signature == signature {
            return (cached.result.map { $0.applying(overridesFor: path) }, cached.generation)
        }
        // A fresh loader: one kept beside this cache would hold its own copies of the folders above,
        // stale once their files change.
        let result: Result<Configuration, ConfigurationError>
        do { result = .success(try ConfigurationLoader.searching().configuration(forFolder: folder)) } catch { result = .failure(error) }
        configurationGeneration += 1
        configurations[folder] = (signature, configurationGeneration, result)
        return (result.map { $0.applying(overridesFor: path) }, configurationGeneration)
    }

    /// `check`'s report on a document under its configuration: the last one while neither has changed.
    mutating func report(_ text: EditorText, uri: String, configuration: Configuration, generation: Int) -> FileReport {
        if let last = reports[uri], last.generation == generation, last.bytes == text.bytes { return last.report }
        let report = Linter(configuration: configuration).check(file: Self.path(uri), bytes: text.bytes)
        reports[uri] = (text.bytes, generation, report)
        return report
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
        // A request's id is a number or a string; `null` (or none) makes it a notification: no answer.
        let id = message["id"].flatMap { $0 is NSNull ? nil : $0 }
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
            let watching = ((params["capabilities"] as? Message)?["workspace"] as? Message)?["didChangeWatchedFiles"] as? Message
            canWatchFiles = watching?["dynamicRegistration"] as? Bool ?? false
            let hover = ((params["capabilities"] as? Message)?["textDocument"] as? Message)?["hover"] as? Message
            hoverMarkdown = (hover?["contentFormat"] as? [String]).map { $0.contains("markdown") } ?? true
            state = .running
            return [Self.response(id, result: [
                "capabilities": [
                    "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]] as Message,
                    "documentSymbolProvider": true,
                    "definitionProvider": true,
                    "referencesProvider": true,
                    "hoverProvider": true,
                    "renameProvider": ["prepareProvider": true] as Message,
                    "codeActionProvider": ["codeActionKinds": ["quickfix", "source.fixAll.stagelint"]] as Message,
                    "completionProvider": ["triggerCharacters": [" ", "[", ",", "-"]] as Message,
                ] as Message,
                "serverInfo": ["name": "stagelint", "version": version],
            ] as Message)]
        case "initialized":
            // Ask to be told when a configuration file changes on disk, where the client can watch files.
            guard canWatchFiles else { return [] }
            nextRequest += 1
            let watchers: [Message] = ConfigurationLoader.fileNames.map { ["globPattern": "**/\($0)"] }
            return [["jsonrpc": "2.0", "id": "stagelint-\(nextRequest)", "method": "client/registerCapability", "params": [
                "registrations": [["id": "stagelint-configuration", "method": "workspace/didChangeWatchedFiles",
                                   "registerOptions": ["watchers": watchers] as Message] as Message],
            ] as Message]]
        case "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
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
            let version = document["version"] as? Int ?? text.version + 1
            // An older version than the one held is late: the newer text stands.
            guard version >= text.version else { return [] }
            for change in changes {
                guard let replacement = change["text"] as? String else { continue }
                // A change with a range that cannot be read is dropped, not taken for the whole text.
                if change["range"] != nil, Self.range(change["range"]) == nil { continue }
                text.apply(Self.range(change["range"]), replacement)
            }
            text.version = version
            documents[uri] = text
            mark(uri)
            return []
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? Message)?["uri"] as? String else { return [] }
            documents[uri] = nil
            reports[uri] = nil
            knownPlaybooks.remove(uri)
            pending.removeAll { $0 == uri }
            return [Self.notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": [Any]()] as Message)]
        case "textDocument/didSave", "workspace/didChangeWatchedFiles":
            // A configuration file may have changed: read them again, and check every open playbook.
            configurations = [:]
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
            let cursor = text.offset(of: position)
            let column = String(decoding: text.bytes[lineStart..<cursor], as: UTF8.self).count
            // The part of an id already typed (ASCII, so as many UTF-16 units as bytes): the item
            // replaces it, whatever the client counts as a word (`missing-s` is one id, not two words).
            let typed = text.bytes[lineStart..<cursor].reversed().prefix { Self.isIDByte($0) }.count
            let replaced: Message = ["start": ["line": position.line, "character": position.character - typed] as Message,
                                     "end": ["line": position.line, "character": position.character] as Message]
            let houseRules = (try? configuration(for: Self.path(uri)).get())?.houseRules.map(\.description) ?? []
            let items = PlaybookCompletion.items(text: text.text, line: position.line, column: column,
                                                 isConfiguration: ConfigurationLoader.fileNames.contains(name), houseRules: houseRules)
            let kinds: [PlaybookCompletion.Kind: Int] = [.stage: 20, .team: 18, .field: 5, .rule: 14]
            return [Self.response(id, result: items.map { item -> Message in
                var entry: Message = ["label": item.label, "kind": kinds[item.kind] ?? 1,
                                      "textEdit": ["range": replaced, "newText": item.label] as Message]
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
    mutating func answer(_ method: String, id: Any, params: Message, text: EditorText, uri: String) -> Message {
        if method == "textDocument/codeAction" {
            let context = params["context"] as? Message ?? [:]
            // Only the kinds asked for (`only`): quick fixes, and the fix-all source action.
            let only = context["only"] as? [String]
            func wanted(_ kind: String) -> Bool { only.map { $0.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true }
            return Self.response(id, result: codeActions(text, uri: uri, range: Self.range(params["range"]),
                                                         asked: context["diagnostics"] as? [Message] ?? [],
                                                         fixAll: wanted("source.fixAll.stagelint")).filter { wanted($0["kind"] as? String ?? "") })
        }
        guard let position = Self.position(params["position"]) else { return Self.error(id, code: -32602, "a position is needed") }
        let offset = text.offset(of: position)
        if method == "textDocument/hover", let rule = Self.suppressedRule(in: text, at: offset, configuration: try? configuration(for: Self.path(uri)).get()) {
            return Self.response(id, result: ["contents": hoverContents(rule)] as Message)
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
            return Self.response(id, result: ["contents": hoverContents(markdown),
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

    /// A hover's text as the client shows it: Markdown, or the same without its marks (`**`, backticks)
    /// for a client that asks for plain text.
    func hoverContents(_ markdown: String) -> Message {
        if hoverMarkdown { return ["kind": "markdown", "value": markdown] }
        return ["kind": "plaintext", "value": markdown.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")]
    }

    /// A byte of an id (stage, team, field or rule) or of one being typed: an ASCII letter, digit, `_` or `-`.
    static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
    }

    /// On a rule id in a `# stagelint-disable…` comment: the rule's id and summary.
    static func suppressedRule(in text: EditorText, at offset: Int, configuration: Configuration?) -> String? {
        let line = text.position(of: offset).line
        let start = text.offset(of: EditorText.Position(line: line, character: 0))
        let end = text.offset(of: EditorText.Position(line: line, character: Int.max))
        // The directive as `check` reads it: a `#` inside quotes is text.
        let content = String(decoding: text.bytes[start..<end], as: UTF8.self)
        guard let (_, _, body) = Suppressions.directiveComment(in: content),
              offset >= start + content.utf8.distance(from: content.startIndex, to: body.startIndex) else { return nil }
        var low = min(offset, end)
        var high = low
        while low > start, Self.isIDByte(text.bytes[low - 1]) { low -= 1 }
        while high < end, Self.isIDByte(text.bytes[high]) { high += 1 }
        let word = String(decoding: text.bytes[low..<high], as: UTF8.self)
        let houseRules = configuration?.houseRules.map(\.description) ?? []
        guard let rule = (RuleCatalog.all + houseRules).first(where: { $0.id == word }) else { return nil }
        // The severity the configuration gives it, as its findings show.
        let severity = configuration.map { $0.severity(of: rule)?.rawValue ?? "off" } ?? rule.defaultSeverity.rawValue
        return "**\(rule.id)** (\(severity)): \(rule.summary)"
    }

    /// Quick fixes for the findings in `range` (or among the diagnostics the client names): each
    /// finding's fix (the safe ones preferred), a comment that disables the rule on the finding's line;
    /// and one action that applies every safe fix (`source.fixAll.stagelint`), as `check --fix` does.
    mutating func codeActions(_ text: EditorText, uri: String, range: (start: EditorText.Position, end: EditorText.Position)?,
                              asked: [Message], fixAll: Bool) -> [Message] {
        let path = Self.path(uri)
        guard isPlaybook(text, uri: uri) else { return [] }
        let read = configurationRead(for: path)
        guard case .success(let configuration) = read.result, !configuration.ignores(path) else { return [] }
        let report = self.report(text, uri: uri, configuration: configuration, generation: read.generation)
        let low = range.map { text.offset(of: $0.start) } ?? 0
        let high = range.map { text.offset(of: $0.end) } ?? text.bytes.count
        let askedFor = Set(asked.compactMap { diagnostic -> String? in
            guard let code = diagnostic["code"] as? String, let at = Self.range(diagnostic["range"]) else { return nil }
            return "\(code) \(text.offset(of: at.start))"
        })
        var wanted: [Diagnostic] = []
        for finding in report.diagnostics {
            guard let start = finding.offset, let end = finding.endOffset, end <= text.bytes.count,
                  (start <= high && end >= low) || askedFor.contains("\(finding.rule) \(start)") else { continue }
            wanted.append(finding)
        }
        // Every position the actions need, in one pass over the text.
        let offsets = wanted.flatMap { finding -> [Int] in
            [finding.offset ?? 0, finding.endOffset ?? 0] + (finding.fix?.edits ?? []).flatMap { [$0.offset ?? 0, $0.endOffset ?? 0] }
        }
        let positions = text.positions(of: offsets)
        func span(_ bytes: Range<Int>) -> Message {
            ["start": Self.json(positions[bytes.lowerBound] ?? text.position(of: bytes.lowerBound)),
             "end": Self.json(positions[bytes.upperBound] ?? text.position(of: bytes.upperBound))]
        }
        var actions: [Message] = []
        // Lines inside multi-line values, where a comment line cannot go (read only when there is a finding here).
        let insideValues = wanted.contains { $0.rule != "yaml-syntax" } ? Self.continuationLines(text) : []
        for finding in wanted {
            guard let start = finding.offset, let end = finding.endOffset else { continue }
            let diagnostic: Message = ["range": span(start..<end), "code": finding.rule, "source": "stagelint", "message": finding.message]
            if let fix = finding.fix, fix.isLocated {
                let edits = fix.edits.compactMap { edit -> Message? in
                    guard let from = edit.offset, let to = edit.endOffset, from <= to, to <= text.bytes.count else { return nil }
                    return ["range": span(from..<to), "newText": edit.replacement]
                }
                actions.append(["title": "Fix: \(fix.description)", "kind": "quickfix", "isPreferred": fix.safety == .safe,
                                "diagnostics": [diagnostic], "edit": ["changes": [uri: edits]] as Message])
            }
            // A syntax error is not a finding to silence: the file does not read.
            guard finding.rule != "yaml-syntax" else { continue }
            actions.append(["title": "Disable \(finding.rule) on this line", "kind": "quickfix", "diagnostics": [diagnostic],
                            "edit": ["changes": [uri: Self.suppression(finding.rule, text: text, at: start,
                                                                      insideValues: insideValues)]] as Message])
        }
        // Fixing the whole text checks it again, round after round: only when the action is wanted.
        guard fixAll else { return actions }
        let linter = Linter(configuration: configuration)
        let outcome = Fixer.fix(text.bytes, unsafe: false) { $0 == text.bytes ? report : linter.check(file: path, bytes: $0) }
        if outcome.changed {
            let count = outcome.applied.count
            actions.append(["title": "Fix all certain findings (\(count))", "kind": "source.fixAll.stagelint",
                            "edit": ["changes": [uri: [["range": Self.json(text, bytes: 0..<text.bytes.count),
                                                        "newText": String(decoding: outcome.fixed, as: UTF8.self)] as Message]]] as Message])
        }
        return actions
    }

    /// The lines (0-based) that continue a scalar begun on an earlier line (a quoted or plain value
    /// written over several lines, a block scalar's text): a comment line put before one of them
    /// would land inside the value.
    static func continuationLines(_ text: EditorText) -> Set<Int> {
        guard text.bytes.contains(0x0A) || text.bytes.contains(0x0D) else { return [] }
        var sink = DiagnosticSink(file: "")
        guard let document = Linter().readDocument(text.bytes, into: &sink, streamingStages: false).document else { return [] }
        var lines = Set<Int>()
        for index in 0..<document.nodes.count {
            let node = document.nodes[index]
            guard case .scalar = node.content else { continue }
            // YAML lines count from 1: a scalar from line a to line b is continued on a+1...b, less a
            // block scalar's end at the start of the next line.
            let last = node.span.end.line - (node.span.end.column == 1 ? 1 : 0)
            if node.span.start.line < last { lines.formUnion(node.span.start.line..<last) }
        }
        return lines
    }

    /// The line break a text uses: CR LF when it has one, else LF.
    static func lineBreak(of text: EditorText) -> String {
        text.bytes.indices.dropLast().contains { text.bytes[$0] == 0x0D && text.bytes[$0 + 1] == 0x0A } ? "\r\n" : "\n"
    }

    /// The edits that disable `rule` on the line of `offset`. A line that continues a multi-line value
    /// (`insideValues`) gets a `# stagelint-disable RULE` … `# stagelint-enable RULE` pair around the
    /// value, on lines of their own, rather than a comment inside it.
    static func suppression(_ rule: String, text: EditorText, at offset: Int, insideValues: Set<Int>) -> [Message] {
        let line = text.position(of: offset).line
        guard insideValues.contains(line) else { return [suppression(rule, text: text, at: offset)] }
        var first = line
        while insideValues.contains(first) { first -= 1 }
        var after = line
        while insideValues.contains(after) { after += 1 }  // the first line after the value
        let lineBreak = Self.lineBreak(of: text)
        func indent(_ line: Int) -> String {
            let start = text.offset(of: EditorText.Position(line: line, character: 0))
            return String(decoding: text.bytes[start...].prefix { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
        }
        let top = text.offset(of: EditorText.Position(line: first, character: 0))
        let lineCount = text.position(of: text.bytes.count).line + 1
        let enable: Message
        if after < lineCount, text.offset(of: EditorText.Position(line: after, character: 0)) < text.bytes.count {
            let below = text.offset(of: EditorText.Position(line: after, character: 0))
            enable = ["range": json(text, bytes: below..<below), "newText": "\(indent(first))# stagelint-enable \(rule)\(lineBreak)"]
        } else {  // the value ends the file
            let end = text.bytes.count
            let needsBreak = !(text.bytes.last == 0x0A || text.bytes.last == 0x0D)
            enable = ["range": json(text, bytes: end..<end), "newText": (needsBreak ? lineBreak : "") + "\(indent(first))# stagelint-enable \(rule)\(lineBreak)"]
        }
        return [["range": json(text, bytes: top..<top), "newText": "\(indent(first))# stagelint-disable \(rule)\(lineBreak)"], enable]
    }

    /// The edit that disables `rule` on the line of `offset`: the rule added to a
    /// `# stagelint-disable-line` comment on the line or a `# stagelint-disable-next-line` comment
    /// above it, else a `# stagelint-disable-next-line` comment above the line, indented as it is (a
    /// comment at the line's end could fall inside a multi-line value).
    static func suppression(_ rule: String, text: EditorText, at offset: Int) -> Message {
        let line = text.position(of: offset).line
        func content(_ line: Int) -> (start: Int, text: String) {
            let start = text.offset(of: EditorText.Position(line: line, character: 0))
            let end = text.offset(of: EditorText.Position(line: line, character: Int.max))
            return (start, String(decoding: text.bytes[start..<end], as: UTF8.self))
        }
        /// The edit adding the rule to the directive of `kind` in a line, if it has one: the comment as
        /// `check` reads it (a `#` inside quotes is text), its rule list ending at a ` --` reason or a `#`.
        func joining(_ line: (start: Int, text: String), _ kind: String) -> Message? {
            guard let (_, _, body) = Suppressions.directiveComment(in: line.text), body.hasPrefix(kind),
                  body.dropFirst(kind.count).first.map({ $0 == " " || $0 == "\t" }) ?? true else { return nil }
            let list = body.dropFirst(kind.count)
            var end = list.range(of: " --")?.lowerBound ?? list.endIndex
            if let hash = list[..<end].firstIndex(of: "#") { end = hash }
            let listed = list[..<end]
            let trailing = listed.reversed().prefix { $0 == " " || $0 == "\t" }.count
            let insertAt = line.text.utf8.distance(from: line.text.startIndex, to: end) - trailing
            let separator = listed.trimmingCharacters(in: .whitespaces).isEmpty ? " " : ", "
            return ["range": json(text, bytes: line.start + insertAt..<line.start + insertAt), "newText": separator + rule]
        }
        let current = content(line)
        if let edit = joining(current, "disable-line") { return edit }
        if line > 0, let edit = joining(content(line - 1), "disable-next-line") { return edit }
        let indent = String(current.text.prefix { $0 == " " || $0 == "\t" })
        let lineBreak = Self.lineBreak(of: text)
        return ["range": json(text, bytes: current.start..<current.start), "newText": "\(indent)# stagelint-disable-next-line \(rule)\(lineBreak)"]
    }

    mutating func mark(_ uri: String) {
        if !pending.contains(uri) { pending.append(uri) }
    }

    /// The diagnostics of every document changed since the last flush, each checked once at its latest version.
    public mutating func flush() -> [Message] {
        guard state == .running else { return [] }
        let uris = pending
        pending = []
        var published: [Message] = []
        for uri in uris {
            guard let text = documents[uri] else { continue }
            published.append(Self.notification("textDocument/publishDiagnostics",
                                               ["uri": uri, "version": text.version, "diagnostics": diagnostics(text, uri: uri)] as Message))
        }
        return published
    }

    // MARK: Documents

    /// The file path of a `file:` URI (percent-decoded); other URIs as they are.
    static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        let rest = String(uri.dropFirst(7))
        return rest.removingPercentEncoding ?? rest
    }

    /// A playbook: YAML with a top-level `stages` or `playbook` key, a path the globs match, or a
    /// document that was one earlier while open.
    mutating func isPlaybook(_ text: EditorText, uri: String) -> Bool {
        let path = Self.path(uri)
        if playbookGlobs.contains(where: { Self.glob($0, matches: path) }) { return true }
        let name = (path as NSString).lastPathComponent
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || !name.contains(".") else { return false }
        if ConfigurationLoader.fileNames.contains(name) || name.hasSuffix(".scenarios.yaml") { return false }
        if Self.hasPlaybookKey(text.bytes) { knownPlaybooks.insert(uri) }
        return knownPlaybooks.contains(uri)
    }

    /// Whether a line of the text starts with a `stages` or `playbook` key (plain or quoted), or the text
    /// is one JSON object that names "stages" or "playbook" (JSON is YAML too). Read as bytes: this runs
    /// at every check.
    static func hasPlaybookKey(_ bytes: [UInt8]) -> Bool {
        let keys = ["stages", "playbook"].flatMap { ["\($0):", "\"\($0)\":", "'\($0)':"] }.map { Array($0.utf8) }
        func starts(_ key: [UInt8], at index: Int) -> Bool {
            index + key.count <= bytes.count && bytes[index..<index + key.count].elementsEqual(key)
        }
        let afterBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var first = afterBOM
        while first < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[first]) { first += 1 }
        if first < bytes.count, bytes[first] == UInt8(ascii: "{") {
            let quoted = [Array("\"stages\"".utf8), Array("\"playbook\"".utf8)]
            // As a key: the name, then a colon (`{"args": ["playbook"]}` names it as a value only).
            func isKey(at index: Int) -> Bool {
                guard let name = quoted.first(where: { starts($0, at: index) }) else { return false }
                var after = index + name.count
                while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
                return after < bytes.count && bytes[after] == UInt8(ascii: ":")
            }
            if bytes.indices.contains(where: { bytes[$0] == quoted[0][0] && isKey(at: $0) }) { return true }
        }
        var lineStart = afterBOM
        while lineStart < bytes.count {
            if keys.contains(where: { starts($0, at: lineStart) }) { return true }
            guard let end = bytes[lineStart...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { break }
            lineStart = end + 1
        }
        return false
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
    static func byteRange(_ text: EditorText, _ span: SourceSpan) -> Range<Int> {
        let start = text.offset(of: EditorText.Position(line: span.start.line - 1, character: 0)) + max(span.start.column - 1, 0)
        let end = text.offset(of: EditorText.Position(line: span.end.line - 1, character: 0)) + max(span.end.column - 1, 0)
        return min(start, text.bytes.count)..<min(max(start, end), text.bytes.count)
    }

    /// The findings of `check` on the document, as the protocol's diagnostics.
    mutating func diagnostics(_ text: EditorText, uri: String) -> [Message] {
        let path = Self.path(uri)
        if ConfigurationLoader.fileNames.contains((path as NSString).lastPathComponent) { return configurationDiagnostics(text, path: path) }
        guard isPlaybook(text, uri: uri) else { return [] }
        let configuration: Configuration
        let read = configurationRead(for: path)
        switch read.result {
        case .success(let found): configuration = found
        case .failure(let error):
            // On the first line: the findings wait until the configuration reads, as `check` does.
            let firstLine = text.offset(of: EditorText.Position(line: 0, character: Int.max))
            return [[
                "range": Self.json(text, bytes: 0..<firstLine), "severity": 1, "code": "config", "source": "stagelint",
                "message": "the configuration that applies to this playbook cannot be read, so it is not checked: \(error)",
            ] as Message]
        }
        // A playbook the configuration's `ignore` names is not checked, as `check` skips it.
        guard !configuration.ignores(path) else { return [] }
        let report = self.report(text, uri: uri, configuration: configuration, generation: read.generation)
        let ranges = report.diagnostics.map { finding -> Range<Int> in
            if let start = finding.offset, let end = finding.endOffset, start <= end, end <= text.bytes.count { return start..<end }
            return Self.byteRange(text, finding.span)
        }
        // All positions in one pass over the text (a long line is walked once, not once per finding).
        let positions = text.positions(of: ranges.flatMap { [$0.lowerBound, $0.upperBound] })
        return zip(report.diagnostics, ranges).map { finding, range in
            var diagnostic: Message = [
                "range": ["start": Self.json(positions[range.lowerBound] ?? text.position(of: range.lowerBound)),
                          "end": Self.json(positions[range.upperBound] ?? text.position(of: range.upperBound))] as Message,
                "severity": finding.severity == .error ? 1 : finding.severity == .warning ? 2 : 3,
                "code": finding.rule,
                "source": "stagelint",
                "message": finding.message,
            ]
            if let link = Self.documentation(finding.rule, configuration: configuration) { diagnostic["codeDescription"] = ["href": link] }
            return diagnostic
        }
    }

    /// A configuration file being edited: its own problem, where it is, as `check` would report it (the
    /// text in the editor, not the file on disk; a problem in a file it extends is shown on its first line).
    /// A URL in `extends` is never fetched here, at every keystroke: one not in the cache yet (a playbook
    /// beside the saved file fetches it once) leaves the text unjudged rather than judged without it.
    func configurationDiagnostics(_ text: EditorText, path: String) -> [Message] {
        do {
            _ = try ConfigurationLoader.parse(text.bytes, file: path, fetching: false)
            return []
        } catch where error.unfetched {
            return []
        } catch {
            var range = 0..<text.offset(of: EditorText.Position(line: 0, character: Int.max))
            if ConfigurationLoader.absolute(error.file) == ConfigurationLoader.absolute(path) {
                // From the position libyaml or the reader gives to the end of its word.
                let line = max(error.position.line - 1, 0)
                let lineStart = text.offset(of: EditorText.Position(line: line, character: 0))
                let lineEnd = text.offset(of: EditorText.Position(line: line, character: Int.max))
                let start = min(lineStart + String(decoding: text.bytes[lineStart..<lineEnd], as: UTF8.self).unicodeScalars
                    .prefix(max(error.position.column - 1, 0)).reduce(0) { $0 + String($1).utf8.count }, lineEnd)
                var end = start
                while end < lineEnd, ![0x20, 0x09, 0x2C, 0x3A, 0x7D, 0x5D].contains(text.bytes[end]) { end += 1 }
                range = start..<end
            }
            return [["range": Self.json(text, bytes: range), "severity": 1, "code": "config", "source": "stagelint",
                     "message": error.message + (error.chain.isEmpty && ConfigurationLoader.absolute(error.file) == ConfigurationLoader.absolute(path)
                        ? "" : " (in \(error.file))")] as Message]
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
            let start = document.byteRange(of: stage.id.span) ?? Self.byteRange(text, stage.id.span)
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
