import PlaybookModel
extension RuleDescription {
    public static let vagueStageName = RuleDescription(
        id: "vague-stage-name",
        defaultSeverity: .warning,
        category: .definitions,
        summary: "A stage name that says nothing about the next step (\"Working\", \"In Progress\", \"Other\").",
        rationale: """
            Stages that only say "Working" or "Progressing" make reporting unclear and hide where deals \
            stall. A stage name should be a milestone someone can verify ("Demo Scheduled", "Discovery \
            Completed"), so the name itself tells the owner what happened and what comes next.
            """,
        triggeringExamples: [
            """
            playbook: Inbound
            stages:
              working:
                name: Working # <-
              other:
                name: Other # <-
              progressing:
                name: Progressing Lead # <-
              backlog:
                name: Partner Queue # <-
            """,
        ],
        passingExamples: [
            """
            playbook: Inbound
            stages:
              demo:
                name: Demo Scheduled
              evaluation:
                name: Active Evaluation
              discovery:
                name: Discovery Completed
            """,
        ])
}

/// `vague-stage-name`: a stage named after no milestone at all.
public struct VagueStageNameRule: PlaybookRule {
    public static let description = RuleDescription.vagueStageName

    public func check(_ context: RuleContext, into sink: inout DiagnosticSink) {
        for stage in context.playbook.stages {
            guard let name = stage.name else { continue }
            let parts = Self.nameParts(name.value)
            guard Self.isVague(name: name.value, parts: parts, context.lexicon) else { continue }
            // A name with a lead status in it ("Working - Contacted", "Waiting for answer") is the more
            // precise rule's.
            if context.isEnabled(.statusAsStage), StatusAsStageRule.isStatus(parts: parts, context.lexicon) { continue }
            sink.report(Self.description, at: name.span,
                "stage name '\(name.value)' says nothing about where the lead is or what happens next; name the "
                    + "milestone that puts a lead here, such as 'Discovery Call Booked' or 'Demo Completed'")
        }
    }

    /// The name, split into `parts` by `nameParts`, is vague; a name with a slash inside a word
    /// ("N/A") is also read whole, not only at the slash.
    static func isVague(name: String, parts: [[String]], _ lexicon: Lexicon) -> Bool {
        isVague(parts: parts, lexicon) || (parts.count > 1 && isVague(parts: [Wording.split(name)], lexicon))
    }

    /// Every part of the name ("Working - Contacted" has two) is a vague name or a lead status, and
    /// at least one is vague. A trailing "lead(s)", "prospect(s)" or "stage" is ignored.
    static func isVague(parts: [[String]], _ lexicon: Lexicon) -> Bool {
        let parts = parts.compactMap(Self.significant)
        return !parts.isEmpty && parts.allSatisfy { lexicon.isVagueName($0) || lexicon.isStatusName($0) }
            && parts.contains { lexicon.isVagueName($0) }
    }

    /// The word at `index` of `words` (a part of a name) numbers or labels it rather than naming it:
    /// a number, an ordinal, or a single letter last after other words ("Attempt 2", "2nd Attempt",
    /// "Attempted 3x", "Bucket B"; not the "a" of "N/A" or of "Book a Demo").
    static func isNumbering(_ word: String, at index: Int, of words: [String]) -> Bool {
        let digits = word.prefix(while: \.isNumber).count
        return (digits > 0 && (digits == word.count || ["st", "nd", "rd", "th", "x"].contains(String(word.dropFirst(digits)))))
            || (word.count == 1 && word.first?.isLetter == true && words.count > 1 && index == words.count - 1)
    }

    /// A part of a name without a trailing "lead(s)", "prospect(s)" or "stage" and without numbers,
    /// ordinals or letters that label it ("Attempt 2", "2nd Attempt" and "Attempt B" are
    /// "attempt"), as its words joined by spaces; nil when nothing is left.
    static func significant(_ words: [String]) -> String? {
        var words = words
        if words.count > 1, let last = words.last, Self.whoseStage.contains(last) {
            words.removeLast()
        }
        let withoutNumbers = words.enumerated().filter { !isNumbering($0.element, at: $0.offset, of: words) }.map(\.element)
        if !withoutNumbers.isEmpty { words = withoutNumbers }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Words after a name that say whose stage it is, not what it is ("Other Buyers", "New Lead").
    static let whoseStage: Set<String> = [
        "lead", "leads", "stage", "prospect", "prospects", "buyer", "buyers", "contact", "contacts", "account", "accounts",
    ]

    static let separators: Set<Character> = ["/", ":", "|", "–", "—", "(", ")", ","]

    /// The parts of a stage name split at " - ", "/", ":" and the like, each as its lowercase words.
    static func nameParts(_ name: String) -> [[String]] {
        var parts: [[String]] = []
        func add(_ words: [String]) {
            if !words.isEmpty { parts.append(words) }
        }
        let utf8 = name.utf8
        guard Wording.isASCII(name) else {
            for piece in name.split(whereSeparator: { separators.contains($0) }).flatMap({ $0.split(separator: " - ") }) {
                add(Wording.split(String(piece)))
            }
            return parts
        }
        // The same split, byte by byte, for ASCII names.
        let bytes = Array(utf8)
        var start = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","):
                break
            case UInt8(ascii: "-") where index > 0 && index + 1 < bytes.count
                && bytes[index - 1] == UInt8(ascii: " ") && bytes[index + 1] == UInt8(ascii: " "):
                break
            default:
                continue
            }
            add(Wording.splitASCII(bytes: bytes[start..<index]))
            start = index + 1
        }
        add(Wording.splitASCII(bytes: bytes[start...]))
        return parts
    }
}
