#!/usr/bin/env python3
"""Builds scripts/lexicon/evaluative-words.txt from the VADER sentiment lexicon.

The output lists evaluative adjectives and adverbs that a RevOps person uses to judge a lead,
a call or a deal ("strong buying signals", "call went great", "prospect seems keen"): words
that make an entry or exit rule of a funnel stage a judgement instead of an observable event.
Each line is `word<TAB>VADER mean valence`, the score copied as VADER writes it.

Source: PyPI package vaderSentiment 3.3.2 (MIT licence, Copyright (c) 2016 C.J. Hutto),
file vaderSentiment/vader_lexicon.txt, https://github.com/cjhutto/vaderSentiment.

What the script does:
  1. creates a virtual environment in .build-lexicon/venv at the repository root (git-ignored),
     unless it is already there;
  2. pip-installs vaderSentiment==3.3.2 into it (no dependencies: only the data file is read,
     the package is never imported);
  3. reads vader_lexicon.txt from the installed package, prints its sha256 and stops if that is
     not EXPECTED_SHA256 (so the output always comes from the same bytes);
  4. applies the filter below and writes evaluative-words.txt, sorted, with a header that
     records the provenance. No date or path is written: re-running gives the same bytes.

Usage:
  python3 scripts/lexicon/build-evaluative.py          # (re)write evaluative-words.txt
  python3 scripts/lexicon/build-evaluative.py --check  # exit 1 if the file is not up to date

THE FILTER (in this order; a word is written only if it passes every step):
  1. Token: a single lowercase alphabetic word, [a-z]+. This drops VADER's emoticons (":-)"),
     multi-word entries ("kind of") and tokens with digits or punctuation ("<3", "x-d").
     It does not drop chat slang spelled with letters ("lol", "ftw", "xoxo"): step 4 does.
  2. Strength: |mean valence| >= THRESHOLD (0.5). Tuned down from 1.0: at 1.0 VADER loses
     words that are at the heart of vague lead judgements, whose raters scored them mildly:
     warm 0.9, compelling 0.9, decisive 0.9, solid 0.6, substantial 0.8, significant 0.8,
     undecided -0.9, indifferent -0.8, shaky -0.9, risky -0.8, tough -0.5, ambivalent 0.5.
     Below 0.5 VADER's raters judged a word about neutral (serious -0.3, vague -0.4,
     cautious -0.4), so VADER is no evidence that it is evaluative; such words, and ones VADER
     lacks (hot, cold, lukewarm, productive, receptive), belong in a hand-written list of the
     linter's own, not in this VADER-derived file.
  3. EXCLUDE: words that in a CRM rule are events or actions, objective statuses or levels,
     common nouns or verbs, or are too ambiguous to flag (each with its reason below).
     Also excluded: the interest family (interest, interested, interesting...), handled
     elsewhere in the linter.
  4. KEEP: the words must be in the hand-made KEEP set (KEEP_ADJECTIVES | KEEP_ADVERBS).
     There is no part-of-speech tagger offline, so the part of speech and the domain fit were
     judged by hand over every VADER word that passes steps 1 and 2: kept are adjectives and
     adverbs usable about a lead, a prospect, a call, a meeting or a deal, with their adverb
     forms where VADER has them (strongly, positively, warmly, ...). Everything else is left
     out: nouns and verbs (love, hope, trust), praise of people or things that does not judge
     a lead (beautiful, honest, kind), and, without being listed here, all of VADER's
     profanity, slurs, violence, crime, disease and chat slang.
  The script fails if a KEEP word is not a VADER word passing steps 1 and 2 (so the file is
  always "VADER words, hand-filtered for this domain"), if KEEP and EXCLUDE overlap, or if an
  EXCLUDE word is not a VADER word passing steps 1 and 2 (so EXCLUDE documents real decisions).

VADER lists a few tokens twice (ok, lol, fav, ...); as vaderSentiment's own loader does, the
last line wins. None of them is kept.
"""

import hashlib
import os
import re
import subprocess
import sys
import venv

PACKAGE = "vaderSentiment"
VERSION = "3.3.2"
LEXICON = "vaderSentiment/vader_lexicon.txt"
URL = "https://github.com/cjhutto/vaderSentiment"
EXPECTED_SHA256 = "1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5"
THRESHOLD = 0.5
TOKEN = re.compile(r"[a-z]+")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV_DIR = os.path.join(ROOT, ".build-lexicon", "venv")
OUTPUT = os.path.join(HERE, "evaluative-words.txt")

