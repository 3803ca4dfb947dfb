"""Measures stagelint against a bare libyaml event loop, yamllint and check-jsonschema on a generated
corpus, plus scaling, a small playbook's wall time, its start-up against `--version`, peak memory, and
how `stagelint diff` scales (diff_scaling.py). Run by scripts/bench.sh, which builds everything first;
prints Markdown tables of the figures.

`run.py --startup ROOT BINARY...` measures only the start-up pairs (see `startup_pairs`), on the
small playbook of ROOT, for any binaries (those of two commits, say)."""
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import diff_scaling
import house_rules


def run(command, repeat=3, cpu_times=None):
    """Median wall time over `repeat` runs, and the peak resident memory of one run (KiB); each run's
    user + system CPU time is appended to `cpu_times` when a list is given."""
    times = []
    peak = 0
    for _ in range(repeat):
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execvp(command[0], command)
        start = time.perf_counter()
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
        if cpu_times is not None:
            cpu_times.append(usage.ru_utime + usage.ru_stime)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{command[0]} failed with exit status {code}")
    return statistics.median(times), peak


def startup_pairs(binaries, small, pairs=30):
    """`stagelint --version` and `stagelint check SMALL` in turns, `pairs` times, each binary taking
    its turn in every round: for each binary, the median time of each and the median of the pairs'
    ratios (check / version), which a slow spell of the machine moves little. What check takes
    beyond `--version` is its set-up, paid on every pre-commit run."""
    rounds = [[(run([binary, "--version"], repeat=1)[0], run([binary, "check", small], repeat=1)[0])
               for binary in binaries] for _ in range(pairs)]
    return [(statistics.median(turns[index][0] for turns in rounds),
             statistics.median(turns[index][1] for turns in rounds),
             statistics.median(turns[index][1] / turns[index][0] for turns in rounds))
            for index in range(len(binaries))]


if sys.argv[1] == "--startup":
    # Only the start-up pairs, of any binaries: run.py --startup ROOT BINARY...
    print("| Binary | `--version` | `check` of the small playbook | check / `--version` (median of 30 pairs) |")
    print("|---|---|---|---|")
    binaries = sys.argv[3:]
    for binary, (version, check, ratio) in zip(binaries, startup_pairs(binaries, os.path.join(sys.argv[2], "small.yaml"))):
        print(f"| {binary} | {version * 1000:.1f} ms | {check * 1000:.1f} ms | {ratio:.2f}× |")
    sys.exit(0)

root = sys.argv[1]          # the benchmark folder (corpus, big files, tools)
stagelint = sys.argv[2]     # the release binary as installed (Swift runtime linked in statically)
libyaml_loop = sys.argv[3]
venv = sys.argv[4]
dynamic = sys.argv[5]       # the release binary as `swift build -c release` makes it (pre-commit does)
corpus = os.path.join(root, "corpus")
files = sorted(os.path.join(corpus, name) for name in os.listdir(corpus))
corpus_bytes = sum(os.path.getsize(path) for path in files)
config = os.path.join(root, "bench.stagelint.yml")

rows = []
# The baseline and stagelint run in turns, so a slow spell of the machine (a virtual machine's
# speed drifts by tens of percent) hits both; the ratio is the median of the pairs' ratios.
# The binary with the runtime linked dynamically takes its turn too.
turns = [(run([libyaml_loop] + files, repeat=1)[0], run([stagelint, "check", "--format", "json", corpus], repeat=1)[0],
          run([dynamic, "check", "--format", "json", corpus], repeat=1)[0])
         for _ in range(9)]
base = statistics.median(turn[0] for turn in turns)
ours = statistics.median(turn[1] for turn in turns)
ratio = statistics.median(turn[1] / turn[0] for turn in turns)
ours_dynamic = statistics.median(turn[2] for turn in turns)
ratio_dynamic = statistics.median(turn[2] / turn[0] for turn in turns)
rows.append(("libyaml event loop (C, the baseline)", f"{base:.3f} s", "1.0×"))
rows.append(("stagelint check (all rules, JSON out)", f"{ours:.3f} s", f"{ratio:.1f}×"))
rows.append(("the same, runtime linked dynamically", f"{ours_dynamic:.3f} s", f"{ratio_dynamic:.1f}×"))
serial, _ = run(["taskset", "-c", "0", stagelint, "check", "--format", "json", corpus])
rows.append(("stagelint check on one core", f"{serial:.3f} s", f"{serial / base:.1f}×"))
yamllint, _ = run([os.path.join(venv, "bin", "yamllint"), "-d", "relaxed", "-f", "parsable", corpus], repeat=1)
rows.append(("yamllint (relaxed)", f"{yamllint:.3f} s", f"{yamllint / base:.1f}×"))
schema, _ = run([os.path.join(venv, "bin", "check-jsonschema"), "--schemafile",
                 os.path.join(os.path.dirname(__file__), "..", "schema", "playbook.schema.json")] + files, repeat=1)
rows.append(("check-jsonschema with stagelint's schema", f"{schema:.3f} s", f"{schema / base:.1f}×"))

