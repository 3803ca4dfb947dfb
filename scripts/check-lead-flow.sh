#!/usr/bin/env bash
# The audit's numbers checked against outside tools, on histories made by scripts/generate-history.py:
#   PM4Py       -> its directly-follows graph has the audit's transition counts, pair by pair
#   DuckDB      -> `audit --sql duckdb` on the history loaded into DuckDB gives every figure of the CSV audit
#   PostgreSQL  -> the same with `--sql postgres`, on a server from Debian's packages that this script starts
# Python tools come from PyPI into .build-leadflow/venv. PostgreSQL is installed with apt-get when it is
# missing (as root, as CI runs), and runs in a temporary folder on a private socket, stopped at the end.
# Prints "N passed, N failed" last; exits 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
chmod 755 "$work"
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

venv="$root/.build-leadflow/venv"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || { echo "cannot create a virtual environment"; exit 1; }
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check pm4py duckdb pandas \
    || { echo "cannot install pm4py, duckdb and pandas from PyPI"; exit 1; }
py="$venv/bin/python"

swift build --quiet || { echo "swift build failed"; exit 1; }
bin="$(swift build --show-bin-path)/stagelint"

# PostgreSQL from Debian's packages, in a cluster of its own.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z "$pgbin" ]]; then
    echo "PostgreSQL not found: installing it from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql > /dev/null || { echo "cannot install PostgreSQL"; exit 1; }
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_owner() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgdata="$work/pgdata"
mkdir -p "$pgdata"
[[ $(id -u) == 0 ]] && chown postgres "$pgdata" "$work"
stop_postgres() { as_owner "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop > /dev/null 2>&1; }
trap 'stop_postgres; rm -rf "$work"' EXIT
as_owner "$pgbin/initdb" -D "$pgdata" -U audit --auth=trust > "$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
as_owner "$pgbin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w \
    -o "-k $work -c listen_addresses='' -p 54329 -c fsync=off" start > /dev/null || { cat "$work/postgres.log"; exit 1; }
psql_run() { "$pgbin/psql" -h "$work" -p 54329 -U audit -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

# The check of one history: the CSV audit's JSON, then each outside tool.
check_history() {
    local playbook=$1 records=$2 seed=$3 label=$4
    local csv="$work/$label.csv"
    chmod 755 "$work"
    "$py" scripts/generate-history.py "$playbook" --records "$records" --seed "$seed" --stagelint "$bin" -o "$csv" \
        || { fail "$label: generate-history.py"; return; }
    chmod 644 "$csv"
    "$bin" audit "$playbook" "$csv" --format json > "$work/$label.audit.json" || { fail "$label: stagelint audit"; return; }
    "$bin" docs "$playbook" --format json > "$work/$label.playbook.json" || { fail "$label: stagelint docs"; return; }

    # PM4Py's directly-follows graph, from the rows read as the contract says (trimmed, rejected rows
    # left out, values named by stage id, name or CRM value, repeats merged, ties in file order).
    if "$py" - "$csv" "$work/$label.playbook.json" "$work/$label.audit.json" <<'PY'
import json, re, sys
import pandas as pd
import pm4py
csv_path, playbook_path, audit_path = sys.argv[1:4]
playbook = json.load(open(playbook_path))
audit = json.load(open(audit_path))
iso = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$")
fold = lambda text: re.sub(r"\s", "", text.lower())
names = {}
for stage in playbook["stages"]:
    for value in [stage["name"]] + [v for v in (stage.get("crm") or {}).values() if v]:
        if value and fold(value) not in names:
            names[fold(value)] = stage["id"]
ids = {stage["id"] for stage in playbook["stages"]}
frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
frame["order"] = range(len(frame))
frame["record"] = frame["record_id"].str.strip()
frame["value"] = frame["stage"].str.strip()
stamps = frame["entered_at"].str.strip()
frame["time"] = pd.to_datetime(stamps.where(stamps.map(lambda s: bool(iso.match(s)))), utc=True, format="ISO8601", errors="coerce")
frame = frame[(frame["record"] != "") & (frame["value"] != "") & frame["time"].notna()].copy()
frame["activity"] = frame["value"].map(lambda v: v if v in ids else names.get(fold(v), v))
frame = frame.sort_values(["record", "time", "order"], kind="stable")
frame = frame[frame["activity"] != frame.groupby("record")["activity"].shift()]
log = pm4py.format_dataframe(frame, case_id="record", activity_key="activity", timestamp_key="time")
dfg, starts, ends = pm4py.discover_dfg(log)
ours = {(t["from"], t["to"]): t["count"] for t in audit["transitions"]}
theirs = {pair: count for pair, count in dfg.items()}
assert ours == theirs, {"only ours": {k: v for k, v in ours.items() if theirs.get(k) != v},
                        "only PM4Py": {k: v for k, v in theirs.items() if ours.get(k) != v}}
assert sum(starts.values()) == audit["records"], (sum(starts.values()), audit["records"])
print(f"  {len(ours)} transitions, {sum(ours.values())} moves between stages, {audit['records']} records")
PY
    then ok "$label: the audit's transition counts equal PM4Py's directly-follows graph"; else fail "$label: PM4Py"; fi

    # The same figures from the warehouse query. Rows are loaded as text with their file order; a
    # timestamp the CSV audit cannot read is NULL in the typed column (the pattern is the audit's).
    "$bin" audit "$playbook" --sql duckdb --table history --columns order=seq > "$work/$label.duckdb.sql" || { fail "$label: --sql duckdb"; return; }
    "$bin" audit "$playbook" --sql postgres --table history --columns order=seq > "$work/$label.postgres.sql" || { fail "$label: --sql postgres"; return; }
    psql_run <<SQL || { fail "$label: loading PostgreSQL"; return; }
DROP TABLE IF EXISTS raw; DROP TABLE IF EXISTS history;
CREATE TABLE raw (seq bigserial, record_id text, stage text, entered_at text, reason text);
\copy raw (record_id, stage, entered_at, reason) FROM '$csv' WITH (FORMAT csv, HEADER true)
SET TimeZone = 'UTC';
CREATE OR REPLACE FUNCTION iso_timestamp(t text) RETURNS timestamptz AS \$\$
BEGIN
  IF t !~ '^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$' THEN RETURN NULL; END IF;
  RETURN replace(t, ',', '.')::timestamptz;
EXCEPTION WHEN others THEN RETURN NULL;
END \$\$ LANGUAGE plpgsql IMMUTABLE;
CREATE TABLE history AS SELECT seq, record_id, stage, iso_timestamp(trim(entered_at)) AS entered_at FROM raw;
SQL
    psql_run --csv -f "$work/$label.postgres.sql" > "$work/$label.postgres.csv" || { fail "$label: the postgres query"; return; }
    if "$py" - "$csv" "$work/$label.duckdb.sql" "$work/$label.postgres.csv" "$work/$label.audit.json" <<'PY'
import csv, json, re, sys, datetime as dt
import duckdb
csv_path, duck_sql, postgres_csv, audit_path = sys.argv[1:5]
audit = json.load(open(audit_path))
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(f"""CREATE TABLE raw AS SELECT row_number() OVER () AS seq, * FROM read_csv('{csv_path}', header = true,
    all_varchar = true, quote = '"', escape = '"', parallel = false)""")
con.execute(r"""CREATE TABLE history AS SELECT seq, record_id, stage,
    CASE WHEN regexp_full_match(trim(entered_at), '\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?')
         THEN TRY_CAST(replace(trim(entered_at), ',', '.') AS TIMESTAMPTZ) END AS entered_at FROM raw""")
columns = ["section", "a", "b", "n", "declared", "p50", "p90", "breaches", "stuck", "examples"]
duck = [dict(zip(columns, row)) for row in con.execute(open(duck_sql).read()).fetchall()]
with open(postgres_csv, newline="") as file:
    pg = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(file)]

def seconds(ms):
    if ms is None: return None
    ms = int(ms)
    return ms // 1000 if ms % 1000 == 0 else ms / 1000

def figures(rows):
    out = {"transitions": {}, "unknownStages": {}, "stages": {}, "violations": {}}
    for row in rows:
        section, a, b = row["section"], row["a"], row["b"]
        n = None if row["n"] is None else int(row["n"])
        if section == "rows": out["rows." + a] = n
        elif section in ("records", "moves", "conforming"): out[section] = n
        elif section == "asof": out["asOf"] = dt.datetime.fromtimestamp(n / 1000, dt.timezone.utc)
        elif section == "violation": out["violations"][a] = n
        elif section == "transition":
            out["transitions"][(a, b)] = (n, int(row["declared"]) == 1, (row["examples"] or "").split("\n"))
        elif section == "unknown": out["unknownStages"][a] = n
        elif section == "stage":
            out["stages"][a] = (n, seconds(row["p50"]), seconds(row["p90"]), int(row["breaches"]), int(row["stuck"]))
    return out

expected = {"rows.read": audit["rows"]["read"], "rows.used": audit["rows"]["used"], "rows.rejected": audit["rows"]["rejected"],
            "records": audit["records"], "moves": audit["moves"], "conforming": audit["conforming"],
            "asOf": dt.datetime.fromisoformat(audit["asOf"].replace("Z", "+00:00")),
            "violations": {k: v for k, v in audit["violations"].items() if k != "missing-required-field"},
            "transitions": {(t["from"], t["to"]): (t["count"], t["declared"], t["examples"]) for t in audit["transitions"]},
            "unknownStages": {u["value"]: u["count"] for u in audit["unknownStages"]},
            "stages": {s["id"]: (s["visits"], s["p50"], s["p90"], s["slaBreaches"], s["stuck"]) for s in audit["stages"]}}
assert audit["violations"]["missing-required-field"] == 0
bad = False
for name, rows in (("DuckDB", duck), ("PostgreSQL", pg)):
    got = figures(rows)
    got["violations"].pop("missing-required-field", None)
    for key in expected:
        if got.get(key) != expected[key]:
            bad = True
            e, g = expected[key], got.get(key)
            if isinstance(e, dict) and isinstance(g, dict):
                diff = {k: (e.get(k), g.get(k)) for k in set(e) | set(g) if e.get(k) != g.get(k)}
                print(f"  {name} differs in {key}: {dict(list(diff.items())[:5])}")
            else:
                print(f"  {name} differs in {key}: the CSV audit {e}, the query {g}")
sys.exit(1 if bad else 0)
PY
    then ok "$label: --sql duckdb and --sql postgres give every figure of the CSV audit, to the record"; else fail "$label: SQL"; fi
}

check_history playbooks/demo-led-inbound.yaml 3000 7 demo-led-inbound
check_history playbooks/trial-led-product.yaml 2000 11 trial-led-product
check_history Tests/PlaybookKitTests/Fixtures/scenarios/funnel.yaml 1500 3 funnel

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
