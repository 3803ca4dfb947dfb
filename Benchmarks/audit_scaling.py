#!/usr/bin/env python3
"""The audit's speed and memory at scale (issue 18, item 7), run by scripts/bench.sh:

    audit_scaling.py FOLDER STAGELINT PYTHON [--sizes 1,2,5,10] [--turns 3]

- generates one history of 10 million rows (1.3 million records; scripts/generate-history.py on the
  demo playbook, kept in FOLDER) and takes its first 1, 2 and 5 million rows for the smaller sizes;
- audits each size `--turns` times (`--format json`), measuring wall clock and peak memory (the
  kernel's maximum resident set, from wait4), and once a header-only history for the start-up memory;
- in the same turns, DuckDB (PYTHON must import duckdb) reads the 1-million-row CSV and counts its
  transitions (LAG per record, repeats dropped, GROUP BY): the issue's yardstick, timed inside Python
  (the query alone, no interpreter start-up), while the audit's time is the whole process;
- prints a Markdown table for BENCHMARKS.md: per size, rows, records, the median time and time per
  million rows, peak memory, and memory above start-up per record; then the least-squares slope of
  memory over records (bytes per record) and of time over rows.
"""
import json
import os
import subprocess
import sys
import time

ROWS_PER_MILLION = 1_000_000


def usage():
    sys.exit(__doc__)


def measure(command, stdout=subprocess.DEVNULL):
    """Wall-clock seconds and peak resident memory (bytes) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage_ = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage_.ru_maxrss * 1024


def prefix(source, target, rows):
    """The header and the first `rows` lines of `source` (a row cut at a line end is rejected by the audit, as it should be)."""
    if os.path.exists(target):
        return
    with open(source, "rb") as src, open(target + ".part", "wb") as out:
        for number, line in enumerate(src):
            if number > rows:
                break
            out.write(line)
    os.replace(target + ".part", target)


DUCKDB = """
import duckdb, sys, time
start = time.perf_counter()
duckdb.sql('''
WITH used AS (
  SELECT trim(record_id) AS r, trim(stage) AS s, TRY_CAST(trim(entered_at) AS TIMESTAMPTZ) AS t
  FROM read_csv(?, header = true, all_varchar = true, ignore_errors = true, strict_mode = false)
  WHERE trim(record_id) <> '' AND trim(stage) <> ''),
seq AS (SELECT r, s, t, LAG(s) OVER (PARTITION BY r ORDER BY t) AS prev FROM used WHERE t IS NOT NULL),
moves AS (SELECT r, s, LAG(s) OVER (PARTITION BY r ORDER BY t) AS a FROM seq WHERE prev IS DISTINCT FROM s)
SELECT a, s, count(*) FROM moves WHERE a IS NOT NULL GROUP BY a, s ORDER BY 3 DESC
'''.replace('?', "'" + sys.argv[1] + "'")).fetchall()
print(time.perf_counter() - start)
"""


def fit(points):
    """Least-squares slope and intercept of y over x."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / max(sum((x - mean_x) ** 2 for x, _ in points), 1e-9)
    return slope, mean_y - slope * mean_x


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        usage()
    folder, stagelint, python = args[:3]
    sizes, turns = [1, 2, 5, 10], 3
    rest = args[3:]
    while rest:
        option = rest.pop(0)
        if option == "--sizes" and rest:
            sizes = [int(size) for size in rest.pop(0).split(",")]
        elif option == "--turns" and rest:
            turns = int(rest.pop(0))
        else:
            usage()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    playbook = os.path.join(root, "playbooks", "demo-led-inbound.yaml")
    largest = max(sizes)
    # About 7.8 rows a record on this playbook.
    records = largest * 130_000
    full = os.path.join(folder, f"history-{largest}m.csv")
    if not os.path.exists(full):
        print(f"generating {largest} million rows ({records} records)…", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(root, "scripts", "generate-history.py"), playbook, "--records", str(records),
                        "--seed", "5", "--stagelint", stagelint, "-o", full + ".part"], check=True)
        os.replace(full + ".part", full)
    files = {}
    for size in sizes:
        files[size] = full if size == largest else os.path.join(folder, f"history-{size}m.csv")
        prefix(full, files[size], size * ROWS_PER_MILLION)
    empty = os.path.join(folder, "history-empty.csv")
    with open(empty, "w") as out:
        out.write("record_id,stage,entered_at\n")
    script = os.path.join(folder, "duckdb_transitions.py")
    with open(script, "w") as out:
        out.write(DUCKDB)

    _, baseline = measure([stagelint, "audit", playbook, empty, "--format", "json"])
    results = {size: [] for size in sizes}
    duck = []
    counts = {}
    for _ in range(turns):
        for size in sizes:
            results[size].append(measure([stagelint, "audit", playbook, files[size], "--format", "json"]))
            if size == min(sizes):
                # The query's own time, without Python's start-up and the import (the stricter yardstick).
                duck.append(float(subprocess.run([python, script, files[size]], capture_output=True, check=True, text=True).stdout))
    for size in sizes:
        report = json.loads(subprocess.run([stagelint, "audit", playbook, files[size], "--format", "json"],
                                           capture_output=True, check=False).stdout)
        assert report["rows"]["read"] == report["rows"]["used"] + report["rows"]["rejected"], "read = used + rejected"
        counts[size] = (report["rows"]["read"], report["records"])

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    print(f"| rows read | records | time (median of {turns}) | s per million rows | peak memory | above start-up, per record |")
    print("|---:|---:|---:|---:|---:|---:|")
    memory_points, time_points = [], []
    for size in sizes:
        rows, recs = counts[size]
        seconds = median([t for t, _ in results[size]])
        peak = max(m for _, m in results[size])
        memory_points.append((recs, peak))
        time_points.append((rows, seconds))
        print(f"| {rows:,} | {recs:,} | {seconds:.2f} s | {seconds / rows * ROWS_PER_MILLION:.2f} | "
              f"{peak / 2**20:.1f} MiB | {(peak - baseline) / recs:.0f} B |")
    print()
    print(f"Start-up (a header-only history): {baseline / 2**20:.1f} MiB.")
    if len(sizes) > 1:
        slope, intercept = fit(memory_points)
        print(f"Memory over records, least squares: {slope:.0f} bytes per record + {intercept / 2**20:.1f} MiB.")
        slope, intercept = fit(time_points)
        print(f"Time over rows, least squares: {slope * ROWS_PER_MILLION:.2f} s per million rows + {intercept:.2f} s.")
    smallest = min(sizes)
    audit = median([t for t, _ in results[smallest]])
    print(f"On {counts[smallest][0]:,} rows: the audit {audit:.2f} s, DuckDB's transition counts {median(duck):.2f} s "
          f"(median of {turns}, in the same turns): {audit / median(duck):.2f}x.")


if __name__ == "__main__":
    main()
