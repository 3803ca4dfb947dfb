import Foundation
import Testing

/// Runs the built `stagelint` binary, as a user would, on real files.
struct CLI {
    static var binary: URL {
        // The test bundle sits beside the products it depends on, whatever the build folder.
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        while !folder.path.isEmpty, folder.path != "/" {
            let candidate = folder.appendingPathComponent("stagelint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/stagelint")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["GITHUB_ACTIONS"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary folder holding the given files.
func temporaryFolder(_ files: [String: [UInt8]]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-cli-\(UUID().uuidString)")
    for (name, bytes) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

let defective = """
    playbook: Demo
    teams:
      sdr: { name: Sales Development, role: sales-development }
    stages:
      new_lead:
        name: New Lead
        kind: entry
        owner: sdr
        exits:
          - to: sq
            when: SDR confirmed use case and timeline on a call
          - to: lost
            when: Email domain is on the competitor list
      sql:
        name: Sales Qualified Lead
        entry: SDR confirmed use case and timeline on a call
        owner: sdr
        exits:
          - to: won
            when: Account executive created the deal
          - to: nurture
            when: Prospect asked to revisit next quarter
      nurture:
        name: Nurture
        kind: nurture
        entry: Prospect asked to revisit next quarter
        nurture: { cadence: monthly, content: customer stories, follow_up: 90d }
        owner: sdr
        exits:
          - to: sql
            when: Demo request form submitted again
      won: { name: Opportunity Created, kind: won, entry: Account executive created the deal }
      lost:
        name: Disqualified
        kind: disqualified
        entry: SDR recorded a disqualification reason
        reasons: { competitor: Competitor on the list }

    """

@Suite("stagelint check", .serialized)
struct CheckCommandTests {
    @Test func examplePlaybooksAreClean() throws {
        let result = try CLI.run(["check", "playbooks"], in: packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("checked 5 files: 0 errors, 0 warnings, 0 infos\n") || result.stdout.contains(": 0 errors, 0 warnings, 0 infos\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test func defectIsReportedWithACodeFrame() throws {
        let folder = try temporaryFolder(["demo.yaml": Array(defective.utf8)])
        let result = try CLI.run(["check", "demo.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == """
            demo.yaml:10:13: error: transition goes to undefined stage 'sq'; did you mean 'sql'? [undefined-stage, unsafe fix]
               10 |       - to: sq
                  |             ^~
            checked 1 file: 1 error, 0 warnings, 0 infos
            1 fixable with --unsafe-fixes (guesses: review the diff with --unsafe-fixes --diff)

            """)
    }

    @Test func jsonFormatHasTheSameFindings() throws {
        let folder = try temporaryFolder(["demo.yaml": Array(defective.utf8)])
        let result = try CLI.run(["check", "--format", "json", "demo.yaml"], in: folder)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["file"] as? String == "demo.yaml")
        #expect(diagnostics.first?["line"] as? Int == 10)
        #expect(diagnostics.first?["column"] as? Int == 13)
        #expect(diagnostics.first?["rule"] as? String == "undefined-stage")
        #expect((object["summary"] as? [String: Int])?["errors"] == 1)
    }

    @Test func failOnDecidesTheExitStatus() throws {
        // A playbook with only a warning: no nurture stage.
        let warningOnly = """
            playbook: x
            stages:
              a: { name: A, kind: entry, exits: [{ to: w, when: Deal created }, { to: l, when: Rejected by SDR }] }
              w: { name: W, kind: won }
              l: { name: L, kind: disqualified }
            """
        let folder = try temporaryFolder(["w.yaml": Array(warningOnly.utf8)])
        #expect(try CLI.run(["check", "w.yaml"], in: folder).status == 0)
        #expect(try CLI.run(["check", "w.yaml", "--fail-on", "warning"], in: folder).status == 1)
        #expect(try CLI.run(["check", "w.yaml", "--fail-on", "info"], in: folder).status == 1)
        #expect(try CLI.run(["check", "w.yaml", "--fail-on", "error"], in: folder).status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        let bad = try CLI.run(["check", "--fail-on", "severe", "playbooks"], in: packageRoot)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("fail-on"))
        #expect(try CLI.run(["check", "--format", "xml"], in: packageRoot).status == 2)
        #expect(try CLI.run(["frobnicate"], in: packageRoot).status == 2)
        #expect(try CLI.run(["check", "--help"], in: packageRoot).status == 0)
    }

    @Test func unreadablePathExitsTwoNamingIt() throws {
        let result = try CLI.run(["check", "does-not-exist.yaml"], in: packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'does-not-exist.yaml'"))
        let empty = try temporaryFolder(["notes.txt": Array("hello".utf8)])
        let folderResult = try CLI.run(["check", "."], in: empty)
        #expect(folderResult.status == 2)
        #expect(folderResult.stderr.contains("no *.yaml or *.yml files"))
    }

    @Test func foldersAreWalkedInSortedOrderSkippingHiddenOnes() throws {
        let broken = Array("playbook: [x\n".utf8)
        let folder = try temporaryFolder([
            "b/second.yml": broken, "a/first.yaml": broken, "a/z.txt": broken,
            ".hidden/skip.yaml": broken, ".stagelint.yml": Array("fail-on: error\n".utf8), ".skip.yaml": broken, "c.YAML": broken,
        ])
        let result = try CLI.run(["check", "--format", "json", "."], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = (object["diagnostics"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(files == ["a/first.yaml", "b/second.yml", "c.YAML"])
        #expect(result.status == 1)
        // Without arguments, the current folder is checked.
        #expect(try CLI.run(["check"], in: folder).stdout.contains("checked 3 files"))
    }

    @Test func colourFollowsFlagAndNoColor() throws {
        let folder = try temporaryFolder(["demo.yaml": Array(defective.utf8)])
        let plain = try CLI.run(["check", "demo.yaml"], in: folder)
        #expect(!plain.stdout.contains("\u{1B}["))  // not a terminal
        let forced = try CLI.run(["check", "--color", "always", "demo.yaml"], in: folder)
        #expect(forced.stdout.contains("\u{1B}["))
        let noColor = try CLI.run(["check", "--color", "always", "demo.yaml"], in: folder, environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }
}

@Suite("Hostile input", .serialized)
struct HostileInputTests {
    static func checkOne(_ bytes: [UInt8]) throws -> (CLI.Result, [[String: Any]]) {
        let folder = try temporaryFolder(["input.yaml": bytes, "ok.yaml": Array(defective.utf8)])
        let result = try CLI.run(["check", "--format", "json", "input.yaml", "ok.yaml"], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = (object?["diagnostics"] as? [[String: Any]]) ?? []
        // The run goes on with the other file.
        #expect(diagnostics.contains { $0["file"] as? String == "ok.yaml" && $0["rule"] as? String == "undefined-stage" })
        return (result, diagnostics.filter { $0["file"] as? String == "input.yaml" })
    }

    static let billionLaughs: String = {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for index in 1..<names.count {
            let refs = Array(repeating: "*\(names[index - 1])", count: 9).joined(separator: ", ")
            lines.append("\(names[index]): &\(names[index]) [\(refs)]")
        }
        return lines.joined(separator: "\n")
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let rule: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let deepFlow: [UInt8] = Array(String(repeating: "[", count: 100_000).utf8)
        let blockLines: [String] = (0..<100).map { String(repeating: " ", count: $0) + "k:" }
        let deepBlock: [UInt8] = Array(blockLines.joined(separator: "\n").utf8)
        let invalidUTF8: [UInt8] = Array("playbook: ".utf8) + [0xC3, 0x28, 0x0A]
        let nul: [UInt8] = Array("playbook: a".utf8) + [0x00] + Array("b\n".utf8)
        let garbage: [UInt8] = (0..<4096).map { (index: Int) -> UInt8 in UInt8(truncatingIfNeeded: (index &* 7919) ^ (index >> 3)) | 0x80 }
        return [
            Case(name: "deep flow nesting", bytes: deepFlow, rule: "resource-limit"),
            Case(name: "deep block nesting", bytes: deepBlock, rule: "resource-limit"),
            Case(name: "billion laughs", bytes: Array(billionLaughs.utf8), rule: "resource-limit"),
            Case(name: "invalid UTF-8", bytes: invalidUTF8, rule: "yaml-syntax"),
            Case(name: "NUL bytes", bytes: nul, rule: "yaml-syntax"),
            Case(name: "binary garbage", bytes: garbage, rule: "yaml-syntax"),
            Case(name: "empty file", bytes: [], rule: "missing-key"),
            Case(name: "top-level list", bytes: Array("- a\n- b\n".utf8), rule: "invalid-value"),
        ]
    }()

    @Test(arguments: cases)
    func endsInOneCleanFinding(_ input: Case) throws {
        let (name, rule) = (input.name, input.rule)
        let (result, found) = try Self.checkOne(input.bytes)
        #expect(result.status == 1, "\(name)")
        #expect(found.count == 1, "\(name): \(found)")
        #expect(found.first?["rule"] as? String == rule, "\(name)")
        #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
    }

    @Test func fiftyMegabyteFileIsNotRead() throws {
        let folder = try temporaryFolder(["ok.yaml": Array(defective.utf8)])
        let big = folder.appendingPathComponent("big.yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 50 * 1024 * 1024)
        try handle.close()
        let result = try CLI.run(["check", "big.yaml", "ok.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("big.yaml:1:1: error: file is 50 MiB, over the limit of 10 MiB"))
        #expect(result.stdout.contains("checked 2 files: 2 errors"))
    }
}

@Suite("Rules, explain and configuration", .serialized)
struct ConfigurationCLITests {
    @Test func rulesListsTheCatalogue() throws {
        let result = try CLI.run(["rules"], in: packageRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("vague-rule                  warning  An entry or exit rule that hedges"))
        let markdown = try CLI.run(["rules", "--format", "markdown"], in: packageRoot)
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(markdown.stdout == committed)
    }

    @Test func explainPrintsOneRuleOrSuggests() throws {
        let result = try CLI.run(["explain", "time-only-exit"], in: packageRoot)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("time-only-exit (definitions, default severity: warning)"))
        #expect(result.stdout.contains("when: After 30 days # <-"))
        let unknown = try CLI.run(["explain", "time-only-exits"], in: packageRoot)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown rule 'time-only-exits'; did you mean 'time-only-exit'?"))
    }

    static let warningPlaybook = Array("""
        playbook: x
        stages:
          a: { name: Working, kind: entry, exits: [{ to: w, when: Form submitted }, { to: l, when: SDR confirmed no budget }] }
          w: { name: W, kind: won, entry: Deal created }
          l: { name: L, kind: disqualified, entry: SDR confirmed no budget, reasons: { no_budget: No budget } }

        """.utf8)

    @Test func configFileSetsFailOnAndTheFlagWins() throws {
        let folder = try temporaryFolder(["p.yaml": Self.warningPlaybook, ".stagelint.yml": Array("fail-on: warning\n".utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(try CLI.run(["check", "p.yaml"], in: folder).status == 1)
        #expect(try CLI.run(["check", "p.yaml", "--fail-on", "error"], in: folder).status == 0)
    }

    @Test func configRulesAndIgnoreApply() throws {
        let config = "rules:\n  vague-stage-name: error\n  no-nurture-stage: off\n  missing-owner: off\nignore:\n  - drafts/**\n"
        let folder = try temporaryFolder([
            "p.yaml": Self.warningPlaybook, "drafts/broken.yaml": Array("playbook: [\n".utf8),
            ".stagelint.yml": Array(config.utf8),
        ])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let result = try CLI.run(["check", "--format", "json", "."], in: folder)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["rule"] as? String } == ["vague-stage-name"])
        #expect(diagnostics.first?["severity"] as? String == "error")
        #expect((object["summary"] as? [String: Int])?["files"] == 1)
    }

    @Test func configSeveritiesApplyToFindingsTheLinterAddsItself() throws {
        let config = "rules:\n  unused-suppression: error\n  yaml-syntax: warning\n  vague-stage-name: off\n"
        let unused = Array("# stagelint-disable-next-line vague-rule\n".utf8) + Self.warningPlaybook
        let folder = try temporaryFolder(["a.yaml": unused, "b.yaml": Array("playbook: [\n".utf8), ".stagelint.yml": Array(config.utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let result = try CLI.run(["check", "--format", "json", "."], in: folder)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let found = diagnostics.map { "\($0["rule"] as? String ?? "") \($0["severity"] as? String ?? "")" }
        #expect(found.contains("unused-suppression error"))
        #expect(found.contains("yaml-syntax warning"))
        #expect(!found.contains { $0.hasPrefix("unused-suppression ") && !$0.hasSuffix(" error") })
        #expect(!found.contains { $0.hasPrefix("yaml-syntax ") && !$0.hasSuffix(" warning") })
        // With the unused suppression at warning, nothing is at the fail level any more.
        try Data("rules:\n  unused-suppression: warning\n  yaml-syntax: warning\n  vague-stage-name: off\n".utf8)
            .write(to: folder.appendingPathComponent(".stagelint.yml"))
        #expect(try CLI.run(["check", "."], in: folder).status == 0)
    }

    @Test func invalidConfigExitsTwoNamingFileAndLine() throws {
        let folder = try temporaryFolder(["p.yaml": Self.warningPlaybook, ".stagelint.yml": Array("rules:\n  vague-rul: off\n".utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let result = try CLI.run(["check", "p.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".stagelint.yml:2:3: unknown rule 'vague-rul'; did you mean 'vague-rule'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test func explicitConfigIsUsedAndMustExist() throws {
        let folder = try temporaryFolder(["p.yaml": Self.warningPlaybook, "strict.yml": Array("fail-on: info\n".utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(try CLI.run(["check", "p.yaml"], in: folder).status == 0)
        #expect(try CLI.run(["check", "--config", "strict.yml", "p.yaml"], in: folder).status == 1)
        let missing = try CLI.run(["check", "--config", "nope.yml", "p.yaml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yml"))
    }

    @Test func suppressionCommentWorksEndToEnd() throws {
        let text = String(decoding: Self.warningPlaybook, as: UTF8.self)
            .replacingOccurrences(of: "  a: {", with: "  # stagelint-disable-next-line vague-stage-name -- name agreed with sales\n  a: {")
        let folder = try temporaryFolder(["p.yaml": Array(text.utf8)])
        let result = try CLI.run(["check", "p.yaml", "--fail-on", "warning"], in: folder)
        #expect(result.stdout.contains("no-nurture-stage"))
        #expect(!result.stdout.contains("vague-stage-name"))
        #expect(!result.stdout.contains("unused-suppression"))
    }
}

@Suite("README")
struct ReadmeTests {
    /// The README's sample is real output: its playbook, checked, prints exactly the text shown.
    @Test func sampleOutputIsReal() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let afterIntro = try #require(readme.range(of: "Suppose a teammate adds this playbook as `playbooks/inbound.yaml`:"))
        let rest = readme[afterIntro.upperBound...]
        let yamlStart = try #require(rest.range(of: "```yaml\n"))
        let yamlEnd = try #require(rest[yamlStart.upperBound...].range(of: "\n```"))
        let playbook = String(rest[yamlStart.upperBound..<yamlEnd.lowerBound]) + "\n"
        let textStart = try #require(rest.range(of: "```text\n"))
        let textEnd = try #require(rest[textStart.upperBound...].range(of: "\n```"))
        let expected = String(rest[textStart.upperBound..<textEnd.lowerBound]) + "\n"
        let folder = try temporaryFolder(["playbooks/inbound.yaml": Array(playbook.utf8)])
        let result = try CLI.run(["check", "playbooks"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == expected)
    }
}

@Suite("Files that are not plain playbooks", .serialized)
struct SpecialFileTests {
    @Test func symlinksAreFollowedAndLoopsDoNotHang() throws {
        let folder = try temporaryFolder(["real/a.yaml": Array(defective.utf8)])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("link.yaml").path, withDestinationPath: "real")
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("real/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("alias").path, withDestinationPath: "real")
        let result = try CLI.run(["check", "--format", "json", "."], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["files"] == 1)
        let linked = try CLI.run(["check", "alias"], in: folder)
        #expect(linked.stdout.contains("alias/a.yaml:10:13"))
    }

    @Test func pipesAndDevicesExitTwo() throws {
        let folder = try temporaryFolder(["ok.yaml": Array(defective.utf8)])
        let fifo = folder.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let named = try CLI.run(["check", "pipe.yaml"], in: folder)
        #expect(named.status == 2)
        #expect(named.stderr.contains("'pipe.yaml': not a regular file"))
        // In a walked folder, a pipe is skipped like any other non-file.
        #expect(try CLI.run(["check", "."], in: folder).stdout.contains("checked 1 file"))
        let device = try CLI.run(["check", "/dev/zero"], in: folder)
        #expect(device.status == 2)
    }

    @Test func aFileNamedTwiceIsCheckedOnce() throws {
        let folder = try temporaryFolder(["a.yaml": Array(defective.utf8)])
        #expect(try CLI.run(["check", "a.yaml", "./a.yaml"], in: folder).stdout.contains("checked 1 file"))
    }

    @Test func controlCharactersInMessagesAreEscaped() throws {
        let yaml = "playbook: x\n\"\\e[31mRED\\a\": 1\nstages: {}\n"
        let folder = try temporaryFolder(["a.yaml": Array(yaml.utf8)])
        let result = try CLI.run(["check", "a.yaml"], in: folder)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{07}"))
        #expect(result.stdout.contains("\\u{1B}[31mRED\\u{7}"))
    }
}

@Suite("CI formats and baseline", .serialized)
struct CIFormatCLITests {
    @Test func githubFormatIsChosenInsideActions() throws {
        let folder = try temporaryFolder(["a.yaml": Array(defective.utf8)])
        let result = try CLI.run(["check", "a.yaml"], in: folder, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("::error file=a.yaml,line=10,col=13,endLine=10,endColumn=15,title=stagelint undefined-stage::"))
        let forced = try CLI.run(["check", "--format", "text", "a.yaml"], in: folder, environment: ["GITHUB_ACTIONS": "true"])
        #expect(forced.stdout.hasPrefix("a.yaml:10:13: error:"))
    }

    @Test func sarifPathsAreRelativeToTheRepositoryRoot() throws {
        let folder = try temporaryFolder(["playbooks/a.yaml": Array(defective.utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let result = try CLI.run(["check", "--format", "sarif", "a.yaml"], in: folder.appendingPathComponent("playbooks"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"uri\": \"playbooks/a.yaml\""))
        #expect(result.stdout.contains("\"uriBaseId\": \"%SRCROOT%\""))
    }

    @Test func junitFormatExitsLikeText() throws {
        let folder = try temporaryFolder(["a.yaml": Array(defective.utf8)])
        let result = try CLI.run(["check", "--format", "junit", "a.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("<testcase name=\"undefined-stage\" classname=\"a.yaml\">"))
    }

    @Test func baselineAcceptsKnownFindingsByLineText() throws {
        let folder = try temporaryFolder(["playbooks/a.yaml": Array(defective.utf8)])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let write = try CLI.run(["check", "playbooks", "--write-baseline", "baseline.json"], in: folder)
        #expect(write.status == 0)
        #expect(write.stderr.contains("wrote 1 finding of 1 file to baseline.json"))
        let baseline = try String(contentsOf: folder.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(baseline.contains("\"line\": \"- to: sq\""))
        #expect(try CLI.run(["check", "playbooks", "--baseline", "baseline.json"], in: folder).status == 0)

        // Edits elsewhere move the line: still accepted. A new finding is not.
        let moved = "# a comment that moves every line down\n" + defective.replacingOccurrences(of: "when: Account executive created the deal", with: "when: Lead seems interested")
        try Data(moved.utf8).write(to: folder.appendingPathComponent("playbooks/a.yaml"))
        let result = try CLI.run(["check", "playbooks", "--baseline", "baseline.json", "--fail-on", "warning"], in: folder)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("undefined-stage"))
        #expect(result.stdout.contains("vague-rule"))
        #expect(result.stderr.contains("1 finding accepted by the baseline baseline.json"))

        // Fixing the accepted finding leaves a stale entry, which is reported.
        try Data(moved.replacingOccurrences(of: "to: sq", with: "to: sql").utf8).write(to: folder.appendingPathComponent("playbooks/a.yaml"))
        let stale = try CLI.run(["check", "playbooks", "--baseline", "baseline.json"], in: folder)
        #expect(stale.stderr.contains("1 baseline entry in baseline.json matches no finding any more"))
    }

    @Test func invalidBaselineExitsTwo() throws {
        let folder = try temporaryFolder(["a.yaml": Array(defective.utf8), "b.json": Array("{\"x\": 1}".utf8)])
        let result = try CLI.run(["check", "a.yaml", "--baseline", "b.json"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("invalid baseline 'b.json'"))
        #expect(try CLI.run(["check", "a.yaml", "--baseline", "missing.json"], in: folder).status == 2)
    }

    @Test func schemaCommandPrintsTheCommittedSchema() throws {
        let result = try CLI.run(["schema"], in: packageRoot)
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("schema/playbook.schema.json"), encoding: .utf8)
        #expect(result.status == 0)
        #expect(result.stdout == committed)
    }
}

@Suite("stagelint docs", .serialized)
struct DocsCLITests {
    static var clean: [UInt8] {
        (try? Data(contentsOf: packageRoot.appendingPathComponent("playbooks/demo-led-inbound.yaml"))).map { [UInt8]($0) } ?? []
    }

    @Test func onePlaybookPrintsMarkdown() throws {
        let folder = try temporaryFolder(["p.yaml": Self.clean])
        let result = try CLI.run(["docs", "p.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!-- Generated by stagelint from p.yaml."))
        #expect(result.stdout.contains("```mermaid\nflowchart TD\n"))
        for format in ["mermaid", "dot", "json"] {
            #expect(try CLI.run(["docs", "--format", format, "p.yaml"], in: folder).status == 0)
        }
    }

    @Test func folderOutputWritesOneFileEachAndAnIndexThenChecks() throws {
        let folder = try temporaryFolder(["playbooks/a.yaml": Self.clean, "playbooks/b.yaml": Self.clean])
        #expect(try CLI.run(["docs", "playbooks"], in: folder).status == 2)  // several need -o
        #expect(try CLI.run(["docs", "playbooks", "-o", "out"], in: folder).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
        #expect(files == ["README.md", "a.md", "b.md"])
        let fresh = try CLI.run(["docs", "playbooks", "-o", "out", "--check"], in: folder)
        #expect(fresh.status == 0)
        #expect(fresh.stdout.isEmpty)
        try Data("stale\n".utf8).write(to: folder.appendingPathComponent("out/a.md"))
        let stale = try CLI.run(["docs", "playbooks", "-o", "out", "--check"], in: folder)
        #expect(stale.status == 1)
        #expect(stale.stdout.hasPrefix("--- out/a.md\n+++ out/a.md (generated)\n@@ -1,1 +1,"))
        #expect(stale.stderr.contains("1 of 3 generated files is stale"))
        // --check never writes.
        #expect(try String(contentsOf: folder.appendingPathComponent("out/a.md"), encoding: .utf8) == "stale\n")
    }

    @Test func injectReplacesBetweenMarkersOrExplains() throws {
        let wiki = "# Wiki\n\n<!-- stagelint:begin -->\n<!-- stagelint:end -->\n\nKeep me.\n"
        let folder = try temporaryFolder(["p.yaml": Self.clean, "wiki.md": Array(wiki.utf8), "plain.md": Array("# Plain\n".utf8)])
        #expect(try CLI.run(["docs", "p.yaml", "--inject", "wiki.md"], in: folder).status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("wiki.md"), encoding: .utf8)
        #expect(text.hasPrefix("# Wiki\n\n<!-- stagelint:begin -->\n<!-- Generated by stagelint from p.yaml."))
        #expect(text.hasSuffix("<!-- stagelint:end -->\n\nKeep me.\n"))
        #expect(try CLI.run(["docs", "p.yaml", "--inject", "wiki.md", "--check"], in: folder).status == 0)
        let missing = try CLI.run(["docs", "p.yaml", "--inject", "plain.md"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("plain.md has no stagelint markers"))
    }

    @Test func playbooksWithErrorsAreRefusedUnlessForced() throws {
        let folder = try temporaryFolder(["bad.yaml": Array(defective.utf8)])
        let refused = try CLI.run(["docs", "bad.yaml"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("bad.yaml:10:13: error: transition goes to undefined stage 'sq'"))
        #expect(refused.stderr.contains("no handbook generated"))
        let forced = try CLI.run(["docs", "bad.yaml", "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("# Demo"))
    }
}

@Suite("stagelint diff", .serialized)
struct DiffCLITests {
    static var demo: String {
        (try? String(contentsOf: packageRoot.appendingPathComponent("playbooks/demo-led-inbound.yaml"), encoding: .utf8)) ?? ""
    }

    func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func twoFilesAndFailOn() throws {
        let renamed = Self.demo.replacingOccurrences(of: "\n  mql:\n", with: "\n  marketing_qualified:\n")
            .replacingOccurrences(of: "to: mql\n", with: "to: marketing_qualified\n")
        let folder = try temporaryFolder(["old.yaml": Array(Self.demo.utf8), "new.yaml": Array(renamed.utf8)])
        let result = try CLI.run(["diff", "old.yaml", "new.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("breaking: stage 'mql' was removed and 'marketing_qualified' added"))
        #expect(try CLI.run(["diff", "old.yaml", "new.yaml", "--fail-on", "breaking"], in: folder).status == 1)
        #expect(try CLI.run(["diff", "old.yaml", "old.yaml", "--fail-on", "breaking"], in: folder).status == 0)
        let declared = renamed.replacingOccurrences(of: "\n  marketing_qualified:\n", with: "\n  marketing_qualified:\n    renamed_from: mql\n")
        try Data(declared.utf8).write(to: folder.appendingPathComponent("new.yaml"))
        #expect(try CLI.run(["diff", "old.yaml", "new.yaml", "--fail-on", "breaking"], in: folder).status == 0)
        #expect(try CLI.run(["diff", "old.yaml", "new.yaml", "--fail-on", "notable"], in: folder).status == 1)
        let json = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"migrations\": [\n    {\n      \"from\": \"mql\",\n      \"to\": \"marketing_qualified\""))
        let github = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "github"], in: folder)
        #expect(github.stdout.hasPrefix("::warning file=new.yaml,line="))
    }

    @Test func againstAGitRef() throws {
        let folder = try temporaryFolder(["playbooks/demo.yaml": Array(Self.demo.utf8)])
        try git(["init", "-q"], in: folder)
        try git(["add", "."], in: folder)
        try git(["commit", "-qm", "base"], in: folder)
        let edited = Self.demo.replacingOccurrences(of: "within: 4h", with: "within: 2h")
        try Data(edited.utf8).write(to: folder.appendingPathComponent("playbooks/demo.yaml"))
        try Data(Self.demo.utf8).write(to: folder.appendingPathComponent("playbooks/brand-new.yaml"))
        let result = try CLI.run(["diff", "--against", "HEAD", "playbooks"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("HEAD:playbooks/brand-new.yaml → playbooks/brand-new.yaml"))
        #expect(result.stdout.contains("[playbook-added]"))
        #expect(result.stdout.contains("[sla-changed]"))
        let missing = try CLI.run(["diff", "--against", "origin/main", "playbooks"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("shallow clone"))
    }

    @Test func prependWritesANewSectionAtTheTop() throws {
        let bumped = Self.demo.replacingOccurrences(of: "version: 4", with: "version: 5")
            .replacingOccurrences(of: "within: 4h", with: "within: 2h")
        let folder = try temporaryFolder([
            "old.yaml": Array(Self.demo.utf8), "new.yaml": Array(bumped.utf8),
            "CHANGELOG.md": Array("# Changelog\n\n## 4 — 2026-01-01\n\nOlder notes.\n".utf8),
        ])
        let result = try CLI.run(["diff", "old.yaml", "new.yaml", "--prepend", "CHANGELOG.md", "--date", "2026-11-22"], in: folder)
        #expect(result.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(text.hasPrefix("# Changelog\n\n## 5 — 2026-11-22\n\n### Demo-led SaaS inbound\n"))
        #expect(text.contains("#### Notable changes"))
        #expect(text.hasSuffix("## 4 — 2026-01-01\n\nOlder notes.\n"))
    }

    @Test func readsTheConfigFileForItsLimits() throws {
        // The .stagelint.yml found beside the files (as check finds it) sets a node limit both versions
        // are over; --config with roomier limits lets them be compared.
        let edited = Self.demo.replacingOccurrences(of: "within: 4h", with: "within: 2h")
        let folder = try temporaryFolder([
            "old.yaml": Array(Self.demo.utf8), "new.yaml": Array(edited.utf8),
            ".stagelint.yml": Array("limits:\n  max-nodes: 50\n".utf8),
            "roomy.yml": Array("limits:\n  max-nodes: 100000\n".utf8),
            "quiet.yml": Array("limits:\n  max-nodes: 50\nrules:\n  resource-limit: off\n".utf8),
        ])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let limited = try CLI.run(["diff", "old.yaml", "new.yaml"], in: folder)
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("[resource-limit]"))
        #expect(limited.stderr.contains("cannot compare 'old.yaml'"))
        // Only the limits count: a rule switched off in the config does not hide why a version cannot be read.
        let quiet = try CLI.run(["diff", "old.yaml", "new.yaml", "--config", "quiet.yml"], in: folder)
        #expect(quiet.status == 2)
        #expect(quiet.stderr.contains("[resource-limit]"))
        let roomy = try CLI.run(["diff", "old.yaml", "new.yaml", "--config", "roomy.yml"], in: folder)
        #expect(roomy.status == 0, "\(roomy.stderr)")
        #expect(roomy.stdout.contains("[sla-changed]"))
        let missing = try CLI.run(["diff", "old.yaml", "new.yaml", "--config", "nope.yml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yml"))
    }

    @Test func anInvalidConfigFileIsExitTwo() throws {
        let folder = try temporaryFolder([
            "old.yaml": Array(Self.demo.utf8), "new.yaml": Array(Self.demo.utf8),
            ".stagelint.yml": Array("limits:\n  max-nodez: 50\n".utf8),
        ])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let result = try CLI.run(["diff", "old.yaml", "new.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".stagelint.yml:2:3: unknown key 'max-nodez' in `limits`; did you mean 'max-nodes'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test func againstARefFollowsTheConfigIgnoreList() throws {
        let folder = try temporaryFolder([
            "playbooks/demo.yaml": Array(Self.demo.utf8), "playbooks/drafts/idea.yaml": Array(Self.demo.utf8),
            ".stagelint.yml": Array("ignore:\n  - playbooks/drafts/**\n".utf8),
        ])
        try git(["init", "-q"], in: folder)
        try git(["add", "."], in: folder)
        try git(["commit", "-qm", "base"], in: folder)
        let edited = Self.demo.replacingOccurrences(of: "within: 4h", with: "within: 2h")
        for file in ["playbooks/demo.yaml", "playbooks/drafts/idea.yaml"] {
            try Data(edited.utf8).write(to: folder.appendingPathComponent(file))
        }
        let result = try CLI.run(["diff", "--against", "HEAD", "playbooks"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("HEAD:playbooks/demo.yaml → playbooks/demo.yaml"))
        #expect(!result.stdout.contains("idea.yaml"))
        // What was left out is said, so a run that compared nothing does not look like one without changes.
        #expect(result.stderr.contains("left out 1 playbook that the config's `ignore` names: playbooks/drafts/idea.yaml"))
        let onlyIgnored = try CLI.run(["diff", "--against", "HEAD", "playbooks/drafts/idea.yaml"], in: folder)
        #expect(onlyIgnored.status == 0)
        #expect(onlyIgnored.stdout.isEmpty)
        #expect(onlyIgnored.stderr.contains("left out 1 playbook"))
    }

    @Test func unknownRenamedFromIsAnError() throws {
        let broken = Self.demo.replacingOccurrences(of: "\n  mql:\n", with: "\n  mql2:\n    renamed_from: mqll\n")
            .replacingOccurrences(of: "to: mql\n", with: "to: mql2\n")
        let folder = try temporaryFolder(["old.yaml": Array(Self.demo.utf8), "new.yaml": Array(broken.utf8)])
        let result = try CLI.run(["diff", "old.yaml", "new.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("declares renamed_from 'mqll', but the old version has no stage 'mqll'"))
    }
}

@Suite("Parallel checking", .serialized)
struct ParallelCheckTests {
    @Test func reportsKeepFileOrderAndBytes() throws {
        var files: [String: [UInt8]] = [:]
        for index in 0..<40 {
            let body = index % 3 == 0 ? defective : defective.replacingOccurrences(of: "to: sq\n", with: "to: sql\n")
            files[String(format: "p%02d.yaml", index)] = Array(body.utf8)
        }
        let folder = try temporaryFolder(files)
        let first = try CLI.run(["check", "--format", "json", "."], in: folder)
        let second = try CLI.run(["check", "--format", "json", "."], in: folder)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let order = (object["diagnostics"] as? [[String: Any]])?.compactMap { $0["file"] as? String } ?? []
        #expect(order == order.sorted())
        #expect(order.count == 14)
    }
}
