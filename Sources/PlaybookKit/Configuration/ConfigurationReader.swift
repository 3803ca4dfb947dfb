import Foundation
import PlaybookModel
import YAMLReader

/// What one config file says, before the files it extends are merged under it.
struct ConfigLayer {
    var failOn: Severity?
    var severities: [(rule: String, severity: Severity?)] = []
    var vague: [String] = []
    var allow: [String] = []
    var ignore: [FilePattern] = []
    var limits: [(key: String, value: Int)] = []
    var houseRules: [HouseRule] = []
    var overrides: [ConfigurationOverride] = []
    var extends: [ExtendsEntry] = []
    /// Every rule id the file names under `rules` (its overrides' included), with where, checked once
    /// the whole chain is read (a rule may be defined in a file it extends, or that extends it).
    var ruleNames: [(rule: String, position: SourcePosition)] = []

    struct ExtendsEntry {
        enum Target {
            case path(String)
            case url(String, sha256: String)
        }

        let target: Target
        let position: SourcePosition
    }
}

/// Walks a config document, throwing at the first invalid key or value.
struct ConfigReader {
    let document: YAMLDocument
    let file: String
    /// The folder `ignore` and `overrides` globs are relative to.
    let folder: String

    static let topKeys = ["extends", "fail-on", "rules", "vocabulary", "ignore", "limits", "custom-rules", "overrides"]
    static let overrideKeys = ["files", "fail-on", "rules", "vocabulary", "custom-rules"]
    static let vocabularyKeys = ["vague", "allow"]
    static let limitKeys = ["max-file-bytes", "max-depth", "max-nodes"]
    static let severityWords = ["off", "info", "warning", "error"]

