import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// Big files are parsed as they are read, piece by piece, and never held whole (`Linter.check(path:)`):
/// that must give exactly what checking the file's bytes in memory gives, frames and suppressions included.
@Suite("Big files read piece by piece")
struct PiecewiseReadingTests {
    /// Everything a report shows: findings, code frames, SARIF fingerprints, the model.
    static func shown(_ report: FileReport) -> [String] {
        [TextReporter(color: false).render([report]), SARIFReporter(toolVersion: "t").render([report]),
         report.playbook.map { PlaybookJSON.render($0, source: "t") } ?? "no model"]
    }

    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-piecewise-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Checks `bytes` from a file read piece by piece and from memory; both reports name the file `t.yaml`.
    /// (Tests run at the same time: each call writes a file of its own.)
    static func bothWays(_ bytes: [UInt8], limits: YAMLLimits = .default) throws -> (piecewise: FileReport, inMemory: FileReport) {
        let file = folder.appendingPathComponent(UUID().uuidString + ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        var configuration = Configuration.default
        configuration.limits = limits
        var piecewise = Linter(configuration: configuration)
        piecewise.readsPiecewiseFrom = 0
        var whole = Linter(configuration: configuration)
        whole.readsPiecewiseFrom = Int.max
        return (try piecewise.check(path: file.path, name: "t.yaml"), try whole.check(path: file.path, name: "t.yaml"))
    }

    static func expectAlike(_ bytes: [UInt8], _ label: String, limits: YAMLLimits = .default) throws {
        let (piecewise, inMemory) = try bothWays(bytes, limits: limits)
        #expect(piecewise.diagnostics == inMemory.diagnostics, "\(label)")
        #expect(shown(piecewise) == shown(inMemory), "\(label)")
    }

    /// Checks each file both ways; returns how many had findings.
    static func expectCheckAlike(_ files: [URL]) throws -> Int {
        var withFindings = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                Issue.record("cannot read \(file.path)")
                continue
            }
            let (piecewise, inMemory) = try Self.bothWays([UInt8](data))
            #expect(piecewise.diagnostics == inMemory.diagnostics, "\(file.path)")
            #expect(Self.shown(piecewise) == Self.shown(inMemory), "\(file.path)")
            if !piecewise.diagnostics.isEmpty { withFindings += 1 }
        }
        return withFindings
    }

    @Test func filesCheckAlike() throws {
        #expect(try Self.expectCheckAlike(StreamedDecodingTests.files) >= 6)
    }

    @Test(.enabled(if: OutsideCorpus.yamlTestSuite.isAvailable, OutsideCorpus.yamlTestSuite.skipReason))
    func yamlTestSuiteChecksAlike() throws {
        #expect(try Self.expectCheckAlike(YAMLTestSuiteTests.files) > 100,
                "the YAML test suite was not found at \(OutsideCorpus.yamlTestSuite.folder.path)")
    }

    @Test func ruleExamplesAndTrickyTextsCheckAlike() throws {
        let examples = RuleCatalog.all.flatMap { $0.triggeringExamples + $0.passingExamples }
        for text in examples + StreamedDecodingTests.tricky {
            try Self.expectAlike(Array(text.utf8), text)
        }
    }

    static let directives: [String] = [
        // A directive after a syntax error: the parser stops reading there, the directive is still found
        // (and reported as unused).
        "playbook: P\nstages: [\n# stagelint-disable-line yaml-syntax\n# stagelint-disable-nextline\n",
        // Directives inside a block scalar are text; outside, they suppress.
        "playbook: P\nstages:\n  a:\n    name: Working # stagelint-disable-line vague-stage-name\n    description: |\n"
            + "      # stagelint-disable\n      text\n",
        // CR LF and CR line breaks, a BOM, invalid UTF-8 after the directives.
        "\u{FEFF}playbook: P\r\nstages:\r  a: { name: Working } # stagelint-disable-line\r\n  b: { name: B }\r\n",
    ]

    @Test("directives and line breaks", arguments: directives)
    func directivesAndLineBreaksCheckAlike(text: String) throws {
        try Self.expectAlike(Array(text.utf8), text)
        try Self.expectAlike(Array(text.utf8) + [0xC3, 0x28, 0x0A], text + " + invalid UTF-8")
    }

    @Test func bigPlaybookWithFindingsEverywhereChecksAlike() throws {
        // Many libyaml pieces; findings (and so frames read back) from the first line to the last, a
        // directive deep inside, and a stage written with CR LF.
        var text = "playbook: Big\nstages:\n"
        for index in 0..<1_200 {
            text += "  s\(index):\n    name: \(index % 7 == 0 ? "Working" : "Stage \(index)")\n"
            text += "    exits:\n      - to: s\(index + 1)\n        when: seems interested\n"
            if index == 400 { text += "    # stagelint-disable-next-line unknown-key\n    colour: red\r\n" }
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 100_000)
        let (piecewise, inMemory) = try Self.bothWays(bytes)
        #expect(piecewise.diagnostics.count > 1_000)
        #expect(Self.shown(piecewise) == Self.shown(inMemory))
    }

    @Test func limitsAreKeptWhenReadingPieceByPiece() throws {
        let text = Array(("playbook: P\nstages:\n" + String(repeating: "  a: [[[[[[[[[[]]]]]]]]]]\n", count: 50)).utf8)
        try Self.expectAlike(text, "depth", limits: YAMLLimits(maxDepth: 5))
        try Self.expectAlike(text, "nodes", limits: YAMLLimits(maxNodes: 40))
        try Self.expectAlike(text, "size", limits: YAMLLimits(maxFileBytes: 100))
    }

    @Test func theMarkerIsNoticedWhereverPiecesSplitIt() throws {
        let text = Array("playbook: P\n# stagelint-disable\nstages: {}\n".utf8)
        let file = Self.folder.appendingPathComponent("marker.yaml")
        try Data(text).write(to: file)
        for size in 1...text.count {
            let handle = try #require(FileHandle(forReadingAtPath: file.path))
            defer { try? handle.close() }
            let input = FileInput(path: file.path, handle: handle, limits: .default)
            var buffer = [UInt8](repeating: 0, count: size)
            while let count = buffer.withUnsafeMutableBytes({ input.read(into: $0) }), count > 0 {}
            #expect(input.mentionsMarker && input.reachedEnd, "pieces of \(size) bytes")
        }
        let plain = Self.folder.appendingPathComponent("plain.yaml")
        try Data("playbook: stagelint\n".utf8).write(to: plain)
        let handle = try #require(FileHandle(forReadingAtPath: plain.path))
        defer { try? handle.close() }
        let input = FileInput(path: plain.path, handle: handle, limits: .default)
        var buffer = [UInt8](repeating: 0, count: 3)
        while let count = buffer.withUnsafeMutableBytes({ input.read(into: $0) }), count > 0 {}
        #expect(!input.mentionsMarker)
    }

    @Test func aFileThatGrowsPastTheLimitStopsTheReading() throws {
        let file = Self.folder.appendingPathComponent("grown.yaml")
        try Data(String(repeating: "a: 1\n", count: 100).utf8).write(to: file)
        let handle = try #require(FileHandle(forReadingAtPath: file.path))
        defer { try? handle.close() }
        let input = FileInput(path: file.path, handle: handle, limits: YAMLLimits(maxFileBytes: 200))
        var buffer = [UInt8](repeating: 0, count: 64)
        var pieces = 0
        while let count = buffer.withUnsafeMutableBytes({ input.read(into: $0) }), count > 0 { pieces += 1 }
        #expect(pieces == 3 && input.tooLargeSize == 256)
        #expect(input.failure?.kind == .resourceLimit)
    }

    @Test func linesAreReadBackOnlyFromTheSameBytes() throws {
        let file = Self.folder.appendingPathComponent("changing.yaml")
        let text = Array("a: 1\nb: 2\n".utf8)
        try Data(text).write(to: file)
        let digest = ContentDigest(text[...])
        #expect(SourceText.lines([2, 3], ofFileAt: file.path, digest: digest)?.text == [2: "b: 2", 3: ""])
        #expect(SourceText.lines([2, 3], ofFileAt: file.path, digest: digest)?.starts == [2: 5, 3: 10])
        // Touched (an editor's save, a checkout) but not changed: still the same bytes.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        #expect(SourceText.lines([2], ofFileAt: file.path, digest: digest)?.text == [2: "b: 2"])
        // Changed, shorter, or the same length with other bytes: nothing is read back.
        for changed in ["a: 1\nb: 22\n", "a: 1\n", "a: 1\nb: 3\n"] {
            try Data(changed.utf8).write(to: file)
            #expect(SourceText.lines([1], ofFileAt: file.path, digest: digest) == nil, "\(changed)")
        }
        // Lines past the bytes read (the parser stopped early) are still found.
        try Data(text + Array("c: 3\n".utf8)).write(to: file)
        #expect(SourceText.lines([3], ofFileAt: file.path, digest: digest)?.text == [3: "c: 3"])
    }

    @Test func aTouchedFileStillHoldsTheBytesRead() throws {
        // Checking reads a big file again for directives and around syntax errors; a new modification
        // time alone must not count as a change.
        let text = Array("playbook: P\n# stagelint-disable-next-line vague-stage-name\nstages:\n  a: { name: Working }\n  b: { name: Working }\n".utf8)
        let file = Self.folder.appendingPathComponent("touched.yaml")
        try Data(text).write(to: file)
        let input = FileInput(path: file.path, handle: try #require(FileHandle(forReadingAtPath: file.path)), limits: .default)
        var buffer = [UInt8](repeating: 0, count: 7)
        while let count = buffer.withUnsafeMutableBytes({ input.read(into: $0) }), count > 0 {}
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        #expect(input.holds(text) && input.wholeText() == text)
        #expect(!input.holds(text + [0x0A]) && !input.holds(Array(text.dropLast())))
        var changed = text
        changed[0] = UInt8(ascii: "P")
        #expect(!input.holds(changed))
    }

    @Test func linesAreTheSameWhateverThePieces() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\rc: 3\n\nd: é\r\n".utf8)
        let wanted: Set<Int> = [1, 2, 3, 4, 5, 6, 7]
        let whole = SourceText(bytes).linesWithOffsets(wanted)
        #expect(whole.text == [1: "a: 1", 2: "b: 2", 3: "c: 3", 4: "", 5: "d: é", 6: ""])
        // Where each line's text starts: after the BOM, after CR LF, after a lone CR.
        #expect(whole.starts == [1: 3, 2: 9, 3: 14, 4: 19, 5: 20, 6: 27])
        for size in 1...bytes.count {
            var collector = LineCollector(wanted)
            var start = 0
            while start < bytes.count {
                let piece = Array(bytes[start..<min(start + size, bytes.count)])
                piece.withUnsafeBufferPointer { collector.feed($0) }
                start += size
            }
            let found = collector.finish()
            #expect(found.text == whole.text && found.starts == whole.starts, "pieces of \(size) bytes")
        }
    }
}
