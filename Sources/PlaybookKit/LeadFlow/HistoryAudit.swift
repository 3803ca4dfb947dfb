import PlaybookModel

/// `stagelint audit`: reads a CRM's stage history (CSV), judges every record's moves with the
/// lead-flow engine and counts, as the contract says, where reality leaves the playbook. The rows are
/// read once, piece by piece, and kept in flat columns (a record id once per record); records are
/// judged one after the other.
public enum HistoryAudit {
    public struct Options: Sendable {
        /// Column roles (`record_id`, `stage`, `entered_at`, `reason`) → the export's headers.
        public var columns: [String: String] = [:]
        /// Only rows whose column holds the value (trimmed) are read.
        public var filters: [(column: String, value: String)] = []
        /// The time open visits are measured to; default: the latest `entered_at` of the rows used.
        public var asOf: Int64?
        /// `--stuck-after`, in milliseconds, for every stage.
        public var stuckAfter: Int64?
        /// Told how many rows have been read, every `progressEvery` rows (a progress line on a terminal).
        public var progress: (@Sendable (Int) -> Void)?
        public static let progressEvery = 250_000

        public init() {}

        /// The roles `--columns` maps; `order` (what orders rows of one instant in a warehouse table) is for `--sql` only.
        public static let roles = ["record_id", "stage", "entered_at", "reason", "order"]
    }

    /// A usage problem with the history (exit 2): a column that is not there, a file that cannot be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads every row of `rows` and reports on them.
    public static func run(_ playbook: Playbook, playbookFile: String, rows: inout CSVRows, options: Options) throws(Failure) -> AuditReport {
        let flow = FlowPlaybook(playbook, stuckAfter: options.stuckAfter)
        var history = try HistoryColumns(playbook, flow: flow, rows: &rows, options: options)
        return history.report(flow, playbook: playbook, playbookFile: playbookFile, options: options)
    }
}

/// The used rows, as flat columns, and the rows rejected.
struct HistoryColumns {
    var recordIDs: [String] = []
    var recordNumbers: [String: Int32] = [:]
    var unknownValues: [String] = []
    /// Each distinct stage value's code (a stage number, or -1 - the unknown value's number).
    var valueCodes: [String: Int32] = [:]
    /// Per used row: its record, its time, its stage (a stage number, or -1 - the unknown value's number).
    var rowRecord: [Int32] = []
    var rowTime: [Int64] = []
    var rowStage: [Int32] = []
    /// Per used row, when field columns are given: the fields that hold a value, as bits (`fieldWords` words a row).
    var rowFields: [UInt64] = []
    let fieldWords: Int
    /// Per used row, when a reason column is given: the reason as written (empty for none).
    var rowReason: [String] = []
    var read = 0
    var rejected: [(line: Int, reason: String)] = []
    let fieldNames: [String]
    let untracked: Set<String>
    let hasReason: Bool

