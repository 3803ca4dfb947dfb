/// The word lists the wording rules are built on, kept as data.
///
/// Each entry is a word or phrase in its base form; matching is whole-word, case-insensitive and
/// allows simple inflections (`submit` matches `submits`, `submitted`, `submitting`). A team
/// extends the hedge words with `vocabulary.vague` in `.stagelint.yml` and removes words with
/// `vocabulary.allow`.
public struct Vocabulary: Sendable, Hashable {
    /// Hedge and judgement words: a rule containing one cannot be tested (`vague-rule`).
    public var hedges: [String]
    /// Stage names that say nothing about the next step (`vague-stage-name`), compared whole.
    public var vagueStageNames: [String]
    /// Lead statuses that are not stages (`status-as-stage`), compared whole.
    public var statusNames: [String]
    /// Observable events (`untestable-rule`, `time-only-exit`, `weak-signal-qualification`).
    public var events: [String]
    /// Engagement signals too weak to qualify a lead on their own (`weak-signal-qualification`).
    public var weakSignals: [String]
    /// Intent that lifts a page visit above a weak signal (a pricing or demo page).
    public var intentSignals: [String]
    /// People and teams whose confirmation is a named, auditable judgement.
    public var people: [String]
    /// Words for a score (`score-only-handoff`).
    public var scores: [String]
    /// Verbs that only say a score moved; they are not an event of their own.
    public var thresholdVerbs: [String]
    /// Units of time (`time-only-exit`).
    public var timeUnits: [String]
    /// Words that carry no condition of their own in a time-only rule ("after", "in stage"…).
    public var timeFiller: [String]
    /// Number words, which count as a threshold like digits do.
    public var numberWords: [String]

    public static let builtIn = Vocabulary(
        hedges: [
            "seem", "seemingly", "appear to", "apparently", "probably", "probable", "likely", "possibly",
            "maybe", "perhaps", "might", "somewhat", "fairly", "kind of", "sort of",
            "interested", "show interest", "express interest", "interest shown", "signs of interest",
            "strong interest", "genuine interest", "good fit", "great fit", "strong fit", "right fit", "best fit",
            "bad fit", "poor fit", "fits well", "not a fit", "right now", "right time", "qualified enough", "ready", "engage", "hot lead", "warm lead",
            "hot prospect", "warm prospect", "relevant", "appropriate", "appropriately", "sufficient",
            "sufficiently", "enough", "significant", "serious", "genuine", "promising", "high intent",
            "as needed", "if needed", "when needed", "as required", "as appropriate", "at discretion",
            "discretion", "judgement", "judgment", "gut feeling", "feel", "believe", "think", "looks like",
            "sounds like", "etc", "and so on", "and more", "tbd", "tbc", "todo", "to do", "to be defined",
            "to be determined", "to be decided", "to be confirmed", "n/a", "whatever", "somehow", "eventually",
            "soon", "sometime", "at some point", "asap", "various", "very probable", "high probability",
            "makes sense", "decent", "reasonable", "reasonably",
        ],
        vagueStageNames: [
            "working", "working lead", "in progress", "progressing", "active", "active lead", "pending", "other",
            "others", "misc", "miscellaneous", "general", "unknown", "various", "tbd", "n/a", "none", "stage",
            "in process", "processing", "ongoing", "follow up", "follow-up", "todo", "to do", "hold", "on hold",
            "waiting", "review", "in review",
        ],
        statusNames: [
            "new", "open", "attempted to contact", "attempting contact", "attempting to contact", "contacted",
            "connected", "not contacted", "unqualified", "bad timing", "open deal", "nurturing", "no response",
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
            "expire", "finish", "show", "shown", "no-show", "call", "email", "message", "answer",
            "publish", "launch", "deploy", "provision", "onboard", "convert", "merge", "match", "ask", "mark",
            "flag", "tag", "change", "update", "enter", "leave", "left", "opt", "subscribe", "deliver", "deny",
            "scan", "share", "review", "qualify", "refer", "countersign", "pause", "resume", "give", "gave",
            "given", "provide", "decide", "commit", "sign off", "escalate", "forward", "reassign", "upload", "set up", "test", "use", "pass", "hit", "drop", "mention",
            "report", "notify", "route", "hand over", "handed over", "transfer", "sign-up",
        ],
        weakSignals: [
            "open", "opens", "email open", "click", "clicks", "click-through", "clickthrough", "page view",
            "pageview", "view", "visit", "website visit", "impression", "liked a post", "read", "watch",
            "email", "newsletter",
        ],
        intentSignals: [
            "pricing", "price", "demo", "trial", "integration", "contact sales", "contact us", "quote",
            "proposal", "checkout", "buy now", "request",
        ],
        people: [
            "sdr", "bdr", "adr", "ae", "rep", "account executive", "executive", "manager", "sales", "salesperson",
            "seller", "marketer", "marketing", "csm", "customer success", "solutions engineer", "se",
            "solutions consultant", "founder", "partner", "ops", "revops", "operations", "specialist",
            "consultant", "champion", "decision maker", "economic buyer", "admin", "sponsor",
        ],
        scores: ["score", "scoring", "points", "grade", "lead score", "fit score", "engagement score"],
        thresholdVerbs: ["reach", "exceed", "hit", "cross", "pass", "go above", "rise", "increase", "be above", "meet"],
        timeUnits: [
            "minute", "min", "mins", "hour", "hr", "hrs", "day", "week", "wk", "month", "quarter", "year",
            "business day", "working day", "calendar day",
        ],
        timeFiller: [
            "after", "for", "in", "within", "at", "on", "once", "since", "the", "a", "an", "of", "lead", "leads",
            "stage", "this", "that", "it", "its", "has", "have", "had", "been", "is", "are", "was", "be", "pass",
            "elapse", "later", "spend", "spent", "time", "old", "more", "than", "over", "past", "when", "then",
            "automatically", "automatic", "auto", "move", "to", "by", "default", "sit", "stay", "remain",
            "no", "without", "full", "total", "exactly", "about", "around", "approximately", "least", "most",
            "up", "until", "till", "business", "working", "calendar", "there", "and", "or", "days", "weeks",
            "s", "every",
        ],
        numberWords: [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "once", "twice",
            "first", "second", "third", "half", "single", "zero", "threshold", "at least", "or more", "more than",
            "less than", "fewer than", "above", "below", "over", "under",
        ])

    /// The vocabulary with `vague` words added to the hedges and `allow` words removed from the hedges
    /// and from the vague stage names.
    public func adjusted(vague: [String], allow: [String]) -> Vocabulary {
        var copy = self
        let allowed = Set(allow.map(Wording.normalizePhrase))
        copy.hedges = (hedges + vague).filter { !allowed.contains(Wording.normalizePhrase($0)) }
        copy.vagueStageNames = vagueStageNames.filter { !allowed.contains(Wording.normalizePhrase($0)) }
        return copy
    }
}