def instructions(command):
    """The instructions a run executes, counted by valgrind's callgrind (None without valgrind): a figure
    this machine's drifting speed does not move, beside the wall-clock ratios."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        log = os.path.join(folder, "log")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={os.path.join(folder, 'out')}",
                        f"--log-file={log}"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(log) as text:
            found = re.search(r"Collected : (\d+)", text.read())
        return int(found.group(1)) if found else None


# Fifty house rules against none, the same configuration path otherwise, in turns (issue 17: at most
# 20% more time on the corpus).
house_config, plain_config = house_rules.write_config(root)
fitted_config, _ = house_rules.write_config(root, fitted=True)
# CPU time beside the wall clock: it does not depend on how the two cores were shared out.
plain_cpu, fitted_cpu = [], []
house_turns = [(run([stagelint, "check", "--config", plain_config, "--format", "json", corpus], repeat=1, cpu_times=plain_cpu)[0],
                run([stagelint, "check", "--config", fitted_config, "--format", "json", corpus], repeat=1, cpu_times=fitted_cpu)[0],
                run([stagelint, "check", "--config", house_config, "--format", "json", corpus], repeat=1)[0])
               for _ in range(15)]
house_ratio = statistics.median(turn[1] / turn[0] for turn in house_turns)
house_cpu_ratio = statistics.median(fitted / plain for plain, fitted in zip(plain_cpu, fitted_cpu))
plain_instructions = instructions([stagelint, "check", "--config", plain_config, "--format", "json", corpus])
fitted_instructions = instructions([stagelint, "check", "--config", fitted_config, "--format", "json", corpus])
house_time = statistics.median(turn[1] for turn in house_turns)
written_ratio = statistics.median(turn[2] / turn[0] for turn in house_turns)
written_time = statistics.median(turn[2] for turn in house_turns)
rows.append(("stagelint check with 50 house rules fitted to the corpus", f"{house_time:.3f} s", f"{house_time / base:.1f}×"))
rows.append(("the same with the cookbook's rules as written (40,000 findings)", f"{written_time:.3f} s", f"{written_time / base:.1f}×"))

five, _ = run([stagelint, "check", "--config", config, "--format", "json", os.path.join(root, "big-5000.yaml")])
twenty, peak = run([stagelint, "check", "--config", config, "--format", "json", os.path.join(root, "big-20000.yaml")])
big_bytes = os.path.getsize(os.path.join(root, "big-20000.yaml"))
# One small playbook, both binaries in turns, 15 times: the median wall time, and the least memory a
# run took (what the process needs before it reads anything much: the Swift runtime, Foundation, ICU).
small_turns = [(run([stagelint, "check", os.path.join(root, "small.yaml")], repeat=1),
                run([dynamic, "check", os.path.join(root, "small.yaml")], repeat=1)) for _ in range(15)]
small = statistics.median(turn[0][0] for turn in small_turns)
resting = min(turn[0][1] for turn in small_turns)
small_dynamic = statistics.median(turn[1][0] for turn in small_turns)
resting_dynamic = min(turn[1][1] for turn in small_turns)
(_, _, startup), (_, _, startup_dynamic) = startup_pairs([stagelint, dynamic], os.path.join(root, "small.yaml"))

print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
print(f"Corpus: {len(files)} playbooks, {corpus_bytes / 1e6:.1f} MB; big files: 5,000 and 20,000 stages "
      f"({os.path.getsize(os.path.join(root, 'big-5000.yaml')) / 1e6:.1f} and {big_bytes / 1e6:.1f} MB)")
print()
print("| Measurement | Time | Relative to libyaml |")
print("|---|---|---|")
for row in rows:
    print(f"| {row[0]} | {row[1]} | {row[2]} |")
print()
print("| Measurement | Figure | Target |")
print("|---|---|---|")
print(f"| stagelint / libyaml loop on the corpus (median of 9 paired runs) | {ratio:.1f}× | at most 2× |")
print(f"| 50 house rules fitted to the corpus / none (median of 15 paired runs) | {house_ratio:.2f}× | at most 1.2× |")
print(f"| the same in CPU time (user + system, the same runs) | {house_cpu_ratio:.2f}× | |")
if plain_instructions and fitted_instructions:
    print(f"| the same in instructions executed (valgrind; {fitted_instructions / 1e9:.2f} / {plain_instructions / 1e9:.2f} billion) "
          f"| {fitted_instructions / plain_instructions:.3f}× | |")
print(f"| 50 house rules as the cookbook writes them / none (40,000 findings) | {written_ratio:.2f}× | |")
print(f"| 5,000-stage playbook | {five:.3f} s | |")
print(f"| 20,000-stage playbook | {twenty:.3f} s | |")
print(f"| scaling, 20k / 5k time (4.0 is linear) | {twenty / five:.2f} | about 4 |")
print(f"| one small playbook, wall time (median of 15) | {small * 1000:.1f} ms | under 25 ms |")
print(f"| the same with the runtime linked dynamically (as pre-commit builds it) | {small_dynamic * 1000:.1f} ms | under 25 ms |")
print(f"| check of the small playbook / `--version` (median of 30 pairs) | {startup:.2f}× | at most 1.3× |")
print(f"| the same with the runtime linked dynamically | {startup_dynamic:.2f}× | at most 1.3× |")
print(f"| peak memory on the 20k playbook / its size | {peak * 1024 / big_bytes:.1f}× ({peak / 1024:.0f} MiB for {big_bytes / 2**20:.1f} MiB) | at most 4× |")
print(f"| the same, less the {resting / 1024:.0f} MiB a run on the small playbook takes | "
      f"{(peak - resting) * 1024 / big_bytes:.1f}× | |")
print(f"| memory of a run on the small playbook, runtime linked statically / dynamically | "
      f"{resting / 1024:.0f} / {resting_dynamic / 1024:.0f} MiB | |")
print()
print(diff_scaling.table(os.path.join(root, "diff"), [("Time", stagelint)]))
