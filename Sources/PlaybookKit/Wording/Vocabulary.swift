/// The word lists the wording rules are built on, kept as data.
///
/// Each entry is a word or phrase in its base form; matching is whole-word, case-insensitive and
/// allows simple inflections (`submit` matches `submits`, `submitted`, `submitting`). A team
/// extends the hedge words with `vocabulary.vague` in `.stagelint.yml` and removes words with
/// `vocabulary.allow`.
public struct Vocabulary: Sendable, Hashable {
    /// Hedges and placeholders: a rule containing one is vague whoever applies it (`vague-rule`).
    public var hedges: [String]
    /// Judgements: vague on their own ("good fit", "not ready"), but fine when a named person
    /// confirms or records them ("SDR rejected the lead as not ready to buy this quarter").
    public var judgements: [String]
    /// Stage names that say nothing about the next step (`vague-stage-name`), compared whole.
    public var vagueStageNames: [String]
    /// Lead statuses that are not stages (`status-as-stage`), compared whole.
    public var statusNames: [String]
    /// Observable events (`untestable-rule`, `time-only-exit`, `score-only-handoff`).
    public var events: [String]
    /// Verbs by which a person confirms or records a judgement.
    public var confirmations: [String]
    /// People and teams whose confirmation is a named, auditable judgement.
    public var people: [String]
    /// Engagement actions too weak to qualify a lead on their own (`weak-signal-qualification`)…
    public var weakSignals: [String]
    /// …when they are about one of these (an email, a link, a page), not about a pricing page or a demo.
    public var weakObjects: [String]
    /// Intent that lifts a page visit above a weak signal (a pricing or demo page).
    public var intentSignals: [String]
    /// Words that negate a signal right after them ("no email opened", "stopped opening").
    public var negations: [String]
    /// Words for a score (`score-only-handoff`).
    public var scores: [String]
    /// Events that only say a score moved or a system acted; they are not a person's confirmation.
    /// (Only events are read here: a verb that is not one is never a strong event anyway.)
    public var automationVerbs: [String]
    /// Units of time (`time-only-exit`).
    public var timeUnits: [String]
    /// Words that carry no condition of their own in a time-only rule ("after", "in stage", "inactive").
    public var timeFiller: [String]
    /// Number words, which count as a threshold like digits do.
    public var numberWords: [String]

