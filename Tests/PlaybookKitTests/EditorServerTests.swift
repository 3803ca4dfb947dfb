import Foundation
import Testing
@testable import PlaybookKit

/// The language server's pieces: framing, positions in UTF-16 over UTF-8 text, incremental edits,
/// globs, and the server's answers (scripts/check-lsp.py drives the binary as an editor does).
@Suite("Editor server")
struct EditorServerTests {
    /// A scratch project folder (a Git repository, where the search for `.stagelint.yml` stops).
    static func project(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        return folder
    }

    /// A server past `initialize`, for a client with these capabilities.
    static func initializedServer(capabilities: [String: Any] = [:]) -> PlaybookLanguageServer {
        var server = PlaybookLanguageServer(version: "test")
        _ = server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": capabilities]])
        return server
    }

    @Test("framing: messages split anywhere come out whole; a header without Content-Length fails")
    func framing() throws {
        let bodies = ["{\"a\":1}", "{\"b\":\"é\"}"].map { Array($0.utf8) }
        let stream = bodies.flatMap(LSPFrameReader.frame)
        for piece in [1, 3, 7, stream.count] {
            var reader = LSPFrameReader()
            var out: [[UInt8]] = []
            var index = 0
            while index < stream.count {
                reader.append(Array(stream[index..<min(index + piece, stream.count)]))
                index += piece
                while let body = try reader.next() { out.append(body) }
            }
            #expect(out == bodies, "pieces of \(piece)")
        }
        var bad = LSPFrameReader()
        bad.append(Array("Content-Type: x\r\n\r\n{}".utf8))
        #expect(throws: LSPFrameReader.Failure.self) { try bad.next() }
    }

    @Test("a lone surrogate escape reads as U+FFFD (one UTF-16 unit, as it was); pairs and escaped backslashes stay")
    func loneSurrogates() throws {
        func text(_ json: String) -> [UInt16]? {
            (LSPMessageCoding.message(Array(json.utf8))?["t"] as? String).map { Array($0.utf16) }
        }
        #expect(text(#"{"t":"a\ud800b"}"#) == [0x61, 0xFFFD, 0x62])
        #expect(text(#"{"t":"\udc00\ud800"}"#) == [0xFFFD, 0xFFFD])
        #expect(text(#"{"t":"\ud83d\ude00"}"#) == [0xD83D, 0xDE00])
        #expect(text(#"{"t":"\\ud800"}"#) == Array(#"\ud800"#.utf16))
        #expect(text(#"{"t":"\\\ud800"}"#) == Array(#"\"#.utf16) + [0xFFFD])
        #expect(LSPMessageCoding.message(Array(#"{"t":"x"#.utf8)) == nil)
        // An edit after the mended character lands where the editor means (UTF-16 column 2).
        let body = LSPMessageCoding.message(Array(#"{"t":"a\udc00bc"}"#.utf8))?["t"] as? String
        var edited = EditorText(try #require(body), version: 1)
        edited.apply((EditorText.Position(line: 0, character: 2), EditorText.Position(line: 0, character: 3)), "X")
        #expect(edited.text == "a\u{FFFD}Xc")
    }

    @Test("positions count UTF-16 units; edits apply at them; CR LF and CR end lines")
    func positions() {
        var text = EditorText("a: é😀x\r\nb: 2\rc: 3\n", version: 1)
        #expect(text.position(of: 5) == .init(line: 0, character: 4))   // the emoji starts after "a: é" (5 bytes, 4 units)
        #expect(text.position(of: 9) == .init(line: 0, character: 6))   // and takes four bytes, two units
        #expect(text.offset(of: .init(line: 0, character: 6)) == 9)
        #expect(text.offset(of: .init(line: 1, character: 3)) == 15)
        #expect(text.offset(of: .init(line: 2, character: 99)) == 21)   // past the end of the line: its end
        #expect(text.offset(of: .init(line: 9, character: 0)) == text.bytes.count)
        text.apply((.init(line: 0, character: 4), .init(line: 0, character: 6)), "!")
        #expect(text.text == "a: é!x\r\nb: 2\rc: 3\n")
        text.apply((.init(line: 2, character: 3), .init(line: 2, character: 4)), "4\nd: 5")
        #expect(text.text == "a: é!x\r\nb: 2\rc: 4\nd: 5\n")
        #expect(text.position(of: text.bytes.count) == .init(line: 4, character: 0))
    }

    @Test("globs: * in a segment, ** across segments, a glob without / matches the file name")
    func globs() {
        #expect(PlaybookLanguageServer.glob("**/funnels/*.yml", matches: "/w/x/funnels/b2b.yml"))
        #expect(!PlaybookLanguageServer.glob("**/funnels/*.yml", matches: "/w/x/funnels/sub/b2b.yml"))
        #expect(PlaybookLanguageServer.glob("*.playbook.yaml", matches: "/w/a.playbook.yaml"))
        #expect(!PlaybookLanguageServer.glob("*.playbook.yaml", matches: "/w/a.yaml"))
        #expect(PlaybookLanguageServer.glob("funnels/**", matches: "/w/funnels/a/b.yml"))
    }

    @Test("the server: initialize first; changes checked once at flush, at the latest version")
    func server() throws {
        var server = PlaybookLanguageServer(version: "test")
        #expect((server.handle(["jsonrpc": "2.0", "id": 1, "method": "textDocument/documentSymbol", "params": [:]]).first?["error"] as? [String: Any])?["code"] as? Int == -32002)
        _ = server.handle(["jsonrpc": "2.0", "id": 2, "method": "initialize", "params": [:]])
        let uri = "file:///tmp/stagelint-editor-test/p.yaml"
        _ = server.handle(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "version": 1, "text": "stages: {}\n"]]])
        for version in 2...5 {
            _ = server.handle(["method": "textDocument/didChange", "params": [
                "textDocument": ["uri": uri, "version": version], "contentChanges": [["text": "playbook: T\nstages:\n  a: { name: A, kind: entry }\n"]]]])
        }
        let published = server.flush()
        #expect(published.count == 1)
        let params = try #require(published.first?["params"] as? [String: Any])
        #expect(params["version"] as? Int == 5)
        #expect(server.flush().isEmpty)
        _ = server.handle(["jsonrpc": "2.0", "id": 3, "method": "shutdown"])
        _ = server.handle(["method": "exit"])
        #expect(server.state == .exited(0))
    }

