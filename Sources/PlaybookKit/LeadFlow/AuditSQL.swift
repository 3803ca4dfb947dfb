import PlaybookModel

/// `stagelint audit --sql DIALECT`: one query that computes the audit's figures in a warehouse, from a
/// table with the history's columns. The playbook (its stage values, exits, kinds, SLAs and stuck
/// limits) is compiled into the query as constant tables; the warehouse does the counting.
///
/// The table holds `record_id` and `stage` as text and `entered_at` as a timestamp (a value that could
/// not be read is NULL, and the row is rejected, as the CSV audit rejects it), under these names or
/// those `--columns` maps; and, optionally, a column that orders rows loaded in the same instant
/// (`--columns order=…`; the CSV audit keeps file order). The query returns one row per figure:
///
/// | section | a | b | n | declared | p50 | p90 | breaches | stuck | examples |
///
/// `rows` (a: read, used, rejected), `records`, `moves`, `conforming`, `asof` (n: milliseconds since
/// 1970), `violation` (a: the kind), `transition` (a → b, n, declared 0/1, examples: up to three record
/// ids, smallest first, separated by a line feed), `unknown` (a: the value), `stage` (a: the id, n:
/// visits, p50/p90 in milliseconds, breaches, stuck). Field columns and reason codes are the CSV
/// audit's alone.
public struct AuditSQL: Sendable {
    public enum Dialect: String, Sendable, CaseIterable {
        case postgres, duckdb, snowflake, bigquery
    }

    public let dialect: Dialect
    public let flow: FlowPlaybook
    public let playbook: Playbook
    public let table: String
    public let options: HistoryAudit.Options

    public init(_ playbook: Playbook, dialect: Dialect, table: String, options: HistoryAudit.Options) {
        self.playbook = playbook
        self.flow = FlowPlaybook(playbook, stuckAfter: options.stuckAfter)
        self.dialect = dialect
        self.table = table
        self.options = options
    }

