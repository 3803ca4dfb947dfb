import PlaybookModel
import YAMLReader

/// What an audit found, counted as the lead-flow contract says: rows, records, moves, conformance,
/// violations, transitions, unknown stage values and each stage's times.
public struct AuditReport: Sendable {
    public struct Transition: Sendable {
        public let from: String
        public let to: String
        public let count: Int
        public let declared: Bool
        /// Up to 3 record ids that made the move, the smallest first (byte order).
        public let examples: [String]
        /// Its share of the moves out of `from` (a known stage), between 0 and 1.
        public let share: Double?
        /// True when one side is a value that names no stage (counted as unknown-stage, not as undeclared).
        public let hasUnknownStage: Bool
    }

    public struct StageFigures: Sendable {
        public let id: String
        public let span: SourceSpan
        public let visits: Int
        /// Time in stage over the visits that ended with a move, in milliseconds (nearest rank); nil without one.
        public let p50: Int64?
        public let p90: Int64?
        public let slaBreaches: Int
        public let stuck: Int
        /// The stage's `sla.within`, in milliseconds.
        public let sla: Int64?
        /// The stage's stuck limit in this audit (its own, or `--stuck-after`), in milliseconds.
        public let stuckLimit: Int64
        /// Visits to a `disqualified` stage without one of its reason codes (nil without a reason column
        /// or for other stages).
        public let withoutReason: Int?
    }

    public let playbook: String
    public let asOf: Int64?
    public let rowsRead: Int
    public let rowsUsed: Int
    public let rejected: [(line: Int, reason: String)]
    public let records: Int
    public let moves: Int
    public let conforming: Int
    public let violations: [(kind: FlowViolationKind, count: Int)]
    /// Every pair of consecutive moves, most frequent first.
    public let transitions: [Transition]
    /// Declared exits no record took, in the playbook's order.
    public let unused: [(from: String, to: String, span: SourceSpan)]
    public let unknownStages: [(value: String, count: Int)]
    public let stages: [StageFigures]

    /// The share of records that conform (the fitness); nil without records.
    public var fitness: Double? { records == 0 ? nil : Double(conforming) / Double(records) }
}

/// Counts records one at a time into an `AuditReport`.
struct AuditTally {
    let flow: FlowPlaybook
    let reasonCodes: [Set<String>?]
    let hasReason: Bool
    var moves = 0
    var conforming = 0
    var violations = [FlowViolationKind: Int]()
    /// Pair counts by (from code, to code): a stage number, or -1 - an unknown value's number.
    var pairs: [PairKey: PairTally] = [:]
    var exitsFrom: [Int]
    var unknownMoves: [Int]
    var visits: [Int]
    var durations: [[Int64]]
    var slaBreaches: [Int]
    var stuck: [Int]
    var withoutReason: [Int]

    struct PairKey: Hashable {
        let from: Int32
        let to: Int32
    }

    struct PairTally {
        var count = 0
        var examples: [String] = []
        var lastRecord = ""

        mutating func add(_ record: String) {
            count += 1
            guard record != lastRecord else { return }
            lastRecord = record
            // The three smallest ids, in byte order (the SQL computes the same).
            guard !examples.contains(record) else { return }
            if examples.count < 3 || record.utf8.lexicographicallyPrecedes(examples[examples.count - 1].utf8) {
                let at = examples.firstIndex { record.utf8.lexicographicallyPrecedes($0.utf8) } ?? examples.count
                examples.insert(record, at: at)
                if examples.count > 3 { examples.removeLast() }
            }
        }
    }

    init(flow: FlowPlaybook, playbook: Playbook, unknownCount: Int, hasReason: Bool) {
        self.flow = flow
        self.hasReason = hasReason
        reasonCodes = playbook.stages.map { stage in
            guard stage.kind == .disqualified else { return nil }
            if case .mapping(let members)? = stage.node(forKey: "reasons")?.value { return Set(members.map(\.key.value)) }
            return []
        }
        let count = flow.stages.count
        exitsFrom = Array(repeating: 0, count: count)
        unknownMoves = Array(repeating: 0, count: unknownCount)
        visits = Array(repeating: 0, count: count)
        durations = Array(repeating: [], count: count)
        slaBreaches = Array(repeating: 0, count: count)
        stuck = Array(repeating: 0, count: count)
        withoutReason = Array(repeating: 0, count: count)
    }

