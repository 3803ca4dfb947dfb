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

    /// Files stay as named; folders are walked for `*.yaml` and `*.yml` files in sorted order,
    /// skipping hidden files and folders (`.git`, `.build`, `.stagelint.yml`). Each file appears once.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: path, reason: "no such file or folder")
            }
            let found: [String]
            if isDirectory.boolValue {
                found = try walk(path)
                if found.isEmpty {
                    throw InputError(path: path, reason: "the folder holds no *.yaml or *.yml files")
                }
            } else {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw InputError(path: path, reason: "permission denied")
                }
                found = [path]
            }
            for file in found where seen.insert(file).inserted {
                files.append(file)
            }
        }
        return files
    }

    static func walk(_ folder: String) throws(InputError) -> [String] {
        guard FileManager.default.isReadableFile(atPath: folder),
              let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw InputError(path: folder, reason: "permission denied")
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                    enumerator.skipDescendants()
                }
                continue
            }
            guard extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            guard (enumerator.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory else { continue }
            found.append(join(folder, relative))
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
        /// Over the size limit: not read at all.
        case tooLarge(Int)
    }

    /// Reads a file, refusing (without reading) one over `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(InputError) -> Contents {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw InputError(path: path, reason: exists ? "permission denied" : "no such file or folder")
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            if size > UInt64(limit) { return .tooLarge(Int(clamping: size)) }
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            if data.count > limit { return .tooLarge(data.count) }
            return .bytes([UInt8](data))
        } catch {
            throw InputError(path: path, reason: error.localizedDescription)
        }
    }
}

extension Linter {
    /// Reads and checks one file; `name` is the file name findings carry.
    public func check(path: String, name: String? = nil) throws(InputError) -> FileReport {
        let name = name ?? path
        switch try PlaybookFiles.read(path, limit: limits.maxFileBytes) {
        case .bytes(let bytes):
            return check(file: name, bytes: bytes)
        case .tooLarge(let size):
            var sink = DiagnosticSink(file: name)
            let problem = YAMLParser.sizeProblem(size, limits)
            sink.report(.resourceLimit, at: problem.span, problem.message)
            let diagnostics = finish(sink.sorted(), file: name, source: SourceText([]))
            return FileReport(file: name, diagnostics: diagnostics, playbook: nil, source: SourceText([]))
        }
    }
}