    @Test("a playbook is a text with a top-level stages or playbook key (any line ending, a BOM, quoted, or one JSON object)")
    func playbookTexts() {
        let playbooks = ["stages:\n", "playbook: x\nstages:\n", "x: 1\r\nstages: {}", "x: 1\rstages: {}", "\u{FEFF}stages:\n",
                         "\"stages\": {}\n", "'stages': {}\n", " {\"playbook\": \"x\", \"stages\": {}}", "playbook: x\nstage:\n",
                         "{\"playbook\": \"x\"}"]
        let others = ["", "services:\n  stages: 1\n", "# stages:\n", "stages_x: 1\n", "{\"services\": {}}", "x: \"stages\"\n",
                      "- hosts: all\n  playbook: 1\n", "{\"args\": [\"playbook\"]}"]
        for text in playbooks { #expect(PlaybookLanguageServer.hasPlaybookKey(Array(text.utf8)), "\(text.debugDescription)") }
        for text in others { #expect(!PlaybookLanguageServer.hasPlaybookKey(Array(text.utf8)), "\(text.debugDescription)") }
    }

    @Test("a playbook stays one while open when an edit misspells its keys; ignored playbooks get no findings")
    func playbookWhileOpen() throws {
        let folder = try Self.project("open")
        defer { try? FileManager.default.removeItem(at: folder) }
        let uri = folder.appendingPathComponent("p.yaml").absoluteString
        var server = Self.initializedServer()
        func codes(_ text: String, version: Int) -> [String] {
            _ = server.handle(["method": version == 1 ? "textDocument/didOpen" : "textDocument/didChange", "params": [
                "textDocument": ["uri": uri, "version": version, "text": text], "contentChanges": [["text": text]]]])
            let params = server.flush().first?["params"] as? [String: Any]
            return (params?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        }
        let text = "stages:\n  a: { name: A, kind: entry }\n"
        #expect(codes(text, version: 1).contains("dead-end-stage"))
        // `stages` misspelt, no `playbook` key: still checked, and the misspelling is the finding.
        #expect(codes("stage:\n  a: { name: A, kind: entry }\n", version: 2).contains("unknown-key"))
        try "ignore: [p.yaml]\n".write(to: folder.appendingPathComponent(".stagelint.yml"), atomically: true, encoding: .utf8)
        #expect(codes(text, version: 3).isEmpty, "`ignore` names it: as check, no findings")
    }

    @Test("code actions reuse the last report; a changed text or configuration file is checked again")
    func reportsAreReused() throws {
        let folder = try Self.project("reports")
        defer { try? FileManager.default.removeItem(at: folder) }
        let uri = folder.appendingPathComponent("p.yaml").absoluteString
        var server = Self.initializedServer()
        let text = "playbook: T\nstages:\n  a: { name: A, kind: entry, owner: nobody }\n"
        _ = server.handle(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "version": 1, "text": text]]])
        _ = server.flush()
        let first = try #require(server.reports[uri])
        func actions() -> [String] {
            let answer = server.handle(["jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": [
                "textDocument": ["uri": uri], "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 40]],
                "context": ["diagnostics": [Any](), "only": ["quickfix"]]]])
            return (answer.first?["result"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        }
        #expect(actions().contains("Disable dead-end-stage on this line"))
        #expect(server.reports[uri]?.generation == first.generation, "same text, same configuration: the report is reused")
        // A configuration written on disk: read again, and its rules apply to the actions.
        try "rules:\n  dead-end-stage: off\n".write(to: folder.appendingPathComponent(".stagelint.yml"), atomically: true, encoding: .utf8)
        #expect(!actions().contains("Disable dead-end-stage on this line"))
        #expect((server.reports[uri]?.generation ?? 0) > first.generation)
        // An edit: the report follows the new text.
        _ = server.handle(["method": "textDocument/didChange", "params": [
            "textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": text + "# edited\n"]]]])
        _ = server.flush()
        #expect(server.reports[uri]?.bytes == Array((text + "# edited\n").utf8))
        _ = server.handle(["method": "textDocument/didClose", "params": ["textDocument": ["uri": uri]]])
        #expect(server.reports[uri] == nil)
    }

