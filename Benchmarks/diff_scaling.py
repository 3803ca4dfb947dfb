"""How `stagelint diff` scales: a 1-stage playbook compared with generated versions of 2,500, 5,000 and
20,000 stages, and playbooks of 5,000 and 20,000 stages compared with versions in which every stage has
a new id (each is paired as an undeclared rename: the likeness pairing at its busiest). Linear work
doubles from 2,500 to 5,000 stages and quadruples from 5,000 to 20,000. The
stages are lean (a name, an entry rule, an exit onwards and one to an off-ramp: 18 YAML nodes), so that
5,000 of them stay under the default limit of 100,000 nodes and builds that cannot raise it for diff
can be measured too. Run by Benchmarks/run.py; on its own, to compare builds in turns:

    python3 Benchmarks/diff_scaling.py FOLDER [LABEL=]STAGELINT [[LABEL=]STAGELINT ...]

Each binary gets a column. An older build (for before/after figures in one run) is given the raised
limits only when it knows `diff --config`, so its 20,000-stage row may be missing."""
import os
import statistics
import subprocess
import sys
import time

SIZES = (2500, 5000, 20000)
RENAMED = (5000, 20000)
TURNS = 5


def playbook(stages, prefix="stage"):
    out = ["playbook: Generated for diff", "version: 1", "stages:"]
    for i in range(stages):
        after = f"{prefix}_{i + 1}" if i + 1 < stages else "won"
        out += [f"  {prefix}_{i}:", f"    name: Stage {i} reached",
                "    kind: entry" if i == 0 else f"    entry: Owner of stage {i - 1} confirmed the next step", "    exits:",
                f"      - {{ to: {after}, when: Owner confirmed the next step on a call }}",
                "      - { to: lost, when: Owner confirmed the company is outside the ICP }"]
    out += ["  won: { name: Opportunity Created, kind: won, entry: Account executive created the deal }",
            "  lost: { name: Disqualified, kind: disqualified, entry: Owner recorded a reason code, reasons: { no_fit: No fit } }"]
    return "\n".join(out) + "\n"


def generate(folder):
    """The small playbook and its big versions, and a config file with limits that let them be read."""
    os.makedirs(folder, exist_ok=True)
    paths = {}
    for size in (1,) + SIZES:
        path = os.path.join(folder, f"diff-{size}.yaml")
        with open(path, "w") as file:
            file.write(playbook(size))
        paths[size] = path
    for size in RENAMED:
        path = os.path.join(folder, f"diff-{size}-renamed.yaml")
        with open(path, "w") as file:
            file.write(playbook(size, prefix="step"))
        paths[("renamed", size)] = path
    config = os.path.join(folder, "diff.stagelint.yml")
    with open(config, "w") as file:
        file.write("limits:\n  max-file-bytes: 67108864\n  max-nodes: 50000000\n")
    return paths, config


def knows_config(stagelint):
    help_text = subprocess.run([stagelint, "diff", "--help"], capture_output=True, text=True).stdout
    return "--config" in help_text


def once(command):
    """Wall time of one run; None when it did not compare (exit status 2: over a limit, say)."""
    start = time.perf_counter()
    status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - start
    return elapsed if status in (0, 1) else None


def measure(folder, binaries):
    """Median wall time per binary and size; the binaries run in turns, so a slow spell hits all."""
    paths, config = generate(folder)
    commands = {}
    for label, stagelint in binaries:
        flags = ["--config", config] if knows_config(stagelint) else []
        commands[label] = lambda old, new, stagelint=stagelint, flags=flags: [stagelint, "diff", *flags, paths[old], paths[new]]
    cases = [(size, 1, size) for size in SIZES] + [(("renamed", size), size, ("renamed", size)) for size in RENAMED]
    times = {(label, case): [] for label, _ in binaries for case, _, _ in cases}
    for case, old, new in cases:
        for _ in range(TURNS):
            for label, _ in binaries:
                times[(label, case)].append(once(commands[label](old, new)))
    return {key: (None if None in values else statistics.median(values)) for key, values in times.items()}


def table(folder, binaries):
    """A Markdown table: one column per binary, a row per size, and the two scaling ratios."""
    medians = measure(folder, binaries)
    labels = [label for label, _ in binaries]

    def cell(value, unit=" s", digits=3):
        return "—" if value is None else f"{value:.{digits}f}{unit}"

    def ratio(label, small, big):
        a, b = medians[(label, small)], medians[(label, big)]
        return None if a is None or b is None else b / a

    lines = ["| stagelint diff | " + " | ".join(labels) + " |",
             "|---|" + "---|" * len(labels)]
    for size in SIZES:
        lines.append(f"| a 1-stage playbook with its {size:,}-stage version (median of {TURNS}) | "
                     + " | ".join(cell(medians[(label, size)]) for label in labels) + " |")
    lines.append("| scaling, 5,000 / 2,500 (2.0 is linear) | "
                 + " | ".join(cell(ratio(label, 2500, 5000), "", 2) for label in labels) + " |")
    lines.append("| scaling, 20,000 / 5,000 (4.0 is linear) | "
                 + " | ".join(cell(ratio(label, 5000, 20000), "", 2) for label in labels) + " |")
    for size in RENAMED:
        lines.append(f"| {size:,} stages with every id changed (median of {TURNS}) | "
                     + " | ".join(cell(medians[(label, ("renamed", size))]) for label in labels) + " |")
    lines.append("| scaling of the renames, 20,000 / 5,000 (4.0 is linear) | "
                 + " | ".join(cell(ratio(label, ("renamed", 5000), ("renamed", 20000)), "", 2) for label in labels) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    named = [tuple(argument.split("=", 1)) if "=" in argument else (os.path.basename(argument), argument)
             for argument in sys.argv[2:]]
    print(table(sys.argv[1], named))
