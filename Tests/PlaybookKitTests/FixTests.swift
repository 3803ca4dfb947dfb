import Foundation
import Testing
@testable import PlaybookKit
import YAMLReader

/// The rules' corrections are run like their examples: each `before` has a finding of the rule with
/// a fix of the stated safety, and applying the rule's fixes gives exactly `after`.
@Suite("Fixes")
struct FixTests {
    static let fixingRules = RuleCatalog.all.filter { !$0.corrections.isEmpty }

    /// `bytes`' findings of one rule, as the fixer sees them.
    static func fix(_ text: String, rule: String, unsafe: Bool) -> Fixer.Outcome {
        Fixer.fix(Array(text.utf8), unsafe: unsafe) { bytes in
            let report = Linter().check(file: "p.yaml", bytes: bytes)
            return FileReport(file: report.file, diagnostics: report.diagnostics.filter { $0.rule == rule },
                              playbook: report.playbook, source: report.source)
        }
    }

    @Test("corrections give what they show", arguments: fixingRules)
    func corrections(rule: RuleDescription) {
        for correction in rule.corrections {
            let found = findings(correction.before, rule: rule.id)
            #expect(found.contains { $0.fix?.safety == (correction.isUnsafe ? .unsafe : .safe) },
                    "\(rule.id): no \(correction.isUnsafe ? "unsafe" : "safe") fix in\n\(correction.before)")
            let fixed = Self.fix(correction.before, rule: rule.id, unsafe: correction.isUnsafe)
            #expect(String(decoding: fixed.fixed, as: UTF8.self) == correction.after + "\n" || String(decoding: fixed.fixed, as: UTF8.self) == correction.after,
                    "\(rule.id):\n\(String(decoding: fixed.fixed, as: UTF8.self))")
            #expect(findings(correction.after, rule: rule.id).isEmpty, "\(rule.id) still reports on the corrected playbook")
            if correction.isUnsafe {
                #expect(!Self.fix(correction.before, rule: rule.id, unsafe: false).changed, "\(rule.id): --fix applied a guess")
            }
        }
    }

    @Test func theRulesWithFixesAreTheOnesTheIssueAsksFor() {
        #expect(Set(Self.fixingRules.map(\.id)) == [
            "unknown-key", "invalid-value", "unused-suppression", "undefined-stage", "undefined-team", "undefined-field",
        ])
    }
}

extension FixTests {
    /// A messy file: comments everywhere, CR LF line ends, a BOM, anchors, quoting and a flow mapping.
    static let messy = "\u{FEFF}# Inbound funnel (owned by RevOps)\r\nplaybook: \"Inbound\"   # title\r\n"
        + "x-defaults:\r\n  sla: &fast { within: 4h, action: Call }\r\n"
        + "teams:\r\n  sdr: { name: Sales Development, role: sales-development }  # the SDR pod\r\n"
        + "stages:\r\n  # where leads start\r\n  new_lead:\r\n    name: New Lead\r\n    kind: entry\r\n    owner: sdr\r\n"
        + "    exit:            # typo: fixed\r\n      - to: sq         # a guess: left alone by --fix\r\n"
        + "        when: 'SDR confirmed budget on a call'\r\n"
        + "  sql:\r\n    name: Sales Qualified Lead\r\n    owner: sdr\r\n    entry: SDR confirmed budget on a call\r\n"
        + "    sla: *fast\r\n    exits:\r\n      - { to: won, when: Deal created in the CRM, action: Hand over, book the meeting }\r\n"
        + "  nurture:\r\n    name: Nurture\r\n    kind: nurture\r\n    owner: sdr\r\n    entry: SDR rejected the lead with a reason code\r\n"
        + "    nurture: { cadence: monthly, content: case studies, follow_up: \"3 months\" }\r\n"
        + "    exits: [{ to: sql, when: Demo request form submitted }]   # stagelint-disable-line dead-end-stage\r\n"
        + "  won: { name: Won, kind: won, entry: Deal created in the CRM }\r\n"

    @Test func fixingAMessyFileChangesOnlyTheEditedSpans() throws {
        let original = Array(Self.messy.utf8)
        let outcome = Fixer.fix(original, unsafe: false) { Linter().check(file: "p.yaml", bytes: $0) }
        let text = String(decoding: outcome.fixed, as: UTF8.self)
        let expected = Self.messy
            .replacingOccurrences(of: "    exit:            # typo", with: "    exits:            # typo")
            .replacingOccurrences(of: "action: Hand over, book the meeting }", with: "action: \"Hand over, book the meeting\" }")
            .replacingOccurrences(of: "   # stagelint-disable-line dead-end-stage", with: "")
        #expect(text == expected)
        #expect(outcome.applied.map(\.rule).sorted() == ["unknown-key", "unknown-key", "unused-suppression"])
        // What is left: the guess (`sq`) and the approximate duration, both unsafe.
        let left = outcome.report.diagnostics.filter { $0.fix != nil }
        #expect(left.map(\.rule).sorted() == ["invalid-value", "undefined-stage"])
        #expect(left.allSatisfy { $0.fix?.safety == .unsafe })
        // Fixing again changes nothing.
        let again = Fixer.fix(outcome.fixed, unsafe: false) { Linter().check(file: "p.yaml", bytes: $0) }
        #expect(!again.changed)
        // With the guesses, and still every CR LF and the BOM in place.
        let unsafe = Fixer.fix(original, unsafe: true) { Linter().check(file: "p.yaml", bytes: $0) }
        let all = String(decoding: unsafe.fixed, as: UTF8.self)
        #expect(all == expected.replacingOccurrences(of: "- to: sq ", with: "- to: sql ")
            .replacingOccurrences(of: "follow_up: \"3 months\"", with: "follow_up: 13w"))
        #expect(unsafe.fixed.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(all.components(separatedBy: "\r\n").count == Self.messy.components(separatedBy: "\r\n").count)
    }

    @Test func aFileWithASyntaxErrorIsNeverChanged() {
        let broken = "playbook: x\nstages:\n  a:\n    exit: [ { to: b, when: x }\n"
        let outcome = Fixer.fix(Array(broken.utf8), unsafe: true) { Linter().check(file: "p.yaml", bytes: $0) }
        #expect(!outcome.changed)
        #expect(outcome.applied.isEmpty)
    }

    @Test func overlappingFixesWaitForTheNextRound() {
        func fix(_ start: Int, _ end: Int, _ text: String) -> Fix {
            var edit = TextEdit(.fileStart, text)
            edit.offset = start
            edit.endOffset = end
            return Fix(.safe, text, edits: [edit])
        }
        let bytes = Array("abcdef".utf8)
        let (result, applied) = Fixer.apply([fix(1, 3, "X"), fix(2, 4, "Y"), fix(4, 4, "Z"), fix(4, 5, "W"), fix(5, 6, "V")], to: bytes)
        #expect(String(decoding: result, as: UTF8.self) == "aXdZeV")
        #expect(applied == [0, 2, 4])
    }
}

