import Foundation
import Testing
@testable import PlaybookKit

/// Every change kind, produced by a real diff, carries the severity users rely on in the JSON the
/// differ prints (`--fail-on breaking` depends on it). The table is written out here on purpose:
/// changing a severity in the code must fail this test.
@Suite("Change severities on the differ's output")
struct ChangeSeverityTests {
    static let expected: [String: String] = [
        "stage-removed": "breaking", "rename-undeclared": "breaking", "kind-changed": "breaking",
        "transition-removed": "breaking", "required-field-added": "breaking", "reason-removed": "breaking",
        "team-removed": "breaking", "became-unreachable": "breaking", "became-dead-end": "breaking",
        "lost-off-ramp": "breaking",
        "stage-added": "notable", "stage-renamed": "notable", "name-changed": "notable", "owner-changed": "notable",
        "entry-changed": "notable", "exit-changed": "notable", "transition-added": "notable", "sla-changed": "notable",
        "probability-changed": "notable", "required-field-removed": "notable", "reason-added": "notable",
        "routing-changed": "notable", "nurture-changed": "notable", "version-not-bumped": "notable",
        "description-changed": "info", "reason-changed": "info", "version-changed": "info", "playbook-changed": "info",
        "playbook-added": "info", "team-added": "info", "team-changed": "info", "field-added": "info", "field-removed": "info",
        "crm-changed": "notable",
    ]

    /// Pairs of versions, each edited from the clean playbook, that between them make every kind of change.
    static let edits: [(name: String, old: String, new: String)] = [
        ("playbook metadata, teams and fields", cleanPlaybook, cleanPlaybook
            .replacingFirst("playbook: Demo-led SaaS inbound", with: "playbook: Demo-led SaaS inbound, EMEA")
            .replacingFirst("version: 3\n", with: "version: 4\ndescription: Inbound leads from the website\n")
            .replacingFirst("  sdr: { name: Sales Development,", with: "  sdr: { name: SDR team,")
            .replacingFirst("teams:\n", with: "teams:\n  ae: { name: Account Executives, role: sales }\n")
            .replacingFirst("fields:\n", with: "fields:\n  budget: { type: number }\n")),
        ("a team and a field removed", cleanPlaybook
            .replacingFirst("teams:\n", with: "teams:\n  ops: { name: Revenue Operations, role: operations }\n")
            .replacingFirst("fields:\n", with: "fields:\n  region: { type: text }\n"), cleanPlaybook),
        ("one stage's definition", cleanPlaybook
            .replacingFirst("      no_budget: Budget mismatch", with: "      no_budget: Budget mismatch\n      spam: Spam sign-up"),
         cleanPlaybook
            .replacingFirst("fields:\n", with: "fields:\n  budget: { type: number }\n")
            .replacingFirst("    name: Marketing Qualified Lead\n    owner: sdr\n    entry: Lead score of 60 or more\n",
                            with: "    name: Marketing Qualified\n    owner: marketing\n    entry: Lead score of 70 or more\n"
                                + "    description: Leads sales development works\n    probability: 20\n    routing: By region\n")
            .replacingFirst("required_fields: [use_case]", with: "required_fields: [budget]")
            .replacingFirst("within: 1d", with: "within: 4h")
            .replacingFirst("when: SDR confirmed use case and timeline on a call", with: "when: SDR confirmed budget on a call")
            .replacingFirst("cadence: every 2 weeks", with: "cadence: every month")
            .replacingFirst("      no_budget: Budget mismatch", with: "      no_budget: No budget this year\n      competitor: Chose a competitor")
            .replacingFirst("    kind: won", with: "    kind: active")),
        ("CRM values", cleanPlaybook, cleanPlaybook
            .replacingFirst("    name: Nurture\n", with: "    name: Nurture\n    crm: { hubspot: nurturing }\n")),
        ("transitions and the flow", cleanPlaybook, cleanPlaybook
            .replacingFirst("      - to: nurture\n        when: SDR rejected the lead as not buying this quarter\n", with: "")
            .replacingFirst("      - to: disqualified\n        when: SDR confirmed the company is outside the ICP\n", with: "")
            .replacingFirst("      - to: disqualified\n        when: Email domain is on the competitor list\n",
                            with: "      - to: opportunity\n        when: Demo request form submitted by a customer\n")),
        ("stages renamed, removed and added", cleanPlaybook, cleanPlaybook
            .replacingFirst("  mql:\n", with: "  marketing_qualified:\n    renamed_from: mql\n")
            .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
            .replacingFirst("  opportunity:\n", with: "  deal_created:\n")
            .replacingOccurrences(of: "to: opportunity\n", with: "to: deal_created\n")
            .replacingFirst("""
                  disqualified:
                    name: Disqualified
                    entry: SDR recorded a disqualification reason
                """, with: """
                  closed_lost:
                    name: Closed Lost
                    entry: AE recorded why the deal was lost
                """)),
    ]

    /// The severities in the JSON the differ prints, by change id.
    func severities(_ diff: PlaybookDiff) throws -> [(id: String, severity: String)] {
        let text = ChangeLogRenderer.json(diff, oldName: "old.yaml", newName: "new.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        return changes.map { ($0["id"] as? String ?? "?", $0["severity"] as? String ?? "?") }
    }

    @Test func everyKindIsMadeByARealDiffWithTheExpectedSeverity() throws {
        #expect(Set(Self.expected.keys) == Set(ChangeKind.allCases.map(\.rawValue)), "the table above misses a change kind")
        var made = Set<String>()
        for edit in Self.edits {
            let old = try #require(check(edit.old).playbook, "\(edit.name)")
            let new = try #require(check(edit.new).playbook, "\(edit.name)")
            for change in try severities(PlaybookDiff(old: old, new: new)) {
                #expect(change.severity == Self.expected[change.id], "\(change.id) in '\(edit.name)'")
                made.insert(change.id)
            }
        }
        let added = try #require(check(cleanPlaybook).playbook)
        for change in try severities(PlaybookDiff(old: Playbook(), new: added, oldExists: false)) {
            #expect(change.severity == Self.expected[change.id], "\(change.id)")
            made.insert(change.id)
        }
        let undeclared = try #require(check(salesPlaybook).playbook)
        let renamed = try #require(check(salesPlaybookRenamed).playbook)
        for change in try severities(PlaybookDiff(old: undeclared, new: renamed)) {
            #expect(change.severity == Self.expected[change.id], "\(change.id)")
            made.insert(change.id)
        }
        #expect(made == Set(Self.expected.keys), "not made by any diff: \(Set(Self.expected.keys).subtracting(made).sorted())")
    }

    @Test func textOutputAndSummaryCarryTheSeverity() throws {
        let old = try #require(check(salesPlaybook).playbook)
        let new = try #require(check(salesPlaybookRenamed).playbook)
        let diff = PlaybookDiff(old: old, new: new)
        let text = ChangeLogRenderer.text(diff, oldName: "old.yaml", newName: "new.yaml")
        for change in diff.changes {
            #expect(text.contains(": \(Self.expected[change.id] ?? "?"): \(change.message) [\(change.id)]"))
        }
        #expect(diff.count(.breaking) == diff.changes.filter { Self.expected[$0.id] == "breaking" }.count)
    }
}
