import PlaybookModel
import YAMLReader

/// What a `.stagelint.yml` says, after validation. The defaults are what stagelint does with no file.
public struct Configuration: Sendable {
    /// The config file, when one was read.
    public var file: String?
    /// The folder `ignore` patterns are relative to.
    public var baseFolder: String?
    /// `fail-on`: the lowest severity that fails the run.
    public var failOn: Severity = .error
    /// Per-rule severities; `nil` switches a rule off.
    public var severities: [String: Severity?] = [:]
    public var vocabulary: Vocabulary = .builtIn
    /// `ignore`: glob patterns of files not to check, relative to `baseFolder`.
    public var ignore: [String] = []
    public var limits: YAMLLimits = .default

    public init() {}

    public static let `default` = Configuration()

    /// The severity a rule reports at, or nil when it is off.
    public func severity(of rule: RuleDescription) -> Severity? {
        if let configured = severities[rule.id] { return configured }
        return rule.defaultSeverity
    }

    /// Rules switched off.
    public var disabledRules: Set<String> {
        Set(severities.compactMap { $0.value == nil ? $0.key : nil })
    }

    /// True when `path` (a file as named on the command line) matches an `ignore` pattern.
    public func ignores(_ path: String) -> Bool {
        guard !ignore.isEmpty else { return false }
        let relative = PathTools.relative(path, to: baseFolder ?? ".")
        return ignore.contains { Glob.matches($0, relative) }
    }
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
