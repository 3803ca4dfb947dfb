import Foundation
import PlaybookKit

/// Where each input is written for checking it as a file read piece by piece (one per process).
let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-fuzz-\(getpid()).yaml").path

/// A linter that reads every file piece by piece, as it reads big files.
let piecewise: Linter = {
    var linter = Linter()
    linter.readsPiecewiseFrom = 0
    return linter
}()

/// A fixed, clean playbook to compare every fuzzed playbook with, in both directions.
let reference: Playbook? = Linter().check(file: "reference.yaml", bytes: Array("""
    playbook: Reference
    version: 1
    teams:
      marketing: { name: Marketing, role: marketing }
      sdr: { name: Sales Development, role: sales-development }
    stages:
      new_lead:
        name: New Lead
        kind: entry
        owner: marketing
        exits:
          - { to: mql, when: Lead score reaches 60 }
          - { to: lost, when: Email domain is on the competitor list }
      mql:
        name: Marketing Qualified Lead
        owner: sdr
        entry: Lead score of 60 or more
        sla: { within: 1d, action: First call attempt }
        exits:
          - { to: won, when: SDR confirmed use case on a call }
          - { to: lost, when: SDR confirmed no budget }
      won: { name: Won, kind: won, entry: Deal created }
      lost: { name: Lost, kind: disqualified, entry: SDR recorded a reason, reasons: { no_budget: No budget } }
    """.utf8)).playbook

/// A linter with house rules of every kind of item and operator (a reference followed, a derived
/// value, `any`, a pattern), so their evaluation meets every fuzzed playbook.
let houseRules: Linter? = {
    let config = """
        custom-rules:
          a: { given: stages, summary: a, where: { owner.role: { in: [sales, sales-development] } }, then: { sla.within: { max: 4h }, required_fields: { contains: budget } }, message: "{id} {owner.name} {sla.within} {reasons}" }
          b: { given: transitions, summary: b, where: { handoff: true }, then: { any: [ { action: { defined: true } }, { when: { mentions: [confirm, reply] } } ] } }
          c: { given: stages, summary: c, then: { name: { casing: title, pattern: '^(?i)[a-z][\\w ]*$' }, entry: { not-pattern: '(a|aa)+b' }, incoming: { count: { max: 5 } } } }
          d: { given: teams, summary: d, then: { stages: { count: { min: 1 } }, name: { casing: sentence } } }
          e: { given: fields, summary: e, then: { required_by: { count: { min: 1 } }, label: { defined: true } } }
          f: { given: playbook, summary: f, then: { motion: { in: [demo-led] }, stages: { count: { max: 40 } }, version: { not-equals: 0 } } }
          g: { given: stages, summary: g, where: { kind: { not-in: [won] } }, then: { x-tier: { min: 1 }, probability: { min: 10, max: 90 }, crm.hubspot: { pattern: '^[a-z]+$' } } }
        """
    return (try? ConfigurationLoader.parse(Array(config.utf8), file: "/nonexistent/fuzz.stagelint.yml")).map { Linter(configuration: $0) }
}()

/// libFuzzer's entry point: read, check, report in every format, and when a playbook comes out of
/// it, generate every handbook and diff it against the reference both ways.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Oracle: decoding stages while reading must give what decoding the whole tree gives.
    var streamedSink = DiagnosticSink(file: "fuzz.yaml"), wholeSink = DiagnosticSink(file: "fuzz.yaml")
    let streamed = Linter().read(bytes, into: &streamedSink, streamingStages: true)
    let whole = Linter().read(bytes, into: &wholeSink, streamingStages: false)
    if streamedSink.sorted() != wholeSink.sorted()
        || streamed.map({ PlaybookJSON.render($0, source: "f") }) != whole.map({ PlaybookJSON.render($0, source: "f") }) {
        fatalError("streamed and whole-tree decoding disagree on this input")
    }
    let report = Linter().check(file: "fuzz.yaml", bytes: bytes)
    // Oracle: a file read piece by piece (as big files are) must give the same report, frames included.
    if FileManager.default.createFile(atPath: inputFile, contents: Data(bytes)),
       let fromFile = try? piecewise.check(path: inputFile, name: "fuzz.yaml"),
       fromFile.diagnostics != report.diagnostics
        || TextReporter(color: false).render([fromFile]) != TextReporter(color: false).render([report])
        || fromFile.playbook.map({ PlaybookJSON.render($0, source: "f") }) != report.playbook.map({ PlaybookJSON.render($0, source: "f") }) {
        fatalError("reading the file piece by piece and checking its bytes disagree on this input")
    }
    // Oracle: fixing (safe fixes, then the guesses too) never harms the file.
    for unsafe in [false, true] {
        let broken = FixOracle.violations(bytes, unsafe: unsafe)
        if !broken.isEmpty { fatalError("fixing broke a promise on this input: \(broken.joined(separator: "; "))") }
    }
    // House rules on the same input, and the input as a regular expression of a house rule.
    if let houseRules {
        _ = houseRules.check(file: "fuzz.yaml", bytes: bytes)
    } else {
        fatalError("the fuzzer's house rules do not load")
    }
    if let pattern = try? LinearPattern(String(decoding: bytes.prefix(200), as: UTF8.self)) {
        var budget = 100_000
        _ = pattern.matches("Lead score reaches 60 and SDR confirmed budget; aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", budget: &budget)
    }
    let reports = [report]
    _ = TextReporter(color: true).render(reports)
    _ = JSONReporter().render(reports)
    _ = SARIFReporter(toolVersion: "fuzz").render(reports)
    _ = GitHubReporter().render(reports)
    _ = JUnitReporter(failOn: .warning).render(reports)
    guard let playbook = report.playbook else { return 0 }
    let handbook = Handbook(playbook)
    _ = MarkdownHandbook.render(handbook, source: "fuzz.yaml")
    _ = HTMLHandbook.render(handbook, source: "fuzz.yaml")
    _ = MermaidDiagram.render(handbook)
    _ = DOTDiagram.render(handbook)
    _ = PlaybookJSON.render(playbook, source: "fuzz.yaml")
    if let reference {
        for diff in [PlaybookDiff(old: reference, new: playbook), PlaybookDiff(old: playbook, new: reference)] {
            _ = ChangeLogRenderer.text(diff, oldName: "a", newName: "b")
            _ = ChangeLogRenderer.json(diff, oldName: "a", newName: "b")
            _ = ChangeLogRenderer.markdown(diff, oldName: "a", newName: "b")
            _ = ChangeLogRenderer.github(diff, newName: "b")
        }
    }
    return 0
}
