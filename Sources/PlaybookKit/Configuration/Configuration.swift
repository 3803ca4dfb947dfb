import PlaybookModel
import YAMLReader

/// What a `.stagelint.yml` says (with the files it extends, and the overrides that match one
/// playbook), after validation. The defaults are what stagelint does with no file.
public struct Configuration: Sendable {
    /// The config file, when one was read.
    public var file: String?
    /// The folder of the config file.
    public var baseFolder: String?
    /// `fail-on`: the lowest severity that fails the run.
    public var failOn: Severity = .error
    /// Per-rule severities; `nil` switches a rule off.
    public var severities: [String: Severity?] = [:]
    public var vocabulary: Vocabulary = .builtIn
    /// `ignore`: glob patterns of files not to check, each relative to the folder of the file that wrote it.
    public var ignore: [FilePattern] = []
    public var limits: YAMLLimits = .default
    /// `custom-rules`, in the order they were first defined (a later file of an `extends` chain
    /// replaces a rule of the same id).
    public var houseRules: [HouseRule] = []
    /// `overrides`, in order; `applying(overridesFor:)` applies those that match a file.
    public var overrides: [ConfigurationOverride] = []
    /// The overrides applied to this configuration, by their index in `overrides`.
    public private(set) var appliedOverrides: [Int] = []

    public init() {}

    public static let `default` = Configuration()

    /// Identifies the settings: the same key, the same configuration (for reusing a checker).
    public var key: String {
        (file ?? "") + (appliedOverrides.isEmpty ? "" : "#" + appliedOverrides.map(String.init).joined(separator: ","))
    }

    /// The severity a rule reports at, or nil when it is off.
    public func severity(of rule: RuleDescription) -> Severity? {
        if let configured = severities[rule.id] { return configured }
        return rule.defaultSeverity
    }

    /// Rules switched off.
    public var disabledRules: Set<String> {
        Set(severities.compactMap { $0.value == nil ? $0.key : nil })
    }

    /// Every rule this configuration knows: the built-in ones and its house rules.
    public var ruleDescriptions: [RuleDescription] { RuleCatalog.all + houseRules.map(\.description) }

    /// A rule by id, built-in or house rule.
    public func rule(_ id: String) -> RuleDescription? {
        RuleCatalog.rule(id) ?? houseRules.first { $0.id == id }?.description
    }

    /// True when `path` (a file as named on the command line) matches an `ignore` pattern.
    public func ignores(_ path: String) -> Bool {
        ignore.contains { $0.matches(path) }
    }

    /// The configuration for one playbook: the overrides whose `files` match it applied in order.
    public func applying(overridesFor path: String) -> Configuration {
        var result = self
        for (index, override) in overrides.enumerated() where override.files.contains(where: { $0.matches(path) }) {
            result.apply(override)
            result.appliedOverrides.append(index)
        }
        return result
    }

    mutating func apply(_ override: ConfigurationOverride) {
        if let failOn = override.failOn { self.failOn = failOn }
        for (rule, severity) in override.severities { severities[rule] = .some(severity) }
        if !override.vague.isEmpty || !override.allow.isEmpty {
            vocabulary = vocabulary.adjusted(vague: override.vague, allow: override.allow)
        }
        for rule in override.houseRules { add(rule) }
    }

    /// Adds a house rule, or replaces the one with its id where it stands.
    mutating func add(_ rule: HouseRule) {
        if let index = houseRules.firstIndex(where: { $0.id == rule.id }) {
            houseRules[index] = rule
        } else {
            houseRules.append(rule)
        }
    }
}

/// A glob pattern and the folder it is relative to (the folder of the config file that wrote it).
public struct FilePattern: Sendable, Hashable {
    public let pattern: String
    public let folder: String

    public init(_ pattern: String, relativeTo folder: String) {
        self.pattern = pattern
        self.folder = folder
    }

    /// True when `path` (absolute, or relative to the current folder) matches.
    public func matches(_ path: String) -> Bool {
        Glob.matches(pattern, PathTools.relative(ConfigurationLoader.absolute(path), to: folder))
    }
}

/// One entry of `overrides`: settings for the playbooks its `files` globs match.
public struct ConfigurationOverride: Sendable {
    public var files: [FilePattern]
    public var failOn: Severity?
    public var severities: [String: Severity?] = [:]
    public var vague: [String] = []
    public var allow: [String] = []
    public var houseRules: [HouseRule] = []
}

/// Glob patterns as in `.gitignore`-style config: `*` and `?` stay within one path segment, `**`
/// spans any number of segments. A pattern that matches a folder covers every file below it.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = pattern
        if pattern.hasPrefix("./") { pattern.removeFirst(2) }
        if pattern.hasSuffix("/") { pattern += "**" }
        let patternParts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // A pattern without a slash matches a name at any depth, as in .gitignore.
        if !pattern.contains("/") {
            return pathParts.contains { segment($0, pattern) }
        }
        // A match of a leading part of the path (a folder) covers the files below it.
        for count in stride(from: pathParts.count, through: 1, by: -1) where match(patternParts[...], pathParts[0..<count]) {
            return true
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        // Iterative over `**` positions to keep the work bounded by pattern × path.
        var memo: [Int: Bool] = [:]
        func go(_ p: Int, _ s: Int) -> Bool {
            let key = p * 10_000 + s
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.endIndex {
                result = s == path.endIndex
            } else if pattern[p] == "**" {
                result = go(p + 1, s) || (s < path.endIndex && go(p, s + 1))
            } else {
                result = s < path.endIndex && segment(path[s], pattern[p]) && go(p + 1, s + 1)
            }
            memo[key] = result
            return result
        }
        return go(pattern.startIndex, path.startIndex)
    }

    /// One path segment against one pattern segment with `*` and `?`.
    static func segment(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text)
        let p = Array(pattern)
        var ti = 0, pi = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                ti += 1
                pi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Path helpers that need no file system access.
public enum PathTools {
    /// `path` relative to `folder` when it lies below it (both taken as given, `.` for the current
    /// folder); otherwise `path` itself, normalized.
    public static func relative(_ path: String, to folder: String) -> String {
        let pathParts = normalized(path)
        let folderParts = normalized(folder)
        guard pathParts.starts(with: folderParts) else { return joined(pathParts) }
        return pathParts.dropFirst(folderParts.count).joined(separator: "/")
    }

    /// True when `path` lies at or below `folder`.
    public static func isBelow(_ path: String, _ folder: String) -> Bool {
        normalized(path).starts(with: normalized(folder))
    }

    static func joined(_ parts: [String]) -> String {
        if parts.first == "/" { return "/" + parts.dropFirst().joined(separator: "/") }
        return parts.joined(separator: "/")
    }

    static func normalized(_ path: String) -> [String] {
        var parts: [String] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty && parts.last != ".." { parts.removeLast() } else { parts.append("..") }
            default: parts.append(String(part))
            }
        }
        return (path.hasPrefix("/") ? ["/"] : []) + parts
    }
}
