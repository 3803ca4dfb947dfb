import PlaybookModel
import Foundation
import YAMLReader

/// An invalid config file: exit status 2, with file, line and problem.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let position: SourcePosition
    public let message: String
    /// The files that extend it, nearest first, when it was reached through `extends`.
    public var chain: [String] = []
    /// A URL in `extends` that is not in the cache, met by a read told not to fetch: the configuration
    /// could not be judged whole, which is not a problem of the file.
    public var unfetched = false

    public init(file: String, position: SourcePosition, message: String, chain: [String] = []) {
        self.file = file
        self.position = position
        self.message = message
        self.chain = chain
    }

    public var description: String {
        "invalid config \(Self.display(file)):\(position.line):\(position.column): \(message)"
            + (chain.isEmpty ? "" : " (extended by " + chain.map(Self.display).joined(separator: ", extended by ") + ")")
    }

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

    private init(explicit: Configuration?) {
        self.explicit = explicit
    }

    /// A loader that searches for `.stagelint.yml` from each playbook's folder (it cannot fail to start).
    public static func searching() -> ConfigurationLoader { ConfigurationLoader(explicit: nil) }

    /// The configuration for a playbook: `--config`, else the nearest `.stagelint.yml` from the
    /// playbook's folder upwards to the repository root (the folder holding `.git`), else the defaults;
    /// with the `overrides` that match the playbook applied.
    public func configuration(for path: String) throws(ConfigurationError) -> Configuration {
        if let explicit { return explicit.applying(overridesFor: path) }
        let folder = (Self.absolute(path) as NSString).deletingLastPathComponent
        return try configuration(inFolder: folder).applying(overridesFor: path)
    }

    /// The configuration of a folder, with no override applied: `--config`, else the nearest
    /// `.stagelint.yml` from the folder upwards (what `stagelint rules` and `explain` describe).
    public func configuration(forFolder folder: String) throws(ConfigurationError) -> Configuration {
        if let explicit { return explicit }
        return try configuration(inFolder: Self.absolute(folder))
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

    /// Reads and validates one config file, with the files it extends.
    public static func load(_ path: String, cacheFolder: String? = nil) throws(ConfigurationError) -> Configuration {
        try ConfigurationChain(cacheFolder: cacheFolder).configuration(at: absolute(path), shownAs: ConfigurationError.display(path))
    }

    /// Validates config text (and reads the files it extends, relative to `file`); the first problem is
    /// thrown with its position.
    /// With `fetching` false, a URL that is not in the cache is not fetched (an editor checking the text
    /// at every keystroke must not wait on the network): the error says so with `unfetched`.
    public static func parse(_ bytes: [UInt8], file: String, cacheFolder: String? = nil, fetching: Bool = true) throws(ConfigurationError) -> Configuration {
        try ConfigurationChain(cacheFolder: cacheFolder, fetching: fetching).configuration(bytes: bytes, at: absolute(file), shownAs: file)
    }
}

