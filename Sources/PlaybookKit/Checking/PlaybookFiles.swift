import PlaybookModel
import Foundation
import YAMLReader

/// A path on the command line that cannot be used: exit status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot read '\(path)': \(reason)" }
}

/// Finds the playbook files behind the paths a user names, and reads them within limits.
public enum PlaybookFiles {
    public static let extensions: Set<String> = ["yaml", "yml"]

    enum Kind {
        case file, folder, other
    }

    /// The size of a regular file (following links); nil for anything else.
    static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The permission bits of a file (following links); nil when nothing is there.
    static func mode(_ path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode & 0o7777)
    }

    /// The kind of what a path names, following symbolic links; nil when nothing is there.
    static func kind(_ path: String) -> (kind: Kind, device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        return (kind, UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Files stay as named; folders are walked for `*.yaml` and `*.yml` files in sorted order,
    /// skipping hidden files and folders (`.git`, `.build`, `.stagelint.yml`) and anything that is
    /// not a regular file. Symbolic links are followed (each folder is walked once). Each file
    /// appears once, however it is named.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            guard let found = kind(path) else {
                throw InputError(path: path, reason: "no such file or folder")
            }
            let listed: [String]
            switch found.kind {
            case .folder:
                listed = try walk(path)
                if listed.isEmpty {
                    throw InputError(path: path, reason: "the folder holds no *.yaml or *.yml files")
                }
            case .file:
                guard access(path, R_OK) == 0 else { throw InputError(path: path, reason: "permission denied") }
                // A scenario file named with playbooks (a pre-commit hook passes every YAML file) is
                // `stagelint test`'s, not a playbook.
                listed = ScenarioFile.isScenarioFile(path) ? [] : [path]
            case .other:
                throw InputError(path: path, reason: "not a regular file (a device, a pipe or a socket)")
            }
            for file in listed where seen.insert(PathTools.normalized(file).joined(separator: "/")).inserted {
                files.append(file)
            }
        }
        return files
    }

    /// Scenario files: files as named, folders walked for `*.scenarios.yaml` and `*.scenarios.yml`.
    public static func expandScenarios(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            guard let found = kind(path) else { throw InputError(path: path, reason: "no such file or folder") }
            let listed: [String]
            switch found.kind {
            case .folder:
                listed = try walk(path, scenarios: true)
                if listed.isEmpty { throw InputError(path: path, reason: "the folder holds no *.scenarios.yaml or *.scenarios.yml files") }
            case .file:
                guard access(path, R_OK) == 0 else { throw InputError(path: path, reason: "permission denied") }
                listed = [path]
            case .other:
                throw InputError(path: path, reason: "not a regular file (a device, a pipe or a socket)")
            }
            for file in listed where seen.insert(PathTools.normalized(file).joined(separator: "/")).inserted { files.append(file) }
        }
        return files
    }

    /// Every playbook file below a folder (or every scenario file, with `scenarios`), sorted by path.
    /// Scenario files (`*.scenarios.yaml`) sit beside the playbooks they test and are not playbooks.
    static func walk(_ folder: String, scenarios: Bool = false) throws(InputError) -> [String] {
        var found: [String] = []
        var visited = Set<[UInt64]>()
        if let root = kind(folder) { visited.insert([root.device, root.inode]) }
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? folder : join(folder, relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
                throw InputError(path: absolute, reason: "permission denied")
            }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let entry = kind(join(folder, child)) else { continue }  // a dangling link
                switch entry.kind {
                case .folder:
                    if visited.insert([entry.device, entry.inode]).inserted { pending.append(child) }
                case .file:
                    if extensions.contains((name as NSString).pathExtension.lowercased()), ScenarioFile.isScenarioFile(name) == scenarios {
                        found.append(join(folder, child))
                    }
                case .other:
                    continue
                }
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `folder/relative`, without a leading `./` for the current folder.
    static func join(_ folder: String, _ relative: String) -> String {
        if folder == "." || folder == "./" { return relative }
        return folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    /// The outcome of reading one file.
    public enum Contents: Sendable {
        case bytes([UInt8])
        /// Over the size limit: not read past the limit.
        case tooLarge(Int)
    }

    /// Reads a regular file, refusing (without reading it all) one over `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(InputError) -> Contents {
        guard let found = kind(path) else { throw InputError(path: path, reason: "no such file or folder") }
        guard found.kind == .file else {
            throw InputError(path: path, reason: found.kind == .folder ? "is a folder" : "not a regular file (a device, a pipe or a socket)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            if size > UInt64(limit) { return .tooLarge(Int(clamping: size)) }
            try handle.seek(toOffset: 0)
            // Read to the end in pieces the size of the file (so a small file is one read), and never
            // more than the limit, even if the file grows while it is read.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(size))
            let piece = max(4096, min(Int(size) + 1, limit < Int.max ? limit + 1 : limit))
            while let chunk = try handle.read(upToCount: piece), !chunk.isEmpty {
                bytes.append(contentsOf: chunk)
                if bytes.count > limit { return .tooLarge(bytes.count) }
            }
            return .bytes(bytes)
        } catch {
            throw InputError(path: path, reason: error.localizedDescription)
        }
    }
}

extension Linter {
    /// Reads and checks one file; `name` is the file name findings carry.
    public func check(path: String, name: String? = nil) throws(InputError) -> FileReport {
        let name = name ?? path
        if let size = PlaybookFiles.regularFileSize(path), size >= readsPiecewiseFrom, size <= limits.maxFileBytes {
            return try checkPiecewise(path: path, name: name)
        }
        switch try PlaybookFiles.read(path, limit: limits.maxFileBytes) {
        case .bytes(let bytes):
            return check(file: name, bytes: bytes)
        case .tooLarge(let size):
            return tooLarge(name, size)
        }
    }

    /// Checks a big file without holding it: the parser reads it piece by piece, directives are read
    /// (from the whole text) only when the part read mentions the marker or the parser stopped early,
    /// and the lines findings are on are read back afterwards, as long as the file still holds the
    /// bytes the parser read.
    func checkPiecewise(path: String, name: String) throws(InputError) -> FileReport {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let input = FileInput(path: path, handle: handle, limits: limits)
        var sink = DiagnosticSink(file: name)
        let mayHaveDirectives = { input.mentionsMarker || !input.reachedEnd }
        let (playbook, textLines) = readForChecking(into: &sink, mentionsMarker: mayHaveDirectives) { stages in
            YAMLParser.parse(reading: input, limits: limits, handingOver: &stages)
        }
        if let size = input.tooLargeSize { return tooLarge(name, size) }
        if let error = input.readError { throw InputError(path: path, reason: error) }
        var suppressions = Suppressions(source: [])
        if mayHaveDirectives() {
            guard let bytes = try input.readAgain() else {
                throw InputError(path: path, reason: "changed while it was being checked; check it again")
            }
            suppressions = Suppressions(source: bytes, textLines: textLines)
        }
        return check(playbook, found: sink, suppressions: suppressions) {
            SourceText.lines($0, ofFileAt: path, digest: input.digest) ?? SourceLines(text: [:], starts: [:])
        }
    }

    /// The report of a file over the size limit: that one finding.
    func tooLarge(_ name: String, _ size: Int) -> FileReport {
        var sink = DiagnosticSink(file: name)
        let problem = YAMLParser.sizeProblem(size, limits)
        sink.report(.resourceLimit, at: problem.span, problem.message)
        // (Its finding is at the start of the file: byte 0.)
        return check(nil, found: sink, suppressions: Suppressions(source: [])) { _ in SourceLines(text: [:], starts: [1: 0]) }
    }
}
