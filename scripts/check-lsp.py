#!/usr/bin/env python3
"""`stagelint lsp` driven as an editor drives it (issue 20): a small Language Server Protocol client
(standard library only) that starts the built binary, speaks JSON-RPC with Content-Length framing over
its standard input and output, and checks each feature the server offers:

    scripts/check-lsp.py [STAGELINT]      (default: swift build's debug binary)

Prints one line per check and "N passed, N failed" last; exits 1 when a check failed.
"""
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
passed = 0
failed = 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAILED: {what} {detail}")


class Client:
    def __init__(self, binary, cwd):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode().strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def request(self, method, params=None, timeout=20):
        self.next_id += 1
        ident = self.next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params or {}})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def wait(self, matches, timeout=20):
        """The first message that `matches`, skipping others (kept in `self.skipped`)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                message = self.messages.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            if message is None:
                return None
            if matches(message):
                return message
        return None

    def diagnostics(self, uri, version=None, timeout=20):
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                            and (version is None or m["params"].get("version") == version), timeout)
        return None if message is None else message["params"]

    def close(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        return self.process.wait(timeout=20)


def apply(text, edits):
    """The text with LSP edits applied (positions in UTF-16 units; the texts here are ASCII)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position):
        return offsets[position["line"]] + position["character"]
    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = text[:offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]):]
    return text


