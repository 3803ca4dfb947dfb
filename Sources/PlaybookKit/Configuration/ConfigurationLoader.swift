import PlaybookModel
import Foundation
import YAMLReader

/// An invalid config file: exit status 2, with file, line and problem.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition
    public let message: String

    public var description: String { "invalid config \(Self.display(file)):\(position.line):\(position.column): \(message)" }

    /// The path relative to the current folder when it lies below it.
    static func display(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        return path.hasPrefix("/") && PathTools.isBelow(path, current) ? PathTools.relative(path, to: current) : path
    }
}

/// Reads `.stagelint.yml` files, as strictly as playbooks, and finds the one that applies to a file.
public final class ConfigurationLoader: @unchecked Sendable {
    public static let fileNames = [".stagelint.yml", ".stagelint.yaml"]

    private let lock = NSLock()
    private var byFolder: [String: Configuration] = [:]
    private let explicit: Configuration?

    /// With `explicitFile`, that file applies to every playbook and no search is made.
    public init(explicitFile: String? = nil) throws(ConfigurationError) {
        explicit = try explicitFile.map { file throws(ConfigurationError) in try Self.load(file) }
    }

    /// The configuration for a playbook: `--config`, else the nearest `.stagelint.yml` from the
    /// playbook's folder upwards to the repository root (the folder holding `.git`), else the defaults.
    public func configuration(for path: String) throws(ConfigurationError) -> Configuration {
        if let explicit { return explicit }
        let folder = (Self.absolute(path) as NSString).deletingLastPathComponent
        return try configuration(inFolder: folder)
    }

    private func configuration(inFolder folder: String) throws(ConfigurationError) -> Configuration {
        lock.lock()
        if let cached = byFolder[folder] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var result = Configuration.default
        var found = false
        for name in Self.fileNames {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate) {
                result = try Self.load(candidate)
                found = true
                break
            }
        }
        let isRepositoryRoot = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(".git"))
        let parent = (folder as NSString).deletingLastPathComponent
        if !found, !isRepositoryRoot, parent != folder, !parent.isEmpty {
            result = try configuration(inFolder: parent)
        }
        lock.lock()
        byFolder[folder] = result
        lock.unlock()
        return result
    }

    /// The path made absolute against the current folder, with `.` and `..` resolved.
    public static func absolute(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "/" + PathTools.normalized(absolute).filter { $0 != "/" }.joined(separator: "/")
    }

    /// Reads and validates one config file.
    public static func load(_ path: String) throws(ConfigurationError) -> Configuration {
        let contents: PlaybookFiles.Contents
        do {
            contents = try PlaybookFiles.read(path, limit: 1024 * 1024)
        } catch {
            throw ConfigurationError(file: path, position: .start, message: error.reason)
        }
        guard case .bytes(let bytes) = contents else {
            throw ConfigurationError(file: path, position: .start, message: "the file is over 1 MiB; a config file is a few lines")
        }
        return try parse(bytes, file: path)
    }

    /// Validates config text; the first problem is thrown with its position.
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        configuration.file = file
        configuration.baseFolder = (absolute(file) as NSString).deletingLastPathComponent
        let parsed = YAMLParser.parse(bytes)
        if let problem = parsed.problems.first {
            throw ConfigurationError(file: file, position: problem.span.start, message: problem.message)
        }
        guard let document = parsed.document else { return configuration }  // an empty file: the defaults
        var reader = ConfigReader(document: document, file: file)
        try reader.read(into: &configuration)
        return configuration
    }
}

/// Walks a config document, throwing at the first invalid key or value.
private struct ConfigReader {
    let document: YAMLDocument
    let file: String

    static let topKeys = ["fail-on", "rules", "vocabulary", "ignore", "limits"]
    static let vocabularyKeys = ["vague", "allow"]
    static let limitKeys = ["max-file-bytes", "max-depth", "max-nodes"]
    static let severityWords = ["off", "info", "warning", "error"]

