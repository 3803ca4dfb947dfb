import ArgumentParser
import Testing
@testable import stagelint

/// `stagelint check` with plain arguments is read by hand (ArgumentParser's reflection costs more than
/// checking a small playbook): what it reads must be what ArgumentParser reads, and anything it does
/// not read must be left to ArgumentParser.
struct CheckArgumentsTests {
    @Test(arguments: [
        [], ["playbooks"], ["a.yaml", "b.yml", "folder"], ["--format", "json"], ["--format", "sarif", "x.yaml"],
        ["x.yaml", "--format", "github"], ["--format", "junit", "--fail-on", "info", "x.yaml"],
        ["--fail-on", "warning"], ["--fail-on", "error", "a", "b"], ["--config", "ci/stagelint.yml", "playbooks"],
        ["--color", "always"], ["--color", "never", "a"], ["--color", "auto"], ["--baseline", "base.json", "a"],
        ["--write-baseline", "base.json"], ["a", "--format", "text", "b", "--color", "never", "c"],
        ["--format", "json", "--fail-on", "info", "--config", "c.yml", "--color", "always", "--baseline", "b.json",
         "--write-baseline", "w.json", "p"],
        ["check"], ["help"], ["docs", "diff"], ["--config", "check"], ["a=b"], ["x-y.yaml"], ["é.yaml"],
    ] as [[String]])
    func plainArgumentsReadAsArgumentParserReadsThem(arguments: [String]) throws {
        let request = try #require(CheckRequest(plainArguments: arguments))
        #expect(request == (try Check.parse(arguments)).request)
    }

    @Test(arguments: [
        [""], ["-"], ["--"], ["--", "a"], ["-h"], ["--help"], ["a", "--help"], ["--version"], ["--format"],
        ["a", "--format"], ["--format=json"], ["--format", "xml"], ["--format", "JSON"], ["--format", "--color", "never"],
        ["--format", "json", "--format", "text"], ["--fail-on", "severe"], ["--color", "sometimes"],
        ["--config", "-c.yml"], ["--config", ""], ["--frobnicate"], ["a", "--frobnicate", "b"], ["-v"],
        ["---completion"], ["--generate-completion-script", "bash"], ["--experimental-dump-help"],
    ] as [[String]])
    func everythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(CheckRequest(plainArguments: arguments) == nil)
    }
}