# ---------------------------------------------------------------------------------------------
# KEEP: hand-chosen adjectives and adverbs that judge a lead, a prospect, a call, a meeting or a
# deal. Every one is a VADER word passing steps 1 and 2.
# ---------------------------------------------------------------------------------------------
KEEP_ADJECTIVES = {
    # Judging the lead or the deal, positive: "strong lead", "great opportunity", "solid budget".
    "acceptable", "achievable", "adequate", "advantageous", "ambitious", "attractive", "avid",
    "beneficial", "best", "better", "bright", "compelling", "convincing", "cool", "decisive",
    "definite", "desirable", "earnest", "easy", "favorable", "generous", "good", "great",
    "healthy", "huge", "ideal", "loyal", "meaningful", "optimal", "perfect", "positive",
    "powerful", "proactive", "promising", "responsive", "robust", "significant", "solid",
    "strong", "stronger", "strongest", "substantial", "supportive", "valuable", "warm",
    "warmer", "warmest", "worthwhile", "worthy",
    # Superlatives of praise, typical of vague call notes: "demo went awesome".
    "alright", "amazing", "awesome", "brilliant", "delightful", "excellent", "fabulous",
    "fantastic", "impressive", "lovely", "marvelous", "nice", "pleasant", "remarkable",
    "satisfactory", "super", "superb", "terrific", "unbelievable", "wonderful",
    # Judging a call or a meeting: "engaging call", "encouraging meeting".
    "casual", "encouraging", "energetic", "engaging", "enjoyable", "exciting", "friendly",
    "helpful", "reassuring", "useful",
    # The prospect's mood as the seller reads it, positive: "prospect seems keen".
    "amazed", "appreciative", "comfortable", "confident", "convinced", "curious", "delighted",
    "eager", "ecstatic", "encouraged", "energized", "enthused", "enthusiastic", "excited",
    "glad", "happy", "hopeful", "impressed", "keen", "motivated", "optimistic", "passionate",
    "pleased", "satisfied", "sincere", "thrilled",
    # Judging the lead or the deal, negative: "weak signals", "poor fit", "risky deal".
    "adverse", "aggressive", "bad", "challenging", "demanding", "desperate", "difficult",
    "disappointing", "disastrous", "discouraging", "dismal", "dubious", "hopeless", "horrible",
    "inadequate", "ineffective", "insignificant", "lousy", "negative", "passive", "poor",
    "problematic", "questionable", "risky", "shaky", "sluggish", "terrible", "tough", "tricky",
    "troubling", "uncompelling", "unimpressive", "useless", "weak", "weaker",
    "weakest", "worrisome", "worrying", "worse", "worst", "worthless",
    # Judging a call or a meeting, negative: "awkward call", "boring demo".
    "awful", "awkward", "boring", "confusing", "frustrating", "unpleasant",
    # The prospect's mood as the seller reads it, negative: "prospect hesitant".
    "alarmed", "ambivalent", "angry", "annoyed", "anxious", "apathetic", "confused",
    "disappointed", "discouraged", "disinclined", "displeased", "dissatisfied", "distracted",
    "doubtful", "frustrated", "hesitant", "hostile", "impatient", "indecisive", "indifferent",
    "irritated", "nervous", "pessimistic", "reluctant", "sceptical", "skeptical", "stubborn",
    "suspicious", "uncertain", "unclear", "uncomfortable", "unconvinced", "undecided", "uneasy",
    "unfriendly", "unhappy", "unimpressed", "unmotivated", "unsatisfied", "unsure", "upset",
    "worried",
}

KEEP_ADVERBS = {
    # Adverb forms of kept adjectives, as VADER has them: "strongly interested".
    "awkwardly", "badly", "brilliantly", "comfortably", "confidently", "convincingly",
    "disappointingly", "doubtfully", "eagerly", "enthusiastically", "excellently", "excitedly",
    "favorably", "frustratingly", "happily", "hesitantly", "impatiently", "impressively",
    "keenly", "nicely", "optimistically", "perfectly", "positively", "promisingly",
    "skeptically", "strongly", "terribly", "terrifically", "uncertainly",
    "uncomfortably", "unhappily",  "warmly", "weakly", "wonderfully",
    # Hedges and intensifiers that turn a fact into an impression: "definitely buying",
    # "pretty keen", "clearly ready", "hopefully signs this quarter".
    "certainly", "clearly", "definitely", "gladly", "hopefully", "ideally", "pretty", "surely",
    "truly",
}

