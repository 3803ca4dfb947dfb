import PlaybookModel
/// Finds undeclared renames: removed and added stages that look like one stage. The rule is
/// documented in docs/changelog.md ("Undeclared renames"); the weights and threshold are here.
///
/// Only pairs that share a name, a name word (or an acronym of the name) or an entry rule are scored,
/// at most `candidatesPerStage` per removed stage, rarest shared key first, so the work stays linear
/// in the stages even when every stage was renamed.
struct StageLikeness {
    static let sameName = 6
    static let alikeNames = 2
    static let sameEntry = 3
    static let sameOwner = 1
    static let sameKind = 1
    static let sameSLA = 1
    static let sameFields = 1
    static let samePredecessors = 2
    static let somePredecessors = 1
    static let sameExits = 2
    static let halfTheExits = 1
    static let threshold = 5
    static let candidatesPerStage = 32

    /// What one stage is compared on. Stage ids (predecessors, exits) are in the new version's ids:
    /// a removed stage's are mapped through the stages already known to continue.
    struct Profile {
        let stage: Stage
        let name: String?
        let words: Set<String>
        /// The initials of a name of several words: `sql` for Sales Qualified Lead.
        let initials: String?
        let entry: [String]?
        let sla: String?
        let fields: Set<String>
        /// In file order, without repeats.
        let predecessors: [String]
        let predecessorSet: Set<String>
        let exits: Set<String>

        init(_ stage: Stage, predecessors: [String], exits: Set<String>) {
            self.stage = stage
            let name = stage.name?.value
            self.name = name.map(Identifier.normalizedName)
            let words = name.map(Wording.split)?.filter { !StageLikeness.stopWords.contains($0) } ?? []
            self.words = Set(words)
            initials = words.count > 1 ? String(words.compactMap(\.first)) : nil
            entry = stage.entry?.items.map(\.value)
            sla = ChangeText.sla(stage.sla)
            fields = Set((stage.requiredFields ?? []).map(\.value))
            self.predecessors = predecessors
            predecessorSet = Set(predecessors)
            self.exits = exits
        }

        /// The keys a likely twin shares with this stage.
        func keys() -> [String] {
            var keys = words.map { "w:" + $0 }
            if let initials { keys.append("w:" + initials) }
            if let name { keys.append("n:" + name) }
            if let entry, !entry.isEmpty { keys.append("e:" + entry.joined(separator: "\n")) }
            return keys
        }
    }

