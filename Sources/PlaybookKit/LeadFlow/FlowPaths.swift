import PlaybookModel
import YAMLReader

/// What a playbook allows: every simple path (no stage twice) from each entry stage to a terminal
/// stage, with the SLAs along it added up: the fastest a lead is promised to get there.
public struct FlowPaths: Sendable {
    public struct Path: Sendable, Hashable {
        /// Stage numbers, entry first, terminal last.
        public let stages: [Int]
        /// The SLAs of the stages along it (the terminal stage's excluded: a lead does not leave it), in milliseconds.
        public let slaTotal: Int64
        /// How many of those stages have an SLA.
        public let stagesWithSLA: Int
    }

    public struct Entry: Sendable {
        public let stage: Int
        /// The paths listed, in the order of the exits as written (at most `listLimit`).
        public let paths: [Path]
        /// How many paths there are, counted up to `countLimit`; `isCountComplete` is false past it.
        public let count: Int
        public let isCountComplete: Bool
    }

    public let flow: FlowPlaybook
    public let entries: [Entry]

    public static let listLimit = 50
    public static let countLimit = 100_000

    public init(_ flow: FlowPlaybook, listLimit: Int = FlowPaths.listLimit, countLimit: Int = FlowPaths.countLimit) {
        self.flow = flow
        entries = flow.stages.indices.filter { flow.stages[$0].kind == .entry }.map { entry in
            Self.walk(from: entry, flow, listLimit: listLimit, countLimit: countLimit)
        }
    }

    /// A depth-first walk with an explicit stack (a long funnel cannot overflow the call stack),
    /// exits in the order they are written.
    private static func walk(from entry: Int, _ flow: FlowPlaybook, listLimit: Int, countLimit: Int) -> Entry {
        var paths: [Path] = []
        var count = 0
        var onPath = [Bool](repeating: false, count: flow.stages.count)
        var path: [Int] = [entry]
        var next: [Int] = [0]  // for each stage on the path, the index of its next exit to try
        onPath[entry] = true
        if flow.stages[entry].isTerminal {
            return Entry(stage: entry, paths: [Path(stages: [entry], slaTotal: 0, stagesWithSLA: 0)], count: 1, isCountComplete: true)
        }
        while let top = path.last {
            let exits = flow.orderedExits[top]
            let index = next[next.count - 1]
            guard index < exits.count, count < countLimit else {
                onPath[top] = false
                path.removeLast()
                next.removeLast()
                continue
            }
            next[next.count - 1] += 1
            let target = exits[index]
            guard !onPath[target] else { continue }
            if flow.stages[target].isTerminal {
                count += 1
                if paths.count < listLimit {
                    let along = path.compactMap { flow.stages[$0].sla }
                    let total = along.reduce(Int64(0)) { $0.addingReportingOverflow($1).partialValue }
                    paths.append(Path(stages: path + [target], slaTotal: total, stagesWithSLA: along.count))
                }
                continue
            }
            onPath[target] = true
            path.append(target)
            next.append(0)
        }
        return Entry(stage: entry, paths: paths, count: count, isCountComplete: count < countLimit)
    }

    /// `4d 6h 30m`: a length in milliseconds as weeks, days, hours and minutes.
    public static func shown(_ milliseconds: Int64) -> String {
        var minutes = milliseconds / 60_000
        if minutes == 0 { return "0m" }
        var parts: [String] = []
        for (unit, size) in [("w", Int64(10_080)), ("d", 1_440), ("h", 60), ("m", 1)] where minutes >= size {
            parts.append("\(minutes / size)\(unit)")
            minutes %= size
        }
        return parts.joined(separator: " ")
    }

    public func text() -> String {
        var out = ""
        if entries.isEmpty { return "the playbook has no entry stage: no path to list\n" }
        for entry in entries {
            let stage = flow.stages[entry.stage]
            let count = entry.isCountComplete ? "\(entry.count)" : "more than \(entry.count)"
            out += "From \(stage.id): \(count) path\(entry.count == 1 ? "" : "s") to a terminal stage"
                + (entry.paths.count < entry.count ? " (the first \(entry.paths.count) listed)" : "") + "\n"
            for path in entry.paths {
                let names = path.stages.map { flow.stages[$0].id }.joined(separator: " -> ")
                let passed = path.stages.count - 1
                let sla = path.stagesWithSLA == 0 ? "no SLA"
                    : "SLAs \(Self.shown(path.slaTotal)) (\(path.stagesWithSLA) of \(passed) stage\(passed == 1 ? "" : "s"))"
                out += "  \(names)  [\(flow.stages[path.stages[path.stages.count - 1]].kind.rawValue); \(sla)]\n"
            }
            let won = entry.paths.filter { flow.stages[$0.stages[$0.stages.count - 1]].kind == .won }
            if let fastest = won.min(by: { $0.slaTotal < $1.slaTotal }), fastest.stagesWithSLA > 0 {
                out += "  Smallest SLA total to won: \(Self.shown(fastest.slaTotal)) ("
                    + fastest.stages.map { flow.stages[$0].id }.joined(separator: " -> ") + "; stages without an SLA add nothing)\n"
            }
        }
        return out
    }

    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("entries")
        json.beginArray()
        for entry in entries {
            json.item()
            json.beginObject()
            json.key("entry"); json.string(flow.stages[entry.stage].id)
            json.key("count"); json.int(entry.count)
            json.key("countComplete"); json.bool(entry.isCountComplete)
            json.key("paths")
            json.beginArray()
            for path in entry.paths {
                json.item()
                json.beginObject()
                json.key("stages")
                json.beginArray()
                for stage in path.stages {
                    json.item()
                    json.string(flow.stages[stage].id)
                }
                json.endArray()
                json.key("ends"); json.string(flow.stages[path.stages[path.stages.count - 1]].kind.rawValue)
                json.key("slaTotalSeconds"); json.int(Int(path.slaTotal / 1000))
                json.key("stagesWithSLA"); json.int(path.stagesWithSLA)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }
}