    @Test("completion: stage ids after to:, team ids after owner:, field ids in required_fields, rule ids in comments and configs")
    func completion() {
        let text = """
            playbook: T
            teams:
              sdr: { name: Sales Development, role: sales-development }
            fields:
              budget: { type: number }
              timeline:
                type: text
            stages:
              new:
                name: New Lead
                kind: entry
                owner:\u{20}
                required_fields: [budget,\u{20}
                required_fields:
                  -\u{20}
                exits:
                  - to:\u{20}
              mql: { name: MQL }
            """
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func labels(_ line: Int, config: Bool = false, in source: String = text) -> [String] {
            let all = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return PlaybookCompletion.items(text: source, line: line, column: all[line].count, isConfiguration: config).map(\.label)
        }
        #expect(labels(16) == ["new", "mql"])
        #expect(PlaybookCompletion.items(text: text, line: 16, column: lines[16].count, isConfiguration: false).map(\.detail) == ["New Lead", "MQL"])
        #expect(labels(11) == ["sdr"])
        #expect(labels(12) == ["timeline"], "a field already listed is not offered again")
        #expect(labels(14) == ["budget", "timeline"])
        #expect(labels(9).isEmpty)
        let comment = "stages:\n  a: { name: A }  # stagelint-disable-line miss"
        #expect(labels(1, in: comment).contains("missing-sla"))
        #expect(labels(1, config: true, in: "rules:\n  miss").contains("missing-owner"))
        // Flow mappings in a configuration, as docs/configuration.md writes overrides.
        #expect(labels(0, config: true, in: "rules: { missing-s").contains("missing-sla"))
        #expect(labels(2, config: true, in: "overrides:\n  - files: [\"drafts/**\"]\n    rules: { missing-sla: off, vague-r").contains("vague-rule"))
        #expect(labels(0, config: true, in: "rules: { missing-sla: off").isEmpty, "a severity is not a rule id")
        for other in ["ignore: [missing-s", "vocabulary: { vague: [missing-s", "overrides:\n  - files: [missing-s"] {
            let last = other.split(separator: "\n").count - 1
            #expect(labels(last, config: true, in: other).isEmpty, "\(other): not a list of rule ids")
        }
        // Not in a directive's reason.
        #expect(labels(1, in: "stages:\n  a: {}  # stagelint-disable-line vague-rule -- reason vag").isEmpty)
        // CR line ends; a house rule of the configuration among the rule ids.
        let crOnly = "stages:\r  a: { name: A }\r  b:\r    exits:\r      - to: "
        #expect(PlaybookCompletion.items(text: crOnly, line: 4, column: 12, isConfiguration: false).map(\.label) == ["a", "b"])
        let house = RuleDescription(id: "sales-stages-require-budget", defaultSeverity: .warning, category: .house, summary: "Sales stages require budget.",
                                    rationale: "", triggeringExamples: [], passingExamples: [])
        #expect(PlaybookCompletion.items(text: comment, line: 1, column: 60, isConfiguration: false, houseRules: [house]).map(\.label)
                .contains("sales-stages-require-budget"))
    }

    @Test("disable on a line: joins a comment on the line or above it, else a comment above (never inside a value)")
    func suppressionEdits() throws {
        func applied(_ source: String, line: Int, rule: String) throws -> String {
            var text = EditorText(source, version: 1)
            let edits = PlaybookLanguageServer.suppression(rule, text: text, at: text.offset(of: .init(line: line, character: 4)),
                                                           insideValues: PlaybookLanguageServer.continuationLines(text))
            // Last first, as an editor applies a workspace edit's changes.
            for edit in edits.reversed() {
                let range = try #require(PlaybookLanguageServer.range(edit["range"]))
                text.apply(range, try #require(edit["newText"] as? String))
            }
            return text.text
        }
        #expect(try applied("a:\n  # stagelint-disable-next-line vague-stage-name -- agreed\n  name: Working  # note\n", line: 2, rule: "duplicate-stage")
                == "a:\n  # stagelint-disable-next-line vague-stage-name, duplicate-stage -- agreed\n  name: Working  # note\n")
        #expect(try applied("a:\n  name: X  # stagelint-disable-line missing-sla\n", line: 1, rule: "vague-rule")
                == "a:\n  name: X  # stagelint-disable-line missing-sla, vague-rule\n")
        #expect(try applied("x:\n  when: The prospect\n    seems interested\n", line: 1, rule: "vague-rule")
                == "x:\n  # stagelint-disable-next-line vague-rule\n  when: The prospect\n    seems interested\n")
        #expect(try applied("x:\r\n\twhen: Seems\t# note\r\n", line: 1, rule: "vague-rule")
                == "x:\r\n\t# stagelint-disable-next-line vague-rule\r\n\twhen: Seems\t# note\r\n")
        // A directive's text inside quotes is part of the value: a comment goes above, the value stays whole.
        #expect(try applied("x:\n  when: \"Seems good # stagelint-disable-line missing-sla\"\n", line: 1, rule: "vague-rule")
                == "x:\n  # stagelint-disable-next-line vague-rule\n  when: \"Seems good # stagelint-disable-line missing-sla\"\n")
        // A finding on a line that continues a quoted value: a disable/enable pair around the value.
        let quoted = "playbook: P\nstages:\n  a:\n    name: A\n    kind: entry\n    exits:\n      - { when: \"Lead asked for a demo on\n          the pricing page\", to: nurtur }\n  b: { name: B, kind: terminal }\n"
        let disabled = try applied(quoted, line: 7, rule: "undefined-stage")
        #expect(disabled == quoted.replacingOccurrences(of: "      - { when:", with: "      # stagelint-disable undefined-stage\n      - { when:")
            .replacingOccurrences(of: "  b: { name: B", with: "      # stagelint-enable undefined-stage\n  b: { name: B"))
        let rules = Linter().check(file: "p.yaml", bytes: Array(disabled.utf8)).diagnostics.map(\.rule)
        #expect(!rules.contains("undefined-stage") && !rules.contains("yaml-syntax") && !rules.contains("unused-suppression"), "\(rules)")
        // The value ends the file: the enable comment ends it.
        let last = "stages:\n  a: { name: A, kind: entry, exits: [{ to: nurtur, when: \"x\n    y\" }] }"
        #expect(try applied(last, line: 2, rule: "undefined-stage")
                == "stages:\n  # stagelint-disable undefined-stage\n  a: { name: A, kind: entry, exits: [{ to: nurtur, when: \"x\n    y\" }] }\n  # stagelint-enable undefined-stage\n")
        // The rule list ends at another `#`.
        #expect(try applied("a:\n  name: X  # stagelint-disable-line missing-sla # note\n", line: 1, rule: "vague-rule")
                == "a:\n  name: X  # stagelint-disable-line missing-sla, vague-rule # note\n")
    }

    @Test("hovers: plain text for a client that asks for it; a rule's severity as the configuration sets it")
    func hovers() throws {
        let folder = try Self.project("hover")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "rules:\n  vague-rule: error\n".write(to: folder.appendingPathComponent(".stagelint.yml"), atomically: true, encoding: .utf8)
        let uri = folder.appendingPathComponent("p.yaml").absoluteString
        let text = "stages:\n  a: { name: A, kind: entry }  # stagelint-disable-line vague-rule\n"
        func hover(_ contentFormat: [String]?, line: Int, character: Int) -> [String: Any]? {
            var server = Self.initializedServer(capabilities: contentFormat.map { ["textDocument": ["hover": ["contentFormat": $0]]] } ?? [:])
            _ = server.handle(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "version": 1, "text": text]]])
            let answer = server.handle(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": [
                "textDocument": ["uri": uri], "position": ["line": line, "character": character]]])
            return (answer.first?["result"] as? [String: Any])?["contents"] as? [String: Any]
        }
        let rule = hover(nil, line: 1, character: 60)
        #expect(rule?["kind"] as? String == "markdown")
        #expect((rule?["value"] as? String)?.hasPrefix("**vague-rule** (error):") == true, "the configured severity, not the default")
        let plain = hover(["plaintext"], line: 1, character: 60)
        #expect(plain?["kind"] as? String == "plaintext")
        #expect((plain?["value"] as? String)?.hasPrefix("vague-rule (error):") == true)
        #expect(PlaybookLanguageServer.suppressedRule(in: EditorText("a:\n  when: \"x # stagelint-disable-line vague-rule\"\n", version: 1),
                                                      at: 42, configuration: nil) == nil, "inside quotes: text, not a directive")
        let stage = hover(["plaintext"], line: 1, character: 3)
        #expect((stage?["value"] as? String)?.hasPrefix("A (a, entry)") == true, "\(stage ?? [:])")
    }

    @Test("a configuration file being edited: its problem at its line, from the editor's text")
    func configurationBuffer() throws {
        let folder = try Self.project("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let uri = folder.appendingPathComponent(".stagelint.yml").absoluteString
        var server = Self.initializedServer()
        _ = server.handle(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "version": 1,
                                                                                          "text": "fail-on: warning\nrules:\n  missing-slaa: error\n"]]])
        let diagnostics = (server.flush().first?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count == 1)
        let range = diagnostics.first?["range"] as? [String: [String: Int]]
        #expect(range?["start"] == ["line": 2, "character": 2] && range?["end"] == ["line": 2, "character": 14], "\(diagnostics)")
        #expect((diagnostics.first?["message"] as? String)?.contains("missing-sla") == true)
        _ = server.handle(["method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 2],
                                                                            "contentChanges": [["text": "rules:\n  missing-sla: error\n"]]]])
        #expect(((server.flush().first?["params"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == true)
        // A URL in `extends` that is not in the cache is not fetched at every keystroke (a fetch of this
        // closed port would fail and show): the text is left unjudged.
        let pin = String(repeating: "0", count: 64)
        _ = server.handle(["method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 3], "contentChanges": [
            ["text": "extends:\n  - url: http://127.0.0.1:9/shared.yml\n    sha256: \(pin)\nrules:\n  missing-sla: error\n"]]]])
        #expect(((server.flush().first?["params"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == true)
    }
}
