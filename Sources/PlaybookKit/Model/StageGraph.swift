import PlaybookModel
/// The stages as a directed graph: one node per stage (by index in `Playbook.stages`), one edge
/// per transition. Built once per playbook in linear time; the flow rules read it.
///
/// A transition to an undefined stage that has an obvious intended target (`to: sq` when `sql`
/// exists) counts as an edge to that target (to each, when `undefined-stage` names several), so one
/// typo is reported once (as `undefined-stage`) and not again as an unreachable stage. A transition to an undefined stage with no such target
/// marks its stage as having an unknown exit, which keeps `no-path-to-end` quiet about it.
public struct StageGraph: Sendable {
    /// Successor stage indices of each stage, without repeats, in file order.
    public let successors: Adjacency
    /// Predecessor stage indices of each stage, in file order.
    public let predecessors: Adjacency
    /// Stages with a transition whose target could not be resolved at all.
    public let hasUnknownExit: [Bool]
    /// Indices of `entry` stages.
    public let entryStages: [Int]
    /// Stages reachable from an entry stage (all false when there is no entry stage).
    public let reachable: [Bool]
    /// The stage each transition names exactly (-1 when it names none: no `to`, or an undefined stage
    /// even if a typo's target is guessed for the edges), every transition of every stage in file order.
    public let exitTargets: [Int32]

    public init(_ playbook: Playbook) {
        let index = playbook.stageIndex
        var resolver: StageResolver?
        var unknown = [Bool](repeating: false, count: playbook.stages.count)
        var repaired: [String: [Int]] = [:]
        let transitions = playbook.stages.reduce(0) { $0 + $1.transitions.count }
        var exitTargets: [Int32] = []
        exitTargets.reserveCapacity(transitions)
        var successors = Adjacency.Builder(count: playbook.stages.count, edges: transitions)
        for (from, stage) in playbook.stages.enumerated() {
            successors.startList()
            for transition in stage.transitions {
                guard let target = transition.to?.value else {
                    exitTargets.append(-1)
                    continue
                }
                let exact = index[target]
                exitTargets.append(exact.map { Int32(truncatingIfNeeded: $0) } ?? -1)
                if let to = exact {
                    successors.appendToList(to)
                    continue
                }
                let resolved: [Int]
                if let known = repaired[target] {
                    resolved = known
                } else {
                    let typos = resolver ?? StageResolver(playbook)
                    resolver = typos
                    resolved = typos.suggestions(for: target, fuzzy: repaired.count < StageResolver.fuzzyLimit).compactMap { index[$0] }
                    repaired[target] = resolved
                }
                if resolved.isEmpty { unknown[from] = true }
                for to in resolved { successors.appendToList(to) }
            }
        }
        self.successors = successors.finish()
        self.exitTargets = exitTargets
        self.predecessors = self.successors.transposed()
        self.hasUnknownExit = unknown
        self.entryStages = playbook.stages.indices.filter { playbook.stages[$0].kind == .entry }
        self.reachable = Self.search(from: entryStages, edges: self.successors)
    }

    public var count: Int { successors.count }

    /// Stages from which some stage in `targets` can be reached (the targets included).
    public func canReach(_ targets: [Int]) -> [Bool] {
        Self.search(from: targets, edges: predecessors)
    }

    /// Breadth-first search over `edges`; marks every node reached from `starts`.
    static func search(from starts: [Int], edges: Adjacency) -> [Bool] {
        var seen = [Bool](repeating: false, count: edges.count)
        var queue: [Int] = []
        queue.reserveCapacity(edges.count)  // each stage is queued at most once
        for start in starts where !seen[start] {
            seen[start] = true
            queue.append(start)
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in edges[node] where !seen[next] {
                seen[next] = true
                queue.append(next)
            }
        }
        return seen
    }
}

/// The neighbours of every stage, kept in one flat array of 32-bit indices (a stage's list is a
/// slice of it): a 20,000-stage playbook has 60,000 transitions, and an array of `Int` per stage and
/// direction cost four times the memory, held while the rules run.
public struct Adjacency: Sendable {
    /// Where each stage's list starts in `targets`; one more entry than there are stages.
    private let starts: [Int32]
    private let targets: [Int32]

    /// The stage indices listed for stage `stage`.
    public subscript(stage: Int) -> StageList {
        StageList(stages: targets[Int(starts[stage])..<Int(starts[stage + 1])])
    }

    public var count: Int { starts.count - 1 }

    /// The same edges pointing the other way: for each stage, the stages whose lists hold it, in
    /// increasing order.
    func transposed() -> Adjacency {
        var starts = [Int32](repeating: 0, count: count + 1)
        for target in targets { starts[Int(target) + 1] += 1 }
        for stage in 0..<count { starts[stage + 1] += starts[stage] }
        var next = starts
        var sources = [Int32](repeating: 0, count: targets.count)
        for stage in 0..<count {
            for target in self[stage] {
                sources[Int(next[target])] = Int32(truncatingIfNeeded: stage)
                next[target] += 1
            }
        }
        return Adjacency(starts: starts, targets: sources)
    }

    /// Fills the lists stage by stage, in order: `startList` once for each stage, then its targets.
    struct Builder {
        private var starts: [Int32] = []
        private var targets: [Int32] = []

        /// `edges`: about how many targets all lists together will have (reserved once).
        init(count: Int, edges: Int) {
            starts.reserveCapacity(count + 1)
            targets.reserveCapacity(edges)
        }

        /// Begins the list of the next stage.
        mutating func startList() {
            starts.append(Int32(truncatingIfNeeded: targets.count))
        }

        /// Adds a stage to the current list, unless it is already there.
        mutating func appendToList(_ target: Int) {
            let target = Int32(truncatingIfNeeded: target)
            if !targets[Int(starts.last ?? 0)...].contains(target) { targets.append(target) }
        }

        func finish() -> Adjacency {
            var starts = self.starts
            starts.append(Int32(truncatingIfNeeded: targets.count))
            return Adjacency(starts: starts, targets: targets)
        }
    }

    private init(starts: [Int32], targets: [Int32]) {
        self.starts = starts
        self.targets = targets
    }
}

/// The stages a stage leads to (or comes from): stage indices, as `Int`s.
public struct StageList: RandomAccessCollection, Sendable {
    fileprivate let stages: ArraySlice<Int32>

    public var startIndex: Int { stages.startIndex }
    public var endIndex: Int { stages.endIndex }
    public subscript(position: Int) -> Int { Int(stages[position]) }
}