    func fail(_ id: NodeID, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, position: document[id].position, message: message)
    }

    func pairs(_ id: NodeID, _ what: String, keys: [String]?) throws(ConfigurationError) -> [(String, NodeID, NodeID)] {
        if isNull(id), id != document.root { return [] }  // `rules:` with nothing under it
        guard let pairs = document.pairs(id) else {
            throw fail(id, "\(what) must be a mapping, found \(document[id].kindName)")
        }
        var result: [(String, NodeID, NodeID)] = []
        for pair in pairs {
            guard let key = document[pair.key].scalarText else { throw fail(pair.key, "keys must be plain strings") }
            if key.hasPrefix("x-") { continue }
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
        document[id].scalarText != nil && document[id].resolvedScalar == .null
    }

    func strings(_ id: NodeID, _ what: String) throws(ConfigurationError) -> [String] {
        if isNull(id) { return [] }
        guard let items = document.items(id) else { throw fail(id, "`\(what)` must be a list of strings, found \(document[id].kindName)") }
        var result: [String] = []
        for item in items {
            guard let text = document[item].scalarText, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
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
            let found = document[id].scalarText.map { "'\($0)'" } ?? document[id].kindName
            let suggestion = document[id].scalarText.flatMap { Suggestion.closest(to: $0, among: accepted) }
            throw fail(id, "\(what) must be one of \(accepted.joined(separator: ", ")), found \(found)\(Suggestion.didYouMean(suggestion))")
        }
        return Severity(rawValue: text)
    }

    func positiveInt(_ id: NodeID, _ what: String, maximum: Int) throws(ConfigurationError) -> Int {
        guard case .int(let value) = document[id].resolvedScalar, value > 0, value <= maximum else {
            throw fail(id, "`\(what)` must be a whole number from 1 to \(maximum), found "
                + (document[id].scalarText.map { "'\($0)'" } ?? document[id].kindName))
        }
        return value
    }

    mutating func read(into configuration: inout Configuration) throws(ConfigurationError) {
        let known = RuleCatalog.all.map(\.id)
        for (key, _, value) in try pairs(document.root, "the config file", keys: Self.topKeys) {
            switch key {
            case "fail-on":
                configuration.failOn = try severity(value, "`fail-on`", allowOff: false) ?? .error
            case "rules":
                for (rule, ruleKey, level) in try pairs(value, "`rules`", keys: nil) {
                    guard known.contains(rule) else {
                        throw fail(ruleKey, "unknown rule '\(rule)'\(Suggestion.didYouMean(Suggestion.closest(to: rule, among: known))) "
                            + "(`stagelint rules` lists them)")
                    }
                    configuration.severities[rule] = .some(try severity(level, "the level of rule '\(rule)'", allowOff: true))
                }
            case "vocabulary":
                var vague: [String] = []
                var allow: [String] = []
                for (word, _, list) in try pairs(value, "`vocabulary`", keys: Self.vocabularyKeys) {
                    if word == "vague" { vague = try strings(list, "vocabulary.vague") } else { allow = try strings(list, "vocabulary.allow") }
                }
                configuration.vocabulary = configuration.vocabulary.adjusted(vague: vague, allow: allow)
            case "ignore":
                configuration.ignore = try strings(value, "ignore")
            case "limits":
                for (limit, _, number) in try pairs(value, "`limits`", keys: Self.limitKeys) {
                    // Bounds that keep the limits meaningful (and arithmetic on them safe).
                    let maximum = limit == "max-file-bytes" ? 1 << 32 : limit == "max-depth" ? 10_000 : 100_000_000
                    let amount = try positiveInt(number, "limits.\(limit)", maximum: maximum)
                    switch limit {
                    case "max-file-bytes": configuration.limits.maxFileBytes = amount
                    case "max-depth": configuration.limits.maxDepth = amount
                    default: configuration.limits.maxNodes = amount
                    }
                }
            default:
                break
            }
        }
    }
}
