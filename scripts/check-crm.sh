#!/usr/bin/env bash
# The CRM bridge checked by real consumers (issue 19): scripts/check-crm.sh
#   - every example playbook exported to Salesforce: each file well-formed XML in Salesforce's
#     metadata namespace (xmllint, Debian's libxml2-utils, installed when missing);
#   - HubSpot payloads (the examples' properties, a deal pipeline) against the JSON Schemas in
#     schema/crm (check-jsonschema from PyPI), and defective payloads rejected by them;
#   - round trips through the command line: export then import gives the same stages (names) and
#     Salesforce values in the same order (read back with PyYAML); the imported playbooks have no
#     structural errors; drift of each example against its own export finds nothing, and finds an
#     edited label.
# Prints "N passed, N failed" last; exits 1 when a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

if ! command -v xmllint > /dev/null; then
    echo "installing xmllint (Debian's libxml2-utils)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq libxml2-utils; } > /dev/null 2>&1 || { echo "cannot install libxml2-utils"; exit 1; }
fi
venv="$root/.build-integrations/venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv" || { echo "cannot create a virtual environment"; exit 1; }
"$venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema pyyaml || { echo "cannot install check-jsonschema"; exit 1; }
swift build --quiet || { echo "swift build failed"; exit 1; }
bin="$(swift build --show-bin-path)/stagelint"
namespace="http://soap.sforce.com/2006/04/metadata"

