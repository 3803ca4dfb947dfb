#!/usr/bin/env bash
# The performance benchmark (not a test): generates a corpus, builds stagelint in release mode and
# a bare libyaml event loop, installs yamllint, check-jsonschema and duckdb from PyPI, and prints the
# figures recorded in BENCHMARKS.md (the audit's scaling last). Usage: scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-bench
mkdir -p "$out"
python3 Benchmarks/generate_corpus.py "$out" 300 30
printf 'limits:\n  max-file-bytes: 67108864\n  max-nodes: 50000000\n' > "$out/bench.stagelint.yml"
# The binary as the README installs it (Swift runtime and Foundation linked in: faster to start), and
# as `swift build -c release` makes it (what pre-commit builds), for the small playbook's time.
swift build -c release --product stagelint --static-swift-stdlib --build-path "$out/static" > /dev/null 2>&1 \
    || swift build -c release --product stagelint --static-swift-stdlib --build-path "$out/static"
swift build -c release --product stagelint > /dev/null
cc -O2 Benchmarks/libyaml_loop.c -lyaml -o "$out/libyaml_loop"
venv="$out/venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check yamllint check-jsonschema duckdb
python3 Benchmarks/run.py "$out" "$(swift build -c release --build-path "$out/static" --show-bin-path)/stagelint" \
    "$out/libyaml_loop" "$venv" "$(swift build -c release --show-bin-path)/stagelint"
# The audit at scale: 1 to 10 million rows of generated history, time and peak memory, and DuckDB's
# transition counts on the same CSV in the same turns (issue 18, item 7).
python3 Benchmarks/audit_scaling.py "$out" "$(swift build -c release --show-bin-path)/stagelint" "$venv/bin/python"
# The language server: re-checking a 500-stage playbook after an edit, and a burst of edits (issue 20).
python3 Benchmarks/lsp_latency.py "$(swift build -c release --show-bin-path)/stagelint"
