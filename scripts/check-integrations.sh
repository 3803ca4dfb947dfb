#!/usr/bin/env bash
# Runs stagelint's CI formats through their real consumers:
#   SARIF       -> the OASIS SARIF 2.1.0 JSON schema (python jsonschema)
#   JUnit       -> junitparser, as CI servers read JUnit XML
#   JSON Schema -> check-jsonschema, on the example playbooks and on defective ones
#   pre-commit  -> `pre-commit try-repo` on a temporary repository with a good and a bad playbook
#   action.yml  -> its steps run as GitHub would run them, with workflow commands checked
# Needs python3 with pip (packages are installed into a virtual environment under .build-integrations).
# Prints "N passed, N failed" last; exits 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
skipped=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
skip() { echo "skipped: $1"; skipped=$((skipped + 1)); }

# The SARIF schema is not part of the repository: SARIF_SCHEMA names it, or it is taken from
# ../shared beside the checkout when that is there. Without either, the check is skipped (a named
# file that is missing fails).
sarif_schema="${SARIF_SCHEMA:-$root/../shared/schemas/sarif-schema-2.1.0.json}"
venv="$root/.build-integrations/venv"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || { echo "cannot create a virtual environment"; exit 1; }
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check jsonschema check-jsonschema junitparser pre-commit pyyaml \
    || { echo "cannot install the validators from PyPI"; exit 1; }
py="$venv/bin/python"

