import PlaybookModel
/// A unified diff of two texts by lines (Myers' algorithm), as `diff -u` prints it.
public enum UnifiedDiff {
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        let script = editScript(a, b)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group changes with their context into hunks.
        var index = 0
        while index < script.count {
            guard let start = script[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var end = start
            var cursor = start
            while cursor < script.count {
                if script[cursor].kind != .same { end = cursor; cursor += 1; continue }
                let nextChange = script[cursor...].firstIndex { $0.kind != .same }
                if let nextChange, nextChange - end <= context * 2 { cursor = nextChange } else { break }
            }
            let hunkStart = max(0, start - context)
            let hunkEnd = min(script.count - 1, end + context)
            let hunk = script[hunkStart...hunkEnd]
            let oldStart = (hunk.first?.oldLine ?? 0) + 1
            let newStart = (hunk.first?.newLine ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + shown(a[edit.oldLine])
                case .delete: out += "-" + shown(a[edit.oldLine])
                case .insert: out += "+" + shown(b[edit.newLine])
                }
            }
            index = hunkEnd + 1
        }
        return out
    }

    static let noNewline = "\u{0}no newline"

    /// A line as the diff prints it, with its line break or diff's marker for a missing one.
    static func shown(_ line: String) -> String {
        guard line.hasSuffix(noNewline) else { return line + "\n" }
        return String(line.dropLast(noNewline.count)) + "\n\\ No newline at end of file\n"
    }

    struct Edit {
        enum Kind { case same, delete, insert }
        let kind: Kind
        /// Index in the old lines (for same and delete; for insert, where it goes).
        let oldLine: Int
        /// Index in the new lines (for same and insert; for delete, where it was).
        let newLine: Int
    }

    /// The lines of a text, split at each line feed (by byte: `\r\n` is one Character in Swift, and a
    /// CR LF file keeps its CR at the end of each line).
    /// A last line without a line break carries `noNewline` (so it differs from the same text with one),
    /// and is printed with diff's marker for it.
    static func lines(_ text: String) -> [String] {
        var result = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if let last = result.last, !last.isEmpty { result[result.count - 1] = last + noNewline }
        if result.last == "" { result.removeLast() }
        return result
    }

    /// Myers' O((N+M)D) shortest edit script.
    static func editScript(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        let maxD = n + m
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        let offset = maxD + 1
        outer: for d in 0...max(0, maxD) {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { break outer }
            }
        }
        // Walk back through the trace.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : vd[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1; y -= 1
                edits.append(Edit(kind: .same, oldLine: x, newLine: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(Edit(kind: .insert, oldLine: x, newLine: y))
                } else {
                    x -= 1
                    edits.append(Edit(kind: .delete, oldLine: x, newLine: y))
                }
            }
        }
        return edits.reversed()
    }
}
