import Foundation
import PlaybookModel

/// Completion while a playbook is being typed, read from the text around the cursor (a half-written
/// file does not decode, so the ids come from the text too): stage ids after `to:`, team ids after
/// `owner:`, field ids in `required_fields`, rule ids in `# stagelint-disable…` comments and in a
/// `.stagelint.yml`.
public enum PlaybookCompletion {
    public enum Kind: String, Sendable {
        case stage, team, field, rule
    }

    public struct Item: Sendable, Equatable {
        public let label: String
        public let kind: Kind
        public let detail: String?
    }

    /// The keys of a top-level section (`stages:`, `teams:`, `fields:`) with the line after each key
    /// (`name: …` for a name), as written.
    static func keys(of section: String, in lines: [Substring]) -> [(id: String, detail: String?)] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("\(section):") }) else { return [] }
        var found: [(id: String, detail: String?)] = []
        var indent: Int?
        for (index, line) in lines.enumerated().dropFirst(start + 1) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let depth = line.count - trimmed.count
            if depth == 0 { break }
            if indent == nil { indent = depth }
            guard depth == indent, let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = String(trimmed[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { continue }
            // A name on the same line (`mql: { name: MQL }`) or the next.
            let rest = (String(trimmed[trimmed.index(after: colon)...]) + " " + (index + 1 < lines.count ? String(lines[index + 1]) : ""))
            let name = rest.range(of: "name:").map { rest[$0.upperBound...].prefix { $0 != "," && $0 != "}" && $0 != "\n" } }
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
            found.append((key, name.flatMap { $0.isEmpty ? nil : $0 }))
        }
        return found
    }

    /// What may be typed at the cursor: `lines` is the document's text, `line` and `column` (characters) the cursor.
    public static func items(text: String, line: Int, column: Int, isConfiguration: Bool, houseRules: [RuleDescription] = []) -> [Item] {
        // Lines end with LF, CR LF or CR.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard line >= 0, line < lines.count else { return [] }
        let before = String(lines[line].prefix(column))
        let rules = (RuleCatalog.all + houseRules).map { Item(label: $0.id, kind: .rule, detail: $0.summary) }
        if let marker = before.range(of: "# stagelint-") {
            // Rule ids in the list, not in the reason after ` --`.
            return before[marker.upperBound...].contains(" --") ? [] : rules
        }
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if isConfiguration {
            // A key being written (`  missing-sla` under `rules:`), an item of a list (`- vague-rule`), or
            // an entry of a flow mapping or list (`rules: { missing-sla: off, vague-r`).
            // In a flow collection, only a key of the `rules:` mapping is a rule id (`ignore: [`, `vague: [` hold others).
            var open: [String.Index] = []
            for index in before.indices {
                switch before[index] {
                case "{", "[": open.append(index)
                case "}", "]": _ = open.popLast()
                default: break
                }
            }
            if let innermost = open.last {
                guard before[innermost] == "{", before[..<innermost].trimmingCharacters(in: .whitespaces).hasSuffix("rules:") else { return [] }
            }
            let afterFlow = before.lastIndex { $0 == "{" || $0 == "," }.map { before[before.index(after: $0)...] }
            let entry = open.isEmpty ? (trimmed.hasPrefix("- ") ? trimmed.dropFirst(2) : trimmed)
                : (afterFlow.map { $0.drop { $0 == " " || $0 == "\t" } } ?? "")
            return entry.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? rules : []
        }
        func ids(_ section: String, _ kind: Kind) -> [Item] {
            keys(of: section, in: lines).map { Item(label: $0.id, kind: kind, detail: $0.detail) }
        }
        let item = trimmed.hasPrefix("- ") ? trimmed.dropFirst(2) : trimmed
        if item.hasPrefix("to:") || before.contains("{ to:") || before.contains("{to:") || before.range(of: ", to:") != nil { return ids("stages", .stage) }
        if item.hasPrefix("owner:") || before.range(of: "owner:") != nil && before.contains("{") { return ids("teams", .team) }
        if before.contains("required_fields:") {
            guard before.contains("["), !before.contains("]") else { return [] }
            // The fields not listed yet (the one being typed aside).
            let listed = Set(before[before.index(after: before.lastIndex(of: "[") ?? before.startIndex)...]
                .split(separator: ",", omittingEmptySubsequences: false).dropLast().map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) })
            return ids("fields", .field).filter { !listed.contains($0.label) }
        }
        // An item of a block list under `required_fields:`.
        if trimmed.hasPrefix("- ") || trimmed == "-" {
            let depth = before.count - trimmed.count
            for previous in lines[..<line].reversed() {
                let rest = previous.drop { $0 == " " }
                if rest.isEmpty || rest.hasPrefix("-") { continue }
                if previous.count - rest.count <= depth {
                    return rest.hasPrefix("required_fields:") ? ids("fields", .field) : []
                }
            }
        }
        return []
    }
}
