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

/// Judges records one after the other, each from its rows in time order, and counts with the
/// engine's rules into an `AuditReport`. Only the record being judged has state (its current visit,
/// the fields known, a few flags); per stage it keeps the times in stage.
struct AuditTally {
    let flow: FlowPlaybook
    /// Per stage: the reason codes of a `disqualified` stage (nil for other stages).
    let reasonCodes: [Set<String>?]
    let hasReason: Bool
    /// Words of field bits per row (0 without field columns).
    let fieldWords: Int
    /// Per stage: the bits of its required fields that the history has a column for (the others count as known).
    let requiredBits: [[Int]]

    /// The record being judged: its number, the stage of its current visit (a stage number, -1 - an
    /// unknown value's number, or `noVisit` before its first row), when the visit began, the fields
    /// known so far, whether it has a violation, and the visit's reason (seen; one of the stage's codes).
    var record: Int32 = -1
    var visitStage = Int32.min
    var visitAt: Int64 = 0
    var known: [UInt64]
    var violated = false
    var reasonSeen = false
    var reasonValid = false
    static let noVisit = Int32.min

    var moves = 0
    var conforming = 0
    var violations = [FlowViolationKind: Int]()
    /// Pair counts by (from code, to code): a stage number, or -1 - an unknown value's number.
    var pairs: [PairKey: PairTally] = [:]
    var exitsFrom: [Int]
    var unknownMoves: [Int] = []
    var visits: [Int]
    var durations: [DurationList]
    var slaBreaches: [Int]
    var stuck: [Int]
    var withoutReason: [Int]

    struct PairKey: Hashable {
        let from: Int32
        let to: Int32
    }

    struct PairTally {
        var count = 0
        /// Up to 3 records, the smallest ids first (byte order; the SQL computes the same).
        var examples: [Int32] = []
        var lastRecord: Int32 = -1

        mutating func add(_ record: Int32, ids: RecordIDs) {
            count += 1
            guard record != lastRecord else { return }
            lastRecord = record
            guard !examples.contains(record) else { return }
            if examples.count < 3 || ids.precedes(record, examples[examples.count - 1]) {
                let at = examples.firstIndex { ids.precedes(record, $0) } ?? examples.count
                examples.insert(record, at: at)
                if examples.count > 3 { examples.removeLast() }
            }
        }
    }

    /// Times in stage in milliseconds: 4 bytes each below 49 days, 8 above.
    struct DurationList {
        var short: [UInt32] = []
        var long: [Int64] = []

        mutating func append(_ milliseconds: Int64) {
            if milliseconds >= 0, milliseconds <= Int64(UInt32.max) { short.append(UInt32(milliseconds)) } else { long.append(milliseconds) }
        }

        var count: Int { short.count + long.count }

        /// Sorts the times in place (every long time is longer than every short one).
        mutating func sort() {
            short.sort()
            long.sort()
        }

        /// The time at `index` in sorted order (after `sort()`).
        subscript(index: Int) -> Int64 { index < short.count ? Int64(short[index]) : long[index - short.count] }
    }

    init(flow: FlowPlaybook, playbook: Playbook, hasReason: Bool, fieldNames: [String]) {
        self.flow = flow
        self.hasReason = hasReason
        reasonCodes = playbook.stages.map { stage in
            guard stage.kind == .disqualified else { return nil }
            if case .mapping(let members)? = stage.node(forKey: "reasons")?.value { return Set(members.map(\.key.value)) }
            return []
        }
        fieldWords = fieldNames.isEmpty ? 0 : (fieldNames.count + 63) / 64
        known = Array(repeating: 0, count: fieldWords)
        requiredBits = flow.stages.map { stage in stage.requiredFields.compactMap { fieldNames.firstIndex(of: $0) } }
        let count = flow.stages.count
        exitsFrom = Array(repeating: 0, count: count)
        visits = Array(repeating: 0, count: count)
        durations = Array(repeating: DurationList(), count: count)
        slaBreaches = Array(repeating: 0, count: count)
        stuck = Array(repeating: 0, count: count)
        withoutReason = Array(repeating: 0, count: count)
    }

    /// Starts judging another record.
    mutating func begin(_ number: Int32) {
        record = number
        visitStage = Self.noVisit
        violated = false
        for index in known.indices { known[index] = 0 }
    }

    /// How a row's reason reads for its stage: 0 empty, 1 one of the stage's codes, 2 another.
    func reasonKind(_ reason: String, stage code: Int32) -> UInt8 {
        guard !reason.isEmpty else { return 0 }
        guard code >= 0, let codes = reasonCodes[Int(code)] else { return 2 }
        return codes.contains(reason) ? 1 : 2
    }

    private mutating func found(_ kind: FlowViolationKind) {
        violations[kind, default: 0] += 1
        violated = true
    }

