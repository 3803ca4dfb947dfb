import YAMLReader

/// Turns a YAML document into a `Playbook`, reporting every structural finding of the format
/// (unknown, missing and invalid keys, bad ids, undefined references, duplicate stage names).
/// It never stops at the first problem: one run reports everything in a file.
public struct PlaybookDecoder {
    private var nodes: NodeDecoding
    /// Stages decoded while the file was read, for the places `document.detached` lists.
    private var streamed = StreamedStages.Taken()

    package init(nodes: NodeDecoding) {
        self.nodes = nodes
    }

    /// The text store, with the texts decoded so far.
    package var texts: TextStore { nodes.texts }

    package var diagnostics: [Diagnostic] { nodes.sink.diagnostics }

    public static func decode(_ document: YAMLDocument, into sink: inout DiagnosticSink) -> Playbook? {
        decode(document, into: &sink, streamed: StreamedStages.Taken())
    }

    /// Takes the document and the streamed stages over: both are freed once the model is built, before
    /// references are checked (the YAML nodes of a big file's `stages` mapping and the decoder's tables
    /// would otherwise be held together, the peak of memory).
    package static func decode(
        _ document: consuming YAMLDocument, into sink: inout DiagnosticSink, streamed: consuming StreamedStages.Taken,
        texts: TextStore = TextStore()
    ) -> Playbook? {
        let root = document.root
        let rootPosition = document[root].position
        var decoded: (playbook: Playbook, stages: [Stage])?
        do {
            var decoder = PlaybookDecoder(nodes: NodeDecoding(document: consume document, sink: sink, texts: texts))
            decoder.streamed = consume streamed
            decoded = decoder.decodeTopLevel(root)
            sink = decoder.nodes.sink
        }
        guard var playbook = decoded?.playbook, let stages = decoded?.stages else { return nil }
        decoded = nil
        playbook.stages = stages  // the stage index is built here, once the document is freed
        resolveReferences(playbook, rootPosition: rootPosition, into: &sink)
        return playbook
    }

    private var document: YAMLDocument {
        _read { yield nodes.document }
    }

    // MARK: - Top level

    /// The playbook without its stages, and the stages (set by the caller once the document is freed).
    private mutating func decodeTopLevel(_ root: NodeID) -> (playbook: Playbook, stages: [Stage])? {
        let rootNode = document[root]
        if nodes.isNull(root) {
            nodes.sink.report(.missingKey, at: .fileStart, Self.emptyFileMessage)
            return nil
        }
        guard document.pairs(root) != nil else {
            nodes.invalid(root, "a playbook is a mapping with `playbook`, `stages` and other keys at the top level, "
                + "but this file holds \(rootNode.kindName)")
            return nil
        }
        let anchor = SourceSpan(at: rootNode.position)
        guard let keys = nodes.keyed(root, place: PlaybookFormat.topLevel, label: "the playbook", anchor: anchor) else { return nil }

        var playbook = Playbook()
        playbook.extensions = keys.extensions
        playbook.described = nodes.described(keys, of: Playbook.self, label: "the playbook")
        if let id = keys["playbook"] { playbook.title = nodes.string(id, key: "playbook") }
        if let id = keys["version"] { playbook.version = nodes.version(id) }
        if let id = keys["description"] { playbook.description = nodes.string(id, key: "description") }
        if let id = keys["motion"] { playbook.motion = nodes.enumeration(id, key: "motion", as: Motion.self) }
        if let id = keys["level"] { playbook.level = nodes.enumeration(id, key: "level", as: Level.self) }
        if let entry = keys.entry("teams") {
            playbook.teamsKey = document[entry.key].span
            playbook.teams = decodeTeams(entry.value)
        }
        if let id = keys["fields"] { playbook.fields = decodeFields(id) }
        var stages: [Stage] = []
        if let entry = keys.entry("stages") {
            playbook.stagesKey = document[entry.key].span
            stages = decodeStages(entry.value)
        }
        return (playbook, stages)
    }

    package static let emptyFileMessage = "the file holds no playbook; a playbook needs at least `playbook` (its title) "
        + "and `stages` at the top level"

