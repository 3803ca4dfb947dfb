import Foundation

/// The Git repository a path belongs to.
public enum Repository {
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
