import Foundation
import Testing

/// House rules through the command line, as a team uses them: `check`, `rules`, `rules --test`,
/// `explain`, `schema --config`, overrides per folder and shared files from the cache.
@Suite("House rules on the command line")
struct HouseRuleCommandTests {
    static let playbook = """
        playbook: Inbound
        teams:
          sdr: { name: Sales Development, role: sales-development }
          ae: { name: Account Executives, role: sales }
        stages:
          mql:
            name: Marketing Qualified Lead
            kind: entry
            owner: sdr
            sla: { within: 1d, action: First call attempt }
            exits:
              - { to: sql, when: SDR confirmed budget and timeline on a call }
              - { to: lost, when: SDR recorded a disqualification reason }
          sql:
            name: Sales qualified lead
            owner: ae
            entry: SDR confirmed budget and timeline on a call
            sla: { within: 4h, action: Discovery call booked }
            exits:
              - { to: won, when: Deal created in the CRM }
              - { to: lost, when: AE recorded a disqualification reason }
          won: { name: Won, kind: won, entry: Deal created in the CRM }
          lost: { name: Lost, kind: disqualified, entry: SDR recorded a disqualification reason, reasons: { no_fit: No fit } }

        """

    static let config = """
        custom-rules:
          sdr-answers-fast:
            summary: Stages owned by sales development answer within 4h.
            rationale: Speed to lead.
            given: stages
            where: { owner.role: sales-development }
            then: { sla.within: { max: 4h } }
            message: "stage '{id}' answers within {sla.within}; sales development answers within 4h"
            examples:
              triggering:
                - |
                  playbook: P
                  teams: { sdr: { name: SDR, role: sales-development } }
                  stages:
                    a:
                      name: A
                      kind: entry
                      owner: sdr
                      sla: { within: 2d }  # <-
                      exits: [{ to: b, when: Deal created }]
                    b: { name: B, kind: won }
              passing:
                - |
                  playbook: P
                  teams: { sdr: { name: SDR, role: sales-development } }
                  stages:
                    a:
                      name: A
                      kind: entry
                      owner: sdr
                      sla: { within: 4h }
                      exits: [{ to: b, when: Deal created }]
                    b: { name: B, kind: won }
          names-title-case:
            summary: Stage names are Title Case.
            severity: info
            given: stages
            then: { name: { casing: title } }

        """

    @Test func checkReportsHouseRulesAtTheValueInEveryFormat() throws {
        let folder = try temporaryFolder(["p.yaml": Array(Self.playbook.utf8), ".stagelint.yml": Array(Self.config.utf8)])
        let text = try CLI.run(["check", "--color", "never", "p.yaml"], in: folder)
        #expect(text.status == 0, "warnings and infos do not fail the run: \(text.stdout)")
        #expect(text.stdout.contains("p.yaml:10:20: warning: stage 'mql' answers within 1d; sales development answers within 4h [sdr-answers-fast]"), "\(text.stdout)")
        #expect(text.stdout.contains("p.yaml:15:11: info: Stage names are Title Case. [names-title-case]"), "\(text.stdout)")
        let github = try CLI.run(["check", "--format", "github", "p.yaml"], in: folder)
        #expect(github.stdout.contains("::warning file=p.yaml,line=10,col=20,endLine=10,endColumn=22,title=stagelint sdr-answers-fast::"), "\(github.stdout)")
        let failing = try CLI.run(["check", "--fail-on", "warning", "p.yaml"], in: folder)
        #expect(failing.status == 1)
    }