    /// Iterates `id → mapping` entries (teams, fields, stages), checking each id.
    private mutating func decodeEntries<T>(
        _ id: NodeID, key: String, what: String, decode: (inout Self, Located<String>, NodeID) -> T?
    ) -> [T] {
        guard let pairs = document.pairs(id) else {
            let found = nodes.isNull(id) ? "it is empty" : "found \(document[id].kindName)"
            nodes.invalid(id, "`\(key)` must be a mapping of \(what) id → \(what); \(found)")
            return []
        }
        var result: [T] = []
        for pair in pairs {
            guard let entryID = nodes.keyIdentifier(pair.key, what: "\(what) id") else {
                nodes.invalid(pair.key, "\(what) ids must be plain strings, found \(document[pair.key].kindName)")
                continue
            }
            if let value = decode(&self, entryID, pair.value) { result.append(value) }
        }
        return result
    }

    // MARK: - Teams and fields

    private mutating func decodeTeams(_ id: NodeID) -> [Team] {
        decodeEntries(id, key: "teams", what: "team") { decoder, teamID, value in
            var team = Team(id: teamID)
            guard let keys = decoder.nodes.keyed(value, place: PlaybookFormat.team, label: "team '\(teamID.value)'", anchor: teamID.span)
            else { return team }
            team.extensions = keys.extensions
            team.described = decoder.nodes.described(keys, of: Team.self, label: "team '\(teamID.value)'")
            if let id = keys["name"] { team.name = decoder.nodes.string(id, key: "name") }
            if let id = keys["role"] { team.role = decoder.nodes.enumeration(id, key: "role", as: TeamRole.self) }
            if let id = keys["description"] { team.description = decoder.nodes.string(id, key: "description") }
            return team
        }
    }

    private mutating func decodeFields(_ id: NodeID) -> [Field] {
        decodeEntries(id, key: "fields", what: "field") { decoder, fieldID, value in
            var field = Field(id: fieldID)
            guard let keys = decoder.nodes.keyed(value, place: PlaybookFormat.field, label: "field '\(fieldID.value)'", anchor: fieldID.span)
            else { return field }
            field.extensions = keys.extensions
            field.described = decoder.nodes.described(keys, of: Field.self, label: "field '\(fieldID.value)'")
            if let id = keys["label"] { field.label = decoder.nodes.string(id, key: "label") }
            if let id = keys["type"] { field.type = decoder.nodes.enumeration(id, key: "type", as: FieldType.self) }
            if let id = keys["description"] { field.description = decoder.nodes.string(id, key: "description") }
            if let valuesID = keys["values"] {
                if let items = decoder.document.items(valuesID) {
                    field.values = items.compactMap { decoder.nodes.string($0, key: "values") }
                    if items.isEmpty {
                        decoder.nodes.invalid(valuesID, "`values` of field '\(fieldID.value)' is empty; list the allowed values")
                    }
                } else {
                    decoder.nodes.invalid(valuesID, "`values` must be a list of strings, found \(decoder.document[valuesID].kindName)")
                }
                if let type = field.type, type.value != .enum {
                    decoder.nodes.invalid(valuesID, "field '\(fieldID.value)' has `values` but is of type '\(type.value.rawValue)'; "
                        + "set `type: enum` or remove `values`")
                }
            } else if field.type?.value == .enum {
                decoder.nodes.sink.report(.missingKey, at: fieldID.span,
                    "field '\(fieldID.value)' is of type enum but has no `values`; list the allowed values")
            }
            return field
        }
    }

    // MARK: - Stages

    private mutating func decodeStages(_ id: NodeID) -> [Stage] {
        let stages = decodeEntries(id, key: "stages", what: "stage") { decoder, stageID, value in
            if let number = decoder.document.detached[value], decoder.streamed.indices.contains(number) {
                let (stage, diagnostics) = decoder.streamed[number]
                decoder.nodes.sink.report(diagnostics)
                return stage
            }
            return decoder.decodeStage(stageID, value)
        }
        if stages.isEmpty, document.pairs(id)?.isEmpty == true {
            nodes.invalid(id, "`stages` is empty; a playbook needs at least one stage")
        }
        return stages
    }

