import Testing
@testable import YAMLReader

private func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLParseResult {
    YAMLParser.parse(Array(text.utf8), limits: limits)
}

/// The value node of `key` in the root mapping.
private func value(_ document: YAMLDocument, _ key: String) -> YAMLNode? {
    guard let pairs = document.pairs(document.root) else { return nil }
    return pairs.first { document[$0.key].scalarText == key }.map { document[$0.value] }
}

@Suite("Positions")
struct PositionTests {
    @Test func linesAndColumnsAreOneBased() throws {
        let result = parse("playbook: Demo\nstages:\n  mql:\n    name: MQL\n")
        let document = try #require(result.document)
        let stages = try #require(value(document, "stages"))
        #expect(stages.position == SourcePosition(line: 3, column: 3))
        let pairs = try #require(document.pairs(document.root))
        #expect(document[pairs[0].key].position == SourcePosition(line: 1, column: 1))
        #expect(document[pairs[0].value].position == SourcePosition(line: 1, column: 11))
        #expect(document[pairs[0].value].span.end == SourcePosition(line: 1, column: 15))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "ä" is two bytes in UTF-8 and "日本" six; columns still count what a person sees.
        let document = try #require(parse("a: [ä, b]\nc: 日本 x\nd: 1\n").document)
        let root = try #require(document.pairs(document.root))
        let items = try #require(document.items(root[0].value))
        #expect(document[items[1]].position == SourcePosition(line: 1, column: 8))
        let d = try #require(document.pairs(document.root)?[2])
        #expect(document[d.value].position == SourcePosition(line: 3, column: 4))
        #expect(value(document, "c")?.span.end == SourcePosition(line: 2, column: 8))
    }

    @Test func byteOrderMarkIsAcceptedAndNotCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: two\n".utf8)
        let result = YAMLParser.parse(bytes)
        #expect(result.problems.isEmpty)
        let document = try #require(result.document)
        let pairs = try #require(document.pairs(document.root))
        #expect(document[pairs[0].key].position == SourcePosition(line: 1, column: 1))
        #expect(document[pairs[1].value].scalarText == "two")
        #expect(document[pairs[1].value].position == SourcePosition(line: 2, column: 4))
    }

    @Test func crlfLineEndingsCountAsOneBreak() throws {
        let result = parse("a: 1\r\nb:\r\n  - x\r\n  - y\r\n")
        let document = try #require(result.document)
        let root = try #require(document.pairs(document.root))
        let items = try #require(document.items(root[1].value))
        #expect(document[items[1]].position == SourcePosition(line: 4, column: 5))
        #expect(document[items[1]].scalarText == "y")
    }
}

@Suite("Node tree")
struct NodeTreeTests {
    @Test func scalarStylesTagsAndAnchorsAreKept() throws {
        let document = try #require(parse("a: 'q'\nb: \"d\"\nc: |\n  lit\nd: !!str 12\ne: &anchor plain\n").document)
        #expect(value(document, "a")?.content == .scalar("q", .singleQuoted))
        #expect(value(document, "b")?.content == .scalar("d", .doubleQuoted))
        #expect(value(document, "c")?.content == .scalar("lit\n", .literal))
        #expect(value(document, "d")?.tag == "tag:yaml.org,2002:str")
        #expect(value(document, "d")?.resolvedScalar == .string("12"))
        #expect(value(document, "e")?.anchor == "anchor")
    }

    @Test func plainScalarsResolveAsYAML11() throws {
        let document = try #require(parse("a: yes\nb: 2.1\nc: 42\nd: ~\ne: 'yes'\nf: 1_000\n").document)
        #expect(value(document, "a")?.resolvedScalar == .bool(true))
        #expect(value(document, "b")?.resolvedScalar == .float(2.1))
        #expect(value(document, "c")?.resolvedScalar == .int(42))
        #expect(value(document, "d")?.resolvedScalar == .null)
        #expect(value(document, "e")?.resolvedScalar == .string("yes"))
        #expect(value(document, "f")?.resolvedScalar == .int(1000))
    }

    @Test func aliasesResolveToTheirAnchor() throws {
        let result = parse("base: &sla { within: 1d }\nuse: *sla\n")
        #expect(result.problems.isEmpty)
        let document = try #require(result.document)
        let pairs = try #require(document.pairs(document.root))
        #expect(pairs[0].value == pairs[1].value)
        #expect(value(document, "use")?.position == SourcePosition(line: 1, column: 7))
    }

