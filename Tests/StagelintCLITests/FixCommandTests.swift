import Foundation
import Testing

/// `stagelint check --fix`, `--unsafe-fixes` and `--diff` on files, as users run them.
@Suite("check --fix", .serialized)
struct FixCommandTests {
    static let playbook = """
        playbook: Inbound   # the website funnel
        teams:
          sdr: { name: Sales Development, role: sales-development }
        stages:
          new_lead:
            name: New Lead
            kind: entry
            owner: sdr
            exit:
              - to: sq
                when: SDR confirmed budget on a call
              - { to: lost, when: Email domain is on the competitor list }
          sql:
            name: Sales Qualified Lead
            owner: sdr
            entry: SDR confirmed budget on a call
            sla: { within: 1 day, action: First call }
            exits:
              - { to: won, when: Deal created in the CRM }
              - { to: lost, when: SDR recorded a disqualification reason }
          won: { name: Won, kind: won, entry: Deal created in the CRM }
          lost: { name: Lost, kind: disqualified, entry: SDR recorded a disqualification reason, reasons: { no_fit: No fit } }

        """

    func folder(_ text: String = playbook, config: String? = nil) throws -> URL {
        var files = ["p.yaml": Array(text.utf8)]
        if let config { files[".stagelint.yml"] = Array(config.utf8) }
        return try temporaryFolder(files)
    }

    func read(_ folder: URL, _ name: String = "p.yaml") throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func fixAppliesTheSafeFixesInPlaceAndReportsWhatRemains() throws {
        let folder = try folder()
        let path = folder.appendingPathComponent("p.yaml").path
        _ = chmod(path, 0o640)
        let result = try CLI.run(["check", "--fix", "--color", "never", "p.yaml"], in: folder)
        let fixed = Self.playbook.replacingOccurrences(of: "    exit:\n", with: "    exits:\n")
            .replacingOccurrences(of: "within: 1 day", with: "within: 1d")
        #expect(try read(folder) == fixed)
        #expect(result.stderr == "stagelint: fixed 2 findings in 1 file; 2 findings remain\n")
        #expect(result.stdout.contains("p.yaml:10:13: error: transition goes to undefined stage 'sq'; did you mean 'sql'? [undefined-stage, unsafe fix]"))
        #expect(result.stdout.hasSuffix("1 fixable with --unsafe-fixes (guesses: review the diff with --unsafe-fixes --diff)\n"))
        #expect(result.status == 1)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640, "the file's permissions changed")
        // Nothing left to fix safely: a second run changes nothing.
        let again = try CLI.run(["check", "--fix", "p.yaml"], in: folder)
        #expect(again.stderr == "stagelint: fixed 0 findings in 0 files; 2 findings remain\n")
        #expect(try read(folder) == fixed)
    }

    @Test func unsafeFixesApplyTheGuessesToo() throws {
        let folder = try folder()
        let result = try CLI.run(["check", "--unsafe-fixes", "p.yaml"], in: folder)
        #expect(try read(folder).contains("      - to: sql\n"))
        #expect(result.stderr == "stagelint: fixed 3 findings in 1 file; 1 finding remains\n")
    }

