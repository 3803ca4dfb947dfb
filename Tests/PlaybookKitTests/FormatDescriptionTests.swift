import Foundation
import Testing
@testable import PlaybookKit
import YAMLReader

/// The format's description drives the decoder, the JSON Schema, the JSON export, the docs' tables and
/// the differ: these tests hold those uses to it.
@Suite("The format's description")
struct FormatDescriptionTests {
    /// docs/playbook-format.md and docs/changelog.md hold the tables made from the description; after a
    /// change to it, `STAGELINT_UPDATE_GOLDEN=1 swift test --filter Golden` (or this suite) rewrites them.
    @Test func theDocsTablesAreMadeFromTheDescription() throws {
        var marked = Set<String>()
        for name in ["docs/playbook-format.md", "docs/changelog.md", "docs/house-rules.md"] {
            let url = packageRoot.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            for table in FormatReference.tables() where text.contains("<!-- generated: \(table.name) -->\n") { marked.insert(table.name) }
            let fresh = FormatReference.updated(text)
            if Golden.isUpdating || ProcessInfo.processInfo.environment["STAGELINT_UPDATE_DOCS"] == "1" {
                try Data(fresh.utf8).write(to: url, options: .atomic)
                continue
            }
            let difference = Golden.firstDifference(expected: text, actual: fresh)
            #expect(difference == nil, "\(name) is stale at line \(difference?.line ?? 0): run `\(Golden.command)`")
        }
        #expect(marked == Set(FormatReference.tables().map(\.name)), "a table of the description is in no doc")
    }

    @Test func everyKeyIsDocumentedAndTheDecoderKnowsItsPlace() {
        for place in PlaybookFormat.places {
            #expect(Set(place.keyNames).count == place.keyNames.count, "\(place.id) lists a key twice")
            for key in place.keys {
                #expect(!key.documentation.isEmpty && key.documentation.hasSuffix("."), "\(place.id).\(key.name) needs documentation")
                #expect(!key.summary.isEmpty)
            }
        }
        // Every key of a stage is kept in the bit set of written keys, and no other.
        let written = StageKeys(PlaybookFormat.stage.keyNames)
        #expect(PlaybookFormat.stage.keyNames.allSatisfy(written.contains))
        #expect(!written.contains("exit"))
        #expect(Stage.place.keyNames.count <= 64, "StageKeys keeps a stage's written keys in 64 bits")
    }

    /// Every value of a decoded playbook, through the node view: by dotted path, with its position.
    @Test func everyValueHasAPathAndAPosition() throws {
        let playbook = try #require(check(cleanPlaybook).playbook)
        let root = playbook.root
        let within = try #require(root.node(at: "stages.mql.sla.within"))
        #expect(within.string == "1d")
        #expect(within.span.start.line == lineNumber(of: "within: 1d", in: cleanPlaybook))
        #expect(root.node(at: "stages.mql.exits.0.to")?.string == playbook.stage("mql")?.exits?.first?.to?.value)
        #expect(root.node(at: "stages.nurture.nurture.follow_up") != nil)
        #expect(root.node(at: "stages.mql.nope") == nil)
        #expect(root.node(at: "stages.mql.exits.99") == nil)
        var paths: [String] = []
        root.walk { path, _ in paths.append(path) }
        #expect(paths.first == "")
        #expect(paths.contains("stages.mql.exits.0.when"))
        #expect(paths.contains("teams.sdr.role"))
        // Parents come before their children, in file order.
        let mql = try #require(paths.firstIndex(of: "stages.mql"))
        let mqlName = try #require(paths.firstIndex(of: "stages.mql.name"))
        #expect(mql < mqlName)
    }

    func lineNumber(of text: String, in yaml: String) -> Int {
        (yaml.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }
}

extension FormatDescriptionTests {
    /// Every key is compared once: the change order holds each key exactly once.
    @Test func theChangeOrderHoldsEveryKeyOnce() {
        for place in PlaybookFormat.places {
            #expect(place.changeOrder.sorted() == place.keyNames.sorted(), "\(place.id): \(place.changeOrder)")
        }
    }
}

/// The one way in: a document with its source, model and findings, and every value with its byte range.
@Suite("Playbook documents")
struct PlaybookDocumentTests {
    /// Every written string value's byte range holds exactly its text (quotes aside), with a BOM,
    /// CR LF line ends and characters of several bytes before it.
    @Test(arguments: [false, true])
    func everyValueKnowsItsBytes(crlf: Bool) throws {
        var text = "\u{FEFF}" + cleanPlaybook.replacingFirst("playbook: Demo-led SaaS inbound", with: "playbook: \"Démo-led — inbound\"")
            .replacingFirst("name: Nurture", with: "name: 'Nurture ✉︎'") + "\n"
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let document = PlaybookDocument(file: "p.yaml", bytes: Array(text.utf8))
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics.map(\.message))")
        let references = document.references()
        var strings = 0
        for reference in references {
            guard case .string(let value) = reference.node.value else { continue }
            let range = try #require(reference.byteRange, "\(reference.path)")
            var written = String(decoding: document.source[range], as: UTF8.self)
            if let first = written.first, first == "\"" || first == "'", written.count > 1, written.last == first {
                written = String(written.dropFirst().dropLast())
            }
            #expect(written == value, "\(reference.path)")
            strings += 1
        }
        #expect(strings > 40)
        let within = try #require(document.reference(at: "stages.mql.sla.within"))
        #expect(within.byteRange.map { String(decoding: document.source[$0], as: UTF8.self) } == "1d")
        #expect(document.reference(at: "stages.nope") == nil)
    }

    @Test func aFileIsLoadedByItsPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("document-\(UUID().uuidString).yaml")
        try Data(cleanPlaybook.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try PlaybookDocument.load(path: url.path, name: "p.yaml")
        #expect(document.file == "p.yaml" && document.playbook?.stages.count == 5 && document.source == Array(cleanPlaybook.utf8))
        #expect(throws: InputError.self) { try PlaybookDocument.load(path: url.path + ".missing") }
    }
}

@Suite("Editing the model")
struct ModelEditingTests {
    @Test func modifyStageKeepsTheIndexRight() throws {
        var playbook = try #require(check(cleanPlaybook).playbook)
        let index = try #require(playbook.stageIndex["mql"])
        playbook.modifyStage(at: index) { $0.probability = Located(20, at: .fileStart) }
        #expect(playbook.stage("mql")?.probability?.value == 20)
        playbook.modifyStage(at: index) { $0.id = Located("marketing_qualified", at: $0.id.span) }
        #expect(playbook.stage("mql") == nil)
        #expect(playbook.stage("marketing_qualified")?.probability?.value == 20)
        playbook.stages[0].id = Located("first", at: .fileStart)
        #expect(playbook.stage("first")?.kind == .entry && playbook.stage("new_lead") == nil)
    }
}
