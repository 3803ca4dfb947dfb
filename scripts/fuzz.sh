#!/usr/bin/env bash
# Fuzzes stagelint with libFuzzer: reader, checker, every reporter, every handbook format and the
# differ, on inputs grown from the example playbooks, the test fixtures and the YAML test suite.
#   scripts/fuzz.sh [SECONDS]        (default 600)
# Crashes are saved in .build-fuzz/crashes/; keep each as a regression test in
# Tests/PlaybookKitTests/FuzzRegressions (the tests run every file there through the same code).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
export STAGELINT_FUZZ=1
# SwiftPM hands the two sanitizers to the compiler as two `-sanitize=` flags, in no fixed order, and
# the compiler keeps only the last: one build gets coverage and no ASan, the next ASan and no
# coverage (libFuzzer then finds "no interesting inputs"). The combined flag, passed last, keeps both.
swift build --product stagelint-fuzz -c release --sanitize fuzzer --sanitize address \
    -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz || exit 1
bin=".build-fuzz/release/stagelint-fuzz"
sections="$(readelf -S "$bin")"  # read whole first: `readelf | grep -q` fails under pipefail
if ! grep -q __sancov_cntrs <<< "$sections"; then
    echo "fuzz.sh: $bin has no coverage counters; fuzzing it would be blind" >&2
    exit 1
fi
if ! grep -q asan_globals <<< "$sections"; then
    echo "fuzz.sh: $bin is not built with AddressSanitizer" >&2
    exit 1
fi
corpus=".build-fuzz/corpus"
seeds=".build-fuzz/seeds"
mkdir -p "$corpus" "$seeds" .build-fuzz/crashes
cp playbooks/*.yaml Tests/PlaybookKitTests/Fixtures/*.yaml "$seeds/" 2>/dev/null
suite="${STAGELINT_YAML_TEST_SUITE:-../shared/corpus/yaml-test-suite}"
if [[ -d "$suite" ]]; then
    for case in "$suite"/*/; do
        [[ -f "$case/in.yaml" ]] && cp "$case/in.yaml" "$seeds/yts-$(basename "$case").yaml"
    done
fi
if compgen -G "Tests/PlaybookKitTests/FuzzRegressions/*" > /dev/null; then
    cp Tests/PlaybookKitTests/FuzzRegressions/* "$seeds/"
fi
# The description of the format is built once and kept; LeakSanitizer cannot follow its tagged
# pointers (see Fuzz/lsan.supp).
# A failed oracle is a fatalError: end the process at once (the Swift backtracer hangs under ASan).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
"$bin" "$corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1 2>&1 | tee .build-fuzz/last-run.log | grep -E "^#|INFO|ERROR|SUMMARY|stat::" | tail -40