    public static let builtIn = Vocabulary(
        hedges: [
            "seem", "seemingly", "appear", "apparently", "probably", "probable", "likely", "possibly", "maybe",
            "perhaps", "might", "somewhat", "fairly", "kind of", "sort of", "look like", "look qualified", "look good",
            "look ready", "look interested", "look promising", "sound like",
            "feel", "feels like", "believe", "think", "gut feeling", "judgement call", "judgment call",
            "as needed", "if needed", "when needed", "as required", "as appropriate", "when appropriate",
            "at discretion", "discretion", "whenever", "etc", "and so on", "tbd", "tbc", "todo", "to be defined",
            "to be determined", "to be decided", "to be confirmed", "n/a", "whatever", "somehow", "eventually",
            "soon", "sometime", "at some point", "asap", "various", "very probable", "high probability",
            "makes sense",
        ],
        judgements: [
            "interested", "show interest", "express interest", "interest shown", "signs of interest",
            "strong interest", "genuine interest", "good fit", "great fit", "strong fit", "right fit", "best fit",
            "bad fit", "poor fit", "fits well", "not a fit", "strong match", "good match", "great match",
            "qualified enough", "is qualified", "are qualified", "ready", "engage", "hot lead", "warm lead",
            "hot prospect", "warm prospect", "relevant", "appropriate", "appropriately", "sufficient",
            "sufficiently", "enough", "significant", "serious", "genuine", "promising", "high intent",
            "decent", "reasonable", "reasonably", "right time",
        ],
        vagueStageNames: [
            "working", "working lead", "in progress", "progressing", "active", "active lead", "pending", "other",
            "others", "misc", "miscellaneous", "general", "unknown", "various", "tbd", "n/a", "none", "stage",
            "in process", "processing", "ongoing", "follow up", "todo", "hold", "on hold", "waiting", "review",
            "in review",
        ],
        statusNames: [
            "new", "open", "attempted to contact", "attempting contact", "attempting to contact", "contacted",
            "connected", "not contacted", "unqualified", "bad timing", "open deal", "no response", "not converted",
            "closed",
        ],
        events: [
            "submit", "request", "book", "sign", "sign up", "complete", "create", "confirm", "accept", "reject",
            "activate", "schedule", "hold", "held", "send", "sent", "receive", "reply", "respond", "register",
            "attend", "download", "approve", "reach", "exceed", "visit", "view", "open", "click", "start",
            "begin", "began", "begun", "cancel", "pay", "paid", "purchase", "buy", "bought", "unsubscribe",
            "bounce", "add", "assign", "record", "log", "verify", "validate", "enrich", "import", "capture",
            "save", "fill", "upload", "run", "ran", "upgrade", "downgrade", "invite", "join", "agree", "decline",
            "refuse", "return", "renew", "churn", "install", "integrate", "connect", "identify", "document",
            "map", "select", "choose", "chose", "chosen", "name", "close", "win", "won", "lose", "lost", "fail",
            "expire", "finish", "show", "shown", "call", "email", "message", "answer", "publish", "launch",
            "deploy", "provision", "onboard", "convert", "merge", "match", "ask", "mark", "flag", "tag", "change",
            "update", "enter", "leave", "left", "opt", "subscribe", "deliver", "deny", "scan", "share", "review",
            "qualify", "disqualify", "refer", "countersign", "pause", "resume", "give", "gave", "given",
            "provide", "commit", "sign off", "escalate", "forward", "reassign", "route", "transfer",
            "hand over", "handed over", "notify", "report", "mention", "test", "use", "pass", "hit", "drop",
            "issue", "execute", "take place", "took place", "write", "wrote", "written", "kick off", "kicked off",
            "move", "get", "got", "happen", "go live", "went live", "dial", "tell", "told", "say", "said", "set",
            "set up", "recycle",
        ],
        confirmations: [
            "confirm", "accept", "verify", "validate", "approve", "review", "reject", "record", "log", "mark",
            "tell", "told", "say", "said", "agree", "qualify", "disqualify", "decline", "check", "sign off",
            "document", "note", "state", "declare",
        ],
        people: [
            "sdr", "bdr", "adr", "ae", "rep", "account executive", "executive", "manager", "sales", "salesperson",
            "seller", "marketer", "marketing", "csm", "customer success", "solutions engineer", "se",
            "solutions consultant", "founder", "partner", "ops", "revops", "operations", "specialist",
            "consultant", "champion", "decision maker", "economic buyer", "admin", "sponsor", "prospect", "buyer",
            "customer", "contact", "lead owner", "owner",
        ],
        weakSignals: ["open", "click", "view", "visit", "read", "watch", "like", "follow"],
        weakObjects: [
            "email", "newsletter", "link", "page", "pageview", "blog", "post", "website", "site", "content", "video",
            "ad", "campaign", "message", "sequence", "social", "webpage",
        ],
        intentSignals: [
            "pricing", "price", "demo", "trial", "integration", "contact sales", "contact us", "quote",
            "proposal", "checkout", "buy now", "request",
        ],
        negations: ["no", "not", "never", "stopped", "stop", "without", "zero", "none"],
        scores: ["score", "scoring", "points", "grade"],
        automationVerbs: [
            "reach", "exceed", "hit", "pass", "route", "assign", "update", "mark", "move", "set", "change", "flag", "tag",
            "notify", "create", "add", "enter",
        ],
        timeUnits: [
            "minute", "min", "mins", "hour", "hr", "hrs", "day", "week", "wk", "month", "quarter", "year",
        ],
        timeFiller: [
            "after", "for", "in", "within", "at", "on", "once", "since", "the", "a", "an", "of", "lead", "leads",
            "stage", "this", "that", "it", "its", "has", "have", "had", "been", "is", "are", "was", "be", "pass",
            "elapse", "later", "spend", "spent", "time", "old", "more", "than", "over", "past", "when", "then",
            "automatically", "automatic", "auto", "move", "to", "by", "default", "sit", "stay", "remain",
            "no", "without", "full", "total", "exactly", "about", "around", "approximately", "least", "most",
            "up", "until", "till", "business", "working", "calendar", "there", "and", "or", "every", "exceed",
            "stale", "idle", "inactive", "inactivity", "dormant", "untouched", "activity", "any", "expire",
        ],
        numberWords: [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "once", "twice",
            "first", "second", "third", "half", "single", "zero", "threshold", "at least", "or more", "more than",
            "less than", "fewer than", "above", "below", "over", "under",
        ])

    /// The vocabulary with `vague` words added to the hedges and `allow` words (in any inflection:
    /// `engaged` allows `engage`) removed from the hedges, the judgements and the vague stage names.
    public func adjusted(vague: [String], allow: [String]) -> Vocabulary {
        var copy = self
        let allowed = allow.map(Wording.split)
        func isAllowed(_ phrase: String) -> Bool {
            let words = Wording.split(phrase)
            return allowed.contains { allow in
                allow.count == words.count && zip(allow, words).allSatisfy { given, listed in
                    Wording.inflections(listed).contains(given) || Wording.inflections(given).contains(listed)
                }
            }
        }
        copy.hedges = (hedges + vague).filter { !isAllowed($0) }
        copy.judgements = judgements.filter { !isAllowed($0) }
        copy.vagueStageNames = vagueStageNames.filter { !isAllowed($0) }
        return copy
    }
}
