import PlaybookModel
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
    /// Nouns of a place where leads wait ("queue", "bucket", "pool"): a name that ends in one is vague
    /// whatever stands before it ("Partner Queue", "Post-Show Bucket").
    public var containers: [String]
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
    /// Evaluative adjectives and adverbs ("hot", "strong", "solid"): a judgement wherever it stands,
    /// unless it is quoted, a field's value or part of an objective term. Single words, matched as
    /// written (not inflected). From the VADER sentiment lexicon, filtered for this domain
    /// (`scripts/lexicon/`), plus domain words VADER does not rate.
    public var evaluative: [String]
    /// Evaluative words that name a person's state of mind ("frustrated", "comfortable", "curious"): the
    /// seller's judgement when the seller's people feel them ("once sales is happy with it"), the
    /// buyer's state of mind otherwise, which nothing records (`untestable-rule`, not `vague-rule`).
    /// The mood words of VADER's lexicon as `scripts/lexicon/build-evaluative.py` groups them.
    public var feelings: [String]
    /// Events of any world ("changed", "entered", "started", "moved", "asked"): they anchor a rule only
    /// when their clause names something a CRM records (`recordables`, a field, a page or email, a
    /// number, a quotation, or one of the seller's people): "Lead Status changed", "Contact entered the
    /// webinar", but not "Their priorities changed" or "Brand is entering a new market".
    public var worldEvents: [String]
    /// What a CRM or a product records ("form", "meeting", "trial", "workspace", "contract"):
    /// beside one, an event of any world is observable.
    public var recordables: [String]
    /// States of a record that nothing happened to ("untouched", "idle", "unchanged"): the word before
    /// one is the record, not an event ("Record untouched for 45 days").
    public var idle: [String]
    /// The buyer's side ("prospect", "client", "leadership"): a verb of thinking or feeling after one
    /// ("Buyer feels pressure", "Prospect believes…") is their state of mind, not the writer's hedge.
    public var buyers: [String]
    /// Terms that hold an evaluative word but judge nothing ("warm introduction", "cold call").
    public var objectiveTerms: [String]
    /// Terms that hold an event word but name no event ("buying committee", "buy-in").
    public var notEvents: [String]
    /// Words of wanting, knowing or planning: an event after one ("wants to book a demo") has not
    /// happened, so it is no anchor.
    public var stances: [String]
    /// Verbs that only say a lead moves ("moves to", "hands off", "takes over", "qualifies").
    public var moves: [String]
    /// Words a restated move is made of besides its verb ("the next step", "the lead", "SQL"): a rule
    /// of moves, these and team names only restates the move.
    public var moveFiller: [String]
    /// Nouns of CRM fields ("status", "rating", "grade"): followed by "is", "=" or ":", what comes
    /// next is a value, not a judgement ("Rating is Hot").
    public var fieldNouns: [String]
    /// Words that compare a field with a value ("is", "equals", "set to").
    public var comparisons: [String]
    /// Weak objects that are pages: a pricing or demo word lifts a visit to one of these, not a
    /// click in an email ("clicked the pricing email").
    public var pages: [String]

    public static let builtIn = Vocabulary(
        hedges: [
            "seem", "seemingly", "appear", "apparently", "probably", "probable", "likely", "possibly", "maybe",
            "perhaps", "might", "somewhat", "fairly", "kind of", "sort of", "look like", "look qualified",
            "look good", "look ready", "look interested", "look promising", "sound like", "feel", "feels like",
            "believe", "think", "gut feeling", "judgement call", "judgment call", "as needed", "if needed",
            "when needed", "as required", "as appropriate", "when appropriate", "at discretion", "discretion",
            "whenever", "etc", "and so on", "tbd", "tbc", "todo", "to be defined", "to be determined",
            "to be decided", "to be confirmed", "n/a", "whatever", "somehow", "eventually", "soon", "sometime",
            "at some point", "asap", "various", "very probable", "high probability", "makes sense", "more or less",
            "pretty much", "kinda", "sorta", "sound", "prob", "a ton", "tons of", "basically", "mostly", "generally",
            "roughly speaking", "presumably", "supposedly", "arguably", "in principle", "chance", "likelihood",
            "odds", "unlikely", "possible", "possibility", "potential", "vibe", "gut", "sense", "feeling", "several",
            "a few", "a lot", "lots of", "a bunch", "and the like", "or so", "ish", "somewhere", "at the right time",
            "in due course", "when it makes sense", "as they see fit", "case by case",
            "i guess", "almost", "deem", "quite",
            "where necessary", "if necessary", "as necessary",
        ],
        judgements: [
            "interested", "show interest", "express interest", "interest shown", "signs of interest",
            "strong interest", "genuine interest", "good fit", "great fit", "strong fit", "right fit", "best fit",
            "bad fit", "poor fit", "fits well", "not a fit", "strong match", "good match", "great match",
            "qualified enough", "is qualified", "are qualified", "ready", "engage", "hot lead", "warm lead",
            "hot prospect", "warm prospect", "relevant", "appropriate", "appropriately", "sufficient", "sufficiently",
            "enough", "significant", "serious", "genuine", "promising", "high intent", "decent", "reasonable",
            "reasonably", "right time", "went well", "go well", "sweet spot", "buying signal", "strong signal",
            "intent signal", "high quality", "low quality", "good candidate", "worth", "legit", "gone cold",
            "go cold", "goes cold", "gone dark", "go dark", "warmed up", "heat up", "sales ready", "sales-ready",
            "traction", "momentum", "appetite", "meaningful", "right-sized", "real need", "high value",
            "ready to buy", "ready to talk", "purchase intent", "purchase intention", "buying intent",
        ],
        vagueStageNames: [
            "working", "working lead", "in progress", "progressing", "active", "active lead", "pending", "other",
            "others", "misc", "miscellaneous", "general", "unknown", "various", "tbd", "n/a", "none", "stage",
            "in process", "processing", "ongoing", "follow up", "todo", "hold", "on hold", "waiting", "review",
            "in review", "under review", "catch all", "backlog", "unassigned", "parking lot", "holding",
            "holding pen", "holding pattern", "limbo", "queue", "bucket", "pool", "default", "uncategorized",
            "unsorted", "to do", "needs attention", "everything else", "in the works", "wip", "work in progress",
            "step", "placeholder", "temp", "temporary", "needs review", "to sort", "sort", "to check", "check",
            "checked", "maybe", "to follow", "tbc", "working it", "varia", "parked", "undecided", "unclear", "inbox", "triage", "later",
            "someday", "stuck", "flight", "play", "sorted", "items", "stuff", "things", "in", "to", "be", "the", "of",
            "for",
            "reviewed", "to be reviewed", "stand by", "standby", "under consideration", "under evaluation", "random",
        ],
        containers: ["queue", "bucket", "pool", "pile", "inbox", "backlog", "room", "holding pen", "parking lot", "bin", "pipeline", "area"],
        statusNames: [
            "new", "open", "attempted to contact", "attempting contact", "attempting to contact", "contacted",
            "connected", "not contacted", "unqualified", "bad timing", "open deal", "no response", "not converted",
            "closed", "converted", "contact made", "awaiting response", "awaiting reply", "replied", "responded",
            "left voicemail", "voicemail", "no answer", "unresponsive", "not interested", "no show", "attempted",
            "attempting", "reached", "unreachable", "bad data", "do not contact", "in contact", "email sent",
            "call back", "callback", "attempt", "contact attempt", "reached out", "out", "left vm",
            "waiting on reply", "waiting for reply", "attempt made", "reply", "no reply", "no contact", "answering",
            "not answering", "dialing", "dialling", "called", "call", "answer", "pickup", "left", "awaiting",
            "lost contact", "reachable", "not reachable", "emailed", "bad number", "wrong number", "not qualified",
        ],
        events: [
            "submit", "request", "book", "sign", "sign up", "complete", "create", "confirm", "accept", "reject",
            "activate", "schedule", "hold", "held", "send", "sent", "receive", "reply", "respond", "register",
            "attend", "download", "approve", "reach", "exceed", "visit", "view", "open", "click", "start", "begin",
            "began", "begun", "cancel", "pay", "paid", "purchase", "buy", "bought", "unsubscribe", "bounce", "add",
            "assign", "record", "log", "verify", "validate", "enrich", "import", "capture", "save", "fill", "upload",
            "run", "ran", "upgrade", "downgrade", "invite", "join", "agree", "decline", "refuse", "return", "renew",
            "churn", "install", "integrate", "connect", "identify", "document", "map", "select", "choose", "chose",
            "chosen", "name", "close", "win", "won", "lose", "lost", "fail", "expire", "finish", "show", "shown",
            "call", "email", "message", "answer", "publish", "launch", "deploy", "provision", "onboard", "convert",
            "merge", "match", "ask", "mark", "flag", "tag", "change", "update", "enter", "leave", "left", "opt",
            "subscribe", "deliver", "deny", "scan", "share", "review", "qualify", "disqualify", "refer",
            "countersign", "pause", "resume", "give", "gave", "given", "provide", "commit", "sign off", "escalate",
            "forward", "reassign", "route", "transfer", "hand over", "handed over", "notify", "report", "mention",
            "test", "use", "pass", "hit", "drop", "issued", "execute", "take place", "took place", "write", "wrote",
            "written", "kick off", "kicked off", "move", "get", "got", "happen", "go live", "went live", "dial",
            "tell", "told", "say", "said", "set", "set up", "recycle", "pick", "tick", "archive", "categorize",
            "categorise", "classify", "label", "delete", "remove", "recieve", "populate", "consent", "rsvp", "rsvp'd",
            "enable", "disable", "switch on", "turn on", "withdraw", "withdrawn", "insert", "attach", "send to",
            "send it to", "sent to", "enroll", "enrol", "sync", "export", "refund", "reopen", "deactivate",
            "check in", "claim", "apply", "terminate", "expand", "ship", "present", "trigger", "login", "log in",
            "sign in",
            "generate", "withdrew", "award", "recvd", "rcvd", "spoke", "spoken", "ended",
            "placed", "invoiced", "billed", "charged", "followed up", "collected", "shortlisted", "introduced", "nominated",
            "redeemed", "texted", "pinged", "demoed", "quoted", "filed", "lapsed", "extended", "negotiated", "obtained",
            "posted", "commented", "put to", "flip", "ordered", "toggle",
            // Past participles of things a CRM or a person records ("Tender awarded", "site surveyed").
            "arrived", "authorized", "authorised", "contacted", "piloted", "priced", "processed", "released", "resolved",
            "trialed", "trialled", "voicemailed", "surveyed", "docusigned", "reserved", "toured", "inspected", "measured",
            "scoped", "estimated", "proposed", "redlined", "procured", "postponed", "cleared", "conducted", "contracted",
            "deposited", "drafted", "granted", "initiated", "interviewed", "lodged", "mailed", "offered", "pitched",
            "raised", "reinstated", "sampled", "screened", "settled", "sold", "tendered", "trained", "vetted", "waived",
            "disbursed", "funded",
        ],
        confirmations: [
            "confirm", "accept", "verify", "validate", "approve", "review", "reject", "record", "log", "mark",
            "agree", "disqualify", "decline", "check", "sign off", "document", "note", "state", "declare",
        ],
        people: [
            "sdr", "bdr", "adr", "ae", "rep", "account executive", "executive", "manager", "sales", "salesperson",
            "seller", "marketer", "marketing", "csm", "customer success", "solutions engineer", "se",
            "solutions consultant", "founder", "partner", "ops", "revops", "operations", "specialist", "consultant",
            "champion", "decision maker", "economic buyer", "admin", "sponsor", "prospect", "buyer", "customer",
            "contact", "lead owner", "owner", "reseller", "distributor", "closer", "director", "vp", "client",
            "inside sales", "guy", "agent", "counselor", "counsellor", "advisor", "adviser", "engineer",
            "officer",
        ],
        weakSignals: [
            "open", "click", "view", "visit", "read", "watch", "like", "follow", "pageview", "impression", "browse", "scroll", "skim",
            "session", "consume", "look", "visualize", "visualise", "saw",
        ],
        weakObjects: [
            "email", "newsletter", "link", "page", "pageview", "blog", "post", "website", "site", "content", "video",
            "ad", "campaign", "message", "sequence", "social", "webpage", "article", "invitation", "invite", "doc",
            "docs", "mailer", "blast", "mail", "magazine", "edm", "section",
        ],
        intentSignals: [
            "pricing", "price", "demo", "trial", "integration", "contact sales", "contact us", "quote", "site visit",
            "onsite", "proposal", "checkout", "buy now", "request", "fee",
        ],
        negations: ["no", "not", "never", "stopped", "stop", "stops", "without", "w/o", "zero", "none", "nothing", "nobody"],
        scores: ["score", "scoring", "points", "grade", "threshold", "decile", "percentile"],
        automationVerbs: [
            "reach", "exceed", "hit", "pass", "route", "assign", "update", "mark", "move", "set", "change", "flag",
            "tag", "notify", "create", "add", "enter", "sync", "trigger", "send to", "sent to", "send it to", "put to", "flip",
        ],
        timeUnits: [
            "minute", "min", "mins", "hour", "hr", "hrs", "day", "week", "wk", "wks", "month", "quarter", "year",
            "fortnight", "weekend", "eoq", "eom", "eoy", "fy", "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
            "thursday", "friday", "date", "today", "tomorrow", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "mo", "mos", "yr", "yrs", "sprint", "season", "cycle", "calendar", "age",
            "q", "summer", "winter", "spring", "autumn", "holiday", "semester", "period", "deadline", "term", "qtr",
            "half", "xmas", "christmas",
            "duration",
        ],
        timeFiller: [
            "after", "for", "in", "within", "at", "on", "once", "since", "the", "a", "an", "of", "lead", "leads",
            "stage", "this", "that", "it", "its", "has", "have", "had", "been", "is", "are", "was", "be", "pass",
            "elapse", "later", "spend", "spent", "time", "old", "more", "than", "over", "past", "when",
            "move", "to", "by", "default", "sit", "stay", "remain", "full",
            "total", "exactly", "about", "around", "approximately", "least", "most", "up", "until", "till",
            "business", "working", "there", "and", "or", "every", "exceed", "stale", "idle", "inactive", "inactivity",
            "dormant", "untouched", "activity", "any", "expire", "end", "start", "beginning", "close", "next",
            "following", "fiscal", "entry", "entered", "entering", "enter", "created", "creation", "from", "post",
            "pre", "lapse", "gone", "go", "roll", "window", "cooling", "off", "sla", "here", "back", "them", "they",
            "workflow", "leave", "purge", "recycle", "revisit", "come", "check", "touch", "touched", "logged", "ago",
            "each", "per", "new", "current", "upcoming", "rolls", "timer", "clock", "runs", "out", "reach", "hit",
            "older", "if", "else", "happen", "timeout", "complete", "wait", "finish", "greater", "peak", "billing",
            "mql", "sql", "sal", "pql", "nurture", "status", "submission", "same", "passed", "exit", "last", "cutoff",
            "everyone", "everybody", "expiry", "wrap", "reset", "monthly", "weekly", "quarterly", "yearly", "land",
            "round", "again", "with", "during", "rot", "longer", "anything",
            "upon", "conclusion", "silence", "just", "em", "re", "before", "behind", "trailing", "prior", "event", "step", "hold", "movement", "news", "us", "moment", "recorded",
            "we", "will",
        ],
        numberWords: [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "once", "twice",
            "first", "second", "third", "single", "zero", "threshold", "at least", "or more", "more than",
            "less than", "fewer than", "greater than", "hundreds", "bigger than", "larger than", "higher than", "lower than",
            "longer than", "smaller than", "shorter than",
        ],
        evaluative: EvaluativeLexicon.words + [
            // Words of judging a lead that VADER does not rate (hand-made, from the issue tracker's
            // examples of vague rules and the domain notes).
            "hot", "lukewarm", "cold", "legit", "junk", "quality", "fit", "right", "real", "true", "proper", "vibes",
            "tepid", "juicy", "primed", "mature", "ripe", "sizable", "sizeable", "big", "well", "qualitative",
            "viable", "credible", "decent", "obvious", "clear", "fine", "receptive",
            // British spellings of VADER's American ones.
            "favourable", "favourably",
            // Slang for enthusiasm.
            "pumped", "stoked", "hyped", "winnable",
            // Participles that judge like their adjective ("when it is matured").
            "matured",
        ],
        feelings: [
            // Not the buyer's enthusiasm ("keen", "excited", "happy"): the seller reads buying intent
            // into it, a judgement (`vague-rule`).
            "appreciative", "comfortable", "confident", "convinced", "curious",
            "satisfied", "alarmed", "ambivalent", "angry", "annoyed", "anxious", "apathetic", "confused",
            "disappointed", "discouraged", "disinclined", "displeased", "dissatisfied", "distracted", "doubtful",
            "frustrated", "hesitant", "hostile", "impatient", "indecisive", "indifferent", "irritated", "nervous",
            "pessimistic", "reluctant", "sceptical", "skeptical", "stubborn", "suspicious", "uncertain",
            "uncomfortable", "unconvinced", "undecided", "uneasy", "unhappy", "unimpressed", "unmotivated",
            "unsatisfied", "unsure", "upset", "worried",
        ],
        worldEvents: [
            "change", "enter", "start", "begin", "began", "begun", "move", "ask", "commit", "deliver", "lose", "lost",
            "run", "ran", "share", "map", "use", "get", "got", "give", "gave", "given", "happen", "set", "accept",
            "leave", "left", "pass", "drop", "hit", "reach", "show", "shown", "expand", "ship", "apply", "match",
            "import", "mark", "close",
            "launch"
        ],
        recordables: [
            "form", "meeting", "contract", "invoice", "order", "payment", "workspace", "seat", "opportunity", "opp",
            "deal", "lead", "task", "ticket", "webinar", "event", "registration", "workflow", "cadence", "program",
            "plan", "subscription", "shipment", "delivery", "sample", "app", "api", "sandbox", "poc", "pilot", "nda",
            "msa", "sow", "po", "rfp", "rfi", "crm", "portal", "voicemail", "sms", "chat", "appointment", "cart",
            "signup", "job", "list", "queue", "account", "survey", "nurture", "mql", "sql", "sal", "pql",
            "tour", "referral", "rfq",
        ],
        idle: ["untouched", "idle", "inactive", "dormant", "stale", "unchanged", "unworked", "unanswered", "quiet", "silent"],
        buyers: [
            "prospect", "buyer", "customer", "client", "contact", "champion", "decision maker", "economic buyer",
            "sponsor", "stakeholder", "leadership", "board", "management", "they", "them", "insured", "merchant",
            "user", "company", "organization", "organisation", "business", "brand", "they're", "end customer",
        ],
        objectiveTerms: [
            "warm intro", "warm introduction", "warm transfer", "warm handoff", "cold call", "cold calling",
            "cold email", "cold outreach", "cold list", "good standing", "hot transfer", "hot lead form",
            "clear text", "true up", "real time", "fit score", "fit grade", "quality score", "well known", "as well",
            "as well as", "cool off", "best practice", "good faith", "is true", "risk appetite", "or better",
            "cold chain", "cold storage", "pick up the phone", "re engage", "best and final",
            "fit out", "fit segment", "fit tier", "fit band",
        ],
        notEvents: [
            "buying committee", "buying group", "buying center", "buy in", "bought in", "buy into", "bought into",
            "return on investment", "moved on", "use case", "open enrollment", "under review",
            "on pause", "on hold", "identify with", "trade show", "track record",
            "purchase department", "purchasing department", "purchasing team", "purchasing process", "stage change",
            "status change", "activity log",
            "lead record", "contact record", "account record", "crm record",
            "been open", "is open", "still open", "remains open",
        ],
        stances: [
            "want", "wish", "would like", "plan to", "plan on", "intend", "consider", "think", "thinking",
            "understand", "know", "believe", "hope", "look to", "looking to", "looking for", "aim to", "keen to",
            "open to", "open for", "willing", "would", "could", "should", "may", "might", "expect", "need to",
            "likely to", "about to", "going to", "eager to", "ready to", "care about", "aware of",
            "recognize", "recognise", "realize", "realise", "comprehend", "appreciate", "see the value", "see value", "get the concept", "have the mindset",
            "capacity to", "able to", "how", "why", "see", "depend on", "rely on", "struggle with", "committed to", "intention to",
            "is planning", "are planning", "is preparing", "are preparing", "going through",
        ],
        moves: [
            "move", "advance", "progress", "proceed", "hand", "hand off", "hand over", "handoff", "handover",
            "take over", "take", "transition", "graduate", "promote", "push", "go", "become", "qualify", "pass",
            "bump", "flow", "shift", "goes", "sign off", "flip", "transfer", "pick",
        ],
        moveFiller: [
            "the", "a", "an", "to", "into", "in", "on", "onto", "over", "off", "forward", "next", "step", "steps", "stage",
            "phase", "level", "ahead", "along", "up", "is", "are", "be", "been", "being", "get", "got", "will",
            "then", "now", "it", "they", "them", "their", "this", "that", "here", "there", "from", "for", "of", "by",
            "as", "ownership", "path", "bpf", "funnel", "pipeline", "process", "criteria", "requirement",
            "definition", "status", "team", "queue", "lead", "account", "deal", "mql", "sql", "sal", "pql",
            "opportunity", "opp", "lifecycle", "accepted", "and", "when", "once", "follow", "followup", "someone",
            "has", "have", "officially", "formally", "automatically", "with", "its", "our", "we", "us", "point",
            "journey", "cycle", "side", "motion", "track",
            "subsequent",
            "department",
        ],
        fieldNouns: [
            "status", "rating", "grade", "tier", "source", "reason", "type", "priority", "segment", "category",
            "band", "stage", "lifecycle", "persona", "industry", "region", "flag", "value", "field", "property",
            "picklist", "country", "size", "level", "outcome", "disposition", "result", "code", "temperature",
            "label", "tag", "title", "domain",
            "date",
        ],
        comparisons: [
            "is", "are", "was", "equals", "equal", "equal to", "set to", "changed to", "updated to", "marked",
            "marked as", "of", "changed from", "updated from", "contains", "includes", "starts with", "ends with",
            "categorized", "categorised", "categorized as", "classified as", "tagged", "tagged as", "labeled",
            "labelled", "flagged as", "exceed",
        ],
        pages: ["page", "pageview", "webpage", "site", "website"])

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
        copy.evaluative = evaluative.filter { !isAllowed($0) }
        copy.vagueStageNames = vagueStageNames.filter { !isAllowed($0) }
        copy.containers = containers.filter { !isAllowed($0) }
        return copy
    }
}
