#!/usr/bin/env bash
# Compares two stagelint binaries on the same inputs, for changes that must not change behaviour
# (performance work, refactoring): output and exit code of `check` in every format on every file,
# one whole-folder run (the parallel path), the command line's usage errors, help and option
# spellings, handbooks in every format, and change logs between every pair of example playbooks.
# Prints each difference; exits 1 if there is any.
#   scripts/differential.sh OLD_BINARY NEW_BINARY [FOLDER]
# FOLDER (default: a temporary folder) is filled with the test fixtures, the example playbooks and,
# when ../shared is beside the checkout, every case of the YAML test suite; add fuzzer corpus files
# or generated playbooks to it for more coverage.
set -uo pipefail
cd "$(dirname "$0")/.."
old="${1:?usage: scripts/differential.sh OLD_BINARY NEW_BINARY [FOLDER]}"
new="${2:?usage: scripts/differential.sh OLD_BINARY NEW_BINARY [FOLDER]}"
files="${3:-$(mktemp -d)}"
mkdir -p "$files"
cp Tests/PlaybookKitTests/Fixtures/*.yaml "$files/"
for file in playbooks/*.yaml; do [[ "$file" == *.scenarios.yaml ]] || cp "$file" "$files/"; done  # scenario files are not playbooks
suite="${STAGELINT_YAML_TEST_SUITE:-../shared/corpus/yaml-test-suite}"
if [[ -d "$suite" ]]; then
    for case in "$suite"/*/; do
        [[ -f "$case/in.yaml" ]] && cp "$case/in.yaml" "$files/yts-$(basename "$case").yaml"
    done
fi
differences=0
compared=0
same() {  # label, then the command to run with each binary in place of {}
    local label="$1"; shift
    local a b
    a="$("$old" "$@" 2>&1; echo "exit $?")"
    b="$("$new" "$@" 2>&1; echo "exit $?")"
    compared=$((compared + 1))
    if [[ "$a" != "$b" ]]; then
        differences=$((differences + 1))
        echo "differs: $label"
    fi
}
# A comparison of two usage errors would prove nothing: make sure both binaries take these options.
for binary in "$old" "$new"; do
    if ! "$binary" check --format json --color never playbooks > /dev/null; then
        echo "differential: $binary does not check the example playbooks cleanly" >&2
        exit 2
    fi
done
for file in "$files"/*; do
    same "check $file" check --format json "$file"
    same "check (text) $file" check --color never "$file"
    same "check (text in colour) $file" check --color always "$file"
    for format in sarif github junit; do
        same "check ($format) $file" check --format "$format" "$file"
    done
done
same "check of the whole folder" check --format json "$files"
# How the command line is read: usage errors, help, and the ways of writing the same options.
work="$(mktemp -d)"
while IFS= read -r line; do
    eval "arguments=($line)"
    same "stagelint $line" "${arguments[@]}"
done <<'ARGUMENTS'
check
check playbooks --format json --fail-on info
check --format json --color never --fail-on warning playbooks/demo-led-inbound.yaml
check --format=json playbooks
check --format json --format text playbooks
check --format xml playbooks
check --format
check --format --color never playbooks
check --fail-on severe playbooks
check --color sometimes playbooks
check --config does-not-exist.yml playbooks
check --baseline does-not-exist.json playbooks
check -- playbooks
check ''
check -
check -h
check --help
check --version
check --frobnicate playbooks
check playbooks --frobnicate
check does-not-exist.yaml
check help
help check
--version
--help
ARGUMENTS
"$old" check --write-baseline "$work/old.json" Tests/PlaybookKitTests/Fixtures > /dev/null 2>&1
"$new" check --write-baseline "$work/new.json" Tests/PlaybookKitTests/Fixtures > /dev/null 2>&1
compared=$((compared + 1))
if ! cmp -s "$work/old.json" "$work/new.json"; then
    differences=$((differences + 1))
    echo "differs: check --write-baseline"
fi
same "check --baseline" check --baseline "$work/old.json" --format json Tests/PlaybookKitTests/Fixtures playbooks
rm -rf "$work"
work="$(mktemp -d)"
for format in markdown html mermaid dot json; do
    "$old" docs --format "$format" --output "$work/old-$format" playbooks > /dev/null 2>&1
    "$new" docs --format "$format" --output "$work/new-$format" playbooks > /dev/null 2>&1
    compared=$((compared + 1))
    if ! diff -r "$work/old-$format" "$work/new-$format" > /dev/null; then
        differences=$((differences + 1))
        echo "differs: docs --format $format"
    fi
done
for a in playbooks/*.yaml; do
    [[ "$a" == *.scenarios.yaml ]] && continue
    for b in playbooks/*.yaml; do
        [[ "$b" == *.scenarios.yaml ]] && continue
        same "diff $a $b" diff "$a" "$b"
    done
done
rm -rf "$work"
echo "differential: $compared comparisons, $differences differences"
[[ "$differences" -eq 0 ]]