    func literal(_ text: String) -> String {
        switch dialect {
        case .bigquery:
            // BigQuery's string literals escape with backslashes.
            var out = "'"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "'": out += "\\'"
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "'"
        case .snowflake:
            return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        case .postgres, .duckdb:
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }

    /// A column name, quoted as the dialect quotes identifiers.
    func column(_ name: String) -> String {
        switch dialect {
        case .bigquery: return "`" + name.replacingOccurrences(of: "`", with: "\\`") + "`"
        default: return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// A constant table: `(VALUES …) AS name(columns)`, or BigQuery's `UNNEST` of structs. `rows` hold SQL expressions.
    func constants(_ name: String, _ columns: [String], _ rows: [[String]], types: [String]) -> String {
        // An empty table still needs its columns: one row of NULLs, filtered out.
        let filled = rows.isEmpty ? [columns.indices.map { "CAST(NULL AS \(types[$0]))" }] : rows
        switch dialect {
        case .bigquery:
            let structs = filled.map { row in "STRUCT(" + zip(row, columns).map { "\($0) AS \($1)" }.joined(separator: ", ") + ")" }
            return "(SELECT * FROM UNNEST([\n    " + structs.joined(separator: ",\n    ") + "])" + (rows.isEmpty ? " WHERE FALSE" : "") + ")"
        default:
            let values = filled.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ",\n    ")
            return "(SELECT * FROM (VALUES\n    \(values)) AS v(\(columns.joined(separator: ", ")))" + (rows.isEmpty ? " WHERE FALSE" : "") + ")"
        }
    }

    var textType: String { dialect == .bigquery ? "STRING" : "VARCHAR" }
    var integerType: String { dialect == .bigquery ? "INT64" : "BIGINT" }

    func trimmed(_ expression: String) -> String {
        switch dialect {
        case .postgres, .duckdb: return "regexp_replace(\(expression), '^\\s+|\\s+$', '', 'g')"
        case .snowflake: return "REGEXP_REPLACE(\(expression), '^\\\\s+|\\\\s+$', '')"
        case .bigquery: return "REGEXP_REPLACE(\(expression), r'^\\s+|\\s+$', '')"
        }
    }

    func folded(_ expression: String) -> String {
        switch dialect {
        case .postgres, .duckdb: return "regexp_replace(lower(\(expression)), '\\s', '', 'g')"
        case .snowflake: return "REGEXP_REPLACE(LOWER(\(expression)), '\\\\s', '')"
        case .bigquery: return "REGEXP_REPLACE(LOWER(\(expression)), r'\\s', '')"
        }
    }

    func milliseconds(_ expression: String) -> String {
        switch dialect {
        case .postgres: return "CAST(FLOOR(EXTRACT(EPOCH FROM \(expression)) * 1000) AS BIGINT)"
        case .duckdb: return "epoch_ms(\(expression))"
        case .snowflake: return "DATE_PART(EPOCH_MILLISECOND, \(expression))"
        case .bigquery: return "UNIX_MILLIS(\(expression))"
        }
    }

    /// Record ids compared byte by byte (Postgres compares by its collation otherwise).
    func bytewise(_ expression: String) -> String {
        dialect == .postgres ? "\(expression) COLLATE \"C\"" : expression
    }

    func examples(_ expression: String) -> String {
        switch dialect {
        case .postgres: return "string_agg(\(expression), chr(10) ORDER BY \(bytewise(expression)))"
        case .duckdb: return "string_agg(\(expression), chr(10) ORDER BY \(expression))"
        case .snowflake: return "LISTAGG(\(expression), '\\n') WITHIN GROUP (ORDER BY \(expression))"
        case .bigquery: return "STRING_AGG(\(expression), '\\n' ORDER BY \(expression))"
        }
    }

    /// `(5n + 9) / 10` as a whole number: the nearest rank of p50 (`tenths` 5) or p90 (9).
    func rank(_ tenths: Int, of count: String) -> String {
        "CAST(FLOOR((\(tenths) * \(count) + 9) / 10.0) AS \(integerType))"
    }

    public func query() -> String {
        let role = { (name: String) in column(options.columns[name] ?? name) }
        let order = options.columns["order"].map(column)
        let by = order.map { "ms, \($0)" } ?? "ms"
        // Stage values: ids exactly, names and CRM values folded (an id that folds to another stage's name
        // is still that stage's: ids are looked up first).
        let stageRows = flow.stages.enumerated().map { number, stage in
            [literal(stage.id), "\(number)", stage.kind == .entry ? "1" : "0", stage.isTerminal ? "1" : "0",
             stage.sla.map { "\($0)" } ?? "CAST(NULL AS \(integerType))", "\(stage.stuckLimit)"]
        }
        let exitRows = flow.stages.indices.flatMap { from in
            flow.orderedExits[from].map { [literal(flow.stages[from].id), literal(flow.stages[$0].id)] }
        }
        let kinds = FlowViolationKind.allCases.enumerated().map { [literal($1.rawValue), "\($0)"] }
        let filters = options.filters.map { "\(trimmed(column($0.column))) = \(literal(FlowPlaybook.trimmed($0.value)))" }
        let asOf = options.asOf.map { "CAST(\($0) AS \(integerType))" } ?? "(SELECT MAX(ms) FROM resolved)"
        let int = integerType
        return """
            -- stagelint audit --sql \(dialect.rawValue): the audit of the table \(table) against the playbook, in one query.
            -- One row per figure: section, a, b, n, declared, p50, p90, breaches, stuck, examples (see docs/lead-flow.md).
            WITH
            stages AS \(constants("stages", ["stage_id", "ord", "is_entry", "is_terminal", "sla_ms", "stuck_ms"], stageRows,
                                  types: [textType, int, int, int, int, int])),
            ids AS (SELECT stage_id AS value_key, stage_id FROM stages),
            names AS \(constants("names", ["value_key", "stage_id"], flow.foldedNames.map { [literal($0.key), literal(flow.stages[$0.stage].id)] }, types: [textType, textType])),
            exits AS \(constants("exits", ["from_id", "to_id"], exitRows, types: [textType, textType])),
            kinds AS \(constants("kinds", ["kind", "ord"], kinds, types: [textType, int])),
            source AS (
              SELECT \(role("record_id")) AS raw_id, \(role("stage")) AS raw_stage, \(role("entered_at")) AS raw_at\(order.map { ", \($0) AS seq" } ?? "")
              FROM \(table)\(filters.isEmpty ? "" : "\n  WHERE " + filters.joined(separator: "\n    AND "))
            ),
            cleaned AS (
              SELECT \(trimmed("raw_id")) AS rid, \(trimmed("raw_stage")) AS val, raw_at\(order == nil ? "" : ", seq") FROM source
            ),
            resolved AS (
              SELECT c.rid, c.val, \(milliseconds("c.raw_at")) AS ms\(order == nil ? "" : ", c.seq"),
                     COALESCE(i.stage_id, n.stage_id) AS sid
              FROM cleaned c
              LEFT JOIN ids i ON i.value_key = c.val
              LEFT JOIN names n ON n.value_key = \(folded("c.val"))
              WHERE c.rid IS NOT NULL AND c.rid <> '' AND c.val IS NOT NULL AND c.val <> '' AND c.raw_at IS NOT NULL
            ),
            coded AS (
              SELECT r.*, COALESCE(r.sid, CONCAT('?', r.val)) AS code,
                     LAG(COALESCE(r.sid, CONCAT('?', r.val))) OVER (PARTITION BY r.rid ORDER BY \(order == nil ? "r.ms" : "r.ms, r.seq")) AS previous_code
              FROM resolved r
            ),
            moves AS (
              SELECT m.rid, m.val, m.sid, m.ms, m.code,
                     ROW_NUMBER() OVER (PARTITION BY m.rid ORDER BY \(by)) AS n,
                     COUNT(*) OVER (PARTITION BY m.rid) AS total,
                     LEAD(m.ms) OVER (PARTITION BY m.rid ORDER BY \(by)) AS next_ms,
                     LAG(m.sid) OVER (PARTITION BY m.rid ORDER BY \(by)) AS from_sid,
                     LAG(m.code) OVER (PARTITION BY m.rid ORDER BY \(by)) AS from_code,
                     LAG(m.val) OVER (PARTITION BY m.rid ORDER BY \(by)) AS from_val
              FROM coded m
              WHERE m.previous_code IS NULL OR m.previous_code <> m.code
            ),
            as_of AS (SELECT \(asOf) AS ms),
            judged AS (
              SELECT m.*, s.is_entry, s.is_terminal, s.sla_ms, s.stuck_ms, f.is_terminal AS from_terminal,
                     CASE WHEN e.from_id IS NULL THEN 0 ELSE 1 END AS declared,
                     COALESCE(m.next_ms, (SELECT ms FROM as_of)) - m.ms AS stay
              FROM moves m
              LEFT JOIN stages s ON s.stage_id = m.sid
              LEFT JOIN stages f ON f.stage_id = m.from_sid
              LEFT JOIN exits e ON e.from_id = m.from_sid AND e.to_id = m.sid
            ),
            violations AS (
              SELECT 'unknown-stage' AS kind, rid, val AS stage FROM judged WHERE sid IS NULL
              UNION ALL SELECT 'entered-mid-funnel', rid, sid FROM judged WHERE n = 1 AND sid IS NOT NULL AND is_entry = 0
              UNION ALL SELECT 'left-terminal', rid, sid FROM judged WHERE n > 1 AND sid IS NOT NULL AND from_sid IS NOT NULL AND from_terminal = 1
              UNION ALL SELECT 'undeclared-transition', rid, sid FROM judged
                WHERE n > 1 AND sid IS NOT NULL AND from_sid IS NOT NULL AND from_terminal = 0 AND declared = 0
              UNION ALL SELECT 'sla-breach', rid, sid FROM judged WHERE sid IS NOT NULL AND is_terminal = 0 AND sla_ms IS NOT NULL AND stay > sla_ms
              UNION ALL SELECT 'stuck', rid, sid FROM judged
                WHERE n = total AND sid IS NOT NULL AND is_terminal = 0 AND (SELECT ms FROM as_of) - ms > stuck_ms
            ),
            pairs AS (
              SELECT COALESCE(from_sid, from_val) AS a, COALESCE(sid, val) AS b, rid, declared,
                     CASE WHEN from_sid IS NULL OR sid IS NULL THEN 0 ELSE 1 END AS known
              FROM judged WHERE n > 1
            ),
            pair_counts AS (
              SELECT a, b, COUNT(*) AS n, MAX(declared * known) AS declared FROM pairs GROUP BY a, b
            ),
            pair_examples AS (
              SELECT a, b, \(examples("rid")) AS examples
              FROM (SELECT DISTINCT a, b, rid, DENSE_RANK() OVER (PARTITION BY a, b ORDER BY \(bytewise("rid"))) AS place FROM pairs) ranked
              WHERE place <= 3 GROUP BY a, b
            ),
            durations AS (
              SELECT sid, next_ms - ms AS length,
                     ROW_NUMBER() OVER (PARTITION BY sid ORDER BY next_ms - ms) AS place,
                     COUNT(*) OVER (PARTITION BY sid) AS visits
              FROM judged WHERE sid IS NOT NULL AND next_ms IS NOT NULL
            ),
            percentiles AS (
              SELECT sid,
                     MAX(CASE WHEN place = \(rank(5, of: "visits")) THEN length END) AS p50,
                     MAX(CASE WHEN place = \(rank(9, of: "visits")) THEN length END) AS p90
              FROM durations GROUP BY sid
            ),
            figures AS (
              SELECT 'rows' AS section, 'read' AS a, CAST(NULL AS \(textType)) AS b, (SELECT COUNT(*) FROM source) AS n,
                     CAST(NULL AS \(int)) AS declared, CAST(NULL AS \(int)) AS p50, CAST(NULL AS \(int)) AS p90,
                     CAST(NULL AS \(int)) AS breaches, CAST(NULL AS \(int)) AS stuck, CAST(NULL AS \(textType)) AS examples
              UNION ALL SELECT 'rows', 'used', NULL, (SELECT COUNT(*) FROM resolved), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'rows', 'rejected', NULL, (SELECT COUNT(*) FROM source) - (SELECT COUNT(*) FROM resolved), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'records', NULL, NULL, (SELECT COUNT(DISTINCT rid) FROM resolved), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'moves', NULL, NULL, (SELECT COUNT(*) FROM moves), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'conforming', NULL, NULL,
                (SELECT COUNT(DISTINCT rid) FROM resolved) - (SELECT COUNT(DISTINCT rid) FROM violations), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'asof', NULL, NULL, (SELECT ms FROM as_of), NULL, NULL, NULL, NULL, NULL, NULL
              UNION ALL SELECT 'violation', k.kind, NULL, COUNT(v.kind), NULL, NULL, NULL, NULL, NULL, NULL
                FROM kinds k LEFT JOIN violations v ON v.kind = k.kind GROUP BY k.kind
              UNION ALL SELECT 'transition', c.a, c.b, c.n, c.declared, NULL, NULL, NULL, NULL, x.examples
                FROM pair_counts c JOIN pair_examples x ON x.a = c.a AND x.b = c.b
              UNION ALL SELECT 'unknown', val, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL FROM judged WHERE sid IS NULL GROUP BY val
              UNION ALL SELECT 'stage', s.stage_id, NULL,
                (SELECT COUNT(*) FROM judged j WHERE j.sid = s.stage_id), NULL, p.p50, p.p90,
                (SELECT COUNT(*) FROM violations v WHERE v.kind = 'sla-breach' AND v.stage = s.stage_id),
                (SELECT COUNT(*) FROM violations v WHERE v.kind = 'stuck' AND v.stage = s.stage_id), NULL
                FROM stages s LEFT JOIN percentiles p ON p.sid = s.stage_id
            )
            SELECT section, a, b, n, declared, p50, p90, breaches, stuck, examples FROM figures
            ORDER BY section, a, b;

            """
    }
}