    @Test func diffPrintsTheFixesAndWritesNothing() throws {
        let folder = try folder()
        let result = try CLI.run(["check", "--fix", "--diff", "p.yaml"], in: folder)
        #expect(try read(folder) == Self.playbook)
        #expect(result.status == 1)
        #expect(result.stdout == """
            --- a/p.yaml
            +++ b/p.yaml
            @@ -6,7 +6,7 @@
                 name: New Lead
                 kind: entry
                 owner: sdr
            -    exit:
            +    exits:
                   - to: sq
                     when: SDR confirmed budget on a call
                   - { to: lost, when: Email domain is on the competitor list }
            @@ -14,7 +14,7 @@
                 name: Sales Qualified Lead
                 owner: sdr
                 entry: SDR confirmed budget on a call
            -    sla: { within: 1 day, action: First call }
            +    sla: { within: 1d, action: First call }
                 exits:
                   - { to: won, when: Deal created in the CRM }
                   - { to: lost, when: SDR recorded a disqualification reason }

            """)
        #expect(result.stderr == "stagelint: would fix 2 findings in 1 file\n")
        let clean = try self.folder(Self.playbook.replacingOccurrences(of: "exit:", with: "exits:").replacingOccurrences(of: "1 day", with: "1d"))
        let none = try CLI.run(["check", "--fix", "--diff", "p.yaml"], in: clean)
        #expect(none.status == 0 && none.stdout.isEmpty)
    }

    @Test func configurationSuppressionsAndBaselinesAreRespected() throws {
        // A rule switched off is not fixed; nor is a finding suppressed on its line.
        let off = try folder(config: "rules:\n  unknown-key: off\n")
        _ = try CLI.run(["check", "--fix", "p.yaml"], in: off)
        #expect(try read(off).contains("    exit:\n") && read(off).contains("within: 1d"))
        let suppressed = try folder(Self.playbook.replacingOccurrences(of: "    exit:\n", with: "    exit:  # stagelint-disable-line unknown-key\n"))
        _ = try CLI.run(["check", "--fix", "p.yaml"], in: suppressed)
        #expect(try read(suppressed).contains("    exit:  # stagelint-disable-line unknown-key\n"))
        // An ignored file is not touched.
        let ignored = try folder(config: "ignore: [p.yaml]\n")
        _ = try CLI.run(["check", "--fix", "."], in: ignored)
        #expect(try read(ignored) == Self.playbook)
        // A finding the baseline accepts is not fixed.
        let accepted = try folder()
        _ = try CLI.run(["check", "p.yaml", "--write-baseline", "baseline.json"], in: accepted)
        let result = try CLI.run(["check", "--fix", "--baseline", "baseline.json", "p.yaml"], in: accepted)
        #expect(try read(accepted) == Self.playbook)
        #expect(result.status == 0)
        #expect(result.stderr.contains("stagelint: fixed 0 findings in 0 files; 0 findings remain"))
    }

    @Test func aFileThatDoesNotParseIsLeftAlone() throws {
        let broken = Self.playbook + "  bad: [\n"
        let folder = try folder(broken)
        let result = try CLI.run(["check", "--unsafe-fixes", "p.yaml"], in: folder)
        #expect(try read(folder) == broken)
        #expect(result.stdout.contains("[yaml-syntax]"))
        #expect(result.status == 1)
    }

    @Test func fixAndWriteBaselineDoNotGoTogether() throws {
        let folder = try folder()
        let result = try CLI.run(["check", "--fix", "--write-baseline", "b.json", "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--fix and --write-baseline do not go together"))
        #expect(try read(folder) == Self.playbook)
    }
}

extension FixCommandTests {
    @Test func aFileNamedTwiceThroughALinkIsFixedOnce() throws {
        let folder = try folder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.yaml").path, withDestinationPath: "p.yaml")
        for _ in 0..<5 {
            let result = try CLI.run(["check", "--fix", "p.yaml", "link.yaml"], in: folder)
            #expect(result.status == 1)
        }
        #expect(try read(folder).contains("    exits:\n"))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link.yaml").path)
        #expect(link == "p.yaml", "the link was replaced by a file")
    }

    @Test func aReadOnlyFileIsNotRewritten() throws {
        let folder = try folder()
        let path = folder.appendingPathComponent("p.yaml").path
        _ = chmod(path, 0o444)
        let result = try CLI.run(["check", "--fix", "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("stagelint: cannot write 'p.yaml': the file is read-only; its fixes were not applied"))
        #expect(result.stdout.contains("[unknown-key, fixable]"), "the findings are still reported")
        _ = chmod(path, 0o644)
        #expect(try read(folder) == Self.playbook)
    }
}
