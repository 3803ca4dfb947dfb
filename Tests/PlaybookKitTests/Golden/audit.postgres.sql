-- stagelint audit --sql postgres: the audit of the table lead_history against the playbook, in one query.
-- One row per figure: section, a, b, n, declared, p50, p90, breaches, stuck, examples (see docs/lead-flow.md).
WITH
stages AS (SELECT * FROM (VALUES
    ('new_lead', 0, 1, 0, CAST(NULL AS BIGINT), 7776000000),
    ('mql', 1, 0, 0, 14400000, 57600000),
    ('nurture', 2, 0, 0, CAST(NULL AS BIGINT), 2592000000),
    ('opportunity', 3, 0, 1, CAST(NULL AS BIGINT), 7776000000),
    ('disqualified', 4, 0, 1, CAST(NULL AS BIGINT), 7776000000)) AS v(stage_id, ord, is_entry, is_terminal, sla_ms, stuck_ms)),
ids AS (SELECT stage_id AS value_key, stage_id FROM stages),
names AS (SELECT * FROM (VALUES
    ('newlead', 'new_lead'),
    ('subscriber', 'new_lead'),
    ('open-notcontacted', 'new_lead'),
    ('marketingqualifiedlead', 'mql'),
    ('working-contacted', 'mql'),
    ('nurture', 'nurture'),
    ('opportunitycreated', 'opportunity'),
    ('disqualified', 'disqualified')) AS v(value_key, stage_id)),
exits AS (SELECT * FROM (VALUES
    ('new_lead', 'mql'),
    ('new_lead', 'disqualified'),
    ('mql', 'opportunity'),
    ('mql', 'nurture'),
    ('mql', 'disqualified'),
    ('nurture', 'mql')) AS v(from_id, to_id)),
kinds AS (SELECT * FROM (VALUES
    ('unknown-stage', 0),
    ('undeclared-transition', 1),
    ('left-terminal', 2),
    ('entered-mid-funnel', 3),
    ('sla-breach', 4),
    ('stuck', 5),
    ('missing-required-field', 6)) AS v(kind, ord)),
source AS (
  SELECT "Lead ID" AS raw_id, "New Value" AS raw_stage, "Edit Date" AS raw_at, "Id" AS seq
  FROM lead_history
  WHERE regexp_replace("Field", '^\s+|\s+$', '', 'g') = 'Status''s'
),
cleaned AS (
  SELECT regexp_replace(raw_id, '^\s+|\s+$', '', 'g') AS rid, regexp_replace(raw_stage, '^\s+|\s+$', '', 'g') AS val, raw_at, seq FROM source
),
resolved AS (
  SELECT c.rid, c.val, CAST(FLOOR(EXTRACT(EPOCH FROM c.raw_at) * 1000) AS BIGINT) AS ms, c.seq,
         COALESCE(i.stage_id, n.stage_id) AS sid
  FROM cleaned c
  LEFT JOIN ids i ON i.value_key = c.val
  LEFT JOIN names n ON n.value_key = regexp_replace(lower(c.val), '\s', '', 'g')
  WHERE c.rid IS NOT NULL AND c.rid <> '' AND c.val IS NOT NULL AND c.val <> '' AND c.raw_at IS NOT NULL
),
coded AS (
  SELECT r.*, COALESCE(r.sid, CONCAT('?', r.val)) AS code,
         LAG(COALESCE(r.sid, CONCAT('?', r.val))) OVER (PARTITION BY r.rid ORDER BY r.ms, r.seq) AS previous_code
  FROM resolved r
),
moves AS (
  SELECT m.rid, m.val, m.sid, m.ms, m.code,
         ROW_NUMBER() OVER (PARTITION BY m.rid ORDER BY ms, "Id") AS n,
         COUNT(*) OVER (PARTITION BY m.rid) AS total,
         LEAD(m.ms) OVER (PARTITION BY m.rid ORDER BY ms, "Id") AS next_ms,
         LAG(m.sid) OVER (PARTITION BY m.rid ORDER BY ms, "Id") AS from_sid,
         LAG(m.code) OVER (PARTITION BY m.rid ORDER BY ms, "Id") AS from_code,
         LAG(m.val) OVER (PARTITION BY m.rid ORDER BY ms, "Id") AS from_val
  FROM coded m
  WHERE m.previous_code IS NULL OR m.previous_code <> m.code
),
as_of AS (SELECT (SELECT MAX(ms) FROM resolved) AS ms),
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
  SELECT a, b, string_agg(rid, chr(10) ORDER BY rid COLLATE "C") AS examples
  FROM (SELECT DISTINCT a, b, rid, DENSE_RANK() OVER (PARTITION BY a, b ORDER BY rid COLLATE "C") AS place FROM pairs) ranked
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
         MAX(CASE WHEN place = CAST(FLOOR((5 * visits + 9) / 10.0) AS BIGINT) THEN length END) AS p50,
         MAX(CASE WHEN place = CAST(FLOOR((9 * visits + 9) / 10.0) AS BIGINT) THEN length END) AS p90
  FROM durations GROUP BY sid
),
figures AS (
  SELECT 'rows' AS section, 'read' AS a, CAST(NULL AS VARCHAR) AS b, (SELECT COUNT(*) FROM source) AS n,
         CAST(NULL AS BIGINT) AS declared, CAST(NULL AS BIGINT) AS p50, CAST(NULL AS BIGINT) AS p90,
         CAST(NULL AS BIGINT) AS breaches, CAST(NULL AS BIGINT) AS stuck, CAST(NULL AS VARCHAR) AS examples
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
