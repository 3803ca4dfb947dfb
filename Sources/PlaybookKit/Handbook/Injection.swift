import PlaybookModel
/// Replaces the part of an existing Markdown file between `<!-- stagelint:begin -->` and
/// `<!-- stagelint:end -->` with generated text, keeping everything around it.
public enum Injection {
    public static let begin = "<!-- stagelint:begin -->"
    public static let end = "<!-- stagelint:end -->"

    public struct MarkerError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func inject(_ generated: String, into document: String, file: String) throws(MarkerError) -> String {
        let beginCount = document.occurrences(of: begin)
        let endCount = document.occurrences(of: end)
        let hint = "put `\(begin)` and `\(end)` on lines of their own where the handbook goes"
        guard beginCount > 0 || endCount > 0 else {
            throw MarkerError(message: "\(file) has no stagelint markers; \(hint)")
        }
        guard beginCount == 1, endCount == 1 else {
            throw MarkerError(message: "\(file) has \(beginCount) begin and \(endCount) end markers; it needs exactly one of each: \(hint)")
        }
        guard let beginRange = document.range(of: begin), let endRange = document.range(of: end),
              beginRange.upperBound <= endRange.lowerBound else {
            throw MarkerError(message: "\(file) has `\(end)` before `\(begin)`; \(hint)")
        }
        return String(document[..<beginRange.upperBound]) + "\n" + generated
            + (generated.hasSuffix("\n") ? "" : "\n") + String(document[endRange.lowerBound...])
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