    package mutating func decodeStage(_ stageID: Located<String>, _ value: NodeID) -> Stage {
        var stage = Stage(id: stageID)
        let label = "stage '\(stageID.value)'"
        guard let keys = nodes.keyed(value, place: PlaybookFormat.stage, label: label, anchor: stageID.span) else {
            stage.isMalformed = true
            return stage
        }
        if !keys.extensions.isEmpty { stage.extensions = keys.extensions }  // an empty list is what a stage has
        stage.writtenKeys = StageKeys(keys.entries.lazy.map(\.name))
        let described = nodes.described(keys, of: Stage.self, label: label)
        if !described.isEmpty { stage.described = described }
        if let id = keys["name"] { stage.compactName = nodes.text(id, key: "name") }
        if let id = keys["kind"], let (kind, recovered) = nodes.enumerationRecovering(id, key: "kind", as: StageKind.self) {
            if let kind {
                stage.kind = kind.value
                stage.kindSpan = kind.span
            } else if recovered {
                stage.isMalformed = true  // an unknown kind with no likely meaning
            }
        }
        if let id = keys["owner"] { stage.owner = nodes.string(id, key: "owner") }
        if let id = keys["description"] { stage.compactDescription = nodes.text(id, key: "description") }
        if let id = keys["entry"] { stage.entry = nodes.textList(id, key: "entry") }
        if let entry = keys.entry("exits") {
            stage.exitsKey = document[entry.key].span
            stage.exits = decodeTransitions(entry.value, stage: label)
        }
        if let id = keys["required_fields"] {
            stage.requiredFields = nodes.identifierList(id, key: "required_fields", what: "field id")
        }
        if let id = keys["sla"] { stage.sla = decodeSLA(id, stage: label) }
        if let id = keys["routing"] { stage.routing = nodes.textList(id, key: "routing") }
        if let id = keys["probability"] { stage.probability = nodes.percentage(id, key: "probability") }
        if let id = keys["nurture"] { stage.nurture = decodeNurture(id, stage: label) }
        if let id = keys["reasons"] { stage.reasons = decodeReasons(id, stage: label) }
        if let id = keys["renamed_from"] { stage.renamedFrom = nodes.identifiers(id, key: "renamed_from", what: "stage") }
        return stage
    }

    private mutating func decodeTransitions(_ id: NodeID, stage label: String) -> [Transition]? {
        guard let items = document.items(id) else {
            let found = nodes.isNull(id) ? "it is empty" : "found \(document[id].kindName)"
            nodes.invalid(id, "`exits` of \(label) must be a list of transitions (`- to: …` with `when: …`); \(found)")
            return nil
        }
        var transitions: [Transition] = []
        transitions.reserveCapacity(items.count)  // a stage's exits are kept for the whole run: no slack
        for item in items {
            let node = document[item]
            let span = node.span
            var transition = Transition(span: span)
            if let target = node.scalarText, !node.isNullScalar {
                // `exits: [mql, lost]`: say how to write it, and keep the target for flow analysis.
                nodes.invalid(item, "a transition is a mapping with `to` and `when`, not a bare stage id; write "
                    + "`- { to: \(target), when: … }` with the rule that moves the lead")
                transition.to = Located(target, at: span)
                transitions.append(transition)
                continue
            }
            // Messages about the transition name where it goes, when it says.
            let target = document.pairs(item)?.first { document[$0.key].scalarText == "to" }
                .flatMap { document[$0.value].scalarText }.flatMap { $0.isBlank ? nil : $0 }
            guard let keys = nodes.keyed(item, place: PlaybookFormat.transition,
                                         label: target.map { "the transition of \(label) to '\($0)'" } ?? "a transition of \(label)",
                                         anchor: SourceSpan(at: span.start)) else { continue }
            transition.extensions = keys.extensions
            transition.described = nodes.described(keys, of: Transition.self, label: "a transition of \(label)")
            if let to = keys["to"] { transition.to = nodes.string(to, key: "to") }
            if let when = keys["when"] { transition.compactWhen = nodes.text(when, key: "when") }
            if let action = keys["action"] { transition.compactAction = nodes.text(action, key: "action") }
            transitions.append(transition)
        }
        return transitions
    }

