import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// Stages are decoded while the file is read (their YAML nodes freed at once); that must give
/// exactly what decoding the whole tree gives: the same model and the same findings.
@Suite("Stages decoded while reading")
struct StreamedDecodingTests {
    /// Findings and the model's JSON, decoding stage by stage while reading (as `check` does), or
    /// from the whole tree.
    static func read(_ bytes: [UInt8], streaming: Bool) -> (diagnostics: [Diagnostic], model: String?) {
        var sink = DiagnosticSink(file: "t.yaml")
        let playbook = Linter().read(bytes, into: &sink, streamingStages: streaming)
        return (sink.sorted(), playbook.map { PlaybookJSON.render($0, source: "t.yaml") })
    }

    static func streamed(_ bytes: [UInt8]) -> (diagnostics: [Diagnostic], model: String?) { read(bytes, streaming: true) }
    static func wholeTree(_ bytes: [UInt8]) -> (diagnostics: [Diagnostic], model: String?) { read(bytes, streaming: false) }

    @Test func wholeTreeReadingReallyKeepsTheStages() throws {
        // The two ways must differ in how they read, or comparing them proves nothing.
        let text = Array("playbook: P\nstages:\n  a: { name: A }\n  b: { name: B }\n".utf8)
        var streamed = StreamedStages(file: "t.yaml")
        let streamedDocument = try #require(YAMLParser.parse(text, handingOver: &streamed).document)
        #expect(streamed.taken.count == 2 && streamedDocument.detached.count == 2)
        // What `Linter.read(streamingStages:)` does with each setting.
        var sink = DiagnosticSink(file: "t.yaml")
        #expect(Linter().readDocument(text, into: &sink, streamingStages: true).document?.detached.count == 2)
        let wholeDocument = try #require(Linter().readDocument(text, into: &sink, streamingStages: false).document)
        #expect(wholeDocument.detached.isEmpty && wholeDocument.nodes.count > streamedDocument.nodes.count)
    }

    @Test func onlyStagesTheMappingKeepsAreDecoded() throws {
        // A repeated id, and every stage of a second `stages`, stay in the tree: YAML keeps the first
        // of duplicate keys, so decoding them early would be work for nothing.
        let text = Array("stages:\n  a: { name: A }\n  a: { name: Again }\n  b: { name: B }\nstages: { c: { name: C } }\n".utf8)
        var stages = StreamedStages(file: "t.yaml")
        let document = try #require(YAMLParser.parse(text, handingOver: &stages).document)
        #expect(stages.taken.map(\.stage.id.value) == ["a", "b"])
        #expect(document.detached.count == 2)
    }

    static let tricky: [String] = [
        // An anchored stage reused by an alias, and a merge of shared keys into stages.
        """
        playbook: P
        x-defaults: &defaults { owner: sdr, sla: { within: 1d, action: Call } }
        teams: { sdr: { name: SDR, role: sales-development } }
        stages:
          a: &a { name: A, kind: entry, exits: [{ to: b, when: Demo form submitted }] }
          b: { <<: *defaults, name: B, exits: [{ to: c, when: seems interested }] }
          c: *a
          d: { <<: [*defaults, { kind: closed }], name: D, colour: red }
        """,
        // A duplicate stage id whose body has errors of its own (not reported: YAML keeps one).
        "playbook: P\nstages:\n  a: { name: A, kind: entry, exits: [{ to: a2, when: x }] }\n  a: { name: 7, bogus: 1, exits: 3 }\n",
        // Invalid ids, non-scalar keys, a stage that is a list, a null stage, an inline merge into stages.
        "playbook: P\nstages:\n  Bad Id: { name: X }\n  [k]: { name: Y }\n  l: [1, 2]\n  n: ~\n  <<: { m: { name: M } }\n",
        // `stages` twice, quoted, and stages that are a list.
        "playbook: P\n\"stages\": { a: { name: A } }\nstages: { b: { name: B } }\n",
        "playbook: P\nstages:\n  - a: { name: A }\n",
        // An anchor defined in one stage and used in a later one; an alias to an undefined anchor.
        "playbook: P\nstages:\n  a: { name: A, entry: &rule Demo form submitted }\n  b: { name: B, entry: *rule, owner: *nope }\n",
        // Undefined aliases (and merges of them) in, between and after stages that are handed over.
        "playbook: P\nx-a: *none\nstages:\n  a: { name: A, owner: *nope }\n  b: { <<: *missing, name: B }\n  c: { name: C }\n"
            + "x-after: { <<: *gone, k: *none }\n",
        // Suppression comments and multi-line texts inside stages.
        "playbook: P\nstages:\n  a: # stagelint-disable-line vague-stage-name\n    name: Working\n    description: |\n      # not a comment\n      text\n",
    ]

    @Test("tricky texts", arguments: tricky)
    func trickyTextsDecodeAlike(text: String) {
        let bytes = Array(text.utf8)
        let (streamed, whole) = (Self.streamed(bytes), Self.wholeTree(bytes))
        #expect(streamed.diagnostics == whole.diagnostics)
        #expect(streamed.model == whole.model)
        #expect(streamed.model != nil || !streamed.diagnostics.isEmpty)
    }

    /// Every playbook, fixture and fuzz regression of the repository.
    static var files: [URL] {
        let folders = ["playbooks", "Tests/PlaybookKitTests/Fixtures", "Tests/PlaybookKitTests/FuzzRegressions"]
        return folders.flatMap { folder -> [URL] in
            let url = packageRoot.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            // Files only (the scenario fixtures have their own folder).
            return names.sorted().map { url.appendingPathComponent($0) }.filter { !$0.hasDirectoryPath && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true }
        }
    }

    /// Decodes each file both ways; returns how many gave a model.
    static func expectDecodeAlike(_ files: [URL]) -> Int {
        var decoded = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                Issue.record("cannot read \(file.path)")
                continue
            }
            let bytes = [UInt8](data)
            let (streamed, whole) = (Self.streamed(bytes), Self.wholeTree(bytes))
            #expect(streamed.diagnostics == whole.diagnostics, "\(file.path)")
            #expect(streamed.model == whole.model, "\(file.path)")
            if streamed.model != nil { decoded += 1 }
        }
        return decoded
    }

    @Test func filesDecodeAlike() {
        #expect(Self.files.count >= 16)
        #expect(Self.expectDecodeAlike(Self.files) >= 15)
    }

    @Test(.enabled(if: OutsideCorpus.yamlTestSuite.isAvailable, OutsideCorpus.yamlTestSuite.skipReason))
    func yamlTestSuiteDecodesAlike() {
        let files = YAMLTestSuiteTests.files
        #expect(files.count > 300, "the YAML test suite was not found at \(OutsideCorpus.yamlTestSuite.folder.path)")
        #expect(Self.expectDecodeAlike(files) > 10)
    }

    @Test func ruleExamplesDecodeAlike() {
        let examples = RuleCatalog.all.flatMap { $0.triggeringExamples + $0.passingExamples }
        #expect(examples.count > 50)
        for example in examples {
            let bytes = Array(example.utf8)
            let (streamed, whole) = (Self.streamed(bytes), Self.wholeTree(bytes))
            #expect(streamed.diagnostics == whole.diagnostics, "\(example)")
            #expect(streamed.model == whole.model, "\(example)")
        }
    }
}
