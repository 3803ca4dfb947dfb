import PlaybookModel
import YAMLReader

/// What can be wrong with a record's moves, as the lead-flow contract names it.
public enum FlowViolationKind: String, Sendable, Hashable, CaseIterable {
    case unknownStage = "unknown-stage"
    case undeclaredTransition = "undeclared-transition"
    case leftTerminal = "left-terminal"
    case enteredMidFunnel = "entered-mid-funnel"
    case slaBreach = "sla-breach"
    case stuck
    case missingRequiredField = "missing-required-field"

    /// Whether the violation is about a pair of stages (`KIND FROM->TO`) rather than one (`KIND STAGE`).
    public var isAboutTransition: Bool { self == .undeclaredTransition || self == .leftTerminal }
}

/// One move of a record: into a stage (nil when the value names none) at a time in milliseconds.
public struct FlowMove: Sendable, Hashable {
    /// The stage's number in `FlowPlaybook.stages`; nil for a value that names no stage.
    public var stage: Int?
    /// The value as written (trimmed), shown for an unknown stage.
    public var value: String
    /// When the record entered the stage, in milliseconds since 1970 (or since the scenario's start).
    public var at: Int64
    /// The fields known on entering the stage; nil when they are not tracked (an audit without field columns).
    public var knownFields: Set<String>?

    public init(stage: Int?, value: String, at: Int64, knownFields: Set<String>? = nil) {
        self.stage = stage
        self.value = value
        self.at = at
        self.knownFields = knownFields
    }
}

/// One violation: its kind, the move it is about (a transition's second move, a visit's move), and
/// the stages it names.
public struct FlowViolation: Sendable, Hashable {
    public let kind: FlowViolationKind
    /// The index of the move in the record's moves.
    public let move: Int
    /// The stage's id, or the unknown value as written.
    public let stage: String
    /// For a transition: the stage it left.
    public let from: String?
    /// For `missing-required-field`: the fields not known, in the stage's order.
    public let fields: [String]

    /// `KIND STAGE`, or `KIND FROM->TO` for a transition: how scenario files name violations.
    public var label: String {
        if let from { return "\(kind.rawValue) \(from)->\(stage)" }
        return "\(kind.rawValue) \(stage)"
    }
}

extension FlowPlaybook {
    /// The moves a record's rows make: a row into the stage the record is already in (or the same
    /// unknown value) is a repeat, merged into the visit, and what it makes known is added to it.
    public static func appendMerging(_ move: FlowMove, to moves: inout [FlowMove]) {
        if let last = moves.last, last.stage == move.stage, last.stage != nil || last.value == move.value {
            if let known = move.knownFields, let earlier = moves[moves.count - 1].knownFields {
                moves[moves.count - 1].knownFields = earlier.union(known)
            }
            return
        }
        moves.append(move)
    }

    /// What is wrong with entering a known stage: the record's first move (`previous` nil) into a
    /// stage that is not an entry, or a move out of a terminal stage or along no exit. A pair with an
    /// unknown stage (`previous` nil with `first` false) is judged as unknown-stage only, elsewhere.
    public func entryViolation(into stage: Int, after previous: Int?, first: Bool) -> FlowViolationKind? {
        if first { return stages[stage].kind == .entry ? nil : .enteredMidFunnel }
        guard let previous else { return nil }
        if stages[previous].isTerminal { return .leftTerminal }
        return stages[previous].exits.contains(stage) ? nil : .undeclaredTransition
    }

    /// Whether a visit this long breaks the stage's SLA (a terminal stage never does).
    public func breachesSLA(_ stage: Int, stayed: Int64) -> Bool {
        guard !stages[stage].isTerminal, let sla = stages[stage].sla else { return false }
        return stayed > sla
    }

    /// Whether a record whose last visit is this long is stuck (never in a terminal stage).
    public func isStuck(_ stage: Int, stayed: Int64) -> Bool {
        !stages[stage].isTerminal && stayed > stages[stage].stuckLimit
    }

    /// Every violation of a record's moves (repeats already merged, in time order), measured up to
    /// `asOf`. In the order of the moves; for one move: the stage, the transition into it, its required
    /// fields, its time there; `stuck` last. (The audit judges with the same rules, one row at a time.)
    public func judge(_ moves: [FlowMove], asOf: Int64) -> [FlowViolation] {
        var found: [FlowViolation] = []
        for (index, move) in moves.enumerated() {
            guard let number = move.stage else {
                found.append(FlowViolation(kind: .unknownStage, move: index, stage: move.value, from: nil, fields: []))
                continue
            }
            let stage = stages[number]
            let previous = index > 0 ? moves[index - 1].stage : nil
            if let kind = entryViolation(into: number, after: previous, first: index == 0) {
                found.append(FlowViolation(kind: kind, move: index, stage: stage.id, from: previous.map { stages[$0].id }, fields: []))
            }
            if let known = move.knownFields {
                let missing = stage.requiredFields.filter { !known.contains($0) }
                if !missing.isEmpty {
                    found.append(FlowViolation(kind: .missingRequiredField, move: index, stage: stage.id, from: nil, fields: missing))
                }
            }
            let end = index + 1 < moves.count ? moves[index + 1].at : asOf
            if breachesSLA(number, stayed: end - move.at) {
                found.append(FlowViolation(kind: .slaBreach, move: index, stage: stage.id, from: nil, fields: []))
            }
        }
        if let last = moves.last, let number = last.stage, isStuck(number, stayed: asOf - last.at) {
            found.append(FlowViolation(kind: .stuck, move: moves.count - 1, stage: stages[number].id, from: nil, fields: []))
        }
        return found
    }
}
