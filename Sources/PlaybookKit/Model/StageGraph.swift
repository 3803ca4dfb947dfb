/// The stages as a directed graph: one node per stage (by index in `Playbook.stages`), one edge
/// per transition. Built once per playbook in linear time; the flow rules read it.
///
/// A transition to an undefined stage that has an obvious intended target (`to: sq` when `sql`
/// exists) counts as an edge to that target, so one typo is reported once (as `undefined-stage`)
/// and not again as an unreachable stage. A transition to an undefined stage with no such target
/// marks its stage as having an unknown exit, which keeps `no-path-to-end` quiet about it.
public struct StageGraph: Sendable {
    /// Successor stage indices of each stage, without repeats, in file order.
    public let successors: [[Int]]
    /// Predecessor stage indices of each stage.
    public let predecessors: [[Int]]
    /// Stages with a transition whose target could not be resolved at all.
    public let hasUnknownExit: [Bool]
    /// Indices of `entry` stages.
    public let entryStages: [Int]
    /// Stages reachable from an entry stage (all false when there is no entry stage).
    public let reachable: [Bool]

    public init(_ playbook: Playbook) {
        let index = playbook.stageIndex
        var resolver: StageResolver?
        var successors = [[Int]](repeating: [], count: playbook.stages.count)
        var predecessors = [[Int]](repeating: [], count: playbook.stages.count)
        var unknown = [Bool](repeating: false, count: playbook.stages.count)
        var repaired: [String: Int?] = [:]
        for (from, stage) in playbook.stages.enumerated() {
            for transition in stage.transitions {
                guard let target = transition.to?.value else { continue }
                var resolved = index[target]
                if resolved == nil {
                    if let known = repaired[target] {
                        resolved = known
                    } else {
                        let typos = resolver ?? StageResolver(playbook)
                        resolver = typos
                        resolved = typos.suggestion(for: target, fuzzy: repaired.count < StageResolver.fuzzyLimit)
                            .flatMap { index[$0] }
                        repaired[target] = .some(resolved)
                    }
                }
                guard let to = resolved else {
                    unknown[from] = true
                    continue
                }
                if !successors[from].contains(to) {
                    successors[from].append(to)
                    predecessors[to].append(from)
                }
            }
        }
        self.successors = successors
        self.predecessors = predecessors
        self.hasUnknownExit = unknown
        self.entryStages = playbook.stages.indices.filter { playbook.stages[$0].kind == .entry }
        self.reachable = Self.search(from: entryStages, edges: successors)
    }

    public var count: Int { successors.count }

    /// Stages from which some stage in `targets` can be reached (the targets included).
    public func canReach(_ targets: [Int]) -> [Bool] {
        Self.search(from: targets, edges: predecessors)
    }

    /// Breadth-first search over `edges`; marks every node reached from `starts`.
    static func search(from starts: [Int], edges: [[Int]], skipping blocked: [Bool]? = nil) -> [Bool] {
        var seen = [Bool](repeating: false, count: edges.count)
        var queue: [Int] = []
        for start in starts where !seen[start] {
            seen[start] = true
            queue.append(start)
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in edges[node] where !seen[next] && blocked?[next] != true {
                seen[next] = true
                queue.append(next)
            }
        }
        return seen
    }
}