    static let stopWords: Set<String> = ["a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "by", "with", "at"]

    /// How much of something two stages have in common.
    enum Degree { case none, some, all }

    /// What two stages have in common. Scoring builds no text: the reasons are written only for the
    /// pairs reported.
    struct Score {
        var name = Degree.none  // `some`: names alike
        var sameKind = false
        var sameOwner = false
        var sameEntry = false
        var sameSLA = false
        var sameFields = false
        var predecessors = Degree.none
        var exits = Degree.none
        var sharedExits = 0
        var mostExits = 0

        var points: Int {
            (name == .all ? sameName : name == .some ? alikeNames : 0) + (sameKind ? StageLikeness.sameKind : 0)
                + (sameOwner ? StageLikeness.sameOwner : 0) + (sameEntry ? StageLikeness.sameEntry : 0)
                + (sameSLA ? StageLikeness.sameSLA : 0) + (sameFields ? StageLikeness.sameFields : 0)
                + (predecessors == .all ? samePredecessors : predecessors == .some ? somePredecessors : 0)
                + (exits == .all ? sameExits : exits == .some ? halfTheExits : 0)
        }

        /// A name or entry rule in common: without it, a stage that only sits in the same place of the
        /// funnel (same owner, neighbours and SLA) is a replacement, not a rename.
        var qualifies: Bool { (name != .none || sameEntry) && points >= StageLikeness.threshold }
    }

    static func score(_ removed: Profile, _ added: Profile) -> Score {
        var score = Score()
        let a = removed.stage
        let b = added.stage
        if let name = removed.name, name == added.name {
            score.name = .all
        } else if namesAlike(removed, added) {
            score.name = .some
        }
        score.sameKind = a.kind == b.kind
        score.sameOwner = a.owner != nil && a.owner?.value == b.owner?.value
        if let entry = removed.entry, !entry.isEmpty { score.sameEntry = entry == added.entry }
        score.sameSLA = removed.sla != nil && removed.sla == added.sla
        score.sameFields = !removed.fields.isEmpty && removed.fields == added.fields
        let shared = common(removed.predecessorSet, added.predecessorSet)
        if shared > 0 {
            score.predecessors = shared == removed.predecessorSet.count && shared == added.predecessorSet.count ? .all : .some
        }
        score.sharedExits = common(removed.exits, added.exits)
        score.mostExits = max(removed.exits.count, added.exits.count)
        if score.sharedExits > 0 {
            score.exits = score.sharedExits == removed.exits.count && score.sharedExits == added.exits.count ? .all
                : 2 * score.sharedExits >= score.mostExits ? .some : .none
        }
        return score
    }

    /// What a reported pair shares, for its message: `same owner 'sdr', entry rule and predecessor 'mql';
    /// names 'Sales Lead' → 'Sales Qualified Lead' alike`.
    static func reasons(_ score: Score, _ removed: Profile, _ added: Profile) -> String {
        let a = removed.stage
        let b = added.stage
        var same: [String] = []
        var alike: [String] = []
        if score.name == .all { same.append("name '\(b.displayName)'") }
        if score.name == .some { alike.append("names '\(a.displayName)' → '\(b.displayName)' alike") }
        if score.sameKind, a.kind != .active { same.append("kind \(a.kind.rawValue)") }
        if score.sameOwner, let owner = a.owner?.value { same.append("owner '\(owner)'") }
        if score.sameEntry { same.append("entry rule") }
        if score.sameSLA { same.append("SLA") }
        if score.sameFields { same.append("required fields") }
        let shared = added.predecessors.filter(removed.predecessorSet.contains)
        let predecessors = (shared.count == 1 ? "predecessor " : "predecessors ") + ChangeText.quotedList(shared)
        if score.predecessors == .all { same.append(predecessors) }
        if score.predecessors == .some { alike.append(predecessors + " in common") }
        if score.exits == .all { same.append("exits") }
        if score.exits == .some { alike.append("\(score.sharedExits) of \(score.mostExits) exits the same") }
        return ((same.isEmpty ? [] : ["same " + ListWording.joined(same)]) + alike).joined(separator: "; ")
    }

    /// How many members two sets have in common, counted over the smaller.
    static func common(_ a: Set<String>, _ b: Set<String>) -> Int {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var count = 0
        for member in small where large.contains(member) { count += 1 }
        return count
    }

    /// Names alike: most of their words in common (two of three, or all of the shorter name's words
    /// and half of them all), or one is the acronym of the other (SQL, Sales Qualified Lead).
    static func namesAlike(_ a: Profile, _ b: Profile) -> Bool {
        let shared = common(a.words, b.words)
        let all = a.words.count + b.words.count - shared
        if shared > 0 {
            if 3 * shared >= 2 * all { return true }
            if shared == min(a.words.count, b.words.count), 2 * shared >= all { return true }
        }
        if a.words.count == 1, let initials = b.initials, a.words.contains(initials) { return true }
        if b.words.count == 1, let initials = a.initials, b.words.contains(initials) { return true }
        return false
    }

    /// One-to-one pairs of removed and added stages (indices into the two lists) that look like one
    /// stage, best first: higher score, then the removed stage's order, then the added stage's order.
    static func pairs(removed: [Profile], added: [Profile]) -> [(removed: Int, added: Int, score: Score)] {
        guard !removed.isEmpty, !added.isEmpty else { return [] }
        var buckets: [String: [Int]] = [:]
        for (index, profile) in added.enumerated() {
            for key in Set(profile.keys()) { buckets[key, default: []].append(index) }
        }
        let best = sameName + sameEntry + sameOwner + sameKind + sameSLA + sameFields + samePredecessors + sameExits
        var byPoints = [[(removed: Int, added: Int, score: Score)]](repeating: [], count: best + 1)
        var lastSeenBy = [Int](repeating: -1, count: added.count)
        for (index, profile) in removed.enumerated() {
            let lists = Set(profile.keys()).compactMap { key in buckets[key].map { (key, $0) } }
                .sorted { $0.1.count != $1.1.count ? $0.1.count < $1.1.count : $0.0 < $1.0 }
            var candidates: [Int] = []
            collect: for (_, list) in lists {
                for candidate in list where lastSeenBy[candidate] != index {
                    lastSeenBy[candidate] = index
                    candidates.append(candidate)
                    if candidates.count == candidatesPerStage { break collect }
                }
            }
            for candidate in candidates.sorted() {
                let score = score(profile, added[candidate])
                if score.qualifies { byPoints[min(score.points, best)].append((index, candidate, score)) }
            }
        }
        var removedTaken = [Bool](repeating: false, count: removed.count)
        var addedTaken = [Bool](repeating: false, count: added.count)
        var result: [(removed: Int, added: Int, score: Score)] = []
        for level in byPoints.reversed() {
            for pair in level where !removedTaken[pair.removed] && !addedTaken[pair.added] {
                removedTaken[pair.removed] = true
                addedTaken[pair.added] = true
                result.append(pair)
            }
        }
        return result
    }
}
