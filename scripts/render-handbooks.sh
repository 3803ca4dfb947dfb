#!/usr/bin/env bash
# Renders the HTML handbook of every example playbook, and the HTML audit report of a generated
# history, in headless Chromium (Debian's chromium package, installed when missing) and saves a PNG
# of each, to look at and to check that the page renders: scripts/render-handbooks.sh [OUTPUT_FOLDER]
# (default: .build-integrations/screenshots). For the audit page, the document Chromium built must
# hold one arrow per transition of the report (red ones for the undeclared) and one chart row per
# stage with a time in stage.
# Prints "N passed, N failed" last; exits 1 when a page did not render.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build-integrations/screenshots}"
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
    echo "installing chromium (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq chromium; } > /dev/null 2>&1 || { echo "cannot install chromium"; exit 1; }
    browser=$(command -v chromium)
fi
swift build --quiet || exit 1
bin="$(swift build --show-bin-path)/stagelint"
html="$out/html"
rm -rf "$html"
"$bin" docs playbooks --format html -o "$html" || exit 1
passed=0
failed=0
for page in "$html"/*.html; do
    name=$(basename "$page" .html)
    png="$out/$name.png"
    rm -f "$png"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 \
        --screenshot="$png" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" > /dev/null 2>&1
    # A rendered handbook page is far from blank: its PNG holds text, tables and the diagram.
    size=$(stat -c %s "$png" 2>/dev/null || echo 0)
    if [[ $size -gt 40000 ]]; then
        echo "ok: $name rendered ($size bytes) -> $png"
        passed=$((passed + 1))
    else
        echo "FAILED: $name did not render ($size bytes)"
        failed=$((failed + 1))
    fi
done
# The audit report: a history generated for the demo playbook, audited as HTML and as JSON.
history="$out/audit-history.csv"
python3 scripts/generate-history.py playbooks/demo-led-inbound.yaml --records 2000 --seed 11 --stagelint "$bin" > "$history" || exit 1
"$bin" audit playbooks/demo-led-inbound.yaml "$history" --format html -o "$html/audit.html" || exit 1
"$bin" audit playbooks/demo-led-inbound.yaml "$history" --format json -o "$out/audit.json" || exit 1
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
    --screenshot="$out/audit.png" "file://$(cd "$html" && pwd)/audit.html" > /dev/null 2>&1
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$(cd "$html" && pwd)/audit.html" \
    > "$out/audit.dom.html" 2> /dev/null
if python3 - "$out/audit.dom.html" "$out/audit.json" "$out/audit.png" <<'PY'
import html.parser, json, os, sys
dom, report, png = sys.argv[1:4]
class Count(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.paths, self.chart_rows = [], 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "path" and "edge" in (attrs.get("class") or "").split():
            self.paths.append(attrs["class"])
        if tag == "rect" and attrs.get("class") == "p50":
            self.chart_rows += 1
counted = Count()
counted.feed(open(dom, encoding="utf-8").read())
report = json.load(open(report, encoding="utf-8"))
stages = {stage["id"] for stage in report["stages"]}
undeclared = [t for t in report["transitions"] if not t["declared"] and t["from"] in stages and t["to"] in stages]
declared = [t for t in report["transitions"] if t["declared"]]
want = (len(declared) + len(report["unusedTransitions"]), len(undeclared), sum(1 for s in report["stages"] if s["p50"] is not None))
got = (sum(1 for c in counted.paths if "undeclared" not in c), sum(1 for c in counted.paths if "undeclared" in c), counted.chart_rows)
size = os.path.getsize(png) if os.path.exists(png) else 0
print(f"audit page: {got[0]} playbook arrows, {got[1]} red arrows, {got[2]} chart rows in the browser's document "
      f"(report: {want[0]}, {want[1]}, {want[2]}); screenshot {size} bytes")
sys.exit(0 if got == want and want[1] > 0 and size > 40000 else 1)
PY
then
    echo "ok: the audit report rendered -> $out/audit.png"
    passed=$((passed + 1))
else
    echo "FAILED: the audit report did not render as its report says"
    failed=$((failed + 1))
fi
echo "screenshots: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
