import Foundation
import PlaybookModel
import YAMLReader

/// Reads a config file with the files it `extends`, and merges them: the extended files first, in
/// order, the extending file last. Later `fail-on`, `rules`, `limits` and `custom-rules` (by id) win;
/// `vocabulary` lists, `ignore` globs and `overrides` add up. A URL is fetched once (with `curl`) into
/// the cache, by its pinned sha256, and read from there afterwards, offline.
struct ConfigurationChain {
    /// The files being read, outermost first (for cycles and for messages).
    private var chain: [String] = []
    /// Where fetched files are kept; nil for the user's cache folder (`SharedConfigurationCache.folder`).
    let cacheFolder: String?
    /// False: a URL not in the cache is not fetched (the error is marked `unfetched`).
    let fetching: Bool

    init(cacheFolder: String? = nil, fetching: Bool = true) {
        self.cacheFolder = cacheFolder
        self.fetching = fetching
    }

    /// How deep `extends` may go.
    static let maximumDepth = 32

    /// The configuration of the file at `path` (absolute), named `shown` in messages.
    func configuration(at path: String, shownAs shown: String) throws(ConfigurationError) -> Configuration {
        try configuration(of: .local(path, shown: shown), at: path)
    }

    /// The same, from the file's text.
    func configuration(bytes: [UInt8], at path: String, shownAs shown: String) throws(ConfigurationError) -> Configuration {
        try configuration(of: .text(bytes, path: path, shown: shown), at: path)
    }

    private func configuration(of source: Source, at path: String) throws(ConfigurationError) -> Configuration {
        var merged = Configuration()
        merged.file = source.shown
        merged.baseFolder = (path as NSString).deletingLastPathComponent
        var names: [RuleName] = []
        try merge(source, into: &merged, names: &names)
        try Self.checkRuleNames(names, in: merged)
        return merged
    }

    private enum Source {
        case local(String, shown: String)
        case text([UInt8], path: String, shown: String)
        /// A fetched file: its cached copy, the URL it came from, and the folder globs are relative to.
        case fetched(cached: String, url: String, folder: String)

        var identity: String {
            switch self {
            case .local(let path, _), .text(_, let path, _): return path
            case .fetched(_, let url, _): return url
            }
        }

        var shown: String {
            switch self {
            case .local(_, let shown), .text(_, _, let shown): return shown
            case .fetched(_, let url, _): return url
            }
        }
    }

    /// Reads `source`, merges what it extends into `merged`, then its own settings.
    private func merge(_ source: Source, into merged: inout Configuration,
                       names: inout [RuleName]) throws(ConfigurationError) {
        let layer = try read(source)
        var inner = self
        inner.chain.append(source.identity)
        for entry in layer.extends {
            let next = try resolve(entry, from: source)
            if inner.chain.contains(next.identity) {
                let cycle = (inner.chain + [next.identity]).map(ConfigurationError.display).joined(separator: " → ")
                throw error(source, entry.position, "`extends` makes a cycle: \(cycle)")
            }
            guard inner.chain.count < Self.maximumDepth else {
                throw error(source, entry.position, "`extends` goes more than \(Self.maximumDepth) files deep")
            }
            do {
                try inner.merge(next, into: &merged, names: &names)
            } catch var failure {
                if failure.chain.isEmpty || failure.chain.first != source.shown { failure.chain.append(source.shown) }
                throw failure
            }
        }
        // The settings a file and an override share are applied the same way.
        merged.apply(ConfigurationOverride(
            files: [], failOn: layer.failOn,
            severities: Dictionary(layer.severities.map { ($0.rule, $0.severity) }, uniquingKeysWith: { _, last in last }),
            vague: layer.vague, allow: layer.allow, houseRules: layer.houseRules))
        merged.ignore += layer.ignore
        for (limit, amount) in layer.limits {
            switch limit {
            case "max-file-bytes": merged.limits.maxFileBytes = amount
            case "max-depth": merged.limits.maxDepth = amount
            default: merged.limits.maxNodes = amount
            }
        }
        merged.overrides += layer.overrides
        let extenders = chain.reversed().map(ConfigurationError.display)
        names += layer.ruleNames.map { RuleName(rule: $0.rule, file: source.shown, position: $0.position, chain: extenders) }
    }

    private func error(_ source: Source, _ position: SourcePosition, _ message: String) -> ConfigurationError {
        ConfigurationError(file: source.shown, position: position, message: message)
    }

    /// Parses one file of the chain.
    private func read(_ source: Source) throws(ConfigurationError) -> ConfigLayer {
        let bytes: [UInt8]
        let folder: String
        switch source {
        case .text(let text, let path, _):
            bytes = text
            folder = (path as NSString).deletingLastPathComponent
        case .local(let path, _), .fetched(let path, _, _):
            let contents: PlaybookFiles.Contents
            do {
                contents = try PlaybookFiles.read(path, limit: 1024 * 1024)
            } catch {
                throw ConfigurationError(file: source.shown, position: .start, message: error.reason)
            }
            guard case .bytes(let read) = contents else {
                throw ConfigurationError(file: source.shown, position: .start, message: "the file is over 1 MiB; a config file is a few lines")
            }
            bytes = read
            if case .fetched(_, _, let consumer) = source { folder = consumer } else { folder = (path as NSString).deletingLastPathComponent }
        }
        let parsed = YAMLParser.parse(bytes)
        if let problem = parsed.problems.first {
            throw ConfigurationError(file: source.shown, position: problem.span.start, message: problem.message)
        }
        guard let document = parsed.document else { return ConfigLayer() }  // an empty file: nothing set
        return try ConfigReader(document: document, file: source.shown, folder: folder).read()
    }

