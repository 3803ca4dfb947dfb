import PlaybookModel
/// What must hold whenever fixes are applied, checked by the fuzzer and the tests on every input they
/// have: the fixed file still parses, no finding appears that was not there (rule by rule), fixing
/// again changes nothing, and the bytes outside the edited spans are the original bytes.
public enum FixOracle {
    /// The broken promises for `bytes` fixed with `unsafe` (empty when all hold); `linter` checks, and
    /// `apply` is the function under test for the bytes between the edits (the tests give it a broken one).
    public static func violations(_ bytes: [UInt8], unsafe: Bool, linter: Linter = Linter(),
                                  apply: ([Fix], [UInt8]) -> (bytes: [UInt8], applied: [Int]) = Fixer.apply) -> [String] {
        let check: ([UInt8]) -> FileReport = { linter.check(file: "oracle.yaml", bytes: $0) }
        let before = check(bytes)
        let outcome = Fixer.fix(bytes, unsafe: unsafe, check: check)
        var broken: [String] = []
        let hadSyntaxError = before.diagnostics.contains { $0.rule == RuleDescription.yamlSyntax.id }
        if hadSyntaxError, outcome.changed { broken.append("a file with a yaml-syntax finding was changed") }
        if !hadSyntaxError, outcome.report.diagnostics.contains(where: { $0.rule == RuleDescription.yamlSyntax.id }) {
            broken.append("the fixed file does not parse")
        }
        let counted = { (report: FileReport) in Dictionary(report.diagnostics.map { ($0.rule, 1) }, uniquingKeysWith: +) }
        let (old, new) = (counted(before), counted(outcome.report))
        for (rule, count) in new where count > old[rule, default: 0] {
            broken.append("fixing added \(count - old[rule, default: 0]) finding(s) of \(rule)")
        }
        if outcome.changed, Fixer.fix(outcome.fixed, unsafe: unsafe, check: check).changed {
            broken.append("fixing the fixed file changed it again")
        }
        // One round, by hand: between the edits, every byte is the original's.
        let fixes = before.diagnostics.compactMap { Fixer.isApplicable($0.fix, unsafe: unsafe) ? $0.fix : nil }
        let (result, applied) = apply(fixes, bytes)
        let edits = applied.flatMap { fixes[$0].edits }.sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
        var rebuilt: [UInt8] = []
        var position = 0
        for edit in edits {
            guard let start = edit.offset, let end = edit.endOffset, start >= position, end <= bytes.count else {
                broken.append("the applied edits overlap or leave the file")
                return broken
            }
            rebuilt += bytes[position..<start] + Array(edit.replacement.utf8)
            position = end
        }
        rebuilt += bytes[position...]
        if rebuilt != result { broken.append("applying the fixes changed bytes outside the edited spans") }
        return broken
    }
}