    func fail(_ id: NodeID, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, position: document[id].position, message: message)
    }

    /// The pairs of a mapping, `x-` keys left out unless `keepingExtensions` (paths of house rules name them).
    func pairs(_ id: NodeID, _ what: String, keys: [String]?, keepingExtensions: Bool = false) throws(ConfigurationError) -> [(String, NodeID, NodeID)] {
        if isNull(id), id != document.root { return [] }  // `rules:` with nothing under it
        guard let pairs = document.pairs(id) else {
            throw fail(id, "\(what) must be a mapping, found \(document[id].kindName)")
        }
        var result: [(String, NodeID, NodeID)] = []
        for pair in pairs {
            guard let key = document[pair.key].scalarText else { throw fail(pair.key, "keys must be plain strings") }
            if key.hasPrefix("x-"), !keepingExtensions { continue }
            if let keys, !keys.contains(key) {
                let suggestion = Suggestion.closest(to: key, among: keys)
                throw fail(pair.key, "unknown key '\(key)' in \(what)\(Suggestion.didYouMean(suggestion))"
                    + (suggestion == nil ? " (known keys: \(keys.joined(separator: ", ")))" : ""))
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    func isNull(_ id: NodeID) -> Bool {
        document[id].isNullScalar
    }

    /// A non-empty string.
    func string(_ id: NodeID, _ what: String) throws(ConfigurationError) -> String {
        guard let text = document[id].scalarText, text.contains(where: { !$0.isWhitespace }), !isNull(id) else {
            throw fail(id, "\(what) must be a non-empty string, found \(found(id))")
        }
        return text
    }

    /// How a message names what was found: a scalar quoted, else its kind.
    func found(_ id: NodeID) -> String {
        if isNull(id) { return "nothing" }
        if document.items(id)?.isEmpty == true { return "an empty list" }
        if document.pairs(id)?.isEmpty == true { return "an empty mapping" }
        return document[id].scalarText.map { "'\($0)'" } ?? document[id].kindName
    }

    func strings(_ id: NodeID, _ what: String) throws(ConfigurationError) -> [String] {
        if isNull(id) { return [] }
        guard let items = document.items(id) else { throw fail(id, "`\(what)` must be a list of strings, found \(document[id].kindName)") }
        var result: [String] = []
        for item in items {
            guard let text = document[item].scalarText, text.contains(where: { !$0.isWhitespace }) else {
                let found = document[item].scalarText == nil ? document[item].kindName : "an empty string"
                throw fail(item, "items of `\(what)` must be non-empty strings, found \(found)")
            }
            result.append(text)
        }
        return result
    }

    func severity(_ id: NodeID, _ what: String, allowOff: Bool) throws(ConfigurationError) -> Severity? {
        let accepted = allowOff ? Self.severityWords : ["error", "warning", "info"]
        guard let text = document[id].scalarText, accepted.contains(text) else {
            let suggestion = document[id].scalarText.flatMap { Suggestion.closest(to: $0, among: accepted) }
            throw fail(id, "\(what) must be one of \(accepted.joined(separator: ", ")), found \(found(id))\(Suggestion.didYouMean(suggestion))")
        }
        return Severity(rawValue: text)
    }

    func positiveInt(_ id: NodeID, _ what: String, maximum: Int) throws(ConfigurationError) -> Int {
        guard case .int(let value) = document[id].resolvedScalar, value > 0, value <= maximum else {
            throw fail(id, "`\(what)` must be a whole number from 1 to \(maximum), found \(found(id))")
        }
        return value
    }

    func read() throws(ConfigurationError) -> ConfigLayer {
        var layer = ConfigLayer()
        var vocabulary: (vague: [String], allow: [String]) = ([], [])
        for (key, _, value) in try pairs(document.root, "the config file", keys: Self.topKeys) {
            switch key {
            case "extends":
                layer.extends = try extends(value)
            case "fail-on":
                layer.failOn = try severity(value, "`fail-on`", allowOff: false)
            case "rules":
                layer.severities = try rules(value, names: &layer.ruleNames)
            case "vocabulary":
                vocabulary = try self.vocabulary(value)
            case "ignore":
                layer.ignore = try strings(value, "ignore").map { FilePattern($0, relativeTo: folder) }
            case "limits":
                for (limit, _, number) in try pairs(value, "`limits`", keys: Self.limitKeys) {
                    // Bounds that keep the limits meaningful (and arithmetic on them safe).
                    let maximum = limit == "max-file-bytes" ? 1 << 32 : limit == "max-depth" ? 10_000 : 100_000_000
                    layer.limits.append((limit, try positiveInt(number, "limits.\(limit)", maximum: maximum)))
                }
            case "custom-rules":
                layer.houseRules = try houseRules(value)
            case "overrides":
                layer.overrides = try overrides(value, names: &layer.ruleNames)
            default:
                break
            }
        }
        (layer.vague, layer.allow) = vocabulary
        return layer
    }

    func rules(_ id: NodeID, names: inout [(rule: String, position: SourcePosition)]) throws(ConfigurationError) -> [(rule: String, severity: Severity?)] {
        var result: [(rule: String, severity: Severity?)] = []
        for (rule, ruleKey, level) in try pairs(id, "`rules`", keys: nil) {
            names.append((rule, document[ruleKey].position))
            result.append((rule, try severity(level, "the level of rule '\(rule)'", allowOff: true)))
        }
        return result
    }

    func vocabulary(_ id: NodeID) throws(ConfigurationError) -> (vague: [String], allow: [String]) {
        var vague: [String] = []
        var allow: [String] = []
        for (word, _, list) in try pairs(id, "`vocabulary`", keys: Self.vocabularyKeys) {
            if word == "vague" { vague = try strings(list, "vocabulary.vague") } else { allow = try strings(list, "vocabulary.allow") }
        }
        return (vague, allow)
    }

    func extends(_ id: NodeID) throws(ConfigurationError) -> [ConfigLayer.ExtendsEntry] {
        if isNull(id) { return [] }
        let items: [NodeID]
        if document[id].scalarText != nil {
            items = [id]  // `extends: ../base.yml`: one file
        } else if let list = document.items(id) {
            items = list
        } else {
            throw fail(id, "`extends` must be a path, or a list of paths and `{ url, sha256 }` mappings, found \(document[id].kindName)")
        }
        var entries: [ConfigLayer.ExtendsEntry] = []
        for item in items {
            let position = document[item].position
            if document[item].scalarText != nil {
                let path = try string(item, "a path in `extends`")
                if path.hasPrefix("http://") || path.hasPrefix("https://") {
                    throw fail(item, "a URL in `extends` needs its sha256: write `- { url: \(path), sha256: … }` "
                        + "(`sha256sum` of the file prints it)")
                }
                entries.append(.init(target: .path(path), position: position))
                continue
            }
            var url: String?
            var hash: String?
            for (key, _, value) in try pairs(item, "an `extends` entry", keys: ["url", "sha256"]) {
                if key == "url" { url = try string(value, "`url`") } else { hash = try string(value, "`sha256`").lowercased() }
            }
            guard let url else { throw fail(item, "an `extends` entry that is a mapping needs `url` (and `sha256`)") }
            guard url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("file://") else {
                throw fail(item, "`url` must start with https://, http:// or file://, found '\(url)'")
            }
            guard let hash else {
                throw fail(item, "`\(url)` needs `sha256`: the file's hash pins what is shared (`sha256sum FILE` prints it)")
            }
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
                throw fail(item, "`sha256` must be 64 hexadecimal digits, found '\(hash)'")
            }
            entries.append(.init(target: .url(url, sha256: hash), position: position))
        }
        return entries
    }

    func overrides(_ id: NodeID, names: inout [(rule: String, position: SourcePosition)]) throws(ConfigurationError) -> [ConfigurationOverride] {
        if isNull(id) { return [] }
        guard let items = document.items(id) else {
            throw fail(id, "`overrides` must be a list of mappings with `files`, found \(document[id].kindName)")
        }
        var result: [ConfigurationOverride] = []
        for item in items {
            var override = ConfigurationOverride(files: [])
            var hasFiles = false
            for (key, _, value) in try pairs(item, "an override", keys: Self.overrideKeys) {
                switch key {
                case "files":
                    // One glob or a list.
                    let globs = document[value].scalarText != nil && !isNull(value)
                        ? [try string(value, "`files`")] : try strings(value, "overrides.files")
                    override.files = globs.map { FilePattern($0, relativeTo: folder) }
                    hasFiles = true
                case "fail-on":
                    override.failOn = try severity(value, "`fail-on`", allowOff: false)
                case "rules":
                    for (rule, severity) in try rules(value, names: &names) { override.severities[rule] = .some(severity) }
                case "vocabulary":
                    (override.vague, override.allow) = try vocabulary(value)
                case "custom-rules":
                    override.houseRules = try houseRules(value)
                default:
                    break
                }
            }
            guard hasFiles, !override.files.isEmpty else {
                throw fail(item, "an override needs `files`: the globs of the playbooks it applies to")
            }
            result.append(override)
        }
        return result
    }
}