# Adverbs that do not end in -ly (checked, so that a typo or a misfiled word shows up).
ADVERBS_WITHOUT_LY = {"pretty"}

KEEP = KEEP_ADJECTIVES | KEEP_ADVERBS

# ---------------------------------------------------------------------------------------------
# EXCLUDE: VADER words passing steps 1 and 2 that look evaluative but must not be flagged in a
# stage rule, with the reason. (The brief's "demo", "need", "want", "pay", "qualified", "open",
# "new", "hot", "cold" are absent here because VADER lacks them or scores them below 0.5.)
# ---------------------------------------------------------------------------------------------
EXCLUDE = {
    # The outcome of an event, recorded as such ("Workflow created and run successfully",
    # "Unsuccessful call attempt logged"): it says the event happened, not how good the lead is.
    "successful": "outcome of an event (run successfully)",
    "successfully": "outcome of an event (created and run successfully)",
    "unsuccessful": "outcome of an event (unsuccessful call attempt)",
    "unsuccessfully": "outcome of an event",
    # Events and actions that an entry or exit rule legitimately names ("Contract accepted",
    # "Opportunity won", "Meeting cancelled"): observable, so not vague.
    "abandon": "event (cart or form abandoned)",
    "abandoned": "event (cart or form abandoned)",
    "accept": "event/verb (offer accepted)",
    "accepted": "event (offer or invitation accepted)",
    "acceptance": "event/noun (acceptance criteria, acceptance of terms)",
    "agree": "event/verb (agree to terms)",
    "agreed": "event (terms agreed)",
    "agreement": "noun: a contract document",
    "approval": "noun: an approval step",
    "approved": "status (budget approved)",
    "award": "event/noun (contract award)",
    "awarded": "event (contract awarded)",
    "block": "verb/noun (calendar block)",
    "blocked": "status (deal blocked by legal)",
    "cancel": "event/verb",
    "cancelled": "event/status (meeting cancelled)",
    "complain": "event/verb (customer complains: a support ticket)",
    "complaint": "noun: a ticket type",
    "delay": "event/noun (delivery delay)",
    "delayed": "status (delivery delayed)",
    "denied": "status (access denied, request denied)",
    "deny": "verb",
    "drop": "event/verb (drop-off, drop from sequence)",
    "fail": "event/verb",
    "failed": "status (payment failed, email bounced)",
    "failure": "noun: an objective outcome",
    "gain": "verb/noun (pipeline gain)",
    "ignore": "verb (an instruction, not a judgement)",
    "ignored": "event (email ignored: observable no-reply)",
    "improve": "verb",
    "improved": "verb (score improved: measurable)",
    "increase": "verb/noun (seat increase)",
    "increased": "verb (usage increased: measurable)",
    "join": "event (joined the call, joined the webinar)",
    "lose": "event/verb",
    "lost": "status (Closed Lost)",
    "missed": "event (missed call, missed meeting)",
    "missing": "objective (field missing)",
    "postpone": "event/verb (meeting postponed)",
    "postponed": "event (meeting postponed)",
    "promise": "verb/noun (a promise is an event to record)",
    "promised": "event",
    "recommend": "event/verb (a referral)",
    "recommended": "objective (recommended plan, recommended next step)",
    "refuse": "event/verb",
    "refused": "event (refused the offer)",
    "reject": "event/verb",
    "rejected": "status (proposal rejected)",
    "resolved": "status (ticket resolved)",
    "share": "event/verb (shared the deck)",
    "shared": "event (deck shared)",
    "solved": "status (ticket solved)",
    "succeed": "verb",
    "succeeded": "event/status (payment succeeded)",
    "validate": "verb (validate budget: a task)",
    "validated": "status (use case validated)",
    "welcome": "event/noun (welcome email)",
    "win": "event/status (Closed Won)",
    "won": "status (Closed Won)",
    "wins": "noun (wins and losses)",
    # Objective statuses, levels and forecast categories: a rule naming them is precise.
    "active": "status (Active account, active user: measurable)",
    "actively": "objective (actively evaluating: a sales-process state)",
    "committed": "forecast category (Commit/Committed)",
    "critical": "priority or severity level (Critical)",
    "dead": "lead status (Dead) and no business sense otherwise",
    "dedicated": "objective (dedicated account manager)",
    "effective": "objective (effective date, effective immediately)",
    "effectively": "neutral filler (effectively a no)",
    "engaged": "lead status or stage (Engaged)",
    "engagement": "noun: a measurable metric (email engagement)",
    "important": "priority flag and neutral note marker (Important:)",
    "low": "priority or score level (Low)",
    "outstanding": "objective (outstanding invoice, outstanding balance)",
    "prepared": "status (proposal prepared)",
    "ready": "stage name (Sales Ready, ready for handoff)",
    "secure": "verb (secure a meeting) and security sense",
    "secured": "event (meeting secured)",
    "stalled": "deal status (Stalled)",
    "top": "objective rank (top 10 account, top of funnel)",
    "true": "boolean value (true/false fields)",
    "united": "proper nouns (United Airlines, United Kingdom)",
    "unified": "product language (unified platform)",
    "urgent": "priority level (Urgent)",
    # Common nouns and verbs: "the customer needs support", "value proposition".
    "care": "noun/verb (customer care)",
    "credit": "noun (credit card, credit check)",
    "creditworthy": "objective (credit check result)",
    "fit": "noun (fit score, ICP fit: scored elsewhere)",
    "free": "objective (free trial, free plan)",
    "freebie": "noun",
    "growth": "noun (growth plan, growth stage)",
    "help": "verb/noun (help desk, asked for help)",
    "helps": "verb",
    "hope": "noun/verb",
    "like": "verb and preposition (like this one)",
    "love": "verb/noun",
    "loved": "verb",
    "loves": "verb",
    "profit": "noun: measurable",
    "progress": "noun/verb (in progress: a status)",
    "support": "noun/verb (support ticket, support team)",
    "trust": "noun/verb (trust center)",
    "value": "noun (deal value: a number)",
    "values": "noun (field values)",
    "valued": "verb (deal valued at ...)",
    # Acknowledgements and answers: short replies and field values, not judgements.
    "no": "answer and field value",
    "ok": "status and acknowledgement (also chat slang)",
    "thank": "courtesy",
    "thanks": "courtesy",
    "yeah": "answer",
    "yep": "answer",
    "yes": "answer and field value",
    # Evaluative, but too ambiguous for a word match (the linter should match phrases instead).
    "certain": "determiner sense (certain features, a certain plan)",
    "clear": "verb and objective (clear the field, clear criteria)",
    "fair": "noun (trade fair: an event)",
    "fine": "noun (a fine) and fine-tune; 'went fine' is a phrase to match",
    "okay": "status and acknowledgement, like ok",
    "sure": "the idiom 'make sure' is common in instructions",
    "well": "as well (as), well-defined; 'went well' is a phrase to match",
    # The interest family: handled elsewhere in the linter.
    "interest": "interest family: handled elsewhere",
    "interested": "interest family: handled elsewhere",
    "interesting": "interest family: handled elsewhere",
    "interestingly": "interest family: handled elsewhere",
    "interests": "interest family: handled elsewhere",
}


