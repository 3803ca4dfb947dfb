#!/usr/bin/env bash
# `stagelint lsp` in real editors (issue 20), each through the set-up docs/editors.md gives:
#   - Neovim's built-in LSP client, headless (scripts/neovim-client.lua; Neovim 0.7 or later);
#   - Emacs's eglot in batch mode (scripts/emacs-client.el; Emacs 28 with eglot 1.9, or later).
# Each opens a playbook with four findings and uses the editor's own commands: diagnostics, go to
# definition, references, hover, symbols, completion (Neovim), code actions, rename, broken YAML, a
# .stagelint.yml written while the file is open, and shutdown. Debian: apt-get install neovim
# emacs-nox elpa-eglot elpa-yaml-mode (.ci/run installs them).
#
#   scripts/check-editors.sh [STAGELINT]      (default: swift build's debug binary)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(realpath "${1:-$(cd "$root" && swift build --show-bin-path)/stagelint}")"
[ -x "$binary" ] || { echo "check-editors: no stagelint binary at $binary (run swift build)" >&2; exit 1; }
missing=""
command -v nvim >/dev/null || missing="$missing neovim"
command -v emacs >/dev/null || missing="$missing emacs-nox"
[ -z "$missing" ] || { echo "check-editors: not installed:$missing (Debian: apt-get install neovim emacs-nox elpa-eglot elpa-yaml-mode)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The playbook: gtm-lead-stages with a team typo, a vague entry rule, a misspelt stage reference and
# a stale suppression comment.
python3 - "$root/playbooks/gtm-lead-stages.yaml" "$work/funnel.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for old, new in [
    ("  subscriber:\n    name: Subscriber", "  subscriber:\n    # stagelint-disable-next-line dead-end-stage\n    name: Subscriber"),
    ("    owner: marketing\n    crm: { hubspot: subscriber }", "    owner: marketng\n    crm: { hubspot: subscriber }"),
    ("entry: Newsletter opt-in form submitted and double opt-in confirmed", "entry: Usually signs up for the newsletter, probably"),
    ("      - to: lead\n        when: Subscriber downloaded", "      - to: leed\n        when: Subscriber downloaded"),
]:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY

total_failed=0
# run EDITOR VERSION COMMAND...: runs the client in a fresh folder (a Git repository, as a project is).
run() {
    local editor="$1" version="$2"; shift 2
    local folder="$work/$editor"
    mkdir -p "$folder" && cp "$work/funnel.yaml" "$folder/" && git -C "$folder" init -q
    echo "== $version"
    local status=0
    (cd "$folder" && RESULTS="$folder/results" STAGELINT="$binary" timeout 180 "$@" > "$folder/log" 2>&1) || status=$?
    cat "$folder/results" 2>/dev/null || true
    local passed failed
    passed=$(grep -c '^ok:' "$folder/results" 2>/dev/null || true)
    failed=$(grep -c '^FAILED:' "$folder/results" 2>/dev/null || true)
    echo "$editor: ${passed:-0} passed, ${failed:-0} failed (status $status)"
    if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
        total_failed=$((total_failed + 1))
        echo "--- $editor's output:"; tail -20 "$folder/log"
    fi
}
# docs/editors.md's Neovim 0.7–0.9 block, as written there, is the init.lua; `stagelint` is the binary under test.
python3 - "$root/docs/editors.md" "$work/init.lua" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("Neovim 0.7 to 0.9"):]
open(sys.argv[2], "w", encoding="utf-8").write(re.search(r"```lua\n(.*?)```", section, re.S).group(1))
PY
PATH="$(dirname "$binary"):$PATH" run neovim "$(nvim --version | head -1)" \
    nvim --headless -u "$work/init.lua" -i NONE -c "luafile $root/scripts/neovim-client.lua"
# Batch Emacs waits for events on standard input: a pipe that stays open and silent (see wait-for).
mkfifo "$work/silence"
exec 3<> "$work/silence"
run emacs "$(emacs --version | head -1)" emacs --batch -l "$root/scripts/emacs-client.el" <&3
exec 3>&-
[ "$total_failed" -eq 0 ]