    init(_ playbook: Playbook, flow: FlowPlaybook, rows: inout CSVRows, options: HistoryAudit.Options) throws(HistoryAudit.Failure) {
        guard let first = rows.next() else { throw HistoryAudit.Failure(description: "the history is empty: it needs a header row") }
        guard case .fields(let rawHeader, _) = first else {
            if case .malformed(let reason, let line) = first {
                throw HistoryAudit.Failure(description: "the header row (line \(line)) cannot be read: \(reason)")
            }
            throw HistoryAudit.Failure(description: "the header row cannot be read")
        }
        let header = rawHeader.map(FlowPlaybook.trimmed)
        func column(_ name: String, for role: String?) throws(HistoryAudit.Failure) -> Int {
            guard let index = header.firstIndex(of: name) else {
                let mapped = role.map { options.columns[$0] != nil ? " (given for \($0) with --columns)" : " (for \($0); map another header to it with --columns \($0)=HEADER)" } ?? ""
                throw HistoryAudit.Failure(description: "the history has no column '\(name)'\(mapped); its columns are: "
                    + header.map { "'\($0)'" }.joined(separator: ", "))
            }
            return index
        }
        let record = try column(options.columns["record_id"] ?? "record_id", for: "record_id")
        let stage = try column(options.columns["stage"] ?? "stage", for: "stage")
        let time = try column(options.columns["entered_at"] ?? "entered_at", for: "entered_at")
        var reason: Int?
        if let mapped = options.columns["reason"] { reason = try column(mapped, for: "reason") } else { reason = header.firstIndex(of: "reason") }
        var filters: [(index: Int, value: String)] = []
        for filter in options.filters { filters.append((try column(filter.column, for: nil), FlowPlaybook.trimmed(filter.value))) }
        // A column named after a field of the playbook (its id, or its name in a CRM) says when it became known.
        var fieldColumns: [(index: Int, bit: Int)] = []
        var fieldNames: [String] = []
        for field in playbook.fields ?? [] {
            let names = [field.id.value] + FlowPlaybook.crmValues(field.node(forKey: "crm"))
            guard let index = header.firstIndex(where: { names.contains($0) }), ![record, stage, time, reason].contains(index) else { continue }
            fieldColumns.append((index, fieldNames.count))
            fieldNames.append(field.id.value)
        }
        self.fieldNames = fieldNames
        // A required field the history has no column for cannot be judged: it counts as known.
        untracked = Set((playbook.fields ?? []).map(\.id.value)).subtracting(fieldNames)
        fieldWords = fieldColumns.isEmpty ? 0 : (fieldNames.count + 63) / 64
        hasReason = reason != nil
        let needed = ([record, stage, time, reason].compactMap { $0 } + filters.map(\.index) + fieldColumns.map(\.index)).max() ?? 0

        var seen = 0
        // Rows are read as bytes; only the columns the audit needs become texts, trimmed on the bytes.
        while let row = rows.nextRaw() {
            seen += 1
            if seen % HistoryAudit.Options.progressEvery == 0 { options.progress?(seen) }
            switch row {
            case .malformed(let problem, let line):
                read += 1
                rejected.append((line, problem))
            case .fields(let line):
                let count = rows.fieldCount
                guard count > needed else {
                    read += 1
                    rejected.append((line, "the row has \(count) field\(count == 1 ? "" : "s"), the header \(header.count)"))
                    continue
                }
                if filters.contains(where: { Self.trimmed(rows, $0.index) != $0.value }) { continue }
                read += 1
                let id = Self.trimmed(rows, record)
                let value = Self.trimmed(rows, stage)
                if id.isEmpty {
                    rejected.append((line, "the record id is empty"))
                    continue
                }
                if value.isEmpty {
                    rejected.append((line, "the stage is empty"))
                    continue
                }
                let timeRange = Self.trimmedRange(rows, time)
                let parsed = rows.rowBytes.withUnsafeBufferPointer { HistoryTimestamp.parse(bytes: UnsafeBufferPointer(rebasing: $0[timeRange])) }
                // (A time ended by Unicode white space is read again from its fully trimmed text.)
                let written = parsed == nil ? Self.trimmed(rows, time) : ""
                guard let at = parsed ?? HistoryTimestamp.parse(written) else {
                    rejected.append((line, "timestamp '\(written)' is not ISO 8601 (write 2026-03-01, 2026-03-01T14:22:05Z or 2026-03-01 14:22:05+02:00)"))
                    continue
                }
                let number: Int32
                // The stage a value names, looked up once per distinct value (a history has few).
                let code: Int32
                if let known = valueCodes[value] {
                    code = known
                } else {
                    if let stage = flow.stage(named: value) {
                        code = Int32(truncatingIfNeeded: stage)
                    } else {
                        code = -1 - Int32(truncatingIfNeeded: unknownValues.count)
                        unknownValues.append(value)
                    }
                    valueCodes[value] = code
                }
                if let known = recordNumbers[id] {
                    number = known
                } else {
                    number = Int32(truncatingIfNeeded: recordIDs.count)
                    recordNumbers[id] = number
                    recordIDs.append(id)
                }
                rowRecord.append(number)
                rowTime.append(at)
                rowStage.append(code)
                if fieldWords > 0 {
                    var words = [UInt64](repeating: 0, count: fieldWords)
                    for column in fieldColumns where !Self.trimmedRange(rows, column.index).isEmpty {
                        words[column.bit / 64] |= 1 << UInt64(column.bit % 64)
                    }
                    rowFields += words
                }
                if let reason { rowReason.append(Self.trimmed(rows, reason)) }
            }
        }
    }

