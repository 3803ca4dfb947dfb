import PlaybookModel
import Foundation

/// Writes files the way generated outputs must be written: to a temporary file in the same folder,
/// then renamed over the target, so a reader never sees half a file.
public enum AtomicFile {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`. A file that is there keeps its permissions, and a symbolic link stays
    /// a link: the file it points to is the one replaced.
    public static func write(bytes: [UInt8], to path: String) throws(WriteError) {
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).stagelint-\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw WriteError(path: path, reason: "the folder is missing or not writable")
        }
        var info = stat()
        if stat(target, &info) == 0 { _ = chmod(temporary, info.st_mode & 0o7777) }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}