    /// One row of the record, after the rows before it in time (ties in file order). `fields` holds the
    /// row's field bits (`fieldWords` words); `reason` its reason kind (see `reasonKind`).
    mutating func step(code: Int32, at: Int64, fields: ArraySlice<UInt64>, reason: UInt8, ids: RecordIDs) {
        let current = visitStage
        if current == code {
            // A repeat: merged into the visit; what it makes known (and its reason) joins the visit's.
            join(fields)
            if !reasonSeen, reason != 0 {
                reasonSeen = true
                reasonValid = reason == 1
            }
            return
        }
        if current != Self.noVisit { closeVisit(end: at, ended: true) }
        join(fields)
        moves += 1
        let first = current == Self.noVisit
        if code >= 0 {
            let stage = Int(code)
            visits[stage] += 1
            if let kind = flow.entryViolation(into: stage, after: current >= 0 ? Int(current) : nil, first: first) { found(kind) }
        } else {
            let unknown = Int(-1 - code)
            if unknown >= unknownMoves.count { unknownMoves += repeatElement(0, count: unknown + 1 - unknownMoves.count) }
            unknownMoves[unknown] += 1
            found(.unknownStage)
        }
        if !first {
            if current >= 0 { exitsFrom[Int(current)] += 1 }
            pairs[PairKey(from: current, to: code), default: PairTally()].add(record, ids: ids)
        }
        visitStage = code
        visitAt = at
        reasonSeen = reason != 0
        reasonValid = reason == 1
    }

    private mutating func join(_ fields: ArraySlice<UInt64>) {
        for (offset, word) in zip(known.indices, fields) { known[offset] |= word }
    }

    /// Judges the current visit as it ends: with a move at `end` (`ended`), or open at as-of.
    private mutating func closeVisit(end: Int64, ended: Bool) {
        guard visitStage >= 0 else { return }
        let stage = Int(visitStage)
        let stayed = end - visitAt
        if ended { durations[stage].append(stayed) }
        if fieldWords > 0, requiredBits[stage].contains(where: { known[$0 / 64] & (1 << UInt64($0 % 64)) == 0 }) {
            found(.missingRequiredField)
        }
        if flow.breachesSLA(stage, stayed: stayed) {
            found(.slaBreach)
            slaBreaches[stage] += 1
        }
        if hasReason, reasonCodes[stage] != nil, !reasonValid { withoutReason[stage] += 1 }
    }

    /// The record's last visit judged at `asOf` (its SLA, stuck), and the record counted as conforming or not.
    mutating func end(asOf: Int64) {
        guard visitStage != Self.noVisit else { return }
        closeVisit(end: asOf, ended: false)
        if visitStage >= 0, flow.isStuck(Int(visitStage), stayed: asOf - visitAt) {
            found(.stuck)
            stuck[Int(visitStage)] += 1
        }
        if !violated { conforming += 1 }
    }

    /// The index of rank ⌈p·n⌉ among n sorted values (p = tenths / 10); nil when there are none.
    static func nearestRank(count: Int, tenths: Int) -> Int? {
        guard count > 0 else { return nil }
        return max((tenths * count + 9) / 10, 1) - 1
    }

    mutating func report(playbookFile: String, asOf: Int64?, read: Int, used: Int, rejected: [(line: Int, reason: String)],
                         unknownValues: [String], ids: RecordIDs) -> AuditReport {
        func name(_ code: Int32) -> String { code >= 0 ? flow.stages[Int(code)].id : unknownValues[Int(-1 - code)] }
        let transitions = pairs.map { key, tally -> AuditReport.Transition in
            let declared = key.from >= 0 && key.to >= 0 && flow.stages[Int(key.from)].exits.contains(Int(key.to))
            let out = key.from >= 0 ? exitsFrom[Int(key.from)] : 0
            return AuditReport.Transition(from: name(key.from), to: name(key.to), count: tally.count, declared: declared,
                                          examples: tally.examples.map(ids.id), share: out > 0 ? Double(tally.count) / Double(out) : nil,
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
        let unknown = unknownValues.indices.map { (value: unknownValues[$0], count: $0 < unknownMoves.count ? unknownMoves[$0] : 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
        for number in durations.indices { durations[number].sort() }
        let stages = flow.stages.enumerated().map { number, stage -> AuditReport.StageFigures in
            let times = durations[number]
            return AuditReport.StageFigures(id: stage.id, span: stage.span, visits: visits[number],
                                            p50: Self.nearestRank(count: times.count, tenths: 5).map { times[$0] },
                                            p90: Self.nearestRank(count: times.count, tenths: 9).map { times[$0] },
                                            slaBreaches: slaBreaches[number], stuck: stuck[number], sla: stage.sla, stuckLimit: stage.stuckLimit,
                                            withoutReason: hasReason && reasonCodes[number] != nil ? withoutReason[number] : nil)
        }
        return AuditReport(playbook: playbookFile, asOf: asOf, rowsRead: read, rowsUsed: used, rejected: rejected,
                           records: ids.count, moves: moves, conforming: conforming,
                           violations: FlowViolationKind.allCases.map { ($0, violations[$0] ?? 0) },
                           transitions: transitions, unused: unused, unknownStages: unknown, stages: stages)
    }
}