    /// A field's range without ASCII white space at its ends.
    static func trimmedRange(_ rows: CSVRows, _ index: Int) -> Range<Int> {
        var range = rows.fieldRange(index)
        let bytes = rows.rowBytes
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while let first = range.first, isSpace(bytes[first]) { range = range.dropFirst() }
        while let last = range.last, isSpace(bytes[last]) { range = range.dropLast() }
        return range
    }

    /// A field as text, trimmed of white space (Unicode white space too, when a non-ASCII byte ends it).
    static func trimmed(_ rows: CSVRows, _ index: Int) -> String {
        let range = trimmedRange(rows, index)
        let text = String(decoding: rows.rowBytes[range], as: UTF8.self)
        guard let first = range.first, let last = range.last else { return text }
        return rows.rowBytes[first] >= 0x80 || rows.rowBytes[last] >= 0x80 ? FlowPlaybook.trimmed(text) : text
    }

    /// The rows of each record, in time order (ties in file order).
    func recordRows() -> (starts: [Int], order: [Int]) {
        var starts = [Int](repeating: 0, count: recordIDs.count + 1)
        for record in rowRecord { starts[Int(record) + 1] += 1 }
        for index in 0..<recordIDs.count { starts[index + 1] += starts[index] }
        var next = starts
        var order = [Int](repeating: 0, count: rowRecord.count)
        for (row, record) in rowRecord.enumerated() {
            order[next[Int(record)]] = row
            next[Int(record)] += 1
        }
        for record in 0..<recordIDs.count {
            order[starts[record]..<starts[record + 1]].sort { (rowTime[$0], $0) < (rowTime[$1], $1) }
        }
        return (starts, order)
    }

    mutating func report(_ flow: FlowPlaybook, playbook: Playbook, playbookFile: String, options: HistoryAudit.Options) -> AuditReport {
        let asOf = options.asOf ?? rowTime.max()
        var tally = AuditTally(flow: flow, playbook: playbook, unknownCount: unknownValues.count, hasReason: hasReason)
        let (starts, order) = recordRows()
        var moves: [FlowMove] = []
        var visitReasons: [String] = []
        for record in 0..<recordIDs.count {
            moves.removeAll(keepingCapacity: true)
            visitReasons.removeAll(keepingCapacity: true)
            var known = untracked
            for row in order[starts[record]..<starts[record + 1]] {
                let code = rowStage[row]
                let stage = code >= 0 ? Int(code) : nil
                if fieldWords > 0 {
                    for bit in fieldNames.indices where rowFields[row * fieldWords + bit / 64] & (1 << UInt64(bit % 64)) != 0 {
                        known.insert(fieldNames[bit])
                    }
                }
                let value = stage.map { flow.stages[$0].id } ?? unknownValues[Int(-1 - code)]
                let count = moves.count
                FlowPlaybook.appendMerging(FlowMove(stage: stage, value: value, at: rowTime[row], knownFields: fieldWords > 0 ? known : nil),
                                           to: &moves)
                if hasReason {
                    if moves.count > count { visitReasons.append(rowReason[row]) } else if visitReasons[visitReasons.count - 1].isEmpty {
                        visitReasons[visitReasons.count - 1] = rowReason[row]
                    }
                }
            }
            tally.add(recordIDs[record], moves: moves, reasons: visitReasons, violations: flow.judge(moves, asOf: asOf ?? 0),
                      unknownNumber: { valueCodes[$0].map { -1 - $0 } })
        }
        return tally.report(playbookFile: playbookFile, asOf: asOf, read: read, used: rowRecord.count, rejected: rejected,
                            unknownValues: unknownValues, records: recordIDs.count)
    }
}