swift build --quiet || { echo "swift build failed"; exit 1; }
bin="$(swift build --show-bin-path)/stagelint"
fixtures=(Tests/PlaybookKitTests/Fixtures/*.yaml)

# SARIF against the OASIS schema, on findings of every kind and on a clean run.
"$bin" check --format sarif "${fixtures[@]}" > "$work/all.sarif"
"$bin" check --format sarif playbooks > "$work/clean.sarif"
"$bin" check --format sarif --config Tests/PlaybookKitTests/Golden/house-rules.stagelint.yml \
    Tests/PlaybookKitTests/Fixtures/good-plg-sales-assist.yaml > "$work/house.sarif"
if [[ ! -f "$sarif_schema" && -z "${SARIF_SCHEMA:-}" ]]; then
    skip "SARIF schema check: no schema at $sarif_schema; set SARIF_SCHEMA to sarif-schema-2.1.0.json to run it"
elif [[ ! -f "$sarif_schema" ]]; then
    fail "SARIF schema not found at $sarif_schema (SARIF_SCHEMA)"
else
    for file in all clean house; do
        if "$py" - "$sarif_schema" "$work/$file.sarif" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
document = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator(schema).validate(document)
run = document["runs"][0]
ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
for result in run["results"]:
    assert ids[result["ruleIndex"]] == result["ruleId"], result
    location = result["locations"][0]["physicalLocation"]
    assert not location["artifactLocation"]["uri"].startswith("/"), location
    assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    # A fix replaces byte regions of the finding's own file.
    for fix in result.get("fixes", []):
        for change in fix["artifactChanges"]:
            assert change["artifactLocation"]["uri"] == location["artifactLocation"]["uri"], change
            assert all(r["deletedRegion"]["byteOffset"] >= 0 for r in change["replacements"]), change
if sys.argv[2].endswith("all.sarif"):
    assert any("fixes" in result for result in run["results"]), "no result carries a fix"
if sys.argv[2].endswith("house.sarif"):
    house = [rule for rule in run["tool"]["driver"]["rules"] if rule.get("properties", {}).get("origin")]
    assert len(house) == 6 and all("house" in rule["properties"]["tags"] for rule in house), house
    assert {ids[result["ruleIndex"]] for result in run["results"]} & {rule["id"] for rule in house}, "no house rule result"
PY
        then ok "SARIF ($file) validates against the SARIF 2.1.0 schema"; else fail "SARIF ($file) does not validate"; fi
    done
fi

# The audit's findings at the playbook's lines, as SARIF, against the same schema.
if [[ -f "$sarif_schema" ]]; then
    "$bin" audit Tests/PlaybookKitTests/Fixtures/scenarios/funnel.yaml Tests/PlaybookKitTests/Fixtures/history/lead-history.csv \
        --columns "record_id=Lead ID,stage=New Value,entered_at=Edit Date" --filter Field=Status --format sarif > "$work/audit.sarif"
    if "$py" - "$sarif_schema" "$work/audit.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validate(log, schema)
run = log["runs"][0]
ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
results = run["results"]
assert results and all(ids[r["ruleIndex"]] == r["ruleId"] and r["ruleId"].startswith("audit-") for r in results), results
assert all("byteOffset" in r["locations"][0]["physicalLocation"]["region"] for r in results)
PY
    then ok "the audit's SARIF validates against the SARIF 2.1.0 schema, with its rules and byte offsets"; else fail "audit SARIF"; fi
fi

# JUnit XML read by junitparser.
"$bin" check --format junit --fail-on warning "${fixtures[@]}" > "$work/junit.xml"
if "$py" - "$work/junit.xml" "${#fixtures[@]}" <<'PY'
import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
assert len(suites) == int(sys.argv[2]), len(suites)
failures = 0
for suite in suites:
    cases = list(suite)
    assert len(cases) == suite.tests and suite.tests > 30, (suite.name, suite.tests)
    for case in cases:
        if any(isinstance(result, Failure) for result in case.result):
            failures += 1
            assert case.result[0].message, case.name
assert failures == xml.failures and failures > 0, (failures, xml.failures)
PY
then ok "JUnit XML parses with junitparser, with the expected suites, cases and failures"; else fail "JUnit XML"; fi

# The JUnit XML of `stagelint test` (scenario files), read by junitparser: a suite per file, a case per
# scenario, a failure with its message for each failed scenario.
"$bin" test --format junit Tests/PlaybookKitTests/Fixtures/scenarios > "$work/scenarios.junit.xml" || true
if "$py" - "$work/scenarios.junit.xml" <<'PY'
import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
assert len(suites) == 3, [suite.name for suite in suites]
cases = [case for suite in suites for case in suite]
failed = [case for case in cases if any(isinstance(result, Failure) for result in case.result)]
assert len(cases) == 9 and len(failed) == 5 == xml.failures, (len(cases), len(failed), xml.failures)
assert all(case.result[0].message and case.result[0].text for case in failed)
assert {case.name for case in failed} == {"cannot-run", "wrong-on-purpose", "broken", "contradiction", "fails-with-the-playbook-errors"}
PY
then ok "stagelint test's JUnit XML parses with junitparser, with a case per scenario and its failures"; else fail "stagelint test JUnit XML"; fi

# The playbook JSON Schema with check-jsonschema: the examples pass, defects fail, x- keys pass.
# (Scenario files beside the playbooks are not playbooks.)
playbook_files=()
for file in playbooks/*.yaml; do [[ "$file" == *.scenarios.yaml ]] || playbook_files+=("$file"); done
if "$venv/bin/check-jsonschema" --schemafile schema/playbook.schema.json "${playbook_files[@]}" \
    Tests/PlaybookKitTests/Fixtures/good-*.yaml > "$work/schema.out" 2>&1; then
    ok "check-jsonschema accepts every example playbook"
else
    fail "check-jsonschema rejects an example playbook: $(cat "$work/schema.out")"
fi
base='playbook: x
stages:
  a:
    name: A
    kind: entry
    exits: [{ to: b, when: Form submitted }]
  b: { name: B, kind: won }'
printf '%s\n  c: { name: C, x-crm: { id: 7 } }\nx-owner: revops\n' "$base" > "$work/extension.yaml"
if "$venv/bin/check-jsonschema" --schemafile schema/playbook.schema.json "$work/extension.yaml" > /dev/null 2>&1; then
    ok "check-jsonschema accepts x- extension keys"
else
    fail "check-jsonschema rejects x- extension keys"
fi
defects=(
    "unknown key|${base/name: A/nme: A}"
    "wrong type|${base/kind: entry/kind: [entry]}"
    "bad enum|${base/kind: entry/kind: entery}"
    "bad duration|$base"$'\n'"    sla: { within: 2 days }"
    "bad id|${base/  b: /  Bad Id: }"
    "missing stages|playbook: x"
    "unknown CRM platform|$base"$'\n'"crm: { hubpsot: { object: contacts } }"
    "bad CRM object|$base"$'\n'"crm: { salesforce: { object: Account } }"
    "CRM value of the wrong type|${base/name: B,/name: B, crm: { hubspot: [b] },}"
)
for defect in "${defects[@]}"; do
    name=${defect%%|*}
    printf '%s\n' "${defect#*|}" > "$work/defect.yaml"
    if "$venv/bin/check-jsonschema" --schemafile schema/playbook.schema.json "$work/defect.yaml" > /dev/null 2>&1; then
        fail "check-jsonschema accepts a playbook with a $name"
    else
        ok "check-jsonschema rejects a playbook with a $name"
    fi
done

# The configuration JSON Schema with check-jsonschema: the golden house rules and every rule of the
# cookbook pass; defects fail.
"$py" - "$work" <<'PY'
import re, sys
text = open("docs/house-rules.md").read()
cookbook = text[text.index("## Cookbook"):]
for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", cookbook, re.S)):
    open(f"{sys.argv[1]}/cookbook-{index:02d}.stagelint.yml", "w").write(block)
PY
if "$venv/bin/check-jsonschema" --schemafile schema/stagelint-config.schema.json \
    Tests/PlaybookKitTests/Golden/house-rules.stagelint.yml "$work"/cookbook-*.stagelint.yml > "$work/config-schema.out" 2>&1; then
    ok "check-jsonschema accepts the golden house rules and the $(ls "$work"/cookbook-*.stagelint.yml | wc -l) cookbook rules"
else
    fail "check-jsonschema rejects a configuration file: $(cat "$work/config-schema.out")"
fi
config_defects=(
    "unknown top-level key|rule: { missing-sla: off }"
    "bad severity|rules: { missing-sla: eror }"
    "bad given|custom-rules: { r: { summary: s, given: stage, then: { name: a } } }"
    "unknown operator|custom-rules: { r: { summary: s, given: stages, then: { name: { equal: a } } } }"
    "house rule without then|custom-rules: { r: { summary: s, given: stages } }"
    "built-in rule id as a house rule|custom-rules: { missing-sla: { summary: s, given: stages, then: { name: a } } }"
    "URL without its hash|extends: [{ url: https://example.com/a.yml }]"
    "override without files|overrides: [{ fail-on: info }]"
)
for defect in "${config_defects[@]}"; do
    name=${defect%%|*}
    printf '%s\n' "${defect#*|}" > "$work/defect.stagelint.yml"
    if "$venv/bin/check-jsonschema" --schemafile schema/stagelint-config.schema.json "$work/defect.stagelint.yml" > /dev/null 2>&1; then
        fail "check-jsonschema accepts a configuration with a $name"
    else
        ok "check-jsonschema rejects a configuration with a $name"
    fi
done

# pre-commit try-repo: a bad playbook fails the commit with its finding shown, a good one passes.
repo="$work/repo"
mkdir -p "$repo/playbooks"
cp playbooks/demo-led-inbound.yaml "$repo/playbooks/good.yaml"
sed 's/      - to: mql$/      - to: mqll/' playbooks/demo-led-inbound.yaml > "$repo/playbooks/bad.yaml"
(cd "$repo" && git init -q && git add . && git -c user.name=ci -c user.email=ci@example.invalid commit -qm init)
export PRE_COMMIT_HOME="$root/.build-integrations/pre-commit-home"
(cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" stagelint --files playbooks/bad.yaml playbooks/good.yaml) \
    > "$work/pre-commit-bad.out" 2>&1
status=$?
if [[ $status -ne 0 ]] && grep -q "undefined-stage" "$work/pre-commit-bad.out" && grep -q "playbooks/bad.yaml" "$work/pre-commit-bad.out"; then
    ok "pre-commit try-repo fails on the bad playbook and shows the finding"
else
    fail "pre-commit try-repo on the bad playbook (exit $status): $(tail -20 "$work/pre-commit-bad.out")"
fi
if (cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" stagelint --files playbooks/good.yaml) > "$work/pre-commit-good.out" 2>&1; then
    ok "pre-commit try-repo passes on the good playbook"
else
    fail "pre-commit try-repo on the good playbook: $(tail -20 "$work/pre-commit-good.out")"
fi

# The stagelint-system hook runs the stagelint on PATH (here the one just built), building nothing.
if (cd "$repo" && PATH="$(dirname "$bin"):$PATH" "$venv/bin/pre-commit" try-repo "$root" stagelint-system \
        --files playbooks/bad.yaml playbooks/good.yaml) > "$work/pre-commit-system.out" 2>&1; then
    fail "pre-commit try-repo stagelint-system passes on the bad playbook"
elif grep -q "undefined-stage" "$work/pre-commit-system.out" && grep -q "playbooks/bad.yaml" "$work/pre-commit-system.out"; then
    ok "pre-commit try-repo stagelint-system (language: system) fails on the bad playbook and shows the finding"
else
    fail "pre-commit try-repo stagelint-system: $(tail -20 "$work/pre-commit-system.out")"
fi
if (cd "$repo" && PATH="$(dirname "$bin"):$PATH" "$venv/bin/pre-commit" try-repo "$root" stagelint-system \
        --files playbooks/good.yaml) > "$work/pre-commit-system-good.out" 2>&1; then
    ok "pre-commit try-repo stagelint-system passes on the good playbook"
else
    fail "pre-commit try-repo stagelint-system on the good playbook: $(tail -20 "$work/pre-commit-system-good.out")"
fi

# action.yml: run its steps as the runner would, in the temporary repository. `uses:` steps (the build
# cache) cannot run here: their inputs are checked against what the other steps produce and use.
if "$py" - "$root/action.yml" "$root" "$repo" "$work" <<'PY'
import os, re, subprocess, sys, yaml
action_file, action_path, repo, work = sys.argv[1:5]
action = yaml.safe_load(open(action_file))
assert action["runs"]["using"] == "composite"
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
inputs.update({"paths": "playbooks", "sarif": os.path.join(work, "action.sarif")})
runner_temp = os.path.join(work, "runner")
env = dict(os.environ, GITHUB_ACTION_PATH=action_path, RUNNER_TEMP=runner_temp, GITHUB_ACTIONS="true", RUNNER_OS="Linux")
os.makedirs(runner_temp, exist_ok=True)
step_outputs = {}
contexts = {"github.action_ref": "v1", "runner.temp": runner_temp}

def expand(value):
    def one(match):
        name = match.group(1).strip()
        if name.startswith("inputs."):
            return inputs[name[len("inputs."):]]
        if name.startswith("steps."):
            _, step, _, key = name.split(".")
            return step_outputs[step][key]
        return contexts[name]
    return re.sub(r"\$\{\{([^}]*)\}\}", one, str(value))

def run_step(step):
    output_file = os.path.join(work, "github-output")
    open(output_file, "w").close()
    step_env = dict(env, GITHUB_OUTPUT=output_file)
    for key, value in step.get("env", {}).items():
        step_env[key] = expand(value)
    result = subprocess.run(["bash", "-e", "-c", step["run"].replace("sudo ", "")], cwd=repo, env=step_env,
                            capture_output=True, text=True)
    if "id" in step:
        step_outputs[step["id"]] = dict(line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
    return result

outputs = []
caches = []
for step in action["runs"]["steps"]:
    if "uses" in step:
        assert step["uses"].startswith("actions/cache@"), step
        caches.append({key: expand(value) for key, value in step["with"].items()})
        step_outputs[step["id"]] = {"cache-hit": "false"}  # a first run: nothing cached yet
        continue
    outputs.append(run_step(step))
last = outputs[-1]
assert last.returncode == 1, (last.returncode, last.stdout, last.stderr)
assert "::error file=playbooks/bad.yaml,line=" in last.stdout, last.stdout
assert "title=stagelint undefined-stage::" in last.stdout, last.stdout
assert os.path.getsize(inputs["sarif"]) > 0
# The cache holds the folder the build step builds into and the check step runs from, under a key
# that names the action's ref and does not change from one run to the next.
assert len(caches) == 1, caches
cache = caches[0]
assert cache["path"] == os.path.join(runner_temp, "stagelint-build"), cache
assert os.path.isfile(os.path.join(cache["path"], "release", "stagelint")), cache
assert "-v1-" in cache["key"] and cache["key"].startswith("stagelint-build-Linux-"), cache
key_step = next(step for step in action["runs"]["steps"] if step.get("id") == "cache-key")
assert run_step(key_step).returncode == 0 and step_outputs["cache-key"]["key"] == cache["key"], (step_outputs, cache)
# A later run that restores the cache does not build again (and the check still works).
build_step = next(step for step in action["runs"]["steps"] if step.get("name") == "Build stagelint")
step_outputs["cache"] = {"cache-hit": "true"}
restored = run_step(build_step)
assert restored.returncode == 0 and "restored from the cache" in restored.stdout and "Compiling" not in restored.stdout, restored
assert run_step(action["runs"]["steps"][-1]).returncode == 1
PY
then ok "action.yml builds stagelint (into the cached folder), annotates findings and writes SARIF"; else fail "action.yml"; fi

echo
echo "integrations: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