    private mutating func decodeSLA(_ id: NodeID, stage label: String) -> SLA? {
        let span = document[id].span
        guard let keys = nodes.keyed(id, place: PlaybookFormat.sla, label: "the sla of \(label)", anchor: SourceSpan(at: span.start))
        else { return nil }
        var sla = SLA(span: span)
        sla.extensions = keys.extensions
        sla.described = nodes.described(keys, of: SLA.self, label: "the sla of \(label)")
        if let within = keys["within"] { sla.within = nodes.duration(within, key: "within") }
        if let action = keys["action"] { sla.compactAction = nodes.text(action, key: "action") }
        return sla
    }

    private mutating func decodeNurture(_ id: NodeID, stage label: String) -> NurturePlan? {
        let span = document[id].span
        guard let keys = nodes.keyed(id, place: PlaybookFormat.nurture, label: "the nurture plan of \(label)",
                                     anchor: SourceSpan(at: span.start)) else { return nil }
        var plan = NurturePlan(span: span)
        plan.extensions = keys.extensions
        plan.described = nodes.described(keys, of: NurturePlan.self, label: "the nurture plan of \(label)")
        if let cadence = keys["cadence"] { plan.cadence = nodes.string(cadence, key: "cadence") }
        if let content = keys["content"] { plan.content = nodes.string(content, key: "content") }
        if let followUp = keys.entry("follow_up") {
            plan.followUpKey = document[followUp.key].span
            plan.followUp = nodes.duration(followUp.value, key: "follow_up")
        }
        if keys.entries.isEmpty {
            nodes.invalid(id, "the nurture plan of \(label) is empty; give its `cadence`, `content` and `follow_up`")
        }
        return plan
    }

    private mutating func decodeReasons(_ id: NodeID, stage label: String) -> [Reason]? {
        guard let pairs = document.pairs(id) else {
            let found = nodes.isNull(id) ? "it is empty" : "found \(document[id].kindName)"
            nodes.invalid(id, "`reasons` of \(label) must be a mapping of reason code → description "
                + "(`no_budget: Budget mismatch`); \(found)")
            return nil
        }
        var reasons: [Reason] = []
        for (index, pair) in pairs.enumerated() {
            // `{ no_budget: Budget mismatch, or no authority }`: a description cut by a comma.
            if let split = nodes.commaSplit(at: index, of: pairs, in: id, textKey: { $0 }) {
                if split.first == index { nodes.reportCommaSplit(split, in: "the reasons of \(label)") }
                continue
            }
            guard let code = nodes.keyIdentifier(pair.key, what: "reason code") else {
                nodes.invalid(pair.key, "reason codes must be plain strings, found \(document[pair.key].kindName)")
                continue
            }
            reasons.append(Reason(code: code, description: nodes.string(pair.value, key: "reason '\(code.value)'")))
        }
        if pairs.isEmpty {
            nodes.invalid(id, "`reasons` of \(label) is empty; list the coded disqualification reasons")
        }
        return reasons
    }

    // MARK: - References