    @Test func mergeKeyAddsKeysThatAreNotWritten() throws {
        let text = """
            defaults: &d { within: 1d, action: Call }
            other: &o { action: Email, extra: 1 }
            sla:
              <<: [*d, *o]
              action: Book a meeting
            """
        let result = parse(text)
        #expect(result.problems.isEmpty)
        let document = try #require(result.document)
        let root = try #require(document.pairs(document.root))
        let sla = try #require(document.pairs(root[2].value))
        let entries = sla.map { (document[$0.key].scalarText ?? "", document[$0.value].scalarText ?? "", $0.merged) }
        #expect(entries.map(\.0) == ["action", "within", "extra"])
        #expect(entries[0].1 == "Book a meeting" && entries[0].2 == false)
        #expect(entries[1].1 == "1d" && entries[1].2 == true)
        #expect(entries[2].1 == "1")
    }

    @Test func mergeOfAScalarIsAProblem() throws {
        let result = parse("a:\n  <<: text\n  b: 1\n")
        #expect(result.problems.map(\.kind) == [.badMerge])
        #expect(result.problems.first?.span.start == SourcePosition(line: 2, column: 7))
    }
}

@Suite("Problems")
struct ProblemTests {
    @Test func duplicateKeysAreFoundAndTheFirstIsKept() throws {
        let result = parse("a: 1\nb: 2\na: 3\n")
        #expect(result.problems.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.kind == .duplicateKey)
        #expect(problem.span.start == SourcePosition(line: 3, column: 1))
        #expect(problem.message.contains("line 1, column 1"))
        let document = try #require(result.document)
        #expect(value(document, "a")?.scalarText == "1")
    }

    @Test func duplicateKeysAreFoundAtAnyDepth() throws {
        let result = parse("stages:\n  mql:\n    name: A\n    name: B\n")
        #expect(result.problems.map(\.kind) == [.duplicateKey])
        #expect(result.problems.first?.span.start == SourcePosition(line: 4, column: 5))
    }

    @Test func undefinedAliasIsReported() throws {
        let result = parse("a: *nowhere\n")
        #expect(result.problems.map(\.kind) == [.badAlias])
        #expect(result.problems.first?.span.start == SourcePosition(line: 1, column: 4))
        #expect(result.problems.first?.message.contains("undefined alias '*nowhere'") == true)
        #expect(result.document != nil)
    }

    @Test func recursiveAliasIsReported() throws {
        let result = parse("a: &x [1, *x]\n")
        #expect(result.problems.map(\.kind) == [.badAlias])
        #expect(result.problems.first?.message.contains("contains it") == true)
    }

    @Test func syntaxErrorCarriesLibyamlProblemAndPosition() throws {
        let result = parse("playbook: x\nstages:\n  a:\n    name: New: Lead\n")
        #expect(result.document == nil)
        let problem = try #require(result.problems.first)
        #expect(problem.kind == .syntax)
        #expect(problem.message.contains("mapping values are not allowed"))
        #expect(problem.span.start == SourcePosition(line: 4, column: 14))
    }

    @Test func invalidUTF8IsAPositionedSyntaxProblem() throws {
        let bytes = Array("a: 1\nb: x".utf8) + [0xFF, 0x0A]
        let result = YAMLParser.parse(bytes)
        let problem = try #require(result.problems.first)
        #expect(problem.kind == .syntax)
        #expect(problem.message.contains("UTF-8"))
        #expect(problem.span.start == SourcePosition(line: 2, column: 5))
    }

    @Test func emptyAndCommentOnlyStreamsAreEmpty() {
        #expect(parse("").isEmpty)
        #expect(parse("# nothing here\n").isEmpty)
        #expect(parse("").problems.isEmpty)
    }

    @Test func secondDocumentIsReportedAndTheFirstKept() throws {
        let result = parse("a: 1\n---\nb: 2\n")
        #expect(result.problems.map(\.kind) == [.multipleDocuments])
        #expect(result.problems.first?.span.start.line == 2)
        let document = try #require(result.document)
        #expect(value(document, "a")?.scalarText == "1")
    }
}

@Suite("Limits")
struct LimitTests {
    @Test func deepFlowNestingStopsAtTheLimit() throws {
        let result = parse(String(repeating: "[", count: 100_000))
        #expect(result.document == nil)
        #expect(result.problems.map(\.kind) == [.resourceLimit])
        #expect(result.problems.first?.span.start == SourcePosition(line: 1, column: 65))
    }

