#!/usr/bin/env python3
"""Generates a realistic CRM stage history for a playbook: simulated leads moving through its stages,
with the drift and dirt real exports have, as CSV for `stagelint audit` (and its SQL, PM4Py and the
benchmarks).

    python3 scripts/generate-history.py playbooks/demo-led-inbound.yaml --records 10000 -o history.csv
    python3 scripts/generate-history.py PLAYBOOK --records 1000 --format salesforce -o lead-history.csv

Drift (share of records, roughly): skips of a stage, backward moves nobody allowed, moves out of won or
disqualified stages, records that start mid-funnel, stage values the playbook does not have, repeated
rows (the same stage again, written as its id, its name or its CRM value), SLA overruns, records left
to rot in a stage. Dirt: rows of other fields (Salesforce exports mix every tracked field), rows with an
empty id or stage, unreadable timestamps, values with commas, quotes and line ends. Rows come out of
order within a window, as exports and warehouse extracts do. The same seed gives the same bytes.

Formats (and the audit options that read them):
  plain       record_id,stage,entered_at,reason[,field ids]      (no options)
  salesforce  a LeadHistory export: Id,IsDeleted,LeadId,CreatedById,CreatedDate,Field,DataType,OldValue,NewValue
              --columns record_id=LeadId,stage=NewValue,entered_at=CreatedDate --filter Field=Status
  hubspot     a property-history export: Record ID,Property,Value,Timestamp,Source
              --columns "record_id=Record ID,stage=Value,entered_at=Timestamp" --filter Property=lifecyclestage

The playbook is read through `stagelint docs PLAYBOOK --format json` (the binary: --stagelint, else
.build/release/stagelint or .build/debug/stagelint).
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys

UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
UNKNOWN_VALUES = ["Working - Contacted", "Recycled", "Open", "Later, maybe", "Qualified \"hot\"", "Unqualified\nlegacy"]


def seconds(duration):
    return int(duration[:-1]) * UNITS[duration[-1]] if duration else None


def load_playbook(path, binary):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    if binary is None:
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        for candidate in (".build/release/stagelint", ".build/debug/stagelint"):
            if os.access(os.path.join(here, candidate), os.X_OK):
                binary = os.path.join(here, candidate)
                break
    if binary is None:
        sys.exit("generate-history: no stagelint binary; build it (swift build) or pass --stagelint")
    out = subprocess.run([binary, "docs", path, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"generate-history: stagelint docs failed: {out.stderr}")
    return json.loads(out.stdout)


class Simulator:
    def __init__(self, playbook, rng, drift):
        self.rng = rng
        self.drift = drift
        self.stages = playbook["stages"]
        self.by_id = {stage["id"]: stage for stage in self.stages}
        self.entries = [s["id"] for s in self.stages if s["kind"] == "entry"] or [self.stages[0]["id"]]
        self.fields = [field["id"] for field in (playbook.get("fields") or [])]

    def written(self, stage_id):
        """How the CRM writes a stage: mostly its id (HubSpot's internal value) or its CRM value, sometimes its name."""
        stage = self.by_id[stage_id]
        crm = stage.get("crm") or {}
        choices = [stage_id] * 6 + [v for v in (crm.get("salesforce"), crm.get("hubspot")) if v] * 3
        if stage.get("name"):
            choices += [stage["name"], " " + stage["name"].upper() + " "]
        return self.rng.choice(choices)

    def stay(self, stage_id):
        """Seconds spent in a stage: around half its SLA, sometimes over it; days where there is none."""
        stage = self.by_id[stage_id]
        sla = seconds((stage.get("sla") or {}).get("within"))
        base = sla * 0.4 if sla else 2 * 86400
        length = self.rng.lognormvariate(0, 0.6) * base
        if sla and self.rng.random() < 0.12 * self.drift:
            length = sla * self.rng.uniform(1.05, 4)  # an SLA overrun
        return max(1, int(length))

    def record(self, start):
        """The rows (stage value, time, fields made known, reason) of one simulated lead."""
        rng, drift = self.rng, self.drift
        rows = []
        known = []
        current = rng.choice(self.entries)
        if rng.random() < 0.03 * drift:  # created mid-funnel (imported, or the first status was never logged)
            current = rng.choice([s["id"] for s in self.stages if s["kind"] != "entry"])
        time = start
        visited = [current]
        for _ in range(40):
            stage = self.by_id[current]
            # The stage's required fields become known when it is entered, mostly.
            for field in stage.get("required_fields") or []:
                if field not in known and rng.random() < 1 - 0.08 * drift:
                    known.append(field)
            reason = ""
            if stage["kind"] == "disqualified":
                codes = list((stage.get("reasons") or {}).keys())
                reason = rng.choice(codes) if codes and rng.random() < 1 - 0.15 * drift else rng.choice(["", "other"])
            rows.append((self.written(current), time, list(known), reason))
            if rng.random() < 0.06 * drift:  # the same stage written again (a repeat), sometimes in the same second
                rows.append((self.written(current), time + rng.choice([0, 0, 60, 3600]), list(known), reason))
            if rng.random() < 0.02 * drift:  # a value the playbook does not have
                time += self.stay(current) // 3
                rows.append((rng.choice(UNKNOWN_VALUES), time, list(known), ""))
            time += self.stay(current)
            exits = [e["to"] for e in stage.get("exits") or [] if e.get("to") in self.by_id]
            if stage["kind"] in ("won", "disqualified") or not exits:
                if rng.random() < 0.03 * drift:  # moved out of a terminal stage
                    current = rng.choice([s["id"] for s in self.stages if s["id"] != current])
                    visited.append(current)
                    continue
                break
            if stage["kind"] != "entry" and rng.random() < 0.06 * drift:  # left to rot here
                break
            roll = rng.random()
            if roll < 0.04 * drift:  # a skip: two stages ahead
                ahead = [e["to"] for e in self.by_id[rng.choice(exits)].get("exits") or [] if e.get("to") in self.by_id]
                current = rng.choice(ahead) if ahead else rng.choice(exits)
            elif roll < 0.07 * drift and len(visited) > 1:  # a backward move
                current = rng.choice(visited[:-1])
            else:
                forward = [to for to in exits if self.by_id[to]["kind"] != "disqualified"]
                current = rng.choice(forward) if forward and rng.random() < 0.75 else rng.choice(exits)
            visited.append(current)
        return rows


def iso(seconds_since_epoch, rng):
    moment = dt.datetime.fromtimestamp(seconds_since_epoch, tz=dt.timezone.utc)
    style = rng.random()
    if style < 0.6:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if style < 0.75:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % rng.randrange(1000)
    if style < 0.9:  # the same instant written in another zone
        offset = rng.choice([-5, 2, 5.5])
        local = moment + dt.timedelta(hours=offset)
        sign = "+" if offset >= 0 else "-"
        hours, minutes = int(abs(offset)), int(abs(offset) % 1 * 60)
        return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hours:02d}:{minutes:02d}"
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("playbook", help="a playbook (read with stagelint docs --format json) or that JSON")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["plain", "salesforce", "hubspot"], default="plain")
    parser.add_argument("--drift", type=float, default=1.0, help="scales every kind of drift and dirt (0: a clean history)")
    parser.add_argument("--end", default="2026-11-30", help="the last day leads are created (ISO date)")
    parser.add_argument("--days", type=int, default=365, help="leads are created over this many days before --end")
    parser.add_argument("--window", type=int, default=200, help="rows are shuffled within windows of this many")
    parser.add_argument("--fields", action="store_true", help="plain format: add a column per playbook field")
    parser.add_argument("--stagelint", help="the stagelint binary")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    playbook = load_playbook(args.playbook, args.stagelint)
    simulator = Simulator(playbook, rng, args.drift)
    end = int(dt.datetime.fromisoformat(args.end).replace(tzinfo=dt.timezone.utc).timestamp())
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    writer = csv.writer(out, lineterminator="\r\n" if args.format == "salesforce" else "\n")
    fields = simulator.fields if args.fields and args.format == "plain" else []
    if args.format == "plain":
        writer.writerow(["record_id", "stage", "entered_at", "reason"] + fields)
    elif args.format == "salesforce":
        out.write("\ufeff")  # Data Loader and report exports often start with a BOM
        writer.writerow(["Id", "IsDeleted", "LeadId", "CreatedById", "CreatedDate", "Field", "DataType", "OldValue", "NewValue"])
    else:
        writer.writerow(["Record ID", "Property", "Value", "Timestamp", "Source"])
    window = []
    history_id = 0

    def flush(all_rows=False):
        rng.shuffle(window)
        while window and (all_rows or len(window) > args.window // 2):
            writer.writerow(window.pop())

    def emit(row):
        window.append(row)
        if len(window) >= args.window:
            flush()

    for number in range(args.records):
        record = f"00Q{number:09d}" if args.format == "salesforce" else (str(1000 + number) if args.format == "hubspot" else f"L-{number}")
        start = end - rng.randrange(args.days * 86400)
        previous = ""
        for value, time, known, reason in simulator.record(start):
            stamp = iso(time, rng)
            dirt = rng.random()
            if dirt < 0.004 * args.drift:
                stamp = rng.choice(["31/02/2026", "2026-13-01", "yesterday", ""])
            elif dirt < 0.006 * args.drift:
                value = ""
            history_id += 1
            if args.format == "plain":
                row_id = "" if 0.006 * args.drift <= dirt < 0.008 * args.drift else record
                emit([row_id, value, stamp, reason] + [("x" if field in known else "") for field in fields])
            elif args.format == "salesforce":
                emit([f"017{history_id:012d}", "false", record, "005000000000001", stamp, "Status", "Picklist", previous, value])
                if rng.random() < 0.3:  # another tracked field changed too
                    emit([f"017{history_id:012d}B", "false", record, "005000000000001", stamp, rng.choice(["Owner", "Rating"]),
                          "Text", "", rng.choice(["Bob Smith", "Hot", "Warm, maybe"])])
            else:
                emit([record, "lifecyclestage", value, stamp, rng.choice(["CRM_UI", "WORKFLOWS", "API"])])
                if rng.random() < 0.3:
                    emit([record, "hs_lead_status", rng.choice(["NEW", "OPEN", "IN_PROGRESS"]), stamp, "CRM_UI"])
            previous = value
    flush(all_rows=True)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