def run(cmd):
    subprocess.run(cmd, check=True)


def install():
    """Creates the virtual environment (once) and installs the pinned package into it."""
    python = os.path.join(VENV_DIR, "bin", "python")
    if not os.path.exists(python):
        print(f"creating virtual environment {os.path.relpath(VENV_DIR, ROOT)}")
        venv.EnvBuilder(with_pip=True).create(VENV_DIR)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", f"{PACKAGE}=={VERSION}"])
    return python


def locate(python):
    """Asks the venv's Python where the installed distribution keeps its files (no import)."""
    code = (
        "import importlib.metadata as m, sys\n"
        f"d = m.distribution({PACKAGE!r})\n"
        "print(d.version)\n"
        f"print(d.locate_file({LEXICON!r}))\n"
        "lic = [f for f in d.files if f.name.upper().startswith('LICENSE')]\n"
        "print(d.locate_file(lic[0]) if lic else '')\n"
    )
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True)
    version, lexicon, licence = out.stdout.splitlines()
    if version != VERSION:
        sys.exit(f"installed {PACKAGE} is {version}, expected {VERSION}")
    return lexicon, licence


def read_lexicon(raw):
    """VADER's lines: token TAB mean TAB standard deviation TAB ten ratings (CRLF endings)."""
    entries = {}
    for line in raw.decode("utf-8").splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        entries[fields[0]] = fields[1]  # the last line wins, as in vaderSentiment
    return entries


def candidates(entries):
    return {w: s for w, s in entries.items() if TOKEN.fullmatch(w) and abs(float(s)) >= THRESHOLD}


