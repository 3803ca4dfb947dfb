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
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

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
if [[ ! -f "$sarif_schema" ]]; then
    fail "SARIF schema not found at $sarif_schema (set SARIF_SCHEMA)"
else
    for file in all clean; do
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
PY
        then ok "SARIF ($file) validates against the SARIF 2.1.0 schema"; else fail "SARIF ($file) does not validate"; fi
    done
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

# The playbook JSON Schema with check-jsonschema: the examples pass, defects fail, x- keys pass.
if "$venv/bin/check-jsonschema" --schemafile schema/playbook.schema.json playbooks/*.yaml \
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

# action.yml: run its steps as the runner would, in the temporary repository.
if "$py" - "$root/action.yml" "$root" "$repo" "$work" <<'PY'
import os, subprocess, sys, yaml
action_file, action_path, repo, work = sys.argv[1:5]
action = yaml.safe_load(open(action_file))
assert action["runs"]["using"] == "composite"
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
inputs.update({"paths": "playbooks", "sarif": os.path.join(work, "action.sarif")})
env = dict(os.environ, GITHUB_ACTION_PATH=action_path, RUNNER_TEMP=os.path.join(work, "runner"), GITHUB_ACTIONS="true")
os.makedirs(env["RUNNER_TEMP"], exist_ok=True)
outputs = []
for step in action["runs"]["steps"]:
    step_env = dict(env)
    for key, value in step.get("env", {}).items():
        for name, given in inputs.items():
            value = value.replace("${{ inputs.%s }}" % name, given)
        step_env[key] = value
    script = step["run"].replace("sudo ", "")
    result = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=step_env, capture_output=True, text=True)
    outputs.append(result)
last = outputs[-1]
assert last.returncode == 1, (last.returncode, last.stdout, last.stderr)
assert "::error file=playbooks/bad.yaml,line=" in last.stdout, last.stdout
assert "title=stagelint undefined-stage::" in last.stdout, last.stdout
assert os.path.getsize(inputs["sarif"]) > 0
PY
then ok "action.yml builds stagelint, annotates findings and writes SARIF"; else fail "action.yml"; fi

echo
echo "integrations: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
