import Testing
@testable import PlaybookKit

@Suite("Flow rules")
struct FlowTests {
    @Test func noEntryStageSuppressesUnreachable() throws {
        let yaml = cleanPlaybook.replacingFirst("    kind: entry\n", with: "")
        let rules = check(yaml).diagnostics.map(\.rule)
        #expect(rules.contains("no-entry-stage"))
        #expect(!rules.contains("unreachable-stage"))
    }

    @Test func unreachableReportsTheHeadOfACutOffGroup() throws {
        let yaml = cleanPlaybook + """

              orphan:
                name: Orphan
                owner: sdr
                exits: [{ to: orphan_two, when: Call booked }, { to: disqualified, when: SDR confirmed no fit }]
              orphan_two:
                name: Orphan Two
                owner: sdr
                exits: [{ to: opportunity, when: Deal created }, { to: disqualified, when: SDR confirmed no fit }]
            """
        let found = findings(yaml, rule: "unreachable-stage")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("stage 'orphan' cannot be reached") == true)
        #expect(found.first?.message.contains("'orphan_two' behind it cannot be reached either") == true)
        #expect(found.first.map { "\($0.line):\($0.column)" } == "50:3")
    }

    @Test func unreachableCycleIsReportedOnce() throws {
        let yaml = cleanPlaybook + """

              loop_a:
                name: Loop A
                exits: [{ to: loop_b, when: Call booked }, { to: disqualified, when: SDR confirmed no fit }]
              loop_b:
                name: Loop B
                exits: [{ to: loop_a, when: Call booked }, { to: disqualified, when: SDR confirmed no fit }]
            """
        let found = findings(yaml, rule: "unreachable-stage")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("themselves cut off") == true)
    }

    @Test func deadEndIsNotAlsoNoPathToEnd() throws {
        let yaml = cleanPlaybook.replacingFirst("""
                exits:
                  - to: mql
                    when: Demo request form submitted again
            """, with: "")
        let rules = check(yaml).diagnostics.map(\.rule)
        #expect(rules == ["dead-end-stage"])
    }

    @Test func loopWithoutEndIsReported() throws {
        let yaml = cleanPlaybook.replacingFirst("""
                  - to: opportunity
                    when: SDR confirmed use case and timeline on a call
            """, with: "").replacingFirst("""
                  - to: disqualified
                    when: SDR confirmed the company is outside the ICP
            """, with: "")
        let found = findings(yaml, rule: "no-path-to-end")
        #expect(found.map(\.line) == [18, 29])
        // Unreachable won stage is also called out, once.
        #expect(findings(yaml, rule: "unreachable-stage").map { $0.line } == [38])
    }

    @Test func noTerminalStageIsReportedOnceAtStages() throws {
        let found = findings("""
            playbook: x
            stages:
              a: { name: A, kind: entry, exits: [{ to: b, when: Form submitted }] }
              b: { name: B, exits: [{ to: a, when: Form submitted }] }
            """, rule: "no-path-to-end")
        #expect(found.map(\.line) == [2])
    }

    @Test func offRampRulesStayQuietWithoutOffRampStages() throws {
        let rules = check("""
            playbook: x
            stages:
              a: { name: A, kind: entry, exits: [{ to: w, when: Deal created }] }
              w: { name: W, kind: won }
            """).diagnostics.map(\.rule).filter(structureAndFlow.contains)
        #expect(rules.sorted() == ["no-disqualified-stage", "no-nurture-stage"])
    }

    @Test func terminalWithExitsPointsAtExits() throws {
        let yaml = cleanPlaybook + "\n    exits: [{ to: mql, when: Reopened }]\n"
        let found = findings(yaml, rule: "terminal-with-exits")
        #expect(found.map { "\($0.line):\($0.column)" } == ["50:5"])
    }

    @Test func nurtureNeedsAWayBack() throws {
        let yaml = cleanPlaybook.replacingFirst("      - to: mql\n        when: Demo request form submitted again",
            with: "      - to: disqualified\n        when: Contact unsubscribed")
        #expect(findings(yaml, rule: "nurture-without-reentry").map(\.line) == [31])
    }

    @Test func missingOffRampOnActiveStage() throws {
        let yaml = cleanPlaybook
            .replacingFirst("      - to: nurture\n        when: SDR rejected the lead as not buying this quarter\n", with: "")
            .replacingFirst("      - to: disqualified\n        when: SDR confirmed the company is outside the ICP\n", with: "")
        let found = findings(yaml, rule: "missing-off-ramp")
        #expect(found.map(\.line) == [18])
        #expect(found.first?.severity == .warning)
    }

    @Test func graphIsBuiltWithRepairedEdges() throws {
        let playbook = try #require(check(cleanPlaybook.replacingFirst("      - to: nurture", with: "      - to: nurtur")).playbook)
        let graph = StageGraph(playbook)
        let mql = try #require(playbook.stageIndex["mql"])
        let nurture = try #require(playbook.stageIndex["nurture"])
        #expect(graph.successors[mql].contains(nurture))
        #expect(graph.hasUnknownExit[mql] == false)
        #expect(graph.reachable.allSatisfy { $0 })
    }

    @Test func largeLinearFunnelIsHandled() throws {
        var lines = ["playbook: big", "stages:", "  s0: { name: S0, kind: entry, exits: [{ to: s1, when: Form submitted }, { to: lost, when: Rejected }] }"]
        for index in 1..<3000 {
            lines.append("  s\(index): { name: S\(index), exits: [{ to: s\(index + 1), when: Call booked }, { to: lost, when: Rejected }] }")
        }
        lines.append("  s3000: { name: Won, kind: won }")
        lines.append("  lost: { name: Lost, kind: disqualified }")
        let rules = check(lines.joined(separator: "\n")).diagnostics.map(\.rule).filter(structureAndFlow.contains)
        #expect(rules == ["no-nurture-stage"])
    }
}

