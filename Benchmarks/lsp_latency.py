#!/usr/bin/env python3
"""The language server's re-check time (issue 20, item 2), run by scripts/bench.sh:

    lsp_latency.py STAGELINT [--stages 500] [--edits 60]

Opens a generated playbook of 500 stages (Benchmarks/generate_corpus.py's shape) in `stagelint lsp`,
then edits it as a person types: each edit changes one word of an entry rule (an incremental change),
and the time from sending it to receiving the diagnostics of that version is one sample. Prints the
median, p90 and maximum; then a burst of 30 edits sent back to back, and how many diagnostics the
server published for them (superseded versions are dropped, so far fewer than 30); then 30 code
action requests at the cursor, answered from the report of the unchanged text.
"""
import os
import random
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import generate_corpus  # noqa: E402

check_lsp = __import__("check-lsp")


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    stages = int(args[args.index("--stages") + 1]) if "--stages" in args else 500
    edits = int(args[args.index("--edits") + 1]) if "--edits" in args else 60
    text = generate_corpus.playbook(random.Random(20261201), f"Generated playbook of {stages} stages", stages)
    folder = tempfile.mkdtemp(prefix="stagelint-lsp-bench-")
    path = os.path.join(folder, "big.yaml")
    with open(path, "w") as out:
        out.write(text)
    uri = "file://" + path
    client = check_lsp.Client(binary, folder)
    client.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + folder, "capabilities": {}})
    client.notify("initialized")
    start = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    opened = client.diagnostics(uri, 1, timeout=60)
    first = time.perf_counter() - start
    lines = text.split("\n")
    # Entry rules written on their line, plain or quoted: a word typed at the start of the text (inside
    # the quotes) keeps the YAML valid, so every sample is a whole check, never a syntax error's early stop.
    entry_lines = [i for i, line in enumerate(lines)
                   if line.startswith("    entry: ") and (line[11:12].isalpha() or line[11:12] in ("\"", "'"))]

    def typing_column(line):
        return 12 if lines[line][11] in ("\"", "'") else 11
    samples = []
    version = 1
    for n in range(edits):
        version += 1
        line = entry_lines[(n * 7) % len(entry_lines)]
        column = typing_column(line)
        word = "Form " if n % 2 == 0 else "Demo "
        change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": word}
        sent = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        published = client.diagnostics(uri, version, timeout=60)
        if published is None:
            sys.exit(f"no diagnostics for version {version}")
        if [d["code"] for d in published["diagnostics"]] != [d["code"] for d in opened["diagnostics"]]:
            sys.exit(f"version {version} did not check as the opened text did: {published['diagnostics'][:3]}")
        samples.append((time.perf_counter() - sent) * 1000)
    samples.sort()
    median = samples[len(samples) // 2]
    p90 = samples[min(len(samples) - 1, (9 * len(samples) + 9) // 10 - 1)]
    print(f"{stages} stages, {len(lines)} lines: first check on open {first * 1000:.0f} ms ({len(opened['diagnostics'])} findings)")
    print(f"re-check after an edit, {edits} edits: median {median:.1f} ms, p90 {p90:.1f} ms, max {samples[-1]:.1f} ms")
    # A burst: 30 edits without waiting; only the latest version matters.
    published = 0
    burst_start = time.perf_counter()
    for n in range(30):
        version += 1
        line = entry_lines[n % len(entry_lines)]
        column = typing_column(line)
        change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": "x"}
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
    last = version
    while True:
        message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics", timeout=60)
        if message is None:
            sys.exit("the burst's diagnostics did not arrive")
        published += 1
        if message["params"].get("version") == last:
            break
    print(f"a burst of 30 edits sent back to back: {published} diagnostics published, the last for version {last}, "
          f"{(time.perf_counter() - burst_start) * 1000:.0f} ms in all")
    # Code actions at the cursor, as an editor asks at every cursor move (no `only`: the quick fixes and
    # fix-all): the text has not changed since its diagnostics, so the server answers from that report.
    action_samples = []
    for n in range(30):
        line = entry_lines[(n * 11) % len(entry_lines)]
        position = {"line": line, "character": 12}
        sent = time.perf_counter()
        answer = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": position, "end": position},
                                                            "context": {"diagnostics": []}}, timeout=60)
        if answer is None or "result" not in answer:
            sys.exit("no answer to a code action request")
        action_samples.append((time.perf_counter() - sent) * 1000)
    action_samples.sort()
    print(f"code actions at the cursor, 30 requests: median {action_samples[len(action_samples) // 2]:.1f} ms, "
          f"max {action_samples[-1]:.1f} ms")
    client.request("shutdown")
    client.notify("exit")
    client.process.wait(timeout=20)


if __name__ == "__main__":
    main()