def uri(path):
    return "file://" + path


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "stagelint")
    work = tempfile.mkdtemp(prefix="stagelint-lsp-")
    try:
        run(binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nlsp: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def run(binary, work):
    playbook_text = open(os.path.join(ROOT, "playbooks", "demo-led-inbound.yaml"), encoding="utf-8").read()
    folder = os.path.join(work, "team")
    os.makedirs(folder)
    path = os.path.join(folder, "inbound.yaml")
    with open(path, "w", encoding="utf-8") as out:
        out.write(playbook_text)
    client = Client(binary, work)

    # Requests before initialize are refused.
    early = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    check(early is not None and early.get("error", {}).get("code") == -32002, "a request before initialize is refused (-32002)", early)
    init = client.request("initialize", {"processId": os.getpid(), "rootUri": uri(work), "capabilities": {},
                                         "initializationOptions": {"playbookGlobs": ["**/funnels/*.yml"]}})
    capabilities = (init or {}).get("result", {}).get("capabilities", {})
    check(capabilities.get("textDocumentSync", {}).get("change") == 2 and capabilities.get("documentSymbolProvider") is True,
          "initialize: incremental sync and document symbols", capabilities)
    client.notify("initialized")

    # A clean example: no findings.
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "yaml", "version": 1, "text": playbook_text}})
    clean = client.diagnostics(uri(path), 1)
    check(clean is not None and clean["diagnostics"] == [], "a clean playbook: diagnostics published, none", clean)

    # An incremental change that breaks a key: a finding with its range, code, link, severity and source.
    lines = playbook_text.split("\n")
    line = next(i for i, text in enumerate(lines) if text.strip() == "exits:")
    column = lines[line].index("exits")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 2}, "contentChanges": [
        {"range": {"start": {"line": line, "character": column + 4}, "end": {"line": line, "character": column + 5}}, "text": ""}]})
    broken = client.diagnostics(uri(path), 2)
    found = [d for d in (broken or {}).get("diagnostics", []) if d.get("code") == "unknown-key"]
    first = found[0] if found else {}
    check(len(found) == 1 and first["range"]["start"] == {"line": line, "character": column}
          and first["range"]["end"] == {"line": line, "character": column + 4},
          "an incremental edit (exits -> exit): unknown-key at the key's exact range", broken)
    check(first.get("severity") == 1 and first.get("source") == "stagelint"
          and first.get("codeDescription", {}).get("href", "").endswith("docs/rules.md#unknown-key"),
          "the finding's severity (error), source and link to the rule's docs", first)

    # Undo it with a full-text change.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 3}, "contentChanges": [{"text": playbook_text}]})
    again = client.diagnostics(uri(path), 3)
    check(again is not None and again["diagnostics"] == [], "a full-text change back: the finding is gone", again)

    # Broken YAML mid-edit: its syntax error, and the server lives on.
    half = playbook_text + "\n  half_written: [unclosed\n"
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 4}, "contentChanges": [{"text": half}]})
    syntax = client.diagnostics(uri(path), 4)
    codes = [d.get("code") for d in (syntax or {}).get("diagnostics", [])]
    check("yaml-syntax" in codes, "half-written YAML gives its syntax error", codes)
    alive = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    check(alive is not None and "result" in alive, "the server still answers after broken input", alive)

    # A burst of edits: checked at its latest version, not once per edit.
    for version in range(5, 25):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": playbook_text}]})
    latest = client.diagnostics(uri(path), 24)
    check(latest is not None and latest["diagnostics"] == [], "a burst of 20 edits: diagnostics for the latest version", latest)

    # Document symbols: the stages in funnel order.
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri(path)}})
    names = [s["name"] for s in (symbols or {}).get("result", [])]
    check(names[:3] == ["inbound_lead", "mql", "sql"] and len(names) == 10, "document symbols: the stages in funnel order", names)

    # Navigation on the clean text: definition, references, hover, rename.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 25}, "contentChanges": [{"text": playbook_text}]})
    client.diagnostics(uri(path), 25)
    lines = playbook_text.split("\n")

    def at(needle, nth=0, shift=0):
        """The position of the nth line containing `needle`, at the needle plus `shift` characters."""
        found = [i for i, text in enumerate(lines) if needle in text][nth]
        return {"line": found, "character": lines[found].index(needle) + shift}

    doc = {"uri": uri(path)}
    to_mql = at("to: mql", 0, 5)
    definition = client.request("textDocument/definition", {"textDocument": doc, "position": to_mql})
    target = (definition or {}).get("result") or {}
    check(target.get("range", {}).get("start") == {"line": at("  mql:")["line"], "character": 2},
          "go to definition: from `to: mql` to the stage's key", definition)
    owner = client.request("textDocument/definition", {"textDocument": doc, "position": at("owner: sdr", 0, 8)})
    check(((owner or {}).get("result") or {}).get("range", {}).get("start", {}).get("line") == at("  sdr:")["line"],
          "go to definition: from an owner to the team", owner)
    field = client.request("textDocument/definition", {"textDocument": doc, "position": at("required_fields: [lead_source", 0, 19)})
    check(((field or {}).get("result") or {}).get("range", {}).get("start", {}).get("line") == at("  lead_source:")["line"],
          "go to definition: from a required field to its declaration", field)
    references = client.request("textDocument/references", {"textDocument": doc, "position": to_mql, "context": {"includeDeclaration": True}})
    mql_lines = sorted(r["range"]["start"]["line"] for r in (references or {}).get("result", []))
    expected = sorted({i for i, text in enumerate(lines) if text.strip() in ("- to: mql", "mql:")})
    check(mql_lines == expected and len(expected) >= 3, "find references: the stage's key and every `to: mql`", (mql_lines, expected))
    hover = client.request("textDocument/hover", {"textDocument": doc, "position": to_mql})
    value = ((hover or {}).get("result") or {}).get("contents", {}).get("value", "")
    check(value.startswith("**Marketing Qualified Lead** (`mql`, active)") and "SLA: within" in value and "Entry:" in value,
          "hover on a stage reference: name, kind, entry rule, SLA", value)
    team_hover = client.request("textDocument/hover", {"textDocument": doc, "position": at("owner: sdr", 0, 8)})
    check("sales-development" in json.dumps(team_hover), "hover on a team: its name and role", team_hover)
    prepare = client.request("textDocument/prepareRename", {"textDocument": doc, "position": to_mql})
    check(((prepare or {}).get("result") or {}).get("placeholder") == "mql", "prepare rename: the id under the cursor", prepare)
    rename = client.request("textDocument/rename", {"textDocument": doc, "position": to_mql, "newName": "marketing_qualified"})
    edits = ((rename or {}).get("result") or {}).get("changes", {}).get(uri(path), [])
    check(len(edits) == len(expected) and all(e["newText"] == "marketing_qualified" for e in edits),
          "rename a stage: its key and every reference", len(edits))
    bad = client.request("textDocument/rename", {"textDocument": doc, "position": to_mql, "newName": "Not An Id"})
    taken = client.request("textDocument/rename", {"textDocument": doc, "position": to_mql, "newName": "sql"})
    check((bad or {}).get("error", {}).get("code") == -32803 and "exists already" in (taken or {}).get("error", {}).get("message", ""),
          "rename refuses a name that is not an id, or one taken", (bad, taken))
    rename_null = client.request("textDocument/rename", {"textDocument": doc, "position": to_mql, "newName": "null"})
    check((rename_null or {}).get("error", {}).get("code") == -32803, "rename refuses YAML's reserved words (null)", rename_null)
    renamed_from = client.request("textDocument/definition", {"textDocument": doc, "position": at("renamed_from: new_lead", 0, 16)})
    check(((renamed_from or {}).get("result") or {}).get("range", {}).get("start") == {"line": at("  inbound_lead:")["line"], "character": 2},
          "go to definition from `renamed_from`: the stage that holds it", renamed_from)
    # Apply the rename as an editor does: the playbook stays clean.
    renamed = apply(playbook_text, edits)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 26}, "contentChanges": [{"text": renamed}]})
    after = client.diagnostics(uri(path), 26)
    check(after is not None and after["diagnostics"] == [], "the renamed playbook has no findings", after)

    # Completion: stage ids after `to:` while the file is half-written.
    half_to = playbook_text.replace("      - to: mql\n", "      - to: \n", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 40}, "contentChanges": [{"text": half_to}]})
    half_lines = half_to.split("\n")
    to_line = next(i for i, text in enumerate(half_lines) if text == "      - to: ")
    completion = client.request("textDocument/completion", {"textDocument": doc, "position": {"line": to_line, "character": len(half_lines[to_line])}})
    labels = [item["label"] for item in ((completion or {}).get("result") or [])]
    check(labels[:3] == ["inbound_lead", "mql", "sql"], "completion: stage ids after `to:`", labels)
    owner_line = next(i for i, text in enumerate(half_lines) if "owner: sdr" in text)
    teams = client.request("textDocument/completion", {"textDocument": doc, "position": {"line": owner_line, "character": half_lines[owner_line].index("owner:") + 7}})
    check("sdr" in [item["label"] for item in ((teams or {}).get("result") or [])], "completion: team ids after `owner:`", teams)
    config_uri = uri(os.path.join(folder, ".stagelint.yml"))
    client.notify("textDocument/didOpen", {"textDocument": {"uri": config_uri, "languageId": "yaml", "version": 1, "text": "rules:\n  miss"}})
    rules = client.request("textDocument/completion", {"textDocument": {"uri": config_uri}, "position": {"line": 1, "character": 6}})
    check("missing-sla" in [item["label"] for item in ((rules or {}).get("result") or [])], "completion: rule ids in .stagelint.yml", rules)
    # Each item replaces what is typed of the id, however the client splits words (`vague-r` is one id).
    edit = next((item.get("textEdit") for item in ((rules or {}).get("result") or []) if item["label"] == "missing-sla"), None)
    check(edit == {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 6}}, "newText": "missing-sla"},
          "completion: the item replaces the id's typed part `miss`", edit)
    client.notify("textDocument/didChange", {"textDocument": {"uri": config_uri, "version": 2},
                                             "contentChanges": [{"text": "# stagelint-disable-line vague-r\nrules:\n"}]})
    hyphenated = client.request("textDocument/completion", {"textDocument": {"uri": config_uri}, "position": {"line": 0, "character": 32}})
    edit = next((item.get("textEdit") for item in ((hyphenated or {}).get("result") or []) if item["label"] == "vague-rule"), None)
    check(edit is not None and edit["range"]["start"] == {"line": 0, "character": 25} and edit["range"]["end"] == {"line": 0, "character": 32},
          "completion: a hyphenated id typed in part (`vague-r`) is replaced whole", edit)
    client.notify("textDocument/didClose", {"textDocument": {"uri": config_uri}})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 41}, "contentChanges": [{"text": playbook_text}]})
    client.diagnostics(uri(path), 41)

    # Quick fixes: a safe fix, preferred, that removes the finding; and a comment that disables the rule.
    typo = playbook_text.replace("exits:", "exit:", 1)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 42}, "contentChanges": [{"text": typo}]})
    finding = next(d for d in client.diagnostics(uri(path), 42)["diagnostics"] if d["code"] == "unknown-key")
    actions = client.request("textDocument/codeAction", {"textDocument": doc, "range": finding["range"], "context": {"diagnostics": [finding]}})
    actions = (actions or {}).get("result", [])
    fix = next((a for a in actions if a["title"].startswith("Fix:")), None)
    disable = next((a for a in actions if a["title"] == "Disable unknown-key on this line"), None)
    check(fix is not None and fix.get("isPreferred") is True, "code action: the finding's fix, safe and preferred", actions)
    fixed = apply(typo, fix["edit"]["changes"][uri(path)]) if fix else ""
    check(fixed == playbook_text, "the fix's edit restores `exits`")
    # Asked as Neovim asks: the cursor at the line's start, the line's diagnostics in the context.
    cursor = {"line": finding["range"]["start"]["line"], "character": 0}
    at_cursor = client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": cursor, "end": cursor},
                                                           "context": {"diagnostics": [finding]}})
    check(any(a["title"].startswith("Fix:") for a in (at_cursor or {}).get("result", [])),
          "code action: the context's diagnostics count, not only the range", at_cursor)
    fix_all = client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": cursor, "end": cursor},
                                                         "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    fix_all = (fix_all or {}).get("result", [])
    check(len(fix_all) == 1 and fix_all[0]["kind"] == "source.fixAll.stagelint"
          and apply(typo, fix_all[0]["edit"]["changes"][uri(path)]) == playbook_text,
          "code action: fix all certain findings (only: source.fixAll)", fix_all)
    disabled = apply(typo, disable["edit"]["changes"][uri(path)]) if disable else ""
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 43}, "contentChanges": [{"text": disabled}]})
    quiet = client.diagnostics(uri(path), 43)
    check("# stagelint-disable-next-line unknown-key" in disabled and quiet is not None
          and all(d["code"] != "unknown-key" for d in quiet["diagnostics"]), "code action: disabling the rule on the line silences it", quiet)
    comment_line = [i for i, text in enumerate(disabled.split("\n")) if "stagelint-disable-next-line unknown-key" in text][0] + 1
    rule_hover = client.request("textDocument/hover", {"textDocument": doc, "position": {
        "line": comment_line - 1, "character": disabled.split("\n")[comment_line - 1].index("unknown-key") + 2}})
    # A second rule on the same line joins the comment above, rather than a new one that would cut it off.
    join = client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": {"line": comment_line, "character": 0},
                                                                                    "end": {"line": comment_line, "character": 0}}, "context": {"diagnostics": []}})
    check(join is not None and "result" in join, "code actions on a suppressed line still answer", join)
    # Half-written YAML: no "disable" for its syntax error.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 45}, "contentChanges": [{"text": half}]})
    syntax_finding = next((d for d in client.diagnostics(uri(path), 45)["diagnostics"] if d["code"] == "yaml-syntax"), None)
    syntax_actions = client.request("textDocument/codeAction", {"textDocument": doc, "range": syntax_finding["range"] if syntax_finding else {
        "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [syntax_finding] if syntax_finding else []}})
    check(syntax_finding is not None and not any("Disable yaml-syntax" in a["title"] for a in (syntax_actions or {}).get("result", [])),
          "no action silences a syntax error", syntax_actions)

    check("**unknown-key**" in json.dumps(rule_hover), "hover on a rule id in a suppression comment: its summary", rule_hover)

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 44}, "contentChanges": [{"text": playbook_text}]})
    client.diagnostics(uri(path), 44)

    # A configuration written beside the playbook applies (it is read afresh for every check).
    with open(os.path.join(folder, ".stagelint.yml"), "w", encoding="utf-8") as out:
        out.write("rules:\n  unknown-key: off\n")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": 61}, "contentChanges": [
        {"text": playbook_text.replace("exits:", "exit:", 1)}]})
    off = client.diagnostics(uri(path), 61)
    check(off is not None and all(d.get("code") != "unknown-key" for d in off["diagnostics"]),
          "a changed .stagelint.yml applies (unknown-key turned off)", off)
    with open(os.path.join(folder, ".stagelint.yml"), "w", encoding="utf-8") as out:
        out.write("rules: [not, a, mapping\n")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri(os.path.join(folder, ".stagelint.yml")), "type": 2}]})
    invalid = client.diagnostics(uri(path))
    check(invalid is not None and any(d.get("code") == "config" for d in invalid["diagnostics"]),
          "an unreadable .stagelint.yml is reported on the playbook, not a crash", invalid)
    os.remove(os.path.join(folder, ".stagelint.yml"))

    # Files that are not playbooks get no findings; a glob makes one a playbook.
    other = os.path.join(folder, "compose.yaml")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(other), "languageId": "yaml", "version": 1, "text": "services: {web: {image: x}}\n"}})
    plain = client.diagnostics(uri(other), 1)
    check(plain is not None and plain["diagnostics"] == [], "a YAML file without stages: no findings", plain)
    globbed = os.path.join(work, "funnels", "b2b.yml")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(globbed), "languageId": "yaml", "version": 1,
                                                            "text": "playbook: Only a title\n"}})
    by_glob = client.diagnostics(uri(globbed), 1)
    check(by_glob is not None and any(d.get("code") == "missing-key" for d in by_glob["diagnostics"]),
          "a file the playbookGlobs match is checked even without stages", by_glob)
    minified = os.path.join(folder, "minified.yaml")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(minified), "languageId": "yaml", "version": 1,
                                                            "text": '{"playbook": "J", "stages": {"a": {"name": "A", "kind": "entry"}}}'}})
    one_line = client.diagnostics(uri(minified), 1)
    check(one_line is not None and "dead-end-stage" in [d.get("code") for d in one_line["diagnostics"]],
          "a playbook written as one line of JSON (in a .yaml file) is checked", one_line)
    # A lone surrogate (a JavaScript string can hold one; json.dumps writes it as the escape \ud800).
    lone = os.path.join(folder, "lone.yaml")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri(lone), "languageId": "yaml", "version": 1,
                                                            "text": 'playbook: "A\ud800B"\nstages:\n  a: {name: A, kind: entry}\n'}})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri(lone), "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 14}}, "text": "C"}]})
    mended = client.diagnostics(uri(lone), 2)
    check(mended is not None and "dead-end-stage" in [d.get("code") for d in mended["diagnostics"]]
          and all(d["range"]["start"]["line"] > 0 for d in mended["diagnostics"]),
          "a text with a lone surrogate is opened (read as U+FFFD) and edited after it", mended)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(lone)}})
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(globbed)}})
    closed = client.diagnostics(uri(globbed))
    check(closed is not None and closed["diagnostics"] == [], "closing a document clears its diagnostics", closed)

    unknown = client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri(path)}})
    check(unknown is not None and unknown.get("error", {}).get("code") == -32601, "an unknown request: method not found (-32601)", unknown)

    shutdown = client.request("shutdown")
    check(shutdown is not None and shutdown.get("result", 1) is None, "shutdown answers null", shutdown)
    client.notify("exit")
    check(client.process.wait(timeout=20) == 0, "exit after shutdown ends the process with status 0")

    # Exit without shutdown: status 1; input closed without exit: ends too.
    second = Client(binary, work)
    second.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    second.notify("exit")
    check(second.process.wait(timeout=20) == 1, "exit without shutdown ends the process with status 1")
    third = Client(binary, work)
    third.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    check(third.close() == 1, "standard input closed without exit ends the process (status 1)")
    fourth = Client(binary, work)
    fourth.process.stdin.write(b"Content-Length: 5\r\n\r\nnope!")
    fourth.process.stdin.flush()
    parse_error = fourth.wait(lambda m: "error" in m)
    check(parse_error is not None and parse_error["error"]["code"] == -32700, "a body that is not JSON: parse error (-32700)", parse_error)
    fourth.close()


if __name__ == "__main__":
    main()
