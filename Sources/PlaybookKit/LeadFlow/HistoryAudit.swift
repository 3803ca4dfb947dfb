import PlaybookModel

/// `stagelint audit`: reads a CRM's stage history (CSV), judges every record's moves with the
/// lead-flow engine and counts, as the contract says, where reality leaves the playbook. The rows are
/// read piece by piece and judged as they come (see `run`).
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
        /// Past this many rows held in memory, rows go to temporary files (tests set it low).
        public var spillAfter = 1 << 16

        public init() {}

        /// The roles `--columns` maps; `order` (what orders rows of one instant in a warehouse table) is for `--sql` only.
        public static let roles = ["record_id", "stage", "entered_at", "reason", "order"]
    }

    /// A usage problem with the history (exit 2): a column that is not there, a file that cannot be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads every row of `rows` and reports on them. The rows are decoded as they come (a record id
    /// becomes a number, a stage value a code, a time milliseconds) and kept in flat columns; past a
    /// 65,536 rows they are spilled to temporary files split by record, so that memory
    /// grows with the records, not the rows. Then each record's rows are sorted by time and judged.
    public static func run(_ playbook: Playbook, playbookFile: String, rows: inout CSVRows, options: Options) throws(Failure) -> AuditReport {
        let flow = FlowPlaybook(playbook, stuckAfter: options.stuckAfter)
        var pass = try HistoryPass(playbook, flow: flow, rows: &rows, options: options)
        return try pass.report(playbookFile: playbookFile, options: options)
    }
}

/// One read of a history: every row decoded into `HistoryRows` (spilled to `HistorySpill` when there
/// are many), every rejected row with its line.
struct HistoryPass {
    var ids = RecordIDs()
    var tally: AuditTally
    var unknownValues: [String] = []
    /// Each distinct stage value's code (a stage number, or -1 - the unknown value's number).
    var valueCodes: [String: Int32] = [:]
    var read = 0
    var used = 0
    var latest: Int64?
    var rejected: [(line: Int, reason: String)] = []
    var store: HistoryRows
    /// Where rows go once there are many; nil while they are few (or when no temporary file can be made).
    var spill: HistorySpill?

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
        // A required field the history has no column for cannot be judged: it counts as known.
        tally = AuditTally(flow: flow, playbook: playbook, hasReason: reason != nil, fieldNames: fieldNames)
        let fieldWords = tally.fieldWords
        store = HistoryRows(words: fieldWords)
        var spillFailed = false
        var rowFields = [UInt64](repeating: 0, count: fieldWords)
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
                let idRange = Self.trimmedRange(rows, record)
                // An id ended by a non-ASCII byte may end in Unicode white space: trimmed as text.
                let idText = !idRange.isEmpty && (rows.rowBytes[idRange.lowerBound] >= 0x80 || rows.rowBytes[idRange.upperBound - 1] >= 0x80)
                    ? Array(Self.trimmed(rows, record).utf8) : nil
                let value = Self.trimmed(rows, stage)
                if idRange.isEmpty || idText?.isEmpty == true {
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
                let numbered = idText.map { text in text.withUnsafeBufferPointer { ids.number($0) } }
                    ?? rows.rowBytes.withUnsafeBufferPointer { ids.number(UnsafeBufferPointer(rebasing: $0[idRange])) }
                guard let number = numbered else {
                    throw HistoryAudit.Failure(description: "the history has more record ids than an audit can number (2 billion, or 4 GiB of ids)")
                }
                used += 1
                latest = max(latest ?? at, at)
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
                if fieldWords > 0 {
                    for index in rowFields.indices { rowFields[index] = 0 }
                    for column in fieldColumns where !Self.trimmedRange(rows, column.index).isEmpty {
                        rowFields[column.bit / 64] |= 1 << UInt64(column.bit % 64)
                    }
                }
                let reasonKind = reason.map { tally.reasonKind(Self.trimmed(rows, $0), stage: code) } ?? 0
                store.append(record: number, time: at, stage: code, reason: reasonKind, fields: rowFields)
                if store.count >= options.spillAfter, !spillFailed {
                    if spill == nil { spill = HistorySpill() }
                    if let spill {
                        do { try spill.write(store) } catch {
                            throw HistoryAudit.Failure(description: "cannot write the audit's temporary files in \(spill.folder.path): \(error.localizedDescription)")
                        }
                        store.removeAll()
                    } else {
                        // No temporary folder: the rows stay in memory.
                        spillFailed = true
                    }
                }
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

    /// Every record judged from its rows in time order (ties in file order), part by part when the
    /// rows were spilled; the report.
    mutating func report(playbookFile: String, options: HistoryAudit.Options) throws(HistoryAudit.Failure) -> AuditReport {
        let asOf = options.asOf ?? latest
        if let spill {
            do {
                try spill.write(store)
                store = HistoryRows(words: tally.fieldWords)
                for part in 0..<HistorySpill.partitions {
                    judge(try spill.read(part, words: tally.fieldWords), stride: HistorySpill.partitions, partition: part, asOf: asOf ?? 0)
                }
            } catch {
                throw HistoryAudit.Failure(description: "cannot use the audit's temporary files in \(spill.folder.path): \(error.localizedDescription)")
            }
            self.spill = nil
        } else {
            judge(store, stride: 1, partition: 0, asOf: asOf ?? 0)
        }
        return tally.report(playbookFile: playbookFile, asOf: asOf, read: read, used: used, rejected: rejected,
                            unknownValues: unknownValues, ids: ids)
    }

    /// Judges the records of one part (numbers `partition`, `partition + stride`, …) from its rows.
    private mutating func judge(_ rows: HistoryRows, stride: Int, partition: Int, asOf: Int64) {
        let (starts, order) = rows.byRecord(stride: stride, partition: partition, records: ids.count)
        let words = rows.words
        for slot in 0..<starts.count - 1 where starts[slot] < starts[slot + 1] {
            tally.begin(Int32(truncatingIfNeeded: slot * stride + partition))
            for row in order[starts[slot]..<starts[slot + 1]] {
                let index = Int(row)
                tally.step(code: rows.stage[index], at: rows.time[index], fields: rows.fields[index * words..<(index + 1) * words],
                           reason: rows.reason[index], ids: ids)
            }
            tally.end(asOf: asOf)
        }
    }
}