def check_sets(passing):
    problems = []
    for name, words in (("KEEP", KEEP), ("EXCLUDE", set(EXCLUDE))):
        stray = sorted(w for w in words if w not in passing)
        if stray:
            problems.append(f"{name} words that are not VADER words passing steps 1-2: {stray}")
    both = sorted(KEEP & set(EXCLUDE))
    if both:
        problems.append(f"words in both KEEP and EXCLUDE: {both}")
    both = sorted(KEEP_ADJECTIVES & KEEP_ADVERBS)
    if both:
        problems.append(f"words in both KEEP_ADJECTIVES and KEEP_ADVERBS: {both}")
    odd = sorted(w for w in KEEP_ADVERBS if not w.endswith("ly") and w not in ADVERBS_WITHOUT_LY)
    if odd:
        problems.append(f"KEEP_ADVERBS not ending in -ly and not in ADVERBS_WITHOUT_LY: {odd}")
    if problems:
        sys.exit("\n".join(problems))


def copyright_line(licence_path):
    with open(licence_path, encoding="utf-8") as f:
        lines = [l.strip() for l in f.read().splitlines() if l.strip().startswith("Copyright")]
    if len(lines) != 1:
        sys.exit(f"expected one copyright line in {licence_path}, found {lines}")
    return lines[0]


def licence_text(licence_path):
    with open(licence_path, encoding="utf-8") as f:
        return [l.rstrip() for l in f.read().splitlines()]


def render(words, sha256, copyright, licence):
    header = [
        "# evaluative-words.txt: evaluative adjectives and adverbs that judge a lead, a call or",
        "# a deal (\"strong\", \"keen\", \"promising\", \"hesitant\"), for flagging vague stage rules.",
        "#",
        f"# Source: PyPI package {PACKAGE} {VERSION}, file {LEXICON}",
        f"# Upstream: {URL}",
        f"# Licence: MIT. {copyright}",
        "#   (VADER's full MIT notice is at the end of this header and in scripts/lexicon/README.md)",
        f"# Source sha256: {sha256}",
        "#",
        "# Filter (scripts/lexicon/build-evaluative.py documents each step and each excluded word):",
        "#   1. single lowercase alphabetic words only ([a-z]+): no emoticons, no multi-word entries;",
        f"#   2. |VADER mean valence| >= {THRESHOLD};",
        "#   3. minus EXCLUDE: events, objective statuses and levels, common nouns and verbs,",
        "#      ambiguous words, and the interest family (handled elsewhere);",
        "#   4. only words in the script's hand-made KEEP set: VADER words, hand-filtered for this",
        "#      domain (adjectives and adverbs usable about a lead, a call or a deal, with their",
        "#      adverb forms); chat slang, profanity, slurs, violence and disease are never kept.",
        "#",
        "# Format: word<TAB>VADER mean valence (-4 to +4, copied as VADER writes it), sorted by word.",
        f"# Words: {len(words)}",
        "#",
        "# Regenerate: python3 scripts/lexicon/build-evaluative.py",
        "#   (installs vaderSentiment into .build-lexicon/venv; --check compares instead of writing)",
        "#",
        "# VADER's licence notice:",
    ]
    header += [("#   " + l).rstrip() for l in licence]
    body = [f"{w}\t{s}" for w, s in words]
    return "\n".join(header + body) + "\n"


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.exit("usage: build-evaluative.py [--check]")
    python = install()
    lexicon_path, licence_path = locate(python)
    with open(lexicon_path, "rb") as f:
        raw = f.read()
    sha256 = hashlib.sha256(raw).hexdigest()
    print(f"{LEXICON} ({PACKAGE} {VERSION}) sha256 {sha256}")
    if sha256 != EXPECTED_SHA256:
        sys.exit(f"unexpected sha256: expected {EXPECTED_SHA256}")
    if not licence_path:
        sys.exit("no licence file in the installed distribution")

    entries = read_lexicon(raw)
    passing = candidates(entries)
    check_sets(passing)
    words = sorted((w, passing[w]) for w in KEEP)
    text = render(words, sha256, copyright_line(licence_path), licence_text(licence_path))
    print(f"{len(entries)} VADER entries, {len(passing)} pass steps 1-2, "
          f"{sum(w in passing for w in EXCLUDE)} excluded, {len(words)} kept")

    if check:
        try:
            with open(OUTPUT, encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.exit(f"{os.path.relpath(OUTPUT, ROOT)} is not up to date: run without --check")
        print(f"{os.path.relpath(OUTPUT, ROOT)} is up to date")
        return
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}")


if __name__ == "__main__":
    main()
