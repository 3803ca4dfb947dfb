import Foundation
import PlaybookKit

/// Checks YAML text as the file `test.yaml`.
func check(_ yaml: String) -> FileReport {
    Linter().check(file: "test.yaml", bytes: Array(yaml.utf8))
}

/// The rule ids of the structure and flow groups.
let structureAndFlow = Set(RuleCatalog.all.filter { $0.category == .structure || $0.category == .flow }.map(\.id))

func findings(_ yaml: String, rule: String) -> [Diagnostic] {
    check(yaml).diagnostics.filter { $0.rule == rule }
}

/// The package root, found from this source file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small playbook that checks clean, for tests to break one thing at a time.
let cleanPlaybook = """
    playbook: Demo-led SaaS inbound
    version: 3
    teams:
      marketing: { name: Marketing, role: marketing }
      sdr: { name: Sales Development, role: sales-development }
    fields:
      use_case: { type: text }
    stages:
      new_lead:
        name: New Lead
        kind: entry
        owner: marketing
        exits:
          - to: mql
            when: Lead score reaches 60
          - to: disqualified
            when: Email domain is on the competitor list
      mql:
        name: Marketing Qualified Lead
        owner: sdr
        entry: Lead score of 60 or more
        required_fields: [use_case]
        sla: { within: 1d, action: First call attempt }
        exits:
          - to: opportunity
            when: SDR confirmed use case and timeline on a call
          - to: nurture
            when: SDR rejected the lead as not buying this quarter
          - to: disqualified
            when: SDR confirmed the company is outside the ICP
      nurture:
        name: Nurture
        entry: SDR rejected the lead with a reason code
        kind: nurture
        owner: marketing
        nurture: { cadence: every 2 weeks, content: case studies, follow_up: 90d }
        exits:
          - to: mql
            when: Demo request form submitted again
      opportunity:
        name: Opportunity Created
        entry: Account executive created the deal with agreed next steps
        kind: won
      disqualified:
        name: Disqualified
        entry: SDR recorded a disqualification reason
        kind: disqualified
        reasons:
          no_budget: Budget mismatch
    """
