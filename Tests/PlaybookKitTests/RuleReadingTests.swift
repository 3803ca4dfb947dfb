import Testing
import PlaybookKit

/// The classes of wording mistakes of issue 15, one test each: a rule text is read for what it
/// asserts and judges, not matched against word lists alone.
@Suite("Reading rule texts")
struct RuleReadingTests {
    /// A playbook where `text` is the rule of the exit from the MQL (owned by sales development)
    /// into `target` (line 14), and the entry rule of the target stage (line 20). The target is a
    /// sales-qualified stage unless given.
    static func playbook(_ text: String, targetName: String = "Sales Qualified Lead", targetKind: String = "active",
                         fields: String = "") -> String {
        """
        playbook: Reading
        teams:
          marketing: { name: Marketing, role: marketing }
          sdr: { name: Sales Development, role: sales-development }
        \(fields.isEmpty ? "fields: { budget: { type: number } }" : fields)
        stages:
          mql:
            name: Marketing Qualified Lead
            kind: entry
            owner: sdr
            entry: Demo request form submitted
            exits:
              - to: target
                when: "\(text.replacingOccurrences(of: "\"", with: "\\\""))"
              - { to: lost, when: SDR confirmed the company is outside the ICP }
          target:
            name: \(targetName)
            kind: \(targetKind)
            owner: sdr
            entry: "\(text.replacingOccurrences(of: "\"", with: "\\\""))"
            exits: [{ to: lost, when: SDR confirmed the company is outside the ICP }]
          lost: { name: Disqualified, kind: disqualified, reasons: { icp: Outside the ICP } }
        """
    }

    static let exitLine = 14, entryLine = 20, nameLine = 17

    /// `vague-rule` reports the entry rule `text` as a restated move.
    static func restates(_ text: String) -> Bool {
        check(playbook(text)).diagnostics.contains {
            $0.rule == "vague-rule" && $0.line == entryLine && $0.message.contains("only restates the move")
        }
    }

    /// The wording rules reported on the exit's line and the entry's line.
    static func rules(_ text: String, targetName: String = "Sales Qualified Lead", targetKind: String = "active",
                      fields: String = "") -> (exit: Set<String>, entry: Set<String>) {
        let wording: Set<String> = ["vague-rule", "untestable-rule", "time-only-exit", "weak-signal-qualification", "score-only-handoff"]
        let found = check(playbook(text, targetName: targetName, targetKind: targetKind, fields: fields)).diagnostics
            .filter { wording.contains($0.rule) }
        return (Set(found.filter { $0.line == exitLine }.map(\.rule)), Set(found.filter { $0.line == entryLine }.map(\.rule)))
    }

    @Test("a hedge or judgement beside an event word is still vague", arguments: [
        "Good chance of closing", "Call went well", "Positive vibes on the intro call", "Prospect more or less agreed to next steps",
    ])
    func hedgeBesideAnEvent(text: String) {
        let found = Self.rules(text)
        #expect(found.exit == ["vague-rule"] && found.entry == ["vague-rule"], "\(text): \(found)")
    }

    @Test("judgement words count wherever they stand", arguments: [
        "Lead is hot", "Prospect is warm", "Strong buying signals", "Contact shows potential",
        "Right-sized account with a real need", "High-quality lead", "Qualified by marketing as ready for sales",
    ])
    func judgementWordsAnywhere(text: String) {
        #expect(Self.rules(text).entry == ["vague-rule"], "\(text)")
    }

    @Test("restating the move is not a rule", arguments: [
        "Moved to the next step", "Moves forward", "Sales takes over", "Lead is handed over", "Moves to SQL",
    ])
    func restatedMove(text: String) {
        #expect(Self.restates(text), "\(text)")
    }

    @Test("time-only exits in other words", arguments: [
        "30 days after entering the stage", "Following 60 days", "At the end of the quarter", "Next fiscal year", "After 30 days",
        "Inactive for 3 weeks", "End of Q4", "6mo in stage", "Every Jan 2nd",
    ])
    func timeOnlyInOtherWords(text: String) {
        let found = Self.rules(text, targetName: "Nurture", targetKind: "nurture")
        // Reported as time-only, never as untestable: a date is observable; nothing happened.
        #expect(found.exit == ["time-only-exit"], "\(text): \(found)")
        #expect(!found.entry.contains("untestable-rule"), "\(text): \(found)")
    }

