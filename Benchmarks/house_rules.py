"""Fifty house rules for the benchmark: the cookbook's rules of docs/house-rules.md (without their
examples), then the same rules again under other ids until there are fifty, so a check runs fifty
realistic rules of every kind of item and operator.

`fitted=True` adjusts the three rules the generated corpus breaks on nearly every stage to the
corpus's own conventions (names in sentence case, SLAs of up to two days, routing not required), as
a team's rules fit the playbooks it keeps clean: that run measures what evaluating the rules costs.
As written, the cookbook reports some 40,000 findings on the corpus, which measures the reporters too."""
import os
import re


FITTED = [
    ("then:\n      name: { casing: title }", "then:\n      name: { casing: sentence }"),
    ("sla.within: { max: 4h }", "sla.within: { max: 2d }"),
    ("routing: { mentions: [region,", "routing: { not-mentions: [region,"),
]


def write_config(root, count=50, fitted=False):
    """Writes ROOT/house-rules[-fitted].stagelint.yml (the rules and the benchmark's limits) and
    ROOT/no-house-rules.stagelint.yml (the limits only), and returns both paths."""
    docs = os.path.join(os.path.dirname(__file__), "..", "docs", "house-rules.md")
    text = open(docs, encoding="utf-8").read()
    cookbook = text[text.index("## Cookbook"):]
    rules = []
    for block in re.findall(r"```yaml\n(.*?)```", cookbook, re.S):
        lines = block.split("\n")[1:]  # below `custom-rules:`
        body = []
        for line in lines:
            if line.startswith("    examples:"):
                break
            body.append(line)
        rule = "\n".join(body).rstrip("\n")
        if fitted:
            for old, new in FITTED:
                rule = rule.replace(old, new)
        rules.append(rule)
    limits = "limits:\n  max-file-bytes: 67108864\n  max-nodes: 50000000\n"
    out = [limits, "custom-rules:"]
    for index in range(count):
        rule = rules[index % len(rules)]
        round_ = index // len(rules)
        if round_:
            # Another id, and patterns and word lists of its own (an alternative, a word no playbook
            # uses), so no work is shared with the rule it copies beyond reading the same paths.
            rule = re.sub(r"^  ([a-z0-9-]+):", lambda m: f"  {m.group(1)}-{round_ + 1}:", rule, count=1)
            rule = re.sub(r"(pattern: )'", lambda m: f"{m.group(1)}'(?:zq{round_})|", rule)
            rule = re.sub(r"(mentions: )\[", lambda m: f"{m.group(1)}[zq{round_}, ", rule)
        out.append(rule)
    house = os.path.join(root, "house-rules-fitted.stagelint.yml" if fitted else "house-rules.stagelint.yml")
    plain = os.path.join(root, "no-house-rules.stagelint.yml")
    with open(house, "w", encoding="utf-8") as file:
        file.write("\n".join(out) + "\n")
    with open(plain, "w", encoding="utf-8") as file:
        file.write(limits)
    return house, plain
