#!/usr/bin/env python3
"""Precision and recall of stagelint's wording rules on the labeled corpus.

Each labeled rule text and stage name of Tests/PlaybookKitTests/WordingCorpus/*.jsonl is put into a
small playbook of its own (the text as the entry rule of its stage, or as the `when` of an exit into
it; the name as a stage's name), all of them are checked in one run of the built binary, and the
findings on the item's own line are compared with its label. Prints a table per part (tune, holdout).

    scripts/wording-eval.py [--bin PATH] [--markdown] [--check FILE] [--misses PART] [--targets]

--markdown      prints the tables as Markdown (for docs/wording-accuracy.md).
--check FILE    exits 1 when FILE does not hold the tables as measured now (CI keeps the docs fresh).
--misses PART   lists the items of PART (a file name prefix such as "tune") that were misjudged.
                Never run it on the holdout part: nobody reads those texts while tuning.
--targets       exits 1 unless the holdout part meets the issue's targets (recall >= 95% for
                vague-rule and time-only-exit, >= 90% for untestable-rule, false alarms on at most 1%
                of objective texts).
Needs only python3; builds nothing (run `swift build` first, or pass --bin).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "PlaybookKitTests", "WordingCorpus")

RULE_OF_LABEL = {
    "vague": "vague-rule", "untestable": "untestable-rule", "time-only": "time-only-exit",
    "weak-signal": "weak-signal-qualification", "score-only": "score-only-handoff",
    "vague-stage-name": "vague-stage-name", "status-as-stage": "status-as-stage",
}
TEXT_RULES = ["vague-rule", "untestable-rule", "time-only-exit", "weak-signal-qualification", "score-only-handoff"]
NAME_RULES = ["vague-stage-name", "status-as-stage"]
WORDING_RULES = set(TEXT_RULES + NAME_RULES)

# The stage a text leads into, and the stage whose exit leads there.
SOURCE_OF = {"mql": "new_lead", "sal": "mql", "sql": "sal", "opportunity": "sql", "nurture": "mql",
             "recycle": "mql", "disqualified": "mql", "customer": "opportunity"}
STAGES = ["new_lead", "mql", "sal", "sql", "opportunity", "nurture", "recycle", "disqualified", "customer"]


def playbook(item):
    """The playbook for one item, and the line its text or name is on."""
    q = json.dumps
    lines = [
        "playbook: Wording corpus item",
        "teams:",
        "  marketing: { name: Marketing, role: marketing }",
        "  sdr: { name: Sales Development, role: sales-development }",
        "  ae: { name: Account Executives, role: sales }",
        "stages:",
    ]
    target = None
    stage_lines = {
        "new_lead": ["    name: New Lead", "    kind: entry", "    owner: marketing"],
        "mql": ["    name: Marketing Qualified Lead", "    owner: sdr", "    sla: { within: 4h, action: First call attempt }"],
        "sal": ["    name: Sales Accepted Lead", "    owner: sdr"],
        "sql": ["    name: Sales Qualified Lead", "    owner: sdr"],
        "opportunity": ["    name: Opportunity", "    owner: ae"],
        "nurture": ["    name: Nurture", "    kind: nurture", "    owner: marketing",
                    "    nurture: { cadence: monthly, follow_up: 90d }"],
        "recycle": ["    name: Recycled", "    kind: nurture", "    owner: marketing",
                    "    nurture: { cadence: quarterly, follow_up: 180d }"],
        "disqualified": ["    name: Disqualified", "    kind: disqualified", "    reasons: { icp: Outside the ICP }"],
        "customer": ["    name: Customer", "    kind: won"],
    }
    default_exits = {
        "new_lead": [("mql", "Demo request form submitted")],
        "mql": [("sal", "SDR accepted the lead in the CRM"), ("nurture", "SDR rejected the lead with a reason code"),
                ("recycle", "SDR recorded no budget this year"), ("disqualified", "SDR confirmed the company is outside the ICP")],
        "sal": [("sql", "SDR confirmed budget and timeline on a call")],
        "sql": [("opportunity", "AE created the opportunity with an agreed next meeting")],
        "opportunity": [("customer", "Contract signed")],
        "nurture": [("mql", "Demo request form submitted again")],
        "recycle": [("mql", "Demo request form submitted again")],
    }
    for stage in STAGES:
        lines.append(f"  {stage}:")
        body = list(stage_lines[stage])
        if item["kind"] == "rule" and item["place"] == "entry" and item["into"] == stage:
            body.append("    entry: " + q(item["text"]))
            target = len(lines) + len(body)
        exits = list(default_exits.get(stage, []))
        if item["kind"] == "rule" and item["place"] == "exit" and SOURCE_OF[item["into"]] == stage:
            exits = [(to, when) for to, when in exits if to != item["into"]]
            exits.insert(0, (item["into"], None))
        if exits:
            body.append("    exits:")
            for to, when in exits:
                body.append(f"      - to: {to}")
                if when is None:
                    body.append("        when: " + q(item["text"]))
                    target = len(lines) + len(body)
                else:
                    body.append("        when: " + q(when))
        lines.extend(body)
    if item["kind"] == "name":
        lines.append("  probe:")
        lines.append("    name: " + q(item["name"]))
        target = len(lines)
        lines.append("    entry: Demo request form submitted")
    return "\n".join(lines) + "\n", target


def load(part):
    items = []
    for path in sorted(glob.glob(os.path.join(CORPUS, part + "-*.jsonl"))):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    item = json.loads(line)
                    item["where"] = f"{os.path.basename(path)}:{number}"
                    items.append(item)
    return items


def judge(items, binary):
    """Each item with the set of wording rules reported on its line."""
    with tempfile.TemporaryDirectory() as folder:
        lines = {}
        for number, item in enumerate(items):
            text, line = playbook(item)
            name = f"item-{number:04d}.yaml"
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(text)
            lines[name] = line
        run = subprocess.run([binary, "check", "--format", "json", folder],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"stagelint failed ({run.returncode}): {run.stderr}")
        report = json.loads(run.stdout)
        found = {name: set() for name in lines}
        for finding in report["diagnostics"]:
            name = os.path.basename(finding["file"])
            if finding["rule"] in WORDING_RULES and finding["line"] == lines[name]:
                found[name].add(finding["rule"])
        return [(item, found[f"item-{number:04d}.yaml"]) for number, item in enumerate(items)]


def table(judged):
    """Per rule: labeled, true positives, false positives; and false alarms on objective texts."""
    rows = []
    texts = [(item, found) for item, found in judged if item["kind"] == "rule"]
    names = [(item, found) for item, found in judged if item["kind"] == "name"]
    for rules, group in ((TEXT_RULES, texts), (NAME_RULES, names)):
        for rule in rules:
            labeled = sum(1 for item, _ in group if RULE_OF_LABEL.get(item["label"]) == rule)
            hit = sum(1 for item, found in group if rule in found and RULE_OF_LABEL.get(item["label"]) == rule)
            flagged = sum(1 for _, found in group if rule in found)
            rows.append((rule, labeled, hit, flagged))
    objective = [found for item, found in texts if item["label"] == "objective"]
    clean = [found for item, found in names if item["label"] == "clean"]
    alarms = (sum(1 for found in objective if found), len(objective))
    name_alarms = (sum(1 for found in clean if found), len(clean))
    return rows, alarms, name_alarms


def percent(part, whole):
    return "n/a" if whole == 0 else f"{100.0 * part / whole:.1f}%"


def render(results, markdown):
    out = []
    for part, (rows, alarms, name_alarms) in results:
        if markdown:
            out.append(f"### {part}\n")
            out.append("| rule | labeled | caught | recall | flagged | precision |")
            out.append("|---|---:|---:|---:|---:|---:|")
            for rule, labeled, hit, flagged in rows:
                out.append(f"| `{rule}` | {labeled} | {hit} | {percent(hit, labeled)} | {flagged} | {percent(hit, flagged)} |")
            out.append("")
            out.append(f"False alarms: {alarms[0]} of {alarms[1]} objective rule texts ({percent(*alarms)}) "
                       f"and {name_alarms[0]} of {name_alarms[1]} clean stage names ({percent(*name_alarms)}) "
                       "have a finding of a wording rule.\n")
        else:
            out.append(f"{part}")
            out.append(f"  {'rule':28} {'labeled':>7} {'caught':>6} {'recall':>7} {'flagged':>7} {'precision':>9}")
            for rule, labeled, hit, flagged in rows:
                out.append(f"  {rule:28} {labeled:7} {hit:6} {percent(hit, labeled):>7} {flagged:7} {percent(hit, flagged):>9}")
            out.append(f"  false alarms: {alarms[0]}/{alarms[1]} objective texts ({percent(*alarms)}), "
                       f"{name_alarms[0]}/{name_alarms[1]} clean names ({percent(*name_alarms)})")
            out.append("")
    return "\n".join(out)


def meets_targets(rows, alarms):
    recall = {rule: (hit, labeled) for rule, labeled, hit, _ in rows}
    failures = []
    for rule, target in (("vague-rule", 0.95), ("time-only-exit", 0.95), ("untestable-rule", 0.90)):
        hit, labeled = recall[rule]
        if labeled and hit / labeled < target:
            failures.append(f"{rule}: recall {percent(hit, labeled)} < {target:.0%}")
    if alarms[1] and alarms[0] / alarms[1] > 0.01:
        failures.append(f"false alarms on {percent(*alarms)} of objective texts > 1%")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "stagelint"))
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--check", metavar="FILE")
    parser.add_argument("--misses", metavar="PART")
    parser.add_argument("--targets", action="store_true")
    args = parser.parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"no stagelint binary at {args.bin}: run `swift build` or pass --bin")

    if args.misses:
        if args.misses.startswith("holdout"):
            sys.exit("the holdout part is not read while tuning; add the class of mistake to a tune file instead")
        for item, found in judge(load(args.misses), args.bin):
            expected = {RULE_OF_LABEL[item["label"]]} if item["label"] in RULE_OF_LABEL else set()
            if found != expected:
                shown = item.get("text") or item.get("name")
                print(f"{item['where']}: {item['label']:12} got {sorted(found) or '-'}: {item.get('place', '')} "
                      f"{item.get('into', '')} {shown!r}")
        return

    results = []
    for part in ("tune", "holdout"):
        items = load(part)
        if items:
            results.append((part, table(judge(items, args.bin))))
    rendered = render(results, markdown=args.markdown or bool(args.check))
    if args.check:
        with open(args.check, encoding="utf-8") as handle:
            if rendered not in handle.read():
                print(rendered)
                sys.exit(f"{args.check} does not hold the figures measured now: paste the tables above into it")
        print(f"{args.check}: figures up to date")
    else:
        print(rendered)
    if args.targets:
        holdout = dict(results).get("holdout")
        if holdout is None:
            sys.exit("no holdout part")
        failures = meets_targets(holdout[0], holdout[1])
        if failures:
            sys.exit("holdout misses the targets: " + "; ".join(failures))
        print("holdout meets the targets")


if __name__ == "__main__":
    main()
