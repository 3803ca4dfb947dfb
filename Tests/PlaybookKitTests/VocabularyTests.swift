import Foundation
import Testing
@testable import PlaybookKit

/// Every entry of every built-in word list has its effect on the checker: a probe playbook made for
/// the entry shows the effect when the entry is the only one of its list that occurs in the probe,
/// and not when the list is empty. The entries come from `Fixtures/builtin-vocabulary.txt`, written by hand, so an entry
/// dropped from the code fails its probe, and one added without a word there fails the inventory.
@Suite("Vocabulary entries")
struct VocabularyTests {
    /// One of the vocabulary's lists: where it is, how to probe an entry, and what the probe shows.
    struct List: Sendable, CustomTestStringConvertible {
        let name: String
        let keyPath: WritableKeyPath<Vocabulary, [String]> & Sendable
        /// The rule text or name the probe puts the entry in.
        let text: @Sendable (String) -> String
        /// The probe playbook with that text in its place (given the text, not the entry).
        let playbook: @Sendable (String) -> String
        /// True when the findings show the entry's effect.
        let effect: @Sendable (_ entry: String, _ findings: [Diagnostic]) -> Bool
        /// Lists emptied around the probe, where another list would give the same effect (`hand over`
        /// holds the number word `over`; `request` is an event as well as an intent).
        var neutral: [WritableKeyPath<Vocabulary, [String]> & Sendable] = []
        /// Names are compared whole, so another entry may stand in for this one without occurring
        /// in it (`working` for `working lead`): the entry is probed alone in its list.
        var probedAlone = false
        var testDescription: String { name }
    }

    /// A playbook whose probe stage, owned by a team of `role`, has `entry` as its entry rule, `name`
    /// as its name and `when` as the rule of the exit into it; `otherName` names another stage. Team
    /// names are in no word list.
    static func playbook(entry: String = "Demo request form submitted", name: String = "Demo Booked",
                         when: String = "Demo request form submitted", role: String = "sales-development",
                         otherName: String = "Nurture") -> String {
        """
        playbook: Vocabulary probe
        teams:
          alpha: { name: Alpha, role: marketing }
          beta: { name: Beta, role: \(role) }
        stages:
          start:
            name: Inbound Signup
            kind: entry
            owner: alpha
            exits:
              - { to: probe, when: "\(when)" }
              - { to: lost, when: Beta confirmed the company is outside the ICP }
          probe:
            name: "\(name)"
            owner: beta
            entry: "\(entry)"
            sla: { within: 1d, action: First call attempt }
            exits:
              - { to: later, when: Beta rejected the lead with a reason code }
              - { to: lost, when: Beta confirmed the company is outside the ICP }
              - { to: won, when: Beta created the deal }
          later:
            name: "\(otherName)"
            kind: nurture
            owner: alpha
            entry: Beta rejected the lead with a reason code
            nurture: { cadence: monthly, follow_up: 90d }
            exits: [{ to: probe, when: Demo request form submitted again }]
          won: { name: Opportunity Created, kind: won, entry: Beta created the deal }
          lost: { name: Disqualified, kind: disqualified, entry: Beta confirmed the company is outside the ICP, reasons: { icp: Outside the ICP } }
        """
    }

    /// The line of the probe stage's entry rule, its name, the exit into it, and the other name.
    static let entryLine = 16, nameLine = 14, exitLine = 11, otherNameLine = 23

    static func reported(_ rule: String, at line: Int, _ findings: [Diagnostic]) -> [Diagnostic] {
        findings.filter { $0.rule == rule && $0.line == line }
    }

    /// A vague-rule finding on the entry rule that says it only restates the move.
    static func restates(_ entry: String, _ findings: [Diagnostic]) -> Bool {
        reported("vague-rule", at: entryLine, findings).contains { $0.message.contains("only restates the move") }
    }

    /// A vague-rule finding on the entry rule that names the entry as what makes it vague.
    static func vagueFor(_ entry: String, _ findings: [Diagnostic]) -> Bool {
        reported("vague-rule", at: entryLine, findings).contains { $0.message.contains("is vague ('\(entry)')") }
    }

    static func list(_ name: String, _ keyPath: WritableKeyPath<Vocabulary, [String]> & Sendable,
                     entry: @escaping @Sendable (String) -> String, effect: @escaping @Sendable (String, [Diagnostic]) -> Bool) -> List {
        List(name: name, keyPath: keyPath, text: entry, playbook: { playbook(entry: $0) }, effect: effect)
    }

    static func list(_ name: String, _ keyPath: WritableKeyPath<Vocabulary, [String]> & Sendable,
                     when: @escaping @Sendable (String) -> String, role: String = "sales-development",
                     effect: @escaping @Sendable (String, [Diagnostic]) -> Bool) -> List {
        List(name: name, keyPath: keyPath, text: when, playbook: { playbook(when: $0, role: role) }, effect: effect)
    }

