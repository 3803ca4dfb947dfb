import Foundation
import Testing
@testable import PlaybookKit

@Suite("Change log")
struct DiffTests {
    func diff(_ edit: (String) -> String) -> PlaybookDiff {
        let old = check(cleanPlaybook).playbook ?? Playbook()
        let new = check(edit(cleanPlaybook)).playbook ?? Playbook()
        return PlaybookDiff(old: old, new: new)
    }

    func ids(_ diff: PlaybookDiff) -> [String] { diff.changes.map(\.id) }

    @Test func identicalVersionsHaveNoChanges() {
        #expect(diff { $0 }.changes.isEmpty)
    }

    @Test func declaredRenameIsNotableWithAMigration() {
        let result = diff {
            $0.replacingFirst("  mql:\n", with: "  marketing_qualified:\n    renamed_from: mql\n")
                .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
        }
        #expect(ids(result) == ["stage-renamed"])
        #expect(result.changes.first?.severity == .notable)
        #expect(result.changes.first?.oldStage == "mql")
        #expect(result.migrations == [PlaybookDiff.Migration(from: "mql", to: "marketing_qualified")])
    }

    @Test func undeclaredRenameIsBreakingWithAdvice() {
        let result = diff {
            $0.replacingFirst("  mql:\n", with: "  marketing_qualified:\n")
                .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
                .replacingFirst("version: 3", with: "version: 4")
        }
        #expect(ids(result) == ["version-changed", "rename-undeclared"])
        let change = result.changes[1]
        #expect(change.severity == .breaking)
        #expect(change.message.contains("declare `renamed_from: mql` on 'marketing_qualified'"))
        #expect(result.migrations.isEmpty)
    }

    @Test func removalBreaksAndNamesWhatIsLost() {
        // Remove the nurture stage and the transitions into it.
        let result = diff {
            $0.replacingFirst("      - to: nurture\n        when: SDR rejected the lead as not buying this quarter\n", with: "")
                .replacingFirst("""
                  nurture:
                    name: Nurture
                    entry: SDR rejected the lead with a reason code
                    kind: nurture
                    owner: marketing
                    nurture: { cadence: every 2 weeks, content: case studies, follow_up: 90d }
                    exits:
                      - to: mql
                        when: Demo request form submitted again

                """, with: "")
        }
        #expect(ids(result).sorted() == ["stage-removed", "version-not-bumped"])
        #expect(result.count(.breaking) == 1)
        let message = result.changes.first { $0.id == "stage-removed" }?.message ?? ""
        #expect(message.contains("declare `renamed_from: nurture`"))
        // mql loses its exit to it: said once, in the removal, not again as a transition-removed.
        #expect(message.contains("and stage 'mql' loses its exit to it"))
        #expect(message.contains("or give 'mql' another way on"))
    }

    @Test func aStageGivenAnotherWayOnIsNotToldToFindOne() throws {
        // disqualified is removed; mql's exit to it now goes to a new stage, new_lead's exit is just gone.
        let result = diff {
            String($0[..<($0.range(of: "  disqualified:\n")?.lowerBound ?? $0.endIndex)])
                .replacingFirst("      - to: disqualified\n        when: SDR confirmed the company is outside the ICP",
                                with: "      - to: rejected\n        when: SDR confirmed the company is outside the ICP")
                + "  rejected:\n    name: Rejected\n    entry: SDR recorded a rejection reason\n    kind: disqualified\n"
                + "    reasons:\n      no_budget: Budget mismatch\n"
        }
        let message = try #require(result.changes.first { $0.id == "stage-removed" }?.message)
        #expect(message.contains("and stages 'new_lead' and 'mql' lose their exits to it"))
        #expect(message.hasSuffix("or give 'new_lead' another way on"), "\(message)")
    }

    @Test func removalNamesEveryStageThatLosesItsExit() {
        // Both stages that exit to disqualified keep going (the stage is the last in the file).
        let result = diff { String($0[..<($0.range(of: "  disqualified:\n")?.lowerBound ?? $0.endIndex)]) }
        let removal = result.changes.filter { $0.id == "stage-removed" }
        #expect(removal.count == 1)
        #expect(removal.first?.message.contains("and stages 'new_lead' and 'mql' lose their exits to it") == true)
        #expect(!ids(result).contains("transition-removed"))
    }

    @Test func insertionOwnerAndSLAChanges() {
        let result = diff {
            $0.replacingFirst("    owner: sdr\n", with: "    owner: marketing\n")
                .replacingFirst("within: 1d", with: "within: 4h")
                .replacingFirst("      - to: opportunity\n", with: "      - to: demo\n")
                .replacingFirst("  opportunity:\n", with: """
                  demo:
                    name: Demo Held
                    owner: sdr
                    entry: SDR held the demo with the buyer
                    exits:
                      - to: opportunity
                        when: Account executive created the deal
                      - to: disqualified
                        when: Buyer confirmed no budget
                  opportunity:

                """)
        }
        let found = Set(ids(result))
        #expect(found == ["owner-changed", "sla-changed", "transition-removed", "transition-added", "stage-added", "version-not-bumped"])
        #expect(result.changes.first { $0.id == "owner-changed" }?.old == "sdr")
        #expect(result.changes.first { $0.id == "sla-changed" }?.new == "within 4h: First call attempt")
    }