    /// Owners, required fields and transition targets must name what the playbook declares;
    /// stage names must be unique.
    private static func resolveReferences(_ playbook: Playbook, rootPosition: SourcePosition, into sink: inout DiagnosticSink) {
        let teamIDs = playbook.teams.map(\.id.value)
        let ownedStages = playbook.stages.filter { $0.owner != nil }
        if playbook.teamsKey == nil, let first = ownedStages.first?.owner {
            sink.report(.missingKey, at: SourceSpan(at: rootPosition),
                "stages name owners (first '\(first.value)' at line \(first.position.line)) but the playbook has no "
                    + "`teams`; declare each team with its `name` and `role`")
        } else {
            let teamCandidates = Suggestion.Candidates(teamIDs)
            let known = Set(teamIDs)
            // Among equally close teams, one that owns no stage yet is the likelier meaning.
            let owning = Set(ownedStages.compactMap { $0.owner?.value })
            for stage in ownedStages {
                guard let owner = stage.owner, !known.contains(owner.value) else { continue }
                let suggestion = teamCandidates.suggestions(for: owner.value, preferring: { !owning.contains($0) })
                let known = teamIDs.isEmpty ? "no teams are declared" : "declared teams: \(teamIDs.joined(separator: ", "))"
                sink.report(.undefinedTeam, at: owner.span,
                    "stage '\(stage.id.value)' is owned by undefined team '\(owner.value)'\(Suggestion.didYouMean(suggestion)) "
                        + "(\(known))", fix: typoFix(owner, suggestion))
            }
        }

        if let fields = playbook.fields {
            let fieldIDs = fields.map(\.id.value)
            let fieldCandidates = Suggestion.Candidates(fieldIDs)
            let known = Set(fieldIDs)
            // Among equally close fields, one that no stage requires yet is the likelier meaning.
            let required = Set(playbook.stages.lazy.flatMap { ($0.requiredFields ?? []).map(\.value) })
            for stage in playbook.stages {
                // A malformed id is already an invalid-value finding.
                for field in stage.requiredFields ?? [] where !known.contains(field.value) && Identifier.isValid(field.value) {
                    let suggestion = fieldCandidates.suggestions(for: field.value, preferring: { !required.contains($0) })
                    let hint = suggestion.isEmpty ? "; declare it under `fields`" : ""
                    sink.report(.undefinedField, at: field.span,
                        "stage '\(stage.id.value)' requires undefined field '\(field.value)'\(Suggestion.didYouMean(suggestion))\(hint)",
                        fix: typoFix(field, suggestion))
                }
            }
        }

        var resolver: StageResolver?
        var suggestions: [String: [String]] = [:]
        for stage in playbook.stages {
            for transition in stage.transitions {
                guard let to = transition.to, playbook.stageIndex[to.value] == nil else { continue }
                var message = "transition goes to undefined stage '\(to.value)'"
                let typos = resolver ?? StageResolver(playbook)
                resolver = typos
                let meant = suggestions[to.value]
                    ?? typos.suggestions(for: to.value, fuzzy: suggestions.count < StageResolver.fuzzyLimit)
                suggestions[to.value] = meant
                if !meant.isEmpty {
                    message += Suggestion.didYouMean(meant)
                } else {
                    message += "; the stages are \(playbook.stages.prefix(12).map(\.id.value).joined(separator: ", "))"
                        + (playbook.stages.count > 12 ? ", …" : "")
                }
                sink.report(.undefinedStage, at: to.span, message, fix: typoFix(to, meant))
            }
        }

        UniqueValues.check(playbook, into: &sink)
        renameBadIDs(playbook, into: &sink)

        var names = NameTable()
        for (index, stage) in playbook.stages.enumerated() {
            guard let name = stage.name else { continue }
            if let firstIndex = names.insert(Identifier.normalizedName(name.value), index, in: playbook) {
                let first = playbook.stages[firstIndex]
                let firstName = first.name?.value ?? ""
                sink.report(.duplicateStage, at: name.span,
                    "stage name '\(name.value)' is already used by stage '\(first.id.value)' ('\(firstName)', line "
                        + "\(first.name?.position.line ?? first.id.position.line)); names are compared ignoring case and spaces, "
                        + "so give each stage a distinct name")
            }
        }
    }
}

extension PlaybookDecoder {
    /// A reference with one likely meaning is a guess to fix, never a certainty. A malformed id is
    /// not written into a reference: its own rename fixes it, and the reference with it.
    package static func typoFix(_ reference: Located<String>, _ candidates: [String]) -> Fix? {
        guard candidates.count == 1, let candidate = candidates.first, Identifier.isValid(candidate) else { return nil }
        return Fix(.unsafe, "write '\(candidate)'", edits: [TextEdit(reference.span, candidate)])
    }

