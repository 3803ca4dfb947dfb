import PlaybookModel
/// Counts over a whole run.
public struct CheckSummary: Sendable, Hashable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0

    public init(_ reports: [FileReport]) {
        files = reports.count
        for diagnostic in reports.flatMap(\.diagnostics) {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }
}

/// Turns a run's findings into one output format. Each format lives in a file of its own.
public protocol Reporter: Sendable {
    func render(_ reports: [FileReport]) -> String
}

