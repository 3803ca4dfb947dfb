"""Writes a realistic benchmark corpus: many playbooks of dozens of stages, plus one of 5,000 and one
of 20,000 stages. Deterministic (fixed seed), so figures are comparable between runs.
Usage: python3 generate_corpus.py OUTPUT_FOLDER [PLAYBOOKS] [STAGES]"""
import os
import random
import sys

RULES = [
    "Demo request form submitted with a business email",
    "SDR confirmed use case and timeline on a discovery call",
    "Lead score reaches {n} and enrichment confirmed {m} or more employees",
    "Account executive created the deal with amount, close date and agreed next steps",
    "Pricing page visited {n} times in {m} days",
    "No reply received after {n} call and email attempts over {m} days",
    "Trial activated: first workflow created and run",
    "Webinar attended and gated content downloaded in the last {m} days",
]


def rule(rng):
    return '"' + rng.choice(RULES).format(n=rng.randint(2, 90), m=rng.randint(5, 60)) + '"'


def playbook(rng, title, stages):
    out = [f"playbook: {title}", "version: 3", "motion: demo-led", "level: contact",
           "description: >", "  A generated playbook for benchmarking stagelint, written like a real one.",
           "teams:",
           "  marketing: { name: Marketing, role: marketing }",
           "  sdr: { name: Sales Development, role: sales-development }",
           "  ae: { name: Account Executives, role: sales }",
           "fields:",
           "  use_case: { label: Use case, type: text }",
           "  timeline: { label: Timeline, type: date }",
           "  budget: { label: Budget, type: number }",
           "stages:"]
    owners = ["marketing", "sdr", "ae"]
    for i in range(stages):
        kind = "entry" if i == 0 else "active"
        owner = owners[min(2, i * 3 // max(1, stages))]
        out += [f"  stage_{i}:", f"    name: Stage {i} milestone reached", f"    kind: {kind}", f"    owner: {owner}"]
        if i:
            out.append(f"    entry: {rule(rng)}")
        if owner == "ae":
            out.append("    required_fields: [use_case, timeline, budget]")
        if i:
            out.append(f"    sla: {{ within: {rng.randint(1, 48)}h, action: Owner acts on the lead }}")
        out.append(f"    probability: {min(95, 5 + i * 90 // max(1, stages))}")
        out.append("    exits:")
        nxt = f"stage_{i + 1}" if i + 1 < stages else "won"
        out += [f"      - to: {nxt}", f"        when: {rule(rng)}", "        action: Book the next meeting",
                "      - to: nurture", f"        when: {rule(rng)}",
                "      - to: lost", "        when: Owner confirmed the company is outside the ICP"]
    out += ["  nurture:", "    name: Nurture", "    kind: nurture", "    owner: marketing",
            "    entry: SDR rejected the lead with a reason code",
            "    nurture: { cadence: every 2 weeks, content: case studies, follow_up: 90d }",
            "    exits:", "      - to: stage_0", "        when: Demo request form submitted again",
            "      - to: lost", "        when: Contact unsubscribed from all email",
            "  won:", "    name: Opportunity Created", "    kind: won", "    entry: Account executive created the deal",
            "  lost:", "    name: Disqualified", "    kind: disqualified", "    entry: Owner recorded a reason code",
            "    reasons: { no_budget: Budget mismatch, wrong_fit: Outside the ICP }"]
    return "\n".join(out) + "\n"


def main():
    folder = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    stages = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    rng = random.Random(20261122)
    os.makedirs(os.path.join(folder, "corpus"), exist_ok=True)
    for index in range(count):
        with open(os.path.join(folder, "corpus", f"playbook-{index:04d}.yaml"), "w") as file:
            file.write(playbook(rng, f"Generated playbook {index}", stages))
    for size in (5000, 20000):
        with open(os.path.join(folder, f"big-{size}.yaml"), "w") as file:
            file.write(playbook(rng, f"Generated playbook of {size} stages", size))
    with open(os.path.join(folder, "small.yaml"), "w") as file:
        file.write(playbook(rng, "Small playbook", 8))


if __name__ == "__main__":
    main()