    mutating func add(_ record: String, moves: [FlowMove], reasons: [String], violations found: [FlowViolation],
                      unknownNumber: (String) -> Int32?) {
        self.moves += moves.count
        if found.isEmpty { conforming += 1 }
        for violation in found {
            violations[violation.kind, default: 0] += 1
            guard let stage = flow.stage(id: violation.stage) else { continue }
            if violation.kind == .slaBreach { slaBreaches[stage] += 1 }
            if violation.kind == .stuck { stuck[stage] += 1 }
        }
        func code(_ move: FlowMove) -> Int32 {
            if let stage = move.stage { return Int32(truncatingIfNeeded: stage) }
            return -1 - (unknownNumber(move.value) ?? 0)
        }
        for (index, move) in moves.enumerated() {
            if let stage = move.stage {
                visits[stage] += 1
                if index + 1 < moves.count { durations[stage].append(moves[index + 1].at - move.at) }
                if hasReason, let codes = reasonCodes[stage], index < reasons.count, !codes.contains(reasons[index]) {
                    withoutReason[stage] += 1
                }
            } else {
                unknownMoves[Int(-1 - code(move))] += 1
            }
            guard index > 0 else { continue }
            let previous = moves[index - 1]
            if let from = previous.stage { exitsFrom[from] += 1 }
            pairs[PairKey(from: code(previous), to: code(move)), default: PairTally()].add(record)
        }
    }

    /// The value at rank ⌈p·n⌉ of the sorted values (p = tenths / 10).
    static func nearestRank(_ sorted: [Int64], tenths: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = (tenths * sorted.count + 9) / 10
        return sorted[max(rank, 1) - 1]
    }

    func report(playbookFile: String, asOf: Int64?, read: Int, used: Int, rejected: [(line: Int, reason: String)],
                unknownValues: [String], records: Int) -> AuditReport {
        func name(_ code: Int32) -> String { code >= 0 ? flow.stages[Int(code)].id : unknownValues[Int(-1 - code)] }
        let transitions = pairs.map { key, tally -> AuditReport.Transition in
            let declared = key.from >= 0 && key.to >= 0 && flow.stages[Int(key.from)].exits.contains(Int(key.to))
            let out = key.from >= 0 ? exitsFrom[Int(key.from)] : 0
            return AuditReport.Transition(from: name(key.from), to: name(key.to), count: tally.count, declared: declared,
                                          examples: tally.examples, share: out > 0 ? Double(tally.count) / Double(out) : nil,
                                          hasUnknownStage: key.from < 0 || key.to < 0)
        }.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            if lhs.from != rhs.from { return lhs.from.utf8.lexicographicallyPrecedes(rhs.from.utf8) }
            return lhs.to.utf8.lexicographicallyPrecedes(rhs.to.utf8)
        }
        var unused: [(from: String, to: String, span: SourceSpan)] = []
        for (number, stage) in flow.stages.enumerated() {
            for target in flow.orderedExits[number] where pairs[PairKey(from: Int32(number), to: Int32(target))] == nil {
                unused.append((stage.id, flow.stages[target].id, stage.span))
            }
        }
        let unknown = unknownValues.indices.map { (value: unknownValues[$0], count: unknownMoves[$0]) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
        let stages = flow.stages.enumerated().map { number, stage -> AuditReport.StageFigures in
            let sorted = durations[number].sorted()
            return AuditReport.StageFigures(id: stage.id, span: stage.span, visits: visits[number],
                                            p50: Self.nearestRank(sorted, tenths: 5), p90: Self.nearestRank(sorted, tenths: 9),
                                            slaBreaches: slaBreaches[number], stuck: stuck[number], sla: stage.sla, stuckLimit: stage.stuckLimit,
                                            withoutReason: hasReason && reasonCodes[number] != nil ? withoutReason[number] : nil)
        }
        return AuditReport(playbook: playbookFile, asOf: asOf, rowsRead: read, rowsUsed: used, rejected: rejected,
                           records: records, moves: moves, conforming: conforming,
                           violations: FlowViolationKind.allCases.map { ($0, violations[$0] ?? 0) },
                           transitions: transitions, unused: unused, unknownStages: unknown, stages: stages)
    }
}