examples=()
for playbook in playbooks/*.yaml; do
    [[ $playbook == *.scenarios.yaml ]] || examples+=("$playbook")
done

for playbook in "${examples[@]}"; do
    name=$(basename "$playbook" .yaml)
    sf="$work/$name/salesforce"
    hs="$work/$name/hubspot"
    if ! "$bin" export "$playbook" --to salesforce -o "$sf" 2> /dev/null || ! "$bin" export "$playbook" --to hubspot-property -o "$hs" 2> /dev/null; then
        fail "$name: export"
        continue
    fi
    # Well-formed, and in the metadata namespace.
    bad=""
    count=0
    while IFS= read -r file; do
        count=$((count + 1))
        if ! xmllint --noout "$file" 2> "$work/xmllint.err"; then bad+=" $file: $(cat "$work/xmllint.err")"; continue; fi
        [[ "$(xmllint --xpath 'namespace-uri(/*)' "$file")" == "$namespace" ]] || bad+=" $file: not in $namespace"
    done < <(find "$sf" -name '*.xml' | sort)
    if [[ -z "$bad" && $count -gt 2 ]]; then ok "$name: $count Salesforce metadata files are well-formed XML in Salesforce's namespace"; else fail "$name: xmllint:$bad"; fi
    if "$venv/bin/check-jsonschema" --schemafile schema/crm/hubspot-property.schema.json "$hs"/*.json > "$work/schema.out" 2>&1; then
        ok "$name: the HubSpot property passes its JSON Schema"
    else
        fail "$name: the HubSpot property fails its JSON Schema: $(cat "$work/schema.out")"
    fi
    # Export, then import: the same stages (names) and CRM values, in the same order.
    valueset=$(find "$sf/standardValueSets" -name '*.xml')
    "$bin" import "$valueset" -o "$work/$name/imported.yaml" 2> "$work/import.err" || fail "$name: import: $(cat "$work/import.err")"
    if "$venv/bin/python" - "$valueset" "$work/$name/imported.yaml" <<'PY'
import sys, yaml, xml.etree.ElementTree as tree
ns = {"m": "http://soap.sforce.com/2006/04/metadata"}
exported = [(v.findtext("m:label", namespaces=ns), v.findtext("m:fullName", namespaces=ns))
            for v in tree.parse(sys.argv[1]).getroot().findall("m:standardValue", ns)]
stages = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))["stages"]
imported = [(stage["name"], stage["crm"]["salesforce"]) for stage in stages.values()]
sys.exit(0 if exported == imported and exported else 1)
PY
    then ok "$name: export then import gives the same $(grep -c '<standardValue>' "$valueset") stages and Salesforce values"; else fail "$name: the round trip changed the stages"; fi
    errors=$("$bin" check "$work/$name/imported.yaml" --format json 2> /dev/null | python3 -c '
import json, sys
flow = {"dead-end-stage", "unreachable-stage", "no-path-to-end"}
print(" ".join(sorted({d["rule"] for d in json.load(sys.stdin)["diagnostics"] if d["severity"] == "error" and d["rule"] not in flow})))')
    if [[ -z "$errors" ]]; then ok "$name: the imported playbook has no structural errors (check lists what to decide)"; else fail "$name: imported playbook errors: $errors"; fi
    if "$bin" drift "$playbook" $(find "$sf" -name '*.xml' | sort) "$hs"/*.json > "$work/drift.out"; then
        ok "$name: drift against its own export: $(tail -1 "$work/drift.out" | sed 's/.*: //')"
    else
        fail "$name: drift against its own export: $(cat "$work/drift.out")"
    fi
done

# A deal pipeline: its JSON Schema, and defects it must reject.
deals=Tests/PlaybookKitTests/Fixtures/crm/deals.yaml
"$bin" export "$deals" --to hubspot-pipeline -o "$work/deals" 2> /dev/null
pipeline=$(find "$work/deals" -name '*.json')
if "$venv/bin/check-jsonschema" --schemafile schema/crm/hubspot-pipeline.schema.json "$pipeline" > "$work/schema.out" 2>&1; then
    ok "the deal pipeline passes its JSON Schema"
else
    fail "the deal pipeline fails its JSON Schema: $(cat "$work/schema.out")"
fi
for defect in 's/"probability": "0.6"/"probability": "60"/' 's/"isClosed": "true"/"isClosed": true/' 's/"label": "Discovery",//'; do
    sed "$defect" "$pipeline" > "$work/defect.json"
    if "$venv/bin/check-jsonschema" --schemafile schema/crm/hubspot-pipeline.schema.json "$work/defect.json" > /dev/null 2>&1; then
        fail "the pipeline schema accepts a defect ($defect)"
    else
        ok "the pipeline schema rejects a defect ($defect)"
    fi
done
sed 's/"name": "lifecyclestage"/"name": "Lifecycle Stage"/' "$(find "$work/demo-led-inbound/hubspot" -name '*.json')" > "$work/defect.json"
if "$venv/bin/check-jsonschema" --schemafile schema/crm/hubspot-property.schema.json "$work/defect.json" > /dev/null 2>&1; then
    fail "the property schema accepts an internal name with capitals and a space"
else
    ok "the property schema rejects an internal name with capitals and a space"
fi
# Drift finds an edited label, at the playbook's line.
sed 's/"Closed Won"/"Won"/' "$pipeline" > "$work/edited.json"
"$bin" drift "$deals" "$work/edited.json" > "$work/drift.out"
status=$?
if [[ $status -eq 1 ]] && grep -q "deals.yaml:38:11: warning: .*\[drift-label\]" "$work/drift.out"; then
    ok "drift finds a label edited in the CRM, at the stage's name (exit 1)"
else
    fail "drift on an edited label (exit $status): $(cat "$work/drift.out")"
fi

# The drift findings as SARIF, against the OASIS schema (SARIF_SCHEMA, else ../shared beside the checkout).
sarif_schema="${SARIF_SCHEMA:-$root/../shared/schemas/sarif-schema-2.1.0.json}"
if [[ -f "$sarif_schema" ]]; then
    "$bin" drift "$deals" "$work/edited.json" --format sarif > "$work/drift.sarif"
    if "$venv/bin/check-jsonschema" --schemafile "$sarif_schema" "$work/drift.sarif" > "$work/schema.out" 2>&1 && grep -q '"drift-label"' "$work/drift.sarif"; then
        ok "drift's SARIF passes the SARIF 2.1.0 schema"
    else
        fail "drift's SARIF: $(cat "$work/schema.out")"
    fi
else
    echo "skipped: drift's SARIF against the schema (no SARIF schema at $sarif_schema; set SARIF_SCHEMA)"
fi

echo
echo "crm: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