    @Test func rulesListsAndExplainsHouseRulesAndTestRunsTheirExamples() throws {
        let folder = try temporaryFolder(["p.yaml": Array(Self.playbook.utf8), ".stagelint.yml": Array(Self.config.utf8)])
        let rules = try CLI.run(["rules"], in: folder)
        #expect(rules.status == 0)
        let listed = rules.stdout.components(separatedBy: "House rules:\n").last?.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(listed == ["sdr-answers-fast warning Stages owned by sales development answer within 4h. (house rule, .stagelint.yml)",
                           "names-title-case info Stage names are Title Case. (house rule, .stagelint.yml)"], "\(rules.stdout)")
        let explain = try CLI.run(["explain", "sdr-answers-fast"], in: folder)
        #expect(explain.stdout.hasPrefix("sdr-answers-fast (house rule from .stagelint.yml, default severity: warning)"), "\(explain.stdout)")
        #expect(explain.stdout.contains("sla: { within: 2d }  # <-"))
        // The rule as written, from its id to the next rule, and no further.
        let names = try CLI.run(["explain", "names-title-case"], in: folder)
        #expect(names.stdout.contains("""
            As written in .stagelint.yml:

                names-title-case:
                  summary: Stage names are Title Case.
                  severity: info
                  given: stages
                  then: { name: { casing: title } }

            To change
            """), "\(names.stdout)")
        #expect(explain.stdout.contains("As written in .stagelint.yml:\n\n    sdr-answers-fast:\n") && !explain.stdout.contains("    names-title-case:"),
                "\(explain.stdout)")
        let typo = try CLI.run(["explain", "sdr-answer-fast"], in: folder)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'sdr-answers-fast'?"), "\(typo.stderr)")
        let passing = try CLI.run(["rules", "--test"], in: folder)
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(passing.stdout == """
            ok    sdr-answers-fast (.stagelint.yml:2:3): 2 examples
            ok    names-title-case (.stagelint.yml:34:3): 0 examples
            no examples: names-title-case (add `examples` so the rule is tested)
            2 house rules: 2 passed, 0 failed

            """, "\(passing.stdout)")
        // An example that does not behave fails the run, naming the example and its line.
        let broken = Self.config.replacingOccurrences(of: "sla: { within: 4h }", with: "sla: { within: 5h }")
        try Data(broken.utf8).write(to: folder.appendingPathComponent(".stagelint.yml"))
        let failing = try CLI.run(["rules", "--test"], in: folder)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("""
            FAIL  sdr-answers-fast (.stagelint.yml:2:3):
              passing example 1, line 8 (.stagelint.yml:31): the rule reported here, but the line is not marked `# <-`: stage 'a' answers within 5h; sales development answers within 4h
                8 |     sla: { within: 5h }
            """), "\(failing.stdout)")
        #expect(failing.stdout.hasSuffix("2 house rules: 1 passed, 1 failed\n"))
    }

    @Test func aBrokenRuleStopsTheRunWithItsPlace() throws {
        let broken = Self.config.replacingOccurrences(of: "where: { owner.role: sales-development }", with: "where: { owner.rol: sales-development }")
        let folder = try temporaryFolder(["p.yaml": Array(Self.playbook.utf8), ".stagelint.yml": Array(broken.utf8)])
        for arguments in [["check", "p.yaml"], ["rules"], ["rules", "--test"]] {
            let result = try CLI.run(arguments, in: folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("invalid config .stagelint.yml:6:14: unknown path 'owner.rol': 'owner' has no key 'rol'; did you mean 'owner.role'?"),
                    "\(result.stderr)")
        }
    }

    @Test func overridesTuneHouseRulesPerFolder() throws {
        let config = Self.config + """
            overrides:
              - files: [drafts/**]
                rules: { sdr-answers-fast: off, names-title-case: error }

            """
        let folder = try temporaryFolder([
            "p.yaml": Array(Self.playbook.utf8), "drafts/p.yaml": Array(Self.playbook.utf8), ".stagelint.yml": Array(config.utf8),
        ])
        let result = try CLI.run(["check", "--format", "json", "p.yaml", "drafts/p.yaml"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["diagnostics"] as? [[String: Any]])
        let house = findings.filter { ["sdr-answers-fast", "names-title-case"].contains($0["rule"] as? String) }
            .map { "\($0["file"] ?? "") \($0["rule"] ?? "") \($0["severity"] ?? "")" }
        #expect(house == ["p.yaml sdr-answers-fast warning", "p.yaml names-title-case info", "drafts/p.yaml names-title-case error"], "\(house)")
        #expect(result.status == 1, "the draft's error fails the run")
    }

    @Test func aSharedFileIsReadFromTheCacheWithoutTheNetwork() throws {
        let shared = Array("rules: { names-title-case: off }\n".utf8)
        let hash = try sha256(shared)
        let config = Self.config + "extends:\n  - url: https://stagelint.invalid/shared.yml\n    sha256: \(hash)\n"
        let folder = try temporaryFolder([
            "p.yaml": Array(Self.playbook.utf8), ".stagelint.yml": Array(config.utf8), "cache/extends/\(hash).yml": shared,
        ])
        let cached = try CLI.run(["check", "--color", "never", "p.yaml"], in: folder,
                                 environment: ["STAGELINT_CACHE_DIR": folder.appendingPathComponent("cache").path])
        #expect(cached.status == 0 && !cached.stdout.contains("names-title-case"), "\(cached.stdout)\(cached.stderr)")
        let empty = try CLI.run(["check", "p.yaml"], in: folder, environment: ["STAGELINT_CACHE_DIR": folder.appendingPathComponent("empty").path])
        #expect(empty.status == 2 && empty.stderr.contains("invalid config .stagelint.yml:") && empty.stderr.contains("https://stagelint.invalid/shared.yml"),
                "\(empty.stderr)")
    }

    @Test func theConfigSchemaIsPrintedAsCommitted() throws {
        let result = try CLI.run(["schema", "--config"])
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("schema/stagelint-config.schema.json"), encoding: .utf8)
        #expect(result.status == 0 && result.stdout == committed)
    }

    /// The digest of `bytes`, from the system's `sha256sum`.
    func sha256(_ bytes: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