/// Cases found by trying `--fix` on messy, real-looking files.
extension FixTests {
    static func fixed(_ text: String, unsafe: Bool = true) -> String {
        String(decoding: Fixer.fix(Array(text.utf8), unsafe: unsafe) { Linter().check(file: "p.yaml", bytes: $0) }.fixed, as: UTF8.self)
    }

    @Test func aBlockScalarIsNotReplacedWithItsLineBreaksAndTheOtherFixesStillApply() {
        let text = "playbook: x\nstages:\n  a:\n    name: A\n    kind: entry\n    sla:\n      within: >\n        2 days\n"
            + "      action: Call\n    exit:\n      - { to: b, when: Deal created }\n  b: { name: B, kind: won }\n"
        #expect(Self.fixed(text) == text.replacingOccurrences(of: "    exit:", with: "    exits:"))
    }

    @Test func aRenameThatWouldDropAnAnchorOrTagIsNotOffered() {
        let anchored = "playbook: x\nteams:\n  Inside Sales: { name: Inside sales, role: sales }\nx-owner: &own Inside Sales\n"
            + "stages:\n  a: { name: A, kind: entry, owner: *own, exits: [{ to: b, when: Deal created }] }\n  b: { name: B, kind: won }\n"
        #expect(Self.fixed(anchored) == anchored)
        let tagged = "playbook: x\nstages:\n  a: { name: A, kind: entry, exits: [{ to: !!str Bee Stage, when: Deal created }] }\n"
            + "  Bee Stage: { name: B, kind: won }\n"
        #expect(Self.fixed(tagged) == tagged)
    }

    @Test func aFieldRenameFollowsItsRequiredFields() {
        let text = "playbook: x\nfields:\n  Budget Amount: { type: number }\nstages:\n  a:\n    name: A\n    kind: entry\n"
            + "    required_fields: [Budget Amount]\n    exits: [{ to: b, when: Deal created }]\n  b: { name: B, kind: won }\n"
        #expect(Self.fixed(text) == text.replacingOccurrences(of: "Budget Amount", with: "budget_amount"))
        // Before the fix, the field is not unused: a stage requires it, by its malformed id.
        #expect(findings(text, rule: "unused-field").isEmpty)
        #expect(findings(text, rule: "undefined-field").isEmpty)
    }

    @Test func aFileThatDoesNotParseHasNoFixableFinding() {
        let text = "playbook: x\nstages:\n  a: { name: A, kind: entry, exit: [] }\n---\nsecond: document\n"
        let report = Linter().check(file: "p.yaml", bytes: Array(text.utf8))
        #expect(report.diagnostics.contains { $0.rule == "yaml-syntax" })
        #expect(report.diagnostics.allSatisfy { $0.fix == nil })
    }

    @Test func aFixThatWouldBreakTheFileIsLeftOutAndTheOthersApply() {
        let text = "playbook: x\nstages:\n  a:\n    name: A\n    kind: entry\n    exit:\n      - { to: b, when: Deal created }\n  b: { name: B, kind: won }\n"
        var harmful = TextEdit(SourceSpan(at: SourcePosition(line: 1, column: 11)), "[")
        harmful.offset = 10
        harmful.endOffset = 10
        let outcome = Fixer.fix(Array(text.utf8), unsafe: false) { bytes in
            let report = Linter().check(file: "p.yaml", bytes: bytes)
            let bad = Diagnostic(file: "p.yaml", span: .fileStart, severity: .info, rule: "test", message: "harmful",
                                 fix: Fix(.safe, "open a bracket", edits: [harmful]))
            return FileReport(file: "p.yaml", diagnostics: report.diagnostics + [bad], playbook: nil, source: report.source)
        }
        #expect(String(decoding: outcome.fixed, as: UTF8.self) == text.replacingOccurrences(of: "    exit:", with: "    exits:"))
        #expect(outcome.rejected >= 1)
    }

    @Test func theDiffMarksALastLineWithoutALineBreak() {
        #expect(UnifiedDiff.diff(old: "a\nb", new: "a\nB", oldName: "x", newName: "y")
            == "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n")
        #expect(UnifiedDiff.diff(old: "a\nb", new: "a\nb\n", oldName: "x", newName: "y")
            == "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }
}