    /// A stage, team or field id that is not valid (`Bad Id`) can be renamed to the one its finding
    /// proposes (`bad_id`), with every reference to it: a guess (other files, the CRM and reports may
    /// use the old id), and none when the new id is taken.
    package static func renameBadIDs(_ playbook: Playbook, into sink: inout DiagnosticSink) {
        func rename(_ id: Located<String>, what: String, taken: Set<String>, references: [Located<String>]) {
            guard !Identifier.isValid(id.value) else { return }
            let new = Identifier.slug(id.value, prefix: what)
            guard Identifier.isValid(new), !taken.contains(new) else { return }
            let edits = [TextEdit(id.span, new)] + references.filter { $0.value == id.value }.map { TextEdit($0.span, new) }
            sink.attach(Fix(.unsafe, "rename \(what) '\(id.value)' to '\(new)'" + (edits.count > 1 ? " and its \(edits.count - 1) "
                            + (edits.count == 2 ? "reference" : "references") : ""), edits: edits),
                        to: .invalidValue, at: id.span)
        }
        // Most playbooks have no bad id: nothing is gathered for them.
        if playbook.stages.contains(where: { !Identifier.isValid($0.id.value) }) {
            let stageIDs = Set(playbook.stages.map(\.id.value))
            let targets = playbook.stages.flatMap { $0.transitions.compactMap(\.to) }
            for stage in playbook.stages { rename(stage.id, what: "stage", taken: stageIDs, references: targets) }
        }
        if playbook.teams.contains(where: { !Identifier.isValid($0.id.value) }) {
            let teamIDs = Set(playbook.teams.map(\.id.value))
            let owners = playbook.stages.compactMap(\.owner)
            for team in playbook.teams { rename(team.id, what: "team", taken: teamIDs, references: owners) }
        }
        if let fields = playbook.fields, fields.contains(where: { !Identifier.isValid($0.id.value) }) {
            let fieldIDs = Set(fields.map(\.id.value))
            let required = playbook.stages.flatMap { $0.requiredFields ?? [] }
            for field in fields { rename(field.id, what: "field", taken: fieldIDs, references: required) }
        }
    }
}

/// The first stage of each normalized name, keyed by the name's hash rather than the name: a
/// 20,000-stage playbook would otherwise hold 20,000 more strings while its references are checked.
/// Names of equal hash are compared; a different name of the same hash goes to `collided`.
package struct NameTable {
    private var firstByHash: [Int: Int] = [:]
    private var collided: [String: Int] = [:]
    private let hash: (String) -> Int

    /// `hash` is replaced only by tests, to make names collide.
    package init(hash: @escaping (String) -> Int = { $0.hashValue }) {
        self.hash = hash
    }

    /// Records that stage `index` has the normalized name `key`; returns the stage that had it first.
    package mutating func insert(_ key: String, _ index: Int, in playbook: Playbook) -> Int? {
        let hash = hash(key)
        guard let first = firstByHash[hash] else {
            firstByHash[hash] = index
            return nil
        }
        if playbook.stages[first].name.map({ Identifier.normalizedName($0.value) }) == key { return first }
        if let other = collided[key] { return other }
        collided[key] = index
        return nil
    }
}

/// Finds the stage a mistyped reference most likely means: by id, by name, or by a close typo. Among
/// equally close typos it prefers a stage that nothing leads to yet (the reference is probably its
/// missing way in), then one whose id the reference begins; when that still leaves a tie, all of them.
public struct StageResolver: Sendable {
    private let ids: Suggestion.Candidates
    private let byLowercasedID: [String: String]
    private let byName: [String: String]
    /// Stages with no way in: not an entry stage and the target of no transition that names it exactly.
    private let withoutWayIn: Set<String>

    public init(_ playbook: Playbook) {
        ids = Suggestion.Candidates(playbook.stages.map(\.id.value))
        var lowered: [String: String] = [:]
        var names: [String: String] = [:]
        var targets = Set<String>()
        for stage in playbook.stages {
            lowered[stage.id.value.lowercased()] = lowered[stage.id.value.lowercased()] ?? stage.id.value
            if let name = stage.name?.value {
                let key = Identifier.normalizedName(name)
                names[key] = names[key] ?? stage.id.value
            }
            for transition in stage.transitions {
                if let to = transition.to?.value, to != stage.id.value { targets.insert(to) }
            }
        }
        byLowercasedID = lowered
        byName = names
        withoutWayIn = Set(playbook.stages.lazy.filter { $0.kind != .entry && !targets.contains($0.id.value) }.map(\.id.value))
    }

    /// How many distinct undefined references get a typo search; past that (a file that is broken
    /// throughout, or generated), only exact matches by case, name or slug are suggested, which keeps
    /// the work linear.
    public static let fuzzyLimit = 200

    /// The ids of the stages an undefined reference probably means, best first: one, or several
    /// equally likely ones, or none.
    public func suggestions(for reference: String, fuzzy: Bool = true) -> [String] {
        if let id = byLowercasedID[reference.lowercased()] { return [id] }
        if let id = byName[Identifier.normalizedName(reference)] { return [id] }
        if let id = byLowercasedID[Identifier.slug(reference)] { return [id] }
        guard fuzzy else { return [] }
        return ids.suggestions(for: reference, preferring: withoutWayIn.contains)
    }
}
