import Foundation
import Testing
@testable import PlaybookKit

/// The clean playbook with a `sales_lead` stage between `mql` and the end of the funnel.
let salesPlaybook = cleanPlaybook
    .replacingFirst("      - to: opportunity\n        when: SDR confirmed use case and timeline on a call\n",
                    with: "      - to: sales_lead\n        when: SDR accepted the lead after a first call\n")
    .replacingFirst("  nurture:\n", with: """
          sales_lead:
            name: Sales Lead
            owner: sdr
            entry: SDR accepted the lead after a first call
            sla: { within: 2d, action: Discovery call held }
            exits:
              - to: opportunity
                when: SDR confirmed use case and timeline on a call
              - to: nurture
                when: Prospect asked to revisit next quarter
              - to: disqualified
                when: SDR confirmed no budget
          nurture:

        """)

/// `sales_lead` renamed to `sql` ("Sales Qualified Lead") without `renamed_from`, one exit changed,
/// and a genuinely new `demo` stage after it, owned by the same team.
let salesPlaybookRenamed = salesPlaybook
    .replacingFirst("  sales_lead:\n    name: Sales Lead\n", with: "  sql:\n    name: Sales Qualified Lead\n")
    .replacingFirst("to: sales_lead\n", with: "to: sql\n")
    .replacingFirst("      - to: disqualified\n        when: SDR confirmed no budget\n",
                    with: "      - to: demo\n        when: SDR booked a demo with the buyer\n")
    .replacingFirst("  nurture:\n", with: """
          demo:
            name: Demo Held
            owner: sdr
            entry: SDR booked a demo with the buyer
            exits:
              - to: opportunity
                when: Account executive created the deal
              - to: disqualified
                when: SDR confirmed no budget
          nurture:

        """)

