import Foundation
import PlaybookModel
import Testing
@testable import PlaybookKit

/// The lead-flow engine (each violation kind, counted as the contract says), scenario files and the
/// paths a playbook allows.
@Suite("Lead flow")
struct LeadFlowTests {
    static let fixtures = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/scenarios")

    static func funnel(stuckAfter: Int64? = nil) throws -> FlowPlaybook {
        let report = Linter().check(file: "funnel.yaml", bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent("funnel.yaml"))))
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
        return FlowPlaybook(try #require(report.playbook), stuckAfter: stuckAfter)
    }

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 24 * hour

    /// Moves into stages named as a CRM would write them, an hour apart.
    static func moves(_ flow: FlowPlaybook, _ values: [String], known: Set<String>? = nil) -> [FlowMove] {
        var moves: [FlowMove] = []
        for (index, value) in values.enumerated() {
            FlowPlaybook.appendMerging(FlowMove(stage: flow.stage(named: value), value: value, at: Int64(index) * hour, knownFields: known),
                                       to: &moves)
        }
        return moves
    }

    @Test("a value names a stage by id, by name or CRM value without case and spaces, trimmed")
    func stageNames() throws {
        let flow = try Self.funnel()
        #expect(flow.stage(named: "mql") == 1)
        #expect(flow.stage(named: "  Marketing Qualified Lead ") == 1)
        #expect(flow.stage(named: "marketingqualifiedlead") == 1)
        #expect(flow.stage(named: "Working - Contacted") == 1)
        #expect(flow.stage(named: "SUBSCRIBER") == 0)
        #expect(flow.stage(named: "Open - Not Contacted") == 0)
        #expect(flow.stage(named: "Working") == nil)
        #expect(flow.stage(named: "") == nil)
        #expect(flow.stage(id: "MQL") == nil)  // ids are exact
    }

    @Test("each violation kind, once per occurrence, in the order of the moves")
    func violations() throws {
        let flow = try Self.funnel()
        // Enters mid-funnel, an unknown value between known ones (no transition judged across it), a
        // skip back to the entry stage, a move out of a terminal stage.
        let moves = Self.moves(flow, ["mql", "Working", "new_lead", "mql", "opportunity", "nurture"], known: ["lead_source"])
        let labels = flow.judge(moves, asOf: 5 * Self.hour).map(\.label)
        #expect(labels == [
            "entered-mid-funnel mql", "missing-required-field mql",
            "unknown-stage Working",
            "missing-required-field mql",
            "left-terminal opportunity->nurture",
        ])
        let back = Self.moves(flow, ["new_lead", "mql", "new_lead"], known: ["lead_source", "use_case"])
        #expect(flow.judge(back, asOf: 2 * Self.hour).map(\.label) == ["undeclared-transition mql->new_lead"])
    }

    @Test("repeats merge into one visit; an unknown value repeated is one unknown stage")
    func repeats() throws {
        let flow = try Self.funnel()
        let moves = Self.moves(flow, ["new_lead", "New Lead", "subscriber", "mql", "Later", "Later", "mql"])
        #expect(moves.map(\.value) == ["new_lead", "mql", "Later", "mql"])
        #expect(moves.map(\.at) == [0, 3 * Self.hour, 4 * Self.hour, 6 * Self.hour])
        #expect(flow.judge(moves, asOf: 6 * Self.hour).map(\.label) == ["unknown-stage Later"])
    }

    @Test("an SLA is breached by a visit longer than it, the last one measured to as-of; terminal stages never breach")
    func slaBreaches() throws {
        let flow = try Self.funnel()
        let moves = [FlowMove(stage: 0, value: "new_lead", at: 0), FlowMove(stage: 1, value: "mql", at: Self.hour)]
        #expect(flow.judge(moves, asOf: 5 * Self.hour).isEmpty)  // exactly 4h: not longer
        #expect(flow.judge(moves, asOf: 5 * Self.hour + 1).map(\.label) == ["sla-breach mql"])
        let won = moves + [FlowMove(stage: 3, value: "opportunity", at: 2 * Self.hour)]
        #expect(flow.judge(won, asOf: 400 * Self.day).isEmpty)
    }

    @Test("stuck: past 4 × the SLA or the follow-up, else 90 days; --stuck-after replaces them")
    func stuck() throws {
        let flow = try Self.funnel()
        #expect(flow.stages.map(\.stuckLimit) == [90 * Self.day, 16 * Self.hour, 30 * Self.day, 90 * Self.day, 90 * Self.day])
        let parked = [FlowMove(stage: 0, value: "new_lead", at: 0), FlowMove(stage: 1, value: "mql", at: 0),
                      FlowMove(stage: 2, value: "nurture", at: 0)]
        #expect(flow.judge(parked, asOf: 30 * Self.day).isEmpty)
        #expect(flow.judge(parked, asOf: 30 * Self.day + 1).map(\.label) == ["stuck nurture"])
        let strict = try Self.funnel(stuckAfter: Self.day)
        #expect(strict.judge(parked, asOf: Self.day + 1).map(\.label).last == "stuck nurture")
    }

    /// The outputs name files by path: shown from the package root, so the golden files do not
    /// depend on where the clone is.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: packageRoot.path + "/", with: "")
    }

    @Test("scenario files: text, JUnit and JSON outputs match their golden files")
    func scenarioGolden() throws {
        let outcome = try ScenarioRun.run(paths: [Self.fixtures.path])
        #expect(outcome.passed == 4)
        #expect(outcome.failed == 5)
        Golden.expect(Self.relative(ScenarioReport.text(outcome, color: false)), matches: "scenarios.txt")
        Golden.expect(Self.relative(ScenarioReport.junit(outcome)), matches: "scenarios.junit.xml")
        Golden.expect(Self.relative(ScenarioReport.json(outcome)), matches: "scenarios.json")
        let json = try JSONSerialization.jsonObject(with: Data(ScenarioReport.json(outcome).utf8)) as? [String: Any]
        #expect((json?["summary"] as? [String: Int]) == ["passed": 4, "failed": 5])
    }

    @Test("the example playbooks' scenarios pass")
    func exampleScenarios() throws {
        let outcome = try ScenarioRun.run(paths: [packageRoot.appendingPathComponent("playbooks").path])
        #expect(outcome.failed == 0, "\(ScenarioReport.text(outcome, color: false))")
        #expect(outcome.passed >= 5)
    }

    @Test("a violation written in a scenario: KIND, KIND STAGE or KIND FROM->TO")
    func violationPatterns() throws {
        func parsed(_ text: String, kindOnly: Bool = false) -> String? {
            if case .success(let pattern) = ViolationPattern.parse(text, kindOnlyAllowed: kindOnly) { return pattern.label }
            return nil
        }
        #expect(parsed("sla-breach mql") == "sla-breach mql")
        #expect(parsed("undeclared-transition  mql -> sql ") == "undeclared-transition mql->sql")
        #expect(parsed("stuck", kindOnly: true) == "stuck")
        #expect(parsed("stuck") == nil)
        #expect(parsed("left-terminal won") == nil)
        #expect(parsed("sla-breach a->b") == nil)
        #expect(parsed("slow mql") == nil)
    }

    @Test("--paths: every simple path from each entry to a terminal stage, with its SLA total")
    func paths() throws {
        let report = Linter().check(file: "demo-led-inbound.yaml",
                                    bytes: Array(try Data(contentsOf: packageRoot.appendingPathComponent("playbooks/demo-led-inbound.yaml"))))
        let paths = FlowPaths(FlowPlaybook(try #require(report.playbook)))
        Golden.expect(paths.text(), matches: "paths.txt")
        let funnel = FlowPaths(try Self.funnel())
        #expect(funnel.entries.map(\.count) == [3])  // new_lead -> mql -> opportunity / -> disqualified; new_lead -> disqualified
        let limited = FlowPaths(try Self.funnel(), listLimit: 1, countLimit: 2)
        #expect(limited.entries[0].paths.count == 1)
        #expect(limited.entries[0].isCountComplete == false)
    }

    @Test("durations shown in weeks, days, hours and minutes")
    func shownDurations() {
        #expect(FlowPaths.shown(0) == "0m")
        #expect(FlowPaths.shown(Self.day + 4 * Self.hour) == "1d 4h")
        #expect(FlowPaths.shown(9 * Self.day + 90 * 60_000) == "1w 2d 1h 30m")
    }
}