    /// The file an `extends` entry names: a path relative to the extending file, or a URL's cached copy
    /// (fetched first when it is not cached yet).
    private func resolve(_ entry: ConfigLayer.ExtendsEntry, from source: Source) throws(ConfigurationError) -> Source {
        switch entry.target {
        case .path(let path):
            let base: String
            switch source {
            case .local(let file, _), .text(_, let file, _):
                base = (file as NSString).deletingLastPathComponent
            case .fetched(_, let url, _):
                throw error(source, entry.position, "'\(path)' is a path, but \(url) was fetched from a URL: a shared file can "
                    + "only extend URLs pinned by sha256")
            }
            let absolute = ConfigurationLoader.absolute(path.hasPrefix("/") ? path : base + "/" + path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
                throw error(source, entry.position, "`extends` names '\(path)', which does not exist (looked for \(ConfigurationError.display(absolute)))")
            }
            guard !isFolder.boolValue else {
                throw error(source, entry.position, "`extends` names '\(path)', which is a folder; name the config file in it")
            }
            return .local(absolute, shown: ConfigurationError.display(absolute))
        case .url(let url, let hash):
            let folder: String
            switch source {
            case .local(let file, _), .text(_, let file, _): folder = (file as NSString).deletingLastPathComponent
            case .fetched(_, _, let consumer): folder = consumer
            }
            do {
                return .fetched(cached: try SharedConfigurationCache.file(url: url, sha256: hash, in: cacheFolder ?? SharedConfigurationCache.folder,
                                                                          fetching: fetching),
                                url: url, folder: folder)
            } catch {
                var failure = self.error(source, entry.position, error.message)
                failure.unfetched = error.unfetched
                throw failure
            }
        }
    }

    /// Every rule id named under `rules` must be a built-in rule or a house rule of the chain (an
    /// override's included).
    /// A rule id named under `rules`, where, and the files that extend the one that names it.
    struct RuleName {
        let rule: String
        let file: String
        let position: SourcePosition
        let chain: [String]
    }

    private static func checkRuleNames(_ names: [RuleName], in merged: Configuration) throws(ConfigurationError) {
        guard !names.isEmpty else { return }
        let known = Set(RuleCatalog.all.map(\.id)).union(merged.houseRules.map(\.id))
            .union(merged.overrides.flatMap { $0.houseRules.map(\.id) })
        for name in names where !known.contains(name.rule) {
            let suggestion = Suggestion.closest(to: name.rule, among: known.sorted())
            throw ConfigurationError(file: name.file, position: name.position,
                                     message: "unknown rule '\(name.rule)'\(Suggestion.didYouMean(suggestion)) (`stagelint rules` lists them)",
                                     chain: name.chain)
        }
    }
}

/// Shared configuration files fetched from URLs, kept by their sha256 in the user's cache folder
/// (`$STAGELINT_CACHE_DIR`, else `$XDG_CACHE_HOME/stagelint`, else `~/.cache/stagelint`), so a run
/// with the cache needs no network.
enum SharedConfigurationCache {
    struct Failure: Error {
        let message: String
        /// Not in the cache, and not fetched because the read was told not to.
        var unfetched = false
    }

    static var folder: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["STAGELINT_CACHE_DIR"], !folder.isEmpty { return folder }
        if let folder = environment["XDG_CACHE_HOME"], !folder.isEmpty { return folder + "/stagelint" }
        return NSHomeDirectory() + "/.cache/stagelint"
    }

    /// The cached copy of `url`, fetched when there is none; a copy or a download whose hash is not
    /// `sha256` is never used.
    static func file(url: String, sha256: String, in folder: String, fetching: Bool = true) throws(Failure) -> String {
        let cached = folder + "/extends/\(sha256).yml"
        let copy = FileManager.default.contents(atPath: cached).map(Array.init)
        if let copy, SHA256.hex(copy) == sha256 { return cached }
        guard fetching else { throw Failure(message: "\(url) is not in the cache (\(folder)) and was not fetched", unfetched: true) }
        let bytes: [UInt8]
        do {
            bytes = try fetch(url, cache: folder)
        } catch {
            guard copy != nil else { throw error }
            throw Failure(message: "the cached copy of \(url) (\(cached)) no longer matches its pin, so it is not used, and fetching "
                + "it again failed: \(error.message)")
        }
        let found = SHA256.hex(bytes)
        guard found == sha256 else {
            throw Failure(message: "\(url) has sha256 \(found), not the pinned \(sha256): the shared file changed or the pin is "
                + "wrong; check the change, then pin the new hash")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder + "/extends", withIntermediateDirectories: true)
            try AtomicFile.write(bytes: bytes, to: cached)
        } catch {
            throw Failure(message: "fetched \(url), but could not keep it in the cache \(folder): \(error)")
        }
        return cached
    }

    /// The bytes at `url`, through `curl` (which follows redirects and honours the proxy settings of
    /// the environment).
    private static func fetch(_ url: String, cache folder: String) throws(Failure) -> [UInt8] {
        let curl = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let curl else {
            throw Failure(message: "\(url) is not in the cache (\(folder)) and curl, which fetches it, is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments = ["--fail", "--silent", "--show-error", "--location", "--max-time", "60", "--max-filesize", "1048576", "--", url]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(message: "could not run curl to fetch \(url): \(error)")
        }
        // curl writes one line of error at most (`--silent --show-error`), so reading its output first
        // cannot leave it blocked on a full error pipe.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "could not fetch \(url) and it is not in the cache (\(folder)): "
                + (message.isEmpty ? "curl exited with status \(process.terminationStatus)" : message))
        }
        return Array(data)
    }
}