@Suite("Undeclared renames by likeness")
struct RenameLikenessTests {
    func diff(_ old: String, _ new: String) throws -> PlaybookDiff {
        PlaybookDiff(old: try #require(check(old).playbook), new: try #require(check(new).playbook))
    }

    func ids(_ diff: PlaybookDiff) -> [String] { diff.changes.map(\.id) }

    @Test func renamedStageWithAChangedExitIsPairedAndSaysWhatItShares() throws {
        let result = try diff(salesPlaybook, salesPlaybookRenamed)
        let renames = result.changes.filter { $0.id == "rename-undeclared" }
        #expect(renames.map(\.oldStage) == ["sales_lead"])
        #expect(renames.map(\.stage) == ["sql"])
        #expect(renames.first?.message.contains(
            "(same owner 'sdr', entry rule, SLA and predecessor 'mql'; names 'Sales Lead' → 'Sales Qualified Lead' alike; "
                + "2 of 3 exits the same); if it is a rename, declare `renamed_from: sales_lead` on 'sql'") == true)
        // The stage that is new in substance is reported as new, and nothing as removed.
        #expect(result.changes.filter { $0.id == "stage-added" }.map(\.stage) == ["demo"])
        #expect(!ids(result).contains("stage-removed"))
        // The pair's differences are compared as for one stage.
        #expect(Set(ids(result)).isSuperset(of: ["name-changed", "transition-removed", "transition-added"]))
    }

    @Test func aDifferentStageInTheSamePlaceIsNotARename() throws {
        // Same owner, kind, predecessor and exits, but another name and entry rule: a replacement.
        let replaced = salesPlaybook
            .replacingFirst("  sales_lead:\n    name: Sales Lead\n", with: "  discovery:\n    name: Discovery Call Held\n")
            .replacingFirst("entry: SDR accepted the lead after a first call", with: "entry: SDR held a discovery call with the buyer")
            .replacingFirst("to: sales_lead\n", with: "to: discovery\n")
        let result = try diff(salesPlaybook, replaced)
        #expect(!ids(result).contains("rename-undeclared"))
        #expect(result.changes.filter { $0.id == "stage-removed" }.map(\.stage) == ["sales_lead"])
        #expect(result.changes.filter { $0.id == "stage-added" }.map(\.stage) == ["discovery"])
    }

    @Test func alikeNamesAloneAreNotEnough() throws {
        // Names alike, but another owner, kind, entry rule, SLA, predecessor and exits.
        let moved = salesPlaybook
            .replacingFirst("  sales_lead:\n    name: Sales Lead\n    owner: sdr\n", with: "  sales_lead_review:\n    name: Sales Lead Review\n    kind: nurture\n    owner: marketing\n")
            .replacingFirst("entry: SDR accepted the lead after a first call\n    sla: { within: 2d, action: Discovery call held }\n",
                            with: "entry: Marketing reviewed the lead\n")
            .replacingFirst("to: sales_lead\n", with: "to: nurture\n")
            .replacingFirst("      - to: opportunity\n        when: SDR confirmed use case and timeline on a call\n", with: "")
            .replacingFirst("      - to: nurture\n        when: Prospect asked to revisit next quarter\n", with: "      - to: mql\n        when: Lead score reaches 80\n")
        let result = try diff(salesPlaybook, moved)
        #expect(!ids(result).contains("rename-undeclared"))
        #expect(ids(result).contains("stage-removed"))
    }

    @Test func anAcronymNameIsAlike() throws {
        let old = salesPlaybook.replacingFirst("    name: Sales Lead\n", with: "    name: SQL\n")
            .replacingFirst("entry: SDR accepted the lead after a first call", with: "entry: SDR accepted the lead")
        let new = salesPlaybook.replacingFirst("  sales_lead:\n    name: Sales Lead\n", with: "  sales_qualified:\n    name: Sales Qualified Lead\n")
            .replacingFirst("to: sales_lead\n", with: "to: sales_qualified\n")
        let result = try diff(old, new)
        let rename = result.changes.first { $0.id == "rename-undeclared" }
        #expect(rename?.oldStage == "sales_lead")
        #expect(rename?.message.contains("names 'SQL' → 'Sales Qualified Lead' alike") == true)
        #expect(rename?.message.contains("entry rule") == false)
    }

    @Test func pairsAreOneToOneAndBestFirst() throws {
        // Two removed stages could be the added `sql`: the one with the same name wins, although the
        // other comes first in the file, and the other is reported as removed.
        let old = salesPlaybook
            .replacingFirst("  sales_lead:\n", with: """
                  sales_lead_early:
                    name: Sales Lead Early
                    owner: sdr
                    entry: SDR accepted the lead after a first call
                    exits:
                      - to: opportunity
                        when: SDR confirmed use case and timeline on a call
                  sales_lead:

                """)
            .replacingFirst("  sales_lead:\n    name: Sales Lead\n", with: "  sales_lead:\n    name: Sales Qualified Lead\n")
        let result = try diff(old, salesPlaybookRenamed)
        #expect(result.changes.filter { $0.id == "rename-undeclared" }.map(\.oldStage) == ["sales_lead"])
        #expect(result.changes.filter { $0.id == "stage-removed" }.map(\.stage) == ["sales_lead_early"])
    }

    @Test func equalCandidatesGoToTheFirstRemovedStage() throws {
        // Two removed stages alike in every way to one added stage: the first in the old file is paired.
        let twin = "  twin_a:\n    name: Twin\n    owner: sdr\n    entry: SDR marked it\n    exits:\n      - to: opportunity\n        when: Deal created\n"
        let old = salesPlaybook.replacingFirst("  nurture:\n", with: twin + twin.replacingFirst("twin_a", with: "twin_b") + "  nurture:\n")
        let new = salesPlaybook.replacingFirst("  nurture:\n", with: twin.replacingFirst("twin_a", with: "twin_c") + "  nurture:\n")
        let result = try diff(old, new)
        #expect(result.changes.filter { $0.id == "rename-undeclared" }.map(\.oldStage) == ["twin_a"])
        #expect(result.changes.filter { $0.id == "stage-removed" }.map(\.stage) == ["twin_b"])
    }

    @Test func everyStageRenamedInABigPlaybookIsPaired() throws {
        // Names are unique, so each stage finds its twin among hundreds that share words and entry rules.
        var old = "playbook: Big\nteams:\n  sdr: { name: SDR, role: sales-development }\nstages:\n"
        var new = old
        let count = 600
        for index in 0..<count {
            let next = index + 1 < count ? "s\(index + 1)" : "won"
            let body = "    name: Stage \(index) reached\n    kind: \(index == 0 ? "entry" : "active")\n    owner: sdr\n"
                + "    entry: SDR confirmed the lead\n    exits:\n      - to: %@\n        when: SDR confirmed the next step\n"
            old += "  s\(index):\n" + body.replacingFirst("%@", with: next)
            new += "  t\(index):\n" + body.replacingFirst("%@", with: next.hasPrefix("s") ? "t\(index + 1)" : next)
        }
        let end = "  won:\n    name: Won\n    kind: won\n    entry: Deal created\n"
        let result = try diff(old + end, new + end)
        let renames = result.changes.filter { $0.id == "rename-undeclared" }
        #expect(renames.count == count)
        #expect(renames.allSatisfy { $0.stage == "t" + ($0.oldStage ?? "").dropFirst() })
        #expect(!ids(result).contains("stage-added"))
    }

    @Test func namesAlikeByWords() {
        func profile(_ name: String) -> StageLikeness.Profile {
            var stage = Stage(id: Located("x", at: .fileStart))
            stage.name = Located(name, at: .fileStart)
            return StageLikeness.Profile(stage, predecessors: [], exits: [])
        }
        #expect(StageLikeness.namesAlike(profile("Sales Lead"), profile("Sales Qualified Lead")))
        #expect(StageLikeness.namesAlike(profile("Nurture"), profile("Nurture later")))
        #expect(StageLikeness.namesAlike(profile("MQL"), profile("Marketing Qualified Lead")))
        #expect(!StageLikeness.namesAlike(profile("Marketing Qualified Lead"), profile("Sales Qualified Lead")))
        #expect(!StageLikeness.namesAlike(profile("Lead"), profile("Sales Qualified Lead")))
        #expect(!StageLikeness.namesAlike(profile("Sales Lead"), profile("Sales Demo")))
    }
}