/// The compact graph and the decoder's name table, against plain reference versions.
struct CompactTablesTests {
    @Test func graphListsMatchPlainArraysPerStage() throws {
        // Repeated targets, self loops, undefined targets, a typo, and stages with no exits.
        let yaml = """
        playbook: graph
        stages:
          a: { name: A, kind: entry, exits: [{ to: b }, { to: b }, { to: c }, { to: a }] }
          b: { name: B, exits: [{ to: c }, { to: nowhere }, { to: a }] }
          c: { name: C, exits: [{ to: d }, { to: cc }] }
          d: { name: D, kind: won }
          e: { name: E, exits: [{ to: d }, { to: a }, { to: e }] }
        """
        var sink = DiagnosticSink(file: "graph.yaml")
        let playbook = try #require(Linter().read(Array(yaml.utf8), into: &sink))
        let graph = StageGraph(playbook)
        var successors = [[Int]](repeating: [], count: playbook.stages.count)
        var predecessors = [[Int]](repeating: [], count: playbook.stages.count)
        for (from, stage) in playbook.stages.enumerated() {
            for transition in stage.transitions {
                guard let to = transition.to.flatMap({ playbook.stageIndex[$0.value == "cc" ? "c" : $0.value] }),
                      !successors[from].contains(to) else { continue }
                successors[from].append(to)
                predecessors[to].append(from)
            }
        }
        #expect(graph.count == 5)
        for stage in 0..<graph.count {
            #expect(Array(graph.successors[stage]) == successors[stage])
            #expect(Array(graph.predecessors[stage]) == predecessors[stage])
        }
        #expect(Array(graph.successors[0]) == [1, 2, 0])
        #expect(Array(graph.predecessors[0]) == [0, 1, 4])
        #expect(graph.hasUnknownExit == [false, true, false, false, false])
    }

    @Test func emptyGraphHasNoLists() {
        let graph = StageGraph(Playbook())
        #expect(graph.count == 0 && graph.entryStages.isEmpty && graph.reachable.isEmpty)
    }

    @Test func nameTableFindsTheFirstStageEvenWhenHashesCollide() throws {
        let yaml = """
        playbook: names
        stages:
          a: { name: Alpha }
          b: { name: Beta }
          c: { name: ALPHA }
          d: { name: beta }
          e: { name: Gamma }
          f: { name: G amma }
        """
        var sink = DiagnosticSink(file: "graph.yaml")
        let playbook = try #require(Linter().read(Array(yaml.utf8), into: &sink))
        for hash in [{ (_: String) in 0 }, { $0.hashValue }, { $0.count }] {
            var table = NameTable(hash: hash)
            let firsts = playbook.stages.indices.map { index in
                table.insert(Identifier.normalizedName(playbook.stages[index].name?.value ?? ""), index, in: playbook)
            }
            #expect(firsts == [nil, nil, 0, 1, nil, 4])
        }
    }
}
