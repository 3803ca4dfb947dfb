import PlaybookModel
import Foundation

/// The Git repository a path belongs to.
public enum Repository {
    /// A file's path from the root of the repository the current folder is in (as GitHub and code
    /// scanning want it), whatever way it was typed; the normalized absolute path when it lies
    /// outside that repository.
    public static func relativePath(_ file: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        let root = root(containing: current) ?? current
        let absolute = ConfigurationLoader.absolute(file)
        return PathTools.isBelow(absolute, root) ? PathTools.relative(absolute, to: root) : absolute
    }

    /// The nearest folder at or above `folder` that holds `.git`, or nil outside a repository.
    public static func root(containing folder: String) -> String? {
        var current = ConfigurationLoader.absolute(folder)
        while true {
            if FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent(".git")) { return current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }
}