    static let lists: [List] = {
        var lists: [List] = [
            list("hedges", \.hedges, entry: { $0 }, effect: vagueFor),
            list("judgements", \.judgements, entry: { $0 }, effect: vagueFor),
            // An event or a number makes a rule observable.
            list("events", \.events, entry: { "\($0) the form" }, effect: { reported("untestable-rule", at: entryLine, $1).isEmpty }),
            list("numberWords", \.numberWords, entry: { $0 }, effect: { reported("untestable-rule", at: entryLine, $1).isEmpty }),
            // A named person confirming a judgement makes it a test.
            list("confirmations", \.confirmations, entry: { "SDR \($0) good fit" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            list("people", \.people, entry: { "\($0) confirmed good fit" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            // An open, click or view of an email, link or page alone does not qualify a lead.
            list("weakSignals", \.weakSignals, entry: { "\($0) email" },
                 effect: { !reported("weak-signal-qualification", at: entryLine, $1).isEmpty }),
            list("weakObjects", \.weakObjects, entry: { "opened \($0)" },
                 effect: { !reported("weak-signal-qualification", at: entryLine, $1).isEmpty }),
            list("intentSignals", \.intentSignals, entry: { "visited the \($0) page" },
                 effect: { reported("weak-signal-qualification", at: entryLine, $1).isEmpty }),
            list("negations", \.negations, entry: { "\($0) email opened" },
                 effect: { reported("weak-signal-qualification", at: entryLine, $1).isEmpty }),
            // A score alone hands a lead to sales; automation is not a person's confirmation.
            list("scores", \.scores, when: { "\($0) reaches 60" }, role: "sales",
                 effect: { !reported("score-only-handoff", at: exitLine, $1).isEmpty }),
            list("automationVerbs", \.automationVerbs, when: { "score of 60 and \($0) the lead" }, role: "sales",
                 effect: { !reported("score-only-handoff", at: exitLine, $1).isEmpty }),
            // A period of time with nothing else is a time-only exit.
            list("timeUnits", \.timeUnits, when: { "after 3 \($0)" }, effect: { !reported("time-only-exit", at: exitLine, $1).isEmpty }),
            // Filler is not about anything: one other word is allowed, two say what the rule is about.
            list("timeFiller", \.timeFiller, when: { "Xyzzy \($0) 3 days" }, effect: { !reported("time-only-exit", at: exitLine, $1).isEmpty }),
            // An evaluative word judges wherever it stands.
            list("evaluative", \.evaluative, entry: { "Sales was \($0)" }, effect: vagueFor),
            // A feeling is the buyer's state of mind unless the seller's people feel it.
            list("feelings", \.feelings, entry: { "Lead is \($0)" },
                 effect: { reported("vague-rule", at: entryLine, $1).isEmpty && !reported("untestable-rule", at: entryLine, $1).isEmpty }),
            // An event of any world anchors a rule only beside something a CRM records.
            list("worldEvents", \.worldEvents, entry: { "Xyzzy \($0)" }, effect: { !reported("untestable-rule", at: entryLine, $1).isEmpty }),
            list("recordables", \.recordables, entry: { "Xyzzy changed \($0)" }, effect: { reported("untestable-rule", at: entryLine, $1).isEmpty }),
            // The word before an idle state is the record nothing happened to, not an event.
            list("idle", \.idle, when: { "Record \($0) for 3 days" }, effect: { !reported("time-only-exit", at: exitLine, $1).isEmpty }),
            // The buyer thinking or believing is a state of mind, not the writer's hedge.
            list("buyers", \.buyers, entry: { "Xyzzy \($0) believes it" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            // A term with an evaluative word judges nothing; one with an event word names no event.
            list("objectiveTerms", \.objectiveTerms, entry: { "SDR \($0)" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            list("notEvents", \.notEvents, entry: { "Xyzzy \($0) the account" }, effect: { !reported("untestable-rule", at: entryLine, $1).isEmpty }),
            // What someone wants or plans has not happened.
            list("stances", \.stances, entry: { "Xyzzy \($0) to book a demo" }, effect: { !reported("untestable-rule", at: entryLine, $1).isEmpty }),
            // A rule of a move and its filler only restates the move.
            list("moves", \.moves, entry: { "\($0) to the next step" }, effect: restates),
            list("moveFiller", \.moveFiller, entry: { "moves xyzzy, \($0)" }, effect: restates),
            // After a field's name and a comparison comes a value, not a judgement.
            list("fieldNouns", \.fieldNouns, entry: { "Xyzzy \($0) is Hot" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            list("comparisons", \.comparisons, entry: { "Lead status \($0) Hot" }, effect: { reported("vague-rule", at: entryLine, $1).isEmpty }),
            // Pricing lifts a visit to a page, not a click in an email.
            list("pages", \.pages, entry: { "clicked the pricing \($0)" },
                 effect: { reported("weak-signal-qualification", at: entryLine, $1).isEmpty }),
            // A name that is only a vague word, or a vague word beside a status; a name that is a status.
            List(name: "vagueStageNames", keyPath: \.vagueStageNames, text: { $0 },
                 playbook: { playbook(name: $0.capitalized, otherName: "\($0.capitalized) / Contacted") },
                 effect: { !reported("vague-stage-name", at: nameLine, $1).isEmpty || !reported("status-as-stage", at: otherNameLine, $1).isEmpty },
                 probedAlone: true),
            // A name that ends in a place to wait is vague whatever stands before it.
            List(name: "containers", keyPath: \.containers, text: { $0 }, playbook: { playbook(name: "Xyzzy \($0.capitalized)") },
                 effect: { !reported("vague-stage-name", at: nameLine, $1).isEmpty }, probedAlone: true),
            List(name: "statusNames", keyPath: \.statusNames, text: { $0 }, playbook: { playbook(name: $0.capitalized) },
                 effect: { !reported("status-as-stage", at: nameLine, $1).isEmpty }, probedAlone: true),
        ]
        for index in lists.indices {
            switch lists[index].name {
            case "events": lists[index].neutral = [\.numberWords, \.moves]
            case "timeFiller": lists[index].neutral = [\.numberWords]
            case "numberWords": lists[index].neutral = [\.scores]
            case "intentSignals": lists[index].neutral = [\.events]
            case "judgements": lists[index].neutral = [\.evaluative]
            case "evaluative": lists[index].neutral = [\.judgements, \.hedges]
            case "stances": lists[index].neutral = [\.hedges, \.judgements, \.evaluative]
            case "moves": lists[index].neutral = [\.events, \.numberWords]
            case "comparisons": lists[index].neutral = [\.events]
            default: break
            }
        }
        return lists
    }()

    /// True when `phrase` occurs in `text` as the checker matches phrases: whole words, each word of
    /// the text one of the inflections of the phrase's word.
    static func occurs(_ phrase: String, in text: String) -> Bool {
        let words = Wording.split(text)
        let parts = Wording.split(phrase).map(Wording.inflections)
        guard !parts.isEmpty, parts.count <= words.count else { return false }
        return (0...(words.count - parts.count)).contains { start in
            parts.indices.allSatisfy { parts[$0].contains(words[start + $0]) }
        }
    }

    /// The vocabulary an entry is probed with: the built-in one with the neutral lists emptied and
    /// the other entries of the list that occur in the probe's text left out, so only this entry
    /// can have the effect (and an entry dropped from the code has none).
    static func vocabulary(probing entry: String, of list: List, in text: String) -> Vocabulary {
        var vocabulary = base(list)
        vocabulary[keyPath: list.keyPath].removeAll { other in
            other != entry && (list.probedAlone || occurs(other, in: text))
        }
        return vocabulary
    }

    /// The built-in vocabulary with the list's neutral lists emptied.
    static func base(_ list: List) -> Vocabulary {
        var vocabulary = Vocabulary.builtIn
        for neutral in list.neutral { vocabulary[keyPath: neutral] = [] }
        return vocabulary
    }

    /// The lists as written in the fixture: list name → entries in order.
    static let expected: [String: [String]] = {
        let path = packageRoot.appendingPathComponent("Tests/PlaybookKitTests/Fixtures/builtin-vocabulary.txt").path
        var lists: [String: [String]] = [:]
        var current: String?
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                lists[current ?? "", default: []] = []
            } else if let current {
                lists[current, default: []].append(String(line))
            }
        }
        // The VADER words come first, from their own file (their inventory); the fixture lists the
        // words added by hand.
        lists["evaluative"] = vaderWords + (lists["evaluative"] ?? [])
        return lists
    }()

    /// The words of `scripts/lexicon/evaluative-words.txt`.
    static let vaderWords: [String] = {
        let path = packageRoot.appendingPathComponent("scripts/lexicon/evaluative-words.txt").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { String($0.split(separator: "\t")[0]) }
    }()

    @Test func theGeneratedLexiconMatchesItsDataFile() {
        #expect(Self.vaderWords.count > 100)
        #expect(EvaluativeLexicon.words == Self.vaderWords,
                "Sources/PlaybookKit/Wording/EvaluativeLexicon.swift is stale: run `python3 scripts/lexicon/swift-lexicon.py`")
    }

    /// Linters by vocabulary: most probes share one (compiling a vocabulary is the slow part).
    final class Linters: @unchecked Sendable {  // every access holds `lock`
        private let lock = NSLock()
        private var linters: [Vocabulary: Linter] = [:]

        func findings(_ yaml: String, vocabulary: Vocabulary) -> [Diagnostic] {
            lock.lock()
            let cached = linters[vocabulary]
            lock.unlock()
            let linter = cached ?? {
                var configuration = Configuration()
                configuration.vocabulary = vocabulary
                return Linter(configuration: configuration)
            }()
            lock.lock()
            if linters.count > 64 { linters.removeAll() }
            linters[vocabulary] = linter
            lock.unlock()
            return linter.check(file: "probe.yaml", bytes: Array(yaml.utf8)).diagnostics
        }
    }

    static let linters = Linters()

    @Test("the code's lists hold exactly the entries the tests know", arguments: lists)
    func inventory(list: List) throws {
        let known = try #require(Self.expected[list.name], "Fixtures/builtin-vocabulary.txt has no [\(list.name)]")
        let actual = Vocabulary.builtIn[keyPath: list.keyPath]
        for entry in known where !actual.contains(entry) {
            Issue.record("'\(entry)' is no longer in Vocabulary.builtIn.\(list.name)")
        }
        for entry in actual where !known.contains(entry) {
            Issue.record("'\(entry)' is in Vocabulary.builtIn.\(list.name) but not in Fixtures/builtin-vocabulary.txt: add it there")
        }
        #expect(Set(actual).count == actual.count, "an entry of \(list.name) is listed twice")
    }

    @Test func everyListIsProbed() {
        #expect(Set(Self.expected.keys) == Set(Self.lists.map(\.name)))
        #expect(Self.expected.values.allSatisfy { !$0.isEmpty })
    }

    @Test("each entry has its effect on its own and none without it", arguments: lists)
    func everyEntryHasItsEffect(list: List) throws {
        var control = Self.base(list)
        control[keyPath: list.keyPath] = []
        for entry in try #require(Self.expected[list.name]) {
            let text = list.text(entry), probe = list.playbook(text)
            let found = Self.linters.findings(probe, vocabulary: Self.vocabulary(probing: entry, of: list, in: text))
            #expect(list.effect(entry, found), "\(list.name): '\(entry)' has no effect: \(found.map { "\($0.line) \($0.rule) \($0.message)" })")
            #expect(!list.effect(entry, Self.linters.findings(probe, vocabulary: control)),
                    "\(list.name): the probe of '\(entry)' shows the effect without the list")
        }
    }

    /// The other side: a hedge stays vague when a named person confirms it; a judgement does not.
    @Test func aNamedConfirmationLiftsJudgementsButNotHedges() throws {
        for (name, stillVague) in [("hedges", true), ("judgements", false)] {
            let list = try #require(Self.lists.first { $0.name == name })
            for entry in try #require(Self.expected[name]) {
                let text = "Beta confirmed \(entry)"
                let found = Self.linters.findings(Self.playbook(entry: text), vocabulary: Self.vocabulary(probing: entry, of: list, in: text))
                #expect(Self.vagueFor(entry, found) == stillVague, "\(name): '\(text)'")
            }
        }
    }

    /// The other side for names: a name with a milestone besides the vague or status word is fine.
    @Test func aMilestoneInTheNameIsNotVague() throws {
        for name in ["vagueStageNames", "statusNames"] {
            for entry in try #require(Self.expected[name]) {
                let found = check(Self.playbook(name: "\(entry.capitalized) - Demo Booked")).diagnostics
                #expect(Self.reported("vague-stage-name", at: Self.nameLine, found).isEmpty, "\(entry)")
                #expect(Self.reported("status-as-stage", at: Self.nameLine, found).isEmpty, "\(entry)")
            }
        }
    }

    @Test func theProbePlaybookIsClean() {
        let found = check(Self.playbook()).diagnostics
        #expect(found.isEmpty, "\(found.map { "\($0.line) \($0.rule) \($0.message)" })")
        #expect(check(Self.playbook(role: "sales")).diagnostics.filter { $0.rule != "missing-required-fields" }.isEmpty)
    }

    @Test("a word's forms: verbs and plurals, '-es' only after a hiss or an 'o', none for past forms and adverbs")
    func inflections() {
        #expect(Wording.inflections("submit") == ["submit", "submits", "submited", "submiting", "submitted", "submitting"])
        #expect(Wording.inflections("match").contains("matches") && Wording.inflections("veto").contains("vetoes"))
        #expect(!Wording.inflections("book").contains("bookes"))
        #expect(Wording.inflections("reply") == ["reply", "replys", "replying", "replies", "replied"])
        #expect(Wording.inflections("need").contains("needed") && Wording.inflections("exceed").contains("exceeds"))
        #expect(Wording.inflections("awarded") == ["awarded"])
        #expect(Wording.inflections("probably") == ["probably"])
    }
}
