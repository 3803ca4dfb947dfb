import PlaybookModel
/// The rule catalogue as text: `stagelint rules`, `stagelint explain ID` and docs/rules.md are all
/// rendered from the rule descriptions, so the documentation cannot drift from the code.
public enum RuleDocumentation {
    /// One line a rule: id, default severity, summary.
    public static func table(_ rules: [RuleDescription] = RuleCatalog.all) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        var out = ""
        var category: RuleCategory?
        for rule in rules {
            if rule.category != category {
                if category != nil { out += "\n" }
                out += "\(title(rule.category)):\n"
                category = rule.category
            }
            let padded = rule.id + String(repeating: " ", count: width - rule.id.count)
            let severity = rule.defaultSeverity.rawValue + String(repeating: " ", count: 8 - rule.defaultSeverity.rawValue.count)
            out += "  \(padded)  \(severity) \(rule.summary)" + (rule.origin.map { "  (house rule, \($0))" } ?? "") + "\n"
        }
        return out
    }

    /// One rule in full, for a terminal; a house rule with its definition as written.
    public static func explain(_ rule: RuleDescription, definition: String? = nil) -> String {
        var out = "\(rule.id) (\(rule.origin.map { "house rule from \($0)" } ?? rule.category.rawValue), "
            + "default severity: \(rule.defaultSeverity.rawValue))\n\n"
        out += rule.summary + "\n"
        if !rule.rationale.isEmpty { out += "\n" + wrap(rule.rationale, width: 90) + "\n" }
        if let definition { out += "\nAs written in \(rule.origin ?? "its configuration"):\n\n" + indent(definition) + "\n" }
        for (index, example) in rule.triggeringExamples.enumerated() {
            out += "\nReported (at the lines marked # <-)\(rule.triggeringExamples.count > 1 ? " \(index + 1)" : ""):\n\n"
            out += indent(example) + "\n"
        }
        for (index, example) in rule.passingExamples.enumerated() {
            out += "\nNot reported\(rule.passingExamples.count > 1 ? " \(index + 1)" : ""):\n\n"
            out += indent(example) + "\n"
        }
        for correction in rule.corrections {
            out += "\nFixed by \(correction.isUnsafe ? "--unsafe-fixes (a guess)" : "--fix"); before:\n\n" + indent(correction.before) + "\n"
            out += "\nafter:\n\n" + indent(correction.after) + "\n"
        }
        out += "\nTo change its severity or switch it off, in .stagelint.yml:\n\n    rules:\n      \(rule.id): off\n"
        out += "\nTo suppress one finding, on its line:  # stagelint-disable-line \(rule.id) -- reason\n"
        return out
    }

    /// docs/rules.md.
    /// How `vague-rule`, `untestable-rule`, `time-only-exit`, `weak-signal-qualification` and
    /// `score-only-handoff` read a rule text (see `TextFacts`).
    static let wordingRulesExplained = """
        ### How the wording rules decide

        The wording rules read each entry and exit rule for what it asserts and what it judges, not
        only for listed phrases:

        - **What it asserts.** An event that happened ("submitted", "booked"; also negated, "no reply",
          and with `re-`/`un-`, "resubmitted", "unsubscribed"), a number or threshold, one of the
          playbook's fields, a field compared with a value ("Rating is Hot", "Lead Source = Partner",
          "Reply categorised Positive"), a score, a period or date, and a confirmation by a named team
          or role ("SDR confirmed budget"). An event that is only wanted, planned or known ("wants to
          book a demo", "open to switching") has not happened and is no anchor; nor is an event word
          that names an email ("the product launch email") or a stage ("the Qualify stage"), one used
          as a noun inside the rule ("influence over the purchase", "the return on investment"; a rule
          that starts with it still names it: "A reply from the CFO"), or a confirmation only wanted
          ("wants to review their coverage"). A number, a confirmation or a date in what is only
          wanted or known anchors nothing ("plans to open a second location", "aware of the PSD2
          deadline"). A number is digits, alone or with a unit, a multiplier or an ordinal: "PSD2"
          and "3PL" are names. An event of any world ("changed", "entered", "started", "moved")
          anchors a rule only beside something a CRM records (a record such as a form, meeting or
          workspace, a field, a page or email, a number, a quotation, or the seller's people):
          "Lead Status changed to Working", but not "Their priorities changed". An `un-` form of an
          event did not happen ("unchanged"), and the word before an idle state is the record, not
          an event ("Record untouched for 45 days"). What goes on or is done as a habit is a
          situation, not an event, unless its clause names a record: "Company is expanding into new
          markets", "Ops team runs dispatch out of spreadsheets", but "Prospect is filling in the demo
          request form". Seeing something as, depending on, planning and going through are stances
          like wanting ("CFO sees renewal as a priority"), and so is what follows "how" or "why". The
          playbook's own stage names (of two words or more) are places and values, not events or
          judgements ("45 days in Proposal Sent", "moves to Hot Prospect Review").
        - **What it judges.** Hedges and placeholders ("probably", "more or less", "TBD", "N/A"),
          likelihood ("good chance", "potential"), and evaluative adjectives and adverbs wherever they
          stand ("Lead is hot", "strong buying signals", "the call went well"). The evaluative words
          are the VADER sentiment lexicon's (MIT licence), filtered for this domain by
          `scripts/lexicon/build-evaluative.py`, plus a few words of the trade it does not rate ("hot",
          "cold", "legit"); `scripts/lexicon/README.md` says where each list comes from.
        - **What is not a judgement.** Quoted text (`Contact replied "not interested"`), a field's value
          after "is", "=" or ":" ("Status reason: No Longer Interested"), terms of the trade ("warm
          introduction", "cold call", "fit score"), and a judgement backed by the event that shows it
          ("re-engaged by replying", "Re-engaged: filled out a form again"). A hedge or a placeholder
          is vague even beside an event ("Prospect more or less agreed to next steps"); a judgement is
          not when a named team confirms or records it in the same clause ("Sales confirmed account
          fit", but not "Sales accepts it once it's ready").
        - **Whose state of mind.** The buyer's feelings and thoughts ("Shipper is frustrated with their
          carrier", "Leadership is thinking about switching", "Buyer believes the price is fair") are
          a state of mind nobody records: `untestable-rule`. The seller's are a judgement ("once sales
          is happy with it", "we think they are ready", "Rep feels it will close"), and so is the
          buyer's enthusiasm, which the seller reads as intent ("Prospect is excited", "client was
          pumped"): `vague-rule`. An adverb judges like its adjective ("genuinely", "meaningfully").
        - **What only restates the move.** A rule made only of a move ("moves", "hands off", "takes
          over", "qualifies"), the stage or team it goes to and filler ("Moves to SQL", "Sales takes
          over", "Channel team takes it from here", "SDR qualified the lead on the phone", "Channel
          Manager qualifies the registration", "Moves on to proposal") says that a lead moves, not
          when: `vague-rule`, with its own message. What the move takes may be one other word up to
          the end of its clause; a second word, an event or a clause of its own is a condition ("Moves
          to SQL after the BANT call"). A word before "team" or before a role names it ("the branch
          team", "Territory Rep"); routing after a score ("send it to the AE") is automation.
        - **Only the clock.** An exit with a period or date ("30 days after entering the stage", "end
          of the quarter", "6mo in stage", "Every Jan 2nd", "Lead Age > 180", "EOQ4 cutoff") and
          nothing else that happened (no event but time passing or the clock's own, as in "the fiscal
          year begins" or "the 6-month mark"; no count of attempts, no confirmation, score or signal;
          at most one other word) is `time-only-exit`, never `untestable-rule`: the date is
          observable, but nothing happened. What the clock or an automation then does is no
          condition ("Wait 30 days, then set Lead Status to Recycled", "auto-archive at quarter
          close", "is moving to disqualified"), nor is a label before a colon ("Smart campaign: wait
          30 days") or the trial as the clock's frame ("Day 15 of the trial"), and nor is what the
          clock starts from ("90 days after Lifecycle Stage was set", "60 days since it became SAL").
          Generic inactivity is the clock ("no activity for 45 days", "nothing logged since the 1st of
          the month"); a reply or a specific record that did not come is a condition ("no reply for
          10 days", "event date passed with no registration").

        - **Stage names.** A name made only of vague words, ending in a place to wait ("Partner
          Queue", "Post-Show Bucket") or numbered ("Bucket B", "Stage 2") is `vague-stage-name`; a name
          with a lead status in it ("Working - Contacted", "Waiting for answer", "2nd Attempt Made")
          is `status-as-stage` alone.

        Every finding names the word or phrase that triggered it (or, for a restated move, the rule)
        and says what to write instead. `vocabulary.vague` in `.stagelint.yml` adds hedge words;
        `vocabulary.allow` removes hedges, judgements, evaluative words and vague stage names. How
        well this works on texts nobody tuned it on: [wording-accuracy.md](wording-accuracy.md).

        """

    public static func markdown(_ rules: [RuleDescription] = RuleCatalog.all) -> String {
        var out = """
            # Rules

            <!-- Generated by `stagelint rules --format markdown` from the rule descriptions in
                 Sources/PlaybookKit/Rules. Do not edit by hand: a test fails when this file is stale. -->

            Every finding names one of these rules. Each rule has a default severity that `.stagelint.yml`
            can change (`off`, `info`, `warning`, `error`), and every finding can be suppressed with a
            `# stagelint-disable-line RULE -- reason` comment. `stagelint explain RULE` prints one rule.

            | Rule | Group | Default | Summary |
            |---|---|---|---|

            """
        for rule in rules {
            out += "| [`\(rule.id)`](#\(rule.id)) | \(rule.category.rawValue) | \(rule.defaultSeverity.rawValue) | \(escapeCell(rule.summary)) |\n"
        }
        var category: RuleCategory?
        for rule in rules {
            if rule.category != category {
                out += "\n## \(title(rule.category))\n"
                if rule.category == .definitions { out += "\n" + wordingRulesExplained }
                category = rule.category
            }
            out += "\n### \(rule.id)\n\n"
            out += "Default severity: **\(rule.defaultSeverity.rawValue)**. \(rule.summary)\n"
            if let origin = rule.origin { out += "\nA house rule, from `\(origin)`.\n" }
            if !rule.rationale.isEmpty { out += "\n" + rule.rationale + "\n" }
            for example in rule.triggeringExamples {
                out += "\nReported (on the lines marked `# <-`):\n\n```yaml\n\(example)\n```\n"
            }
            for example in rule.passingExamples {
                out += "\nNot reported:\n\n```yaml\n\(example)\n```\n"
            }
            for correction in rule.corrections {
                out += "\nFixed by `\(correction.isUnsafe ? "--unsafe-fixes` (a guess)" : "--fix`"); before:\n\n```yaml\n\(correction.before)\n```\n"
                out += "\nafter:\n\n```yaml\n\(correction.after)\n```\n"
            }
        }
        return out
    }

    static func title(_ category: RuleCategory) -> String {
        switch category {
        case .structure: return "Structure"
        case .flow: return "Flow"
        case .definitions: return "Definitions"
        case .hygiene: return "Hygiene"
        case .house: return "House rules"
        }
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingPipes()
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func replacingPipes() -> String {
        var out = ""
        for character in self {
            if character == "|" { out += "\\|" } else { out.append(character) }
        }
        return out
    }
}