    @Test func deepBlockNestingStopsAtTheLimit() throws {
        let text = (0..<200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        let result = parse(text)
        #expect(result.problems.map(\.kind) == [.resourceLimit])
        #expect(result.problems.first?.span.start.line == 65)
    }

    @Test func nestingAtTheLimitIsFine() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parse(text).problems.isEmpty)
        let over = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parse(over).problems.map(\.kind) == [.resourceLimit])
    }

    @Test func aliasBombIsCountedNotExpanded() throws {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for index in 1..<names.count {
            let refs = Array(repeating: "*\(names[index - 1])", count: 9).joined(separator: ", ")
            lines.append("\(names[index]): &\(names[index]) [\(refs)]")
        }
        let result = parse(lines.joined(separator: "\n"))
        #expect(result.document == nil)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.kind == .resourceLimit)
        #expect(result.problems.first?.message.contains("aliases") == true)
    }

    @Test func nodeLimitCountsAliasesByWhatTheyStandFor() throws {
        let limits = YAMLLimits(maxNodes: 20)
        // 1 mapping + key + 5-item list (6 nodes) = 8, then each alias adds 6.
        let text = "a: &x [1, 2, 3, 4, 5]\nb: *x\n"
        #expect(parse(text, limits: limits).problems.isEmpty)
        let more = text + "c: *x\nd: *x\n"
        #expect(parse(more, limits: limits).problems.map(\.kind) == [.resourceLimit])
    }

    @Test func fileSizeLimitIsCheckedBeforeParsing() throws {
        let limits = YAMLLimits(maxFileBytes: 10)
        let result = parse("playbook: much too long", limits: limits)
        #expect(result.problems.map(\.kind) == [.resourceLimit])
        #expect(result.problems.first?.message.contains("over the limit of 10 bytes") == true)
        #expect(YAMLParser.formatBytes(52_428_800) == "50 MiB")
    }

    @Test func oneLimitFindingReplacesEarlierProblems() throws {
        let text = "a: 1\na: 2\nb: " + String(repeating: "[", count: 100) + "\n"
        let result = parse(text)
        #expect(result.problems.map(\.kind) == [.resourceLimit])
    }
}

/// Records what a `SubtreeConsumer` is given: the key text and the kind of each value.
private struct Recorder: SubtreeConsumer {
    var key: String { "stages" }
    var taken: [(key: String, kind: String, nodes: Int)] = []

    mutating func take(_ value: NodeID, key: NodeID, in document: YAMLDocument) -> Bool {
        taken.append((document[key].scalarText ?? "?", document[value].kindName, document.nodes.count))
        return true
    }
}

@Suite("Values handed over while reading")
struct SubtreeConsumerTests {
    private func read(_ text: String) -> (YAMLParseResult, Recorder) {
        var recorder = Recorder()
        let result = YAMLParser.parse(Array(text.utf8), handingOver: &recorder)
        return (result, recorder)
    }

    @Test func eachValueOfTheTopLevelKeyIsHandedOverAndLeavesAnEmptyNode() throws {
        let text = "playbook: P\nstages:\n  a:\n    name: A\n    exits: [{to: b, when: x}]\n  b: {name: B}\n  c: ~\n"
        let (result, recorder) = read(text)
        #expect(recorder.taken.map(\.key) == ["a", "b"])  // a scalar value (c) stays in the tree
        let document = try #require(result.document)
        let stages = try #require(value(document, "stages"))
        guard case .mapping(let pairs, _) = stages.content else { Issue.record("stages is not a mapping"); return }
        #expect(pairs.count == 3)
        #expect(document.detached[pairs[0].value] == 0)
        #expect(document.detached[pairs[1].value] == 1)
        #expect(document.detached[pairs[2].value] == nil)
        #expect(document[pairs[0].value].span == SourceSpan(start: SourcePosition(line: 4, column: 5),
                                                            end: SourcePosition(line: 6, column: 3)))
        #expect(document.pairs(pairs[0].value)?.isEmpty == true)
        // The first stage's nodes were dropped before the second was read.
        #expect(recorder.taken[1].nodes < recorder.taken[0].nodes + 4)
        // Without a consumer the same text keeps its whole tree.
        let whole = try #require(YAMLParser.parse(Array(text.utf8)).document)
        #expect(whole.detached.isEmpty)
        #expect(whole.nodes.count > document.nodes.count)
    }

    @Test func valuesAnAliasCouldReachStayInTheTree() {
        // Anchored values, values holding an anchor, the merge key's value, and the values of an
        // anchored mapping or of the same key below the top level are kept.
        let (_, anchored) = read("stages:\n  a: &x {name: A}\n  b: {n: {k: &y 1}}\n  c: {name: C}\n  d: *x\n")
        #expect(anchored.taken.map(\.key) == ["c"])
        let (_, merged) = read("stages:\n  <<: {a: {name: A}}\n  b: {name: B}\n")
        #expect(merged.taken.map(\.key) == ["b"])
        let (_, anchoredMapping) = read("stages: &all\n  a: {name: A}\ncopy: *all\n")
        #expect(anchoredMapping.taken.isEmpty)
        let (_, nested) = read("x:\n  stages:\n    a: {name: A}\n")
        #expect(nested.taken.isEmpty)
        let (_, list) = read("- stages:\n    a: {name: A}\n")
        #expect(list.taken.isEmpty)
        // Only the first `stages` of the top level: YAML drops the second as a duplicate key.
        let (_, twice) = read("stages: {a: {name: A}}\n\"stages\": {b: {name: B}}\n")
        #expect(twice.taken.map(\.key) == ["a"])
    }

    @Test func multilineScalarsInHandedOverValuesStillCount() throws {
        let text = "stages:\n  a:\n    description: |\n      one\n      # two\n    name: A\nnote: \"x\n  y\"\n"
        let (result, recorder) = read(text)
        #expect(recorder.taken.count == 1)
        let streamed = try #require(result.document)
        let whole = try #require(YAMLParser.parse(Array(text.utf8)).document)
        #expect(streamed.multilineScalarLines == [4...5, 8...8])
        #expect(streamed.multilineScalarLines == whole.multilineScalarLines)
    }
}