    @Test("a time limit with an event or a count of attempts is not time-only", arguments: [
        "No reply after 6 call and email attempts over 14 days", "Trial expired without an upgrade after 14 days",
        "Renewal opportunity created 120 days before the contract end date", "Did not attend the booked demo within 14 days",
    ])
    func timeWithAnEvent(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit.isEmpty, "\(text)")
    }

    @Test("objective texts stay clean", arguments: [
        // re-/un- verbs
        "Partner resubmitted the registration", "Meeting rescheduled", "Demo rebooked", "Lead reactivated", "Contact unsubscribed",
        // a judgement inside a quotation or a status value
        "Contact replied \"not interested\"", "Status reason is 'No Longer Interested'", "Lead replied \"not a good fit for us right now\"",
        "Prospect's buyer said \"this looks excellent\" in writing",
        // a field compared to a value
        "Rating is Hot", "Lead Rating = Warm", "Lead Status changed to Unqualified - Bad Data", "Fit Grade is A",
        "EmailBouncedReason is not blank",
        // a judgement backed by the event that shows it
        "Contact re-engaged by replying to the breakup email", "Showed interest by requesting a demo",
        // terms that hold an evaluative or an event word
        "Warm introduction from a partner logged in the CRM", "Cold call connected and a meeting booked", "Buying committee named in the CRM",
    ])
    func objectiveTextsStayClean(text: String) {
        let found = Self.rules(text, targetName: "Nurture", targetKind: "nurture")
        #expect(found.exit.isEmpty && found.entry.isEmpty, "\(text): \(found)")
    }

    @Test("a field of the playbook compared with a value is a value test, not a judgement")
    func playbookFieldComparedWithAValue() {
        let fields = "fields: { rating: { type: string, label: Rating } }"
        #expect(Self.rules("Rating is Hot", fields: fields).entry.isEmpty)
        // Without a field and a comparison, "hot" judges.
        #expect(Self.rules("Lead is hot", fields: fields).entry == ["vague-rule"])
    }

    @Test("hand-off checks are not dodged by rewording", arguments: [
        ("Clicked the pricing email", "weak-signal-qualification"), ("Opened the proposal email twice", "weak-signal-qualification"),
        ("Hit the MQL threshold", "score-only-handoff"), ("Clicked the link in the product launch email", "weak-signal-qualification"),
    ])
    func handOffRewording(text: String, rule: String) {
        #expect(Self.rules(text).exit.contains(rule), "\(text): \(Self.rules(text))")
    }

    @Test("a visit to the pricing page is intent, not a weak signal")
    func pricingPageIsIntent() {
        #expect(Self.rules("Visited the pricing page twice").exit.isEmpty)
    }

    @Test("the buyer's feelings and thoughts are a state of mind, the seller's a judgement", arguments: [
        ("Shipper is frustrated with their current carrier", "untestable-rule"), ("Client is comfortable with the plan", "untestable-rule"),
        ("Leadership is thinking about switching vendors", "untestable-rule"), ("Buyer believes the price is fair", "untestable-rule"),
        ("Once sales is happy with it", "vague-rule"), ("We think they are ready", "vague-rule"), ("Rep feels it will close", "vague-rule"),
    ])
    func feelingsAndThoughts(text: String, rule: String) {
        #expect(Self.rules(text).entry == [rule], "\(text): \(Self.rules(text))")
    }

    @Test("a named confirmation backs the judgement of its own clause only")
    func confirmationInItsOwnClause() {
        #expect(Self.rules("SDR confirmed account fit on the call").entry.isEmpty)
        #expect(Self.rules("Sales accepts it once it's ready").entry == ["vague-rule"])
        // A confirmation that is only wanted confirms nothing.
        #expect(Self.rules("Owner wants to review their coverage").entry == ["untestable-rule"])
    }

    @Test("event words used as nouns, names with digits and prepositions are no anchors", arguments: [
        "Contact has influence over the purchase", "Prospect is aware of the B2B data rules",
        "Prospect comprehends the return on investment", "The use case overlaps with our product",
    ])
    func noAnchorInDisguise(text: String) {
        #expect(Self.rules(text).entry == ["untestable-rule"], "\(text): \(Self.rules(text))")
    }

    @Test("a rule that starts with the event's noun, or negates it, still names it", arguments: [
        "A reply from the decision maker", "Trial ended without an upgrade to a paid plan", "No reply to 6 attempts",
    ])
    func eventNouns(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").entry.isEmpty, "\(text)")
    }

    @Test("a team of its own name restates the move as people do", arguments: [
        "Channel team takes it from here", "Handed to the partner for follow-up", "SDR qualified the lead on the phone",
    ])
    func namedTeamsAndMoves(text: String) {
        #expect(Self.restates(text), "\(text)")
    }

    @Test("time as a field, an end-of-quarter code and the clock's own events", arguments: [
        "Lead Age > 180", "EOQ4 cutoff", "At the 6-month mark", "After the new fiscal year begins",
    ])
    func timeInOtherForms(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text)")
    }

    @Test("an event of the buyer's world is no anchor; beside something a CRM records it is", arguments: [
        ("Their priorities changed", ["untestable-rule"]), ("Brand is entering a new market", ["untestable-rule"]),
        ("The board asked them to cut costs", ["untestable-rule"]), ("Current 3PL no longer meets their needs", ["untestable-rule"]),
        ("Lead Status changed to Working", []), ("Contact entered the webinar", []), ("Meeting invite accepted", []),
        ("Customer started a trial", []),
    ] as [(String, Set<String>)])
    func eventsOfTheBuyersWorld(text: String, expected: Set<String>) {
        #expect(Self.rules(text).entry == expected, "\(text): \(Self.rules(text))")
    }

    @Test("nothing happened: un- forms, 'w/o' and the last touch", arguments: [
        "Lead Status unchanged for 60 days", "2 weeks w/o any product activity", "Six months since the last recorded touchpoint",
    ])
    func nothingHappened(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text)")
    }

    @Test("a move with where it goes restates the move; with a condition it does not")
    func moveWithDestination() {
        for text in ["Moves on to proposal", "Graduates to the sales-assist track"] {
            #expect(Self.restates(text), "\(text)")
        }
        #expect(Self.rules("Moves to SQL after the BANT call is logged").entry.isEmpty)
        #expect(Self.rules("Moves to SQL once budget is confirmed by the SDR").entry.isEmpty)
    }

    @Test("a number, a confirmation or a date in what is only wanted or known anchors nothing", arguments: [
        "Clinic is planning to open a second location", "Data team wants to consolidate onto one platform",
        "Prospect is aware of the PSD2 deadline",
    ])
    func wantedNumbersAndDates(text: String) {
        let found = Self.rules(text, targetName: "Nurture", targetKind: "nurture")
        #expect(found.entry == ["untestable-rule"] && found.exit == ["untestable-rule"], "\(text): \(found)")
    }

    @Test("a noun that is also a stance word is no stance")
    func stanceWordAsNoun() {
        #expect(Self.rules("Free plan hit its 10-endpoint limit").entry.isEmpty)
    }

    @Test("words that name a period are part of it, not a condition", arguments: [
        "At the start of the next hospital budget cycle", "Once harvest season comes round again in October",
        "After 120 days with no partner update",
    ])
    func periodNames(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text)")
    }

    @Test("what a rule with a period is about is still a condition")
    func conditionBesideAPeriod() {
        #expect(Self.rules("They are consolidating tools this year", targetName: "Nurture", targetKind: "nurture").exit == ["untestable-rule"])
    }

    @Test("an adverb judges like its adjective; enthusiasm is the seller's reading, pain the buyer's state", arguments: [
        ("Usage drops off meaningfully", ["vague-rule"]), ("Lead seems genuinely interested", ["vague-rule"]),
        ("Client was pumped on the first call", ["vague-rule"]), ("Prospect is excited about the product", ["vague-rule"]),
        ("Litigation team is frustrated with their current e-billing setup", ["untestable-rule"]),
        ("Contact identifies with our mission", ["untestable-rule"]),
    ] as [(String, Set<String>)])
    func adverbsAndEnthusiasm(text: String, expected: Set<String>) {
        #expect(Self.rules(text).entry == expected, "\(text): \(Self.rules(text))")
    }

    @Test("a number of days beside an event of any world is the clock, not a record")
    func daysAreTheClock() {
        #expect(Self.rules("give it 6 weeks then move on", targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"])
        #expect(Self.rules("Free plan hit 10 seats").entry.isEmpty)
    }

    @Test("a role named by its words restates the move; what the move takes may be one word")
    func rolesAndObjects() {
        for text in ["Channel Manager qualifies the registration", "Sales picks it up from here", "Passed over to the branch sales guy",
                     "Lead goes further in the funnel"] {
            #expect(Self.restates(text), "\(text)")
        }
        // An event is a condition, and a term of the trade is a value: no restated move.
        #expect(Self.rules("Prospect picked up the phone").entry.isEmpty)
        #expect(Self.rules("Moves to SQL after the BANT call").entry.isEmpty)
        // Routing after a score is automation, not a person's confirmation.
        #expect(Self.rules("score's over 90, send it to the AE").exit.contains("score-only-handoff"))
    }

    @Test("relative and demonstrative words do not make an event a noun; the seller's team stays the seller")
    func reviewedReadings() {
        #expect(Self.rules("Leads that registered for the webinar").entry.isEmpty)
        #expect(Self.rules("Sales team is comfortable with pricing").entry == ["vague-rule"])
        // The word before a role names it, and only that word: "via" stays a preposition.
        #expect(Self.rules("Demo booked via SDR").entry.isEmpty)
    }

    @Test("a dash defines like a colon; seeing the value is a state of mind; a record's name is no event")
    func dashesValuesAndRecords() {
        #expect(Self.rules("re-engaged - replied to the reactivation sequence").entry.isEmpty)
        #expect(Self.rules("Production manager sees the value of condition monitoring").entry == ["untestable-rule"])
        #expect(Self.rules("Opp looks winnable per partner rep").entry == ["vague-rule"])
        for text in ["Twelve months after the lead record was created", "Stage Duration > 60", "Two weeks of radio silence"] {
            #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text)")
        }
    }

    @Test("a field before '=' is named, not judged; a field set to a value is no clock; capacity is no event")
    func fieldsAndCapacity() {
        #expect(Self.rules("Audience Fit = High on the sponsor intake form").entry.isEmpty)
        #expect(Self.rules("closed_won_date IS NOT NULL", targetName: "Nurture", targetKind: "nurture").exit.isEmpty)
        #expect(Self.rules("Renewal date populated on the underwriting agreement after signature").entry.isEmpty)
        #expect(Self.rules("Reseller has the capacity to deliver the implementation").entry == ["untestable-rule"])
        #expect(Self.rules("After the 6-month cool-off period", targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"])
    }

    @Test("what is only wanted or planned is no event", arguments: [
        "Contact wants to book a demo", "Prospect is open to switching vendors", "Buyer plans to sign next quarter",
    ])
    func wantedIsNotHappened(text: String) {
        #expect(Self.rules(text).entry == ["untestable-rule"], "\(text): \(Self.rules(text))")
    }

    @Test("stage names", arguments: [
        ("Contact Made", "status-as-stage"), ("Awaiting Response", "status-as-stage"), ("Catch-all", "vague-stage-name"),
        ("Backlog", "vague-stage-name"), ("Unassigned", "vague-stage-name"), ("Under Review", "vague-stage-name"),
        ("Closed - Not Converted", "status-as-stage"), ("Closed - Converted", "status-as-stage"), ("To Be Sorted", "vague-stage-name"),
        ("Reached Out", "status-as-stage"), ("Contact Attempt 2", "status-as-stage"), ("Stage 2", "vague-stage-name"),
        ("Partner Queue", "vague-stage-name"), ("Post-Show Bucket", "vague-stage-name"), ("2nd Attempt Made", "status-as-stage"),
        ("Left VM", "status-as-stage"), ("Called, No Pickup", "status-as-stage"), ("Not Yet Contacted", "status-as-stage"),
        ("1st Call Done", "status-as-stage"), ("Bucket B", "vague-stage-name"), ("Working - Contacted", "status-as-stage"),
        ("Waiting for answer", "status-as-stage"), ("Open Items", "vague-stage-name"), ("General Pipeline", "vague-stage-name"),
        ("waiting answer from customer", "status-as-stage"), ("Contacted by WhatsApp", "status-as-stage"),
    ])
    func stageNames(name: String, rule: String) {
        let found = check(Self.playbook("Demo request form submitted", targetName: name)).diagnostics.filter { $0.line == Self.nameLine }
        #expect(found.map(\.rule).contains(rule), "\(name): \(found.map(\.rule))")
        // One finding a name: a name with a lead status in it is the status rule's alone.
        #expect(found.filter { ["vague-stage-name", "status-as-stage"].contains($0.rule) }.count == 1, "\(name): \(found.map(\.rule))")
    }

    @Test("milestone names stay clean", arguments: [
        "Meeting Booked", "Demo Scheduled", "New Lead", "Sales Accepted Lead", "Discovery Completed", "Active Evaluation", "Recycled",
    ])
    func milestoneNames(name: String) {
        let found = check(Self.playbook("Demo request form submitted", targetName: name)).diagnostics.filter { $0.line == Self.nameLine }
        #expect(found.isEmpty, "\(name): \(found.map(\.rule))")
    }

    @Test("every finding names what triggered it and what to write instead")
    func findingsNameTheirWord() throws {
        let found = check(Self.playbook("Lead is hot")).diagnostics.filter { $0.rule == "vague-rule" && $0.line == Self.entryLine }
        let finding = try #require(found.first)
        #expect(finding.message.contains("is vague ('hot')"))
        #expect(finding.message.contains("write the event, threshold or confirmation"))
    }

    @Test("an ongoing situation or a habit of the buyer's is no event; beside a record it is", arguments: [
        ("Hospital network is consolidating its scheduling vendors", ["untestable-rule"]),
        ("Customers are still moving to hosted telephony", ["untestable-rule"]),
        ("Finance team runs payroll out of spreadsheets", ["untestable-rule"]),
        ("Procurement shares our view of the risk", ["untestable-rule"]),
        ("Agency is rethinking why it books freelancers", ["untestable-rule"]),
        ("Prospect is filling in the demo request form", []),
        ("Buyer is sending the RFQ with quantities", []),
        ("Workspace runs 12 automations a week", []),
    ] as [(String, Set<String>)])
    func ongoingAndHabitual(text: String, expected: Set<String>) {
        #expect(Self.rules(text).entry == expected, "\(text): \(Self.rules(text))")
    }

    @Test("what is seen as, depended on or planned is a stance; a passive stance word is no stance", arguments: [
        ("CFO sees contract renewal as a priority", ["untestable-rule"]),
        ("Expansion depends on the board's schedule", ["untestable-rule"]),
        ("Team is planning a rollout next year", ["untestable-rule"]),
        ("Clinic is going through a HIPAA 2 review", ["untestable-rule"]),
        ("Site visit is realized and the visit report is uploaded", []),
    ] as [(String, Set<String>)])
    func stancesAndPassives(text: String, expected: Set<String>) {
        #expect(Self.rules(text).entry == expected, "\(text): \(Self.rules(text))")
    }

    @Test("a verb of setting sets a value; a field compared is no restated move; a dash is no name", arguments: [
        "Lead Rating changed to Hot by the SDR", "Do Not Call flipped to TRUE after the request",
        "Rating put to Warm by inside sales", "Lifecycle Stage = Sales Qualified Lead",
        "Partner registration rejected - reason 'Existing customer'", "Award letter received", "Quote issued and countersigned",
    ])
    func settingsFieldsAndDashes(text: String) {
        #expect(Self.rules(text).entry.isEmpty, "\(text): \(Self.rules(text))")
    }

    @Test("what the clock or an automation does, a label, the trial as the clock's frame and a field's age are time", arguments: [
        "Delay 14 days, then set Lead Status to Recycled", "Stay 60 business days, then auto-archive",
        "Nurture workflow: wait 45 days", "Day 20 of the pilot", "Record age over 1 yr", "Days in current status exceeds 45",
        "Time in stage is longer than 30 days", "Lead has been open for 18 months", "Re-engage at the start of the new fiscal year",
        "Each contact not touched in 3 months is moving to nurture",
    ])
    func clockAndAutomation(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text): \(Self.rules(text))")
    }

    @Test("a specific event that did not happen, or a count of attempts, beside the clock is still a condition", arguments: [
        "9 calls over 10 days, zero replies", "Event date passed with no registration", "no answer to 5 calls over 3 wks",
    ])
    func eventsBesideTheClock(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit.isEmpty, "\(text): \(Self.rules(text))")
    }

    @Test("the playbook's own stage names are places, not events or judgements")
    func stageNamesInTexts() {
        #expect(Self.rules("After 30 days in Proposal Sent", targetName: "Proposal Sent", targetKind: "nurture").exit == ["time-only-exit"])
        // Without the stage, "Sent" is an event: the exit is not only time.
        #expect(Self.rules("After 30 days in Proposal Sent", targetName: "Nurture", targetKind: "nurture").exit.isEmpty)
        // "Hot" in a stage's name judges nothing: the rule only restates the move.
        let found = check(Self.playbook("Moves on to Hot Prospect Review", targetName: "Hot Prospect Review")).diagnostics
            .filter { $0.rule == "vague-rule" && $0.line == Self.entryLine }
        #expect(found.count == 1 && found[0].message.contains("only restates the move"), "\(found)")
    }

    @Test("a whole field name before '=' is named; a stance is no weak signal; 'quite' hedges")
    func fieldNamesStancesAndHedges() {
        #expect(Self.rules("Account Fit field = 'Strong' (from 6sense)").entry.isEmpty)
        #expect(Self.rules("Champion sees the value of webinar content").entry == ["untestable-rule"])
        #expect(Self.rules("Lead is quite qualified for sales").entry == ["vague-rule"])
    }

    @Test("what the clock starts from, a day of a period and a confirmation that did not happen are time", arguments: [
        "120 days after Lead Status was set", "60 calendar days elapsed since the stage became Nurture",
        "On the 15th of the next month", "nothing recorded on the account since the 1st of the quarter",
    ])
    func clockStarts(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"], "\(text): \(Self.rules(text))")
    }

    @Test("a reply or a record that did not come beside the clock is a condition", arguments: [
        "Registration lapsed 60 days after approval with no quote created", "No reply for 10 business days",
        "Trial ended: 14 days passed and no subscription was created",
    ])
    func whatDidNotCome(text: String) {
        #expect(Self.rules(text, targetName: "Nurture", targetKind: "nurture").exit.isEmpty, "\(text): \(Self.rules(text))")
    }

    @Test("a pricing word in an email's clause is a click in the email, not intent")
    func pricingInAnEmail() {
        #expect(Self.rules("Clicked the pricing banner in the nurture email").entry == ["weak-signal-qualification"])
        #expect(Self.rules("Visited the fees page 3 times in 10 days").entry.isEmpty)
    }

    @Test("review: a stance after 'is open' stays one; a date after an event is no name; 'noted' negates nothing")
    func reviewedEdges() {
        #expect(Self.rules("Client is open to signing the MSA").entry == ["untestable-rule"])
        #expect(Self.rules("Signed 30d ago", targetName: "Nurture", targetKind: "nurture").exit.isEmpty)
        #expect(Self.rules("AE noted the signed order form").entry.isEmpty)
        #expect(Self.rules("Lead has been open for 2 years", targetName: "Nurture", targetKind: "nurture").exit == ["time-only-exit"])
    }
}
