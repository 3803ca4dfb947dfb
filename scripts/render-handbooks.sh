#!/usr/bin/env bash
# Renders the HTML handbook of every example playbook in headless Chromium (Debian's chromium
# package, installed when missing) and saves a PNG of each, to look at and to check that the
# page renders: scripts/render-handbooks.sh [OUTPUT_FOLDER] (default: .build-integrations/screenshots).
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
echo "screenshots: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