/// Duplicate keys in a mapping past the 16 keys kept in a list are found through their hashes: the
/// same findings when every key's hash collides, when some do, and with the real hash.
struct BigMappingDuplicateKeyTests {
    @Test func duplicatesAreFoundWhateverTheHashes() throws {
        var lines = (0..<40).map { "k\($0): \($0)" }
        lines.insert("k3: again", at: 20)
        lines.insert("k30: again", at: 39)
        lines.insert("k3: third", at: 41)
        lines.insert("'k1': quoted is the same key", at: 5)
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let expected = ["6:1 'k1' line 2", "22:1 'k3' line 4", "41:1 'k30' line 33", "43:1 'k3' line 4"]
        for hash: (String) -> Int in [{ _ in 0 }, { $0.count }, { $0.hashValue }, { $0.hasPrefix("k3") ? 7 : 8 }] {
            var wholeTree = KeepWholeTree()
            let parsed = YAMLParser.parse(bytes, handingOver: &wholeTree, keyHash: hash)
            let found = parsed.problems.map { problem in
                let key = problem.message.split(separator: "'")[1]
                let line = problem.message.split(separator: "line ")[1].prefix { $0.isNumber }
                return "\(problem.span.start.line):\(problem.span.start.column) '\(key)' line \(line)"
            }
            #expect(found == expected)
            let document = try #require(parsed.document)
            #expect(document.pairs(document.root)?.count == 40)
        }
    }
}

/// The node arena in chunks: what is added is read back, across chunk boundaries, after drops.
struct NodeArenaTests {
    private func node(_ number: Int) -> YAMLNode {
        YAMLNode(content: .scalar("n\(number)", .plain), tag: nil, anchor: nil,
                 span: SourceSpan(at: SourcePosition(line: number + 1, column: 1)))
    }

    @Test func nodesComeBackAfterAppendsAndDropsAcrossChunks() {
        var arena = NodeArena()
        var plain: [YAMLNode] = []
        func add(_ count: Int) {
            for _ in 0..<count {
                let next = node(plain.count)
                arena.append(next)
                plain.append(next)
            }
        }
        func drop(from index: Int) {
            arena.removeAll(from: index)
            plain.removeSubrange(index...)
        }
        add(4095); add(1); add(1)  // up to a chunk boundary and over it
        drop(from: 4096); drop(from: 4096)  // dropping nothing changes nothing
        add(9000)
        drop(from: 5000)  // within a later chunk, emptying the ones after it
        add(3)
        drop(from: 4096)  // exactly at a boundary
        add(8193)
        drop(from: 17)  // back into the first chunk
        add(4100)
        #expect(arena.count == plain.count)
        for index in 0..<plain.count where arena[index] != plain[index] {
            Issue.record("node \(index) differs")
            break
        }
        drop(from: 0)
        #expect(arena.count == 0)
        add(2)
        #expect(arena[1] == plain[1] && arena.count == 2)
    }
}