    @Test func flowConsequencesAreBreaking() {
        let result = diff {
            $0.replacingFirst("      - to: nurture\n        when: SDR rejected the lead as not buying this quarter\n", with: "")
                .replacingFirst("      - to: disqualified\n        when: SDR confirmed the company is outside the ICP\n", with: "")
        }
        let found = Set(ids(result))
        #expect(found.contains("lost-off-ramp"))
        #expect(found.contains("became-unreachable"))  // nothing leads to nurture any more
        #expect(result.changes.first { $0.id == "became-unreachable" }?.message.contains("'mql → nurture'") == true)
    }

    @Test func fieldsReasonsTeamsAndKinds() {
        let result = diff {
            $0.replacingFirst("required_fields: [use_case]", with: "required_fields: [use_case, budget]")
                .replacingFirst("  use_case: { type: text }\n", with: "  use_case: { type: text }\n  budget: { type: number }\n")
                .replacingFirst("      no_budget: Budget mismatch", with: "      wrong_fit: Outside the ICP")
                .replacingFirst("    kind: won", with: "    kind: active")
        }
        let found = Set(ids(result))
        #expect(found.isSuperset(of: ["required-field-added", "field-added", "reason-removed", "reason-added", "kind-changed"]))
        #expect(result.changes.first { $0.id == "required-field-added" }?.severity == .breaking)
    }

    @Test func mergeAndRemovalWithDestination() {
        let result = diff {
            $0.replacingFirst("    kind: nurture\n", with: "    kind: nurture\n    renamed_from: [mql]\n")
                .replacingFirst("  mql:\n", with: "  mql_old:\n")
        }
        // `mql` is gone and declared as moving into the existing `nurture` stage.
        #expect(result.migrations.contains(PlaybookDiff.Migration(from: "mql", to: "nurture")))
        #expect(result.changes.first { $0.id == "stage-renamed" }?.message.contains("removed and its leads move to the existing stage 'nurture'") == true)
    }

    @Test func declaredIdMissingFromOldIsAnError() {
        let result = diff { $0.replacingFirst("  mql:\n", with: "  mql2:\n    renamed_from: mqll\n") }
        #expect(result.errors.map(\.declared) == ["mqll"])
        // On a stage that already existed, an old renamed_from is history, not an error.
        let history = diff { $0.replacingFirst("  mql:\n", with: "  mql:\n    renamed_from: lead_mql\n") }
        #expect(history.errors.isEmpty)
    }

    @Test func versionBumps() {
        #expect(VersionNumber.isMajorBump(from: "3", to: "4"))
        #expect(!VersionNumber.isMajorBump(from: "3", to: "3"))
        #expect(VersionNumber.isMajorBump(from: "2.1.0", to: "3.0.0"))
        #expect(!VersionNumber.isMajorBump(from: "2.1.0", to: "2.2.0"))
        #expect(VersionNumber.isMajorBump(from: "v1.9", to: "v2.0"))
        #expect(VersionNumber.isMajorBump(from: nil, to: "1"))
        #expect(!VersionNumber.isMajorBump(from: "1", to: nil))
    }

    @Test func jsonHasTheSpecifiedShape() throws {
        let result = diff {
            $0.replacingFirst("  mql:\n", with: "  marketing_qualified:\n    renamed_from: mql\n")
                .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
        }
        let text = ChangeLogRenderer.json(result, oldName: "a.yaml", newName: "b.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["from", "to", "changes", "summary", "migrations"])
        let change = try #require((object["changes"] as? [[String: Any]])?.first)
        for key in ["id", "severity", "stage", "old", "new", "message"] { #expect(change[key] != nil, "\(key)") }
        #expect((object["summary"] as? [String: Int]) == ["breaking": 0, "notable": 1, "info": 0])
        #expect((object["migrations"] as? [[String: String]]) == [["from": "mql", "to": "marketing_qualified"]])
    }

    @Test func markdownForPeople() {
        let result = diff {
            $0.replacingFirst("    owner: sdr\n", with: "    owner: marketing\n").replacingFirst("within: 1d", with: "within: 4h")
                .replacingFirst("  mql:\n", with: "  marketing_qualified:\n    renamed_from: mql\n")
                .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
        }
        let text = ChangeLogRenderer.markdown(result, oldName: "a.yaml", newName: "b.yaml")
        #expect(text.contains("## Notable changes"))
        #expect(text.contains("## What changes for each team"))
        #expect(text.contains("- **Marketing**\n  - now owns stage 'marketing_qualified'"))
        #expect(text.contains("| `mql` | `marketing_qualified` |"))
        #expect(text.contains("```mermaid\nflowchart TD"))
        #expect(text.contains("class st_marketing_qualified added"))
    }
}

@Suite("Change log reference")
struct ChangeCatalogTests {
    @Test func everyChangeKindIsDocumentedWithItsSeverityAndMeaning() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/changelog.md"), encoding: .utf8)
        for kind in ChangeKind.allCases {
            #expect(doc.contains("| `\(kind.rawValue)` | \(kind.severity.rawValue) | \(kind.meaning) |"),
                    "\(kind.rawValue) is missing from docs/changelog.md or says something else there")
        }
        let table = doc.components(separatedBy: "## Change ids").last ?? ""
        let documented = table.split(separator: "\n").filter { $0.hasPrefix("| `") }.count
        #expect(documented == ChangeKind.allCases.count, "docs/changelog.md lists a change id the differ does not have")
    }
}
