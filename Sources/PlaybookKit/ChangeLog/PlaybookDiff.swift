import PlaybookModel
import YAMLReader

/// The classified differences between two versions of a playbook, and the migration map from old
/// stage ids to new ones.
public struct PlaybookDiff: Sendable {
    public struct Migration: Sendable, Hashable {
        public let from: String
        public let to: String
    }

    /// `renamed_from` names an id that the old version does not have, on a stage that is new.
    public struct DeclarationError: Error, Sendable, CustomStringConvertible {
        public let stage: String
        public let declared: String
        public let position: SourcePosition
        public var description: String {
            "stage '\(stage)' declares renamed_from '\(declared)', but the old version has no stage '\(declared)'; "
                + "fix the id or remove it from renamed_from"
        }
    }

    public let old: Playbook
    public let new: Playbook
    public let changes: [Change]
    public let migrations: [Migration]
    public let errors: [DeclarationError]

    public var summary: [ChangeSeverity: Int] {
        Dictionary(grouping: changes, by: \.severity).mapValues(\.count)
    }

    public func count(_ severity: ChangeSeverity) -> Int { summary[severity] ?? 0 }

    /// Compares two versions. With `oldExists` false the playbook is new: one `playbook-added` change.
    public init(old: Playbook, new: Playbook, oldExists: Bool = true) {
        self.old = old
        self.new = new
        var builder = Builder(old: old, new: new)
        if oldExists {
            builder.compare()
        } else {
            builder.add(.playbookAdded, stage: nil, new: new.title?.value,
                        message: "new playbook with \(new.stages.count) stages", position: new.stagesKey?.start)
        }
        changes = builder.changes
        migrations = builder.migrations
        errors = builder.errors
    }
}

/// Works out the changes, one part of the playbook at a time.
private struct Builder {
    let old: Playbook
    let new: Playbook
    var changes: [Change] = []
    var migrations: [PlaybookDiff.Migration] = []
    var errors: [PlaybookDiff.DeclarationError] = []
    /// Old stage id → new stage id, for stages that continue (same id, declared rename or merge, or
    /// undeclared rename).
    var continues: [String: String] = [:]
    /// The new stage ids that continue an old stage.
    var continued: Set<String> = []

    init(old: Playbook, new: Playbook) {
        self.old = old
        self.new = new
    }

    mutating func add(_ kind: ChangeKind, stage: String?, oldStage: String? = nil, old: String? = nil, new: String? = nil,
                      message: String, position: SourcePosition?) {
        changes.append(Change(kind, stage: stage, oldStage: oldStage, old: old, new: new, message: message, position: position))
    }

    var topPosition: SourcePosition? { new.stagesKey?.start ?? SourcePosition.start }

    mutating func compare() {
        comparePlaybook()
        matchStages()
        compareTeams()
        compareFields()
        flowConsequences()
        versionBump()
    }

    // MARK: Playbook and metadata

    mutating func comparePlaybook() {
        compareDescribed(old, new, owner: "the playbook", stage: nil, at: nil)
    }

    /// Compares the keys the format gives a change to (`FormatKey.change`), each as one value, in the
    /// place's `changeOrder`; a key left out counts as the value that stands for it (`kind: active`).
    mutating func compareDescribed<Model: FormatModel>(_ a: Model, _ b: Model, owner: String, stage: Stage?, at fallback: SourcePosition?) {
        for name in Model.place.changeOrder {
            guard let key = Model.place.key(name), let change = key.change else { continue }
            let before = a.node(forKey: key.name, orAbsent: nil)
            let after = b.node(forKey: key.name, orAbsent: nil)
            switch (before, after) {
            case (nil, nil): continue
            case (let before?, let after?) where before.hasSameValue(as: after): continue
            default: break
            }
            let context = FormatChangeContext(owner: owner, id: stage?.id.value, old: change.show(before), new: change.show(after), stage: stage)
            add(change.kind, stage: stage?.id.value, old: context.old, new: context.new, message: change.message(context),
                position: after?.span.start ?? fallback)
        }
    }

    // MARK: Stages

    mutating func matchStages() {
        for stage in old.stages where new.stageIndex[stage.id.value] != nil { follow(stage.id.value, to: stage.id.value) }

        // Declared renames, merges and removals with a destination.
        var declaredOld = Set<String>()
        for stage in new.stages {
            guard let declared = stage.renamedFrom?.items, !declared.isEmpty else { continue }
            let isNew = old.stageIndex[stage.id.value] == nil
            var merged: [String] = []  // the declared ids that are gone, for the merge message
            var mergedSeen = Set<String>()
            for item in declared where old.stageIndex[item.value] != nil && new.stageIndex[item.value] == nil {
                if mergedSeen.insert(item.value).inserted { merged.append(item.value) }
            }
            for item in declared {
                let oldID = item.value
                guard old.stageIndex[oldID] != nil else {
                    // Kept from an earlier rename, on a stage that already existed: history, not an error.
                    if isNew { errors.append(.init(stage: stage.id.value, declared: oldID, position: item.position)) }
                    continue
                }
                guard new.stageIndex[oldID] == nil || oldID == stage.id.value else { continue }  // still there: not a rename
                guard oldID != stage.id.value, declaredOld.insert(oldID).inserted else { continue }
                follow(oldID, to: stage.id.value)
                migrations.append(.init(from: oldID, to: stage.id.value))
                let how: String
                if !isNew {
                    how = "stage '\(oldID)' is removed and its leads move to the existing stage '\(stage.id.value)'"
                } else if merged.count > 1 {
                    let others = merged.prefix(ChangeText.listLimit + 1).filter { $0 != oldID }.prefix(ChangeText.listLimit)
                    how = "stage '\(oldID)' is merged with \(ChangeText.quotedList(Array(others), of: merged.count - 1)) into '\(stage.id.value)'"
                } else {
                    how = "stage '\(oldID)' is renamed to '\(stage.id.value)'"
                }
                add(.stageRenamed, stage: stage.id.value, oldStage: oldID, old: oldID, new: stage.id.value,
                    message: how + "; migrate its leads, and update CRM picklists, reports and automations that use the old id",
                    position: stage.id.position)
            }
        }

        let removed = old.stages.filter { continues[$0.id.value] == nil }
        let added = new.stages.filter { !continued.contains($0.id.value) }
        let oldPredecessors = Self.predecessors(in: old)
        let newPredecessors = Self.predecessors(in: new)
        var twins: [Int: (added: Int, reasons: String)] = [:]
        if !removed.isEmpty, !added.isEmpty {
            let removedProfiles = removed.map { stage in
                StageLikeness.Profile(stage, predecessors: (oldPredecessors[stage.id.value] ?? []).map { continues[$0] ?? $0 },
                                      exits: Set(stage.transitions.compactMap { $0.to.map { continues[$0.value] ?? $0.value } }))
            }
            let addedProfiles = added.map { stage in
                StageLikeness.Profile(stage, predecessors: newPredecessors[stage.id.value] ?? [],
                                      exits: Set(stage.transitions.compactMap { $0.to?.value }))
            }
            for pair in StageLikeness.pairs(removed: removedProfiles, added: addedProfiles) {
                let reasons = StageLikeness.reasons(pair.score, removedProfiles[pair.removed], addedProfiles[pair.added])
                twins[pair.removed] = (pair.added, reasons)
                follow(removed[pair.removed].id.value, to: added[pair.added].id.value)
            }
        }
        for (index, stage) in removed.enumerated() {
            if let twin = twins[index] {
                let other = added[twin.added]
                add(.renameUndeclared, stage: other.id.value, oldStage: stage.id.value, old: stage.id.value, new: other.id.value,
                    message: "stage '\(stage.id.value)' was removed and '\(other.id.value)' added, and they look like one stage "
                        + "(\(twin.reasons)); if it is a rename, declare `renamed_from: \(stage.id.value)` "
                        + "on '\(other.id.value)' so its leads are migrated",
                    position: other.id.position)
                continue
            }
            // Stages that keep going and had an exit to it lose that path; those that gained an exit
            // to a stage they did not lead to before were given another way on.
            var losing: [String] = []
            var redirected = Set<String>()
            var seen = Set<String>()
            for predecessor in oldPredecessors[stage.id.value] ?? [] {
                guard let next = continues[predecessor], seen.insert(next).inserted else { continue }
                losing.append(next)
                let before = Set((old.stage(predecessor)?.transitions ?? []).compactMap { $0.to.map { continues[$0.value] ?? $0.value } })
                if new.stage(next)?.transitions.contains(where: { $0.to.map { !before.contains($0.value) } ?? false }) == true {
                    redirected.insert(next)
                }
            }
            let lost = losing.isEmpty ? ""
                : losing.count == 1 ? ", and stage '\(losing[0])' loses its exit to it"
                : ", and stages \(ChangeText.quotedList(losing)) lose their exits to it"
            let stranded = losing.filter { !redirected.contains($0) }
            add(.stageRemoved, stage: stage.id.value, old: stage.displayName,
                message: "stage '\(stage.id.value)' (\(stage.displayName)) was removed: leads in it, and reports and automations "
                    + "that use it, have nowhere to go\(lost); declare `renamed_from: \(stage.id.value)` on the stage that replaces it"
                    + (stranded.isEmpty ? "" : ", or give \(ChangeText.quotedList(stranded)) another way on"),
                position: topPosition)
        }
        let paired = Set(twins.values.map(\.added))
        for (index, stage) in added.enumerated() where !paired.contains(index) {
            let predecessors = newPredecessors[stage.id.value] ?? []
            add(.stageAdded, stage: stage.id.value, new: stage.displayName,
                message: "new \(stage.kind.rawValue) stage '\(stage.id.value)' (\(stage.displayName))"
                    + (predecessors.isEmpty ? "" : " after \(ChangeText.quotedList(predecessors))")
                    + "; conversion figures between its neighbours change",
                position: stage.id.position)
        }

        for oldStage in old.stages {
            guard let newID = continues[oldStage.id.value], let newStage = new.stage(newID) else { continue }
            compareStage(oldStage, newStage)
        }
    }

    mutating func follow(_ oldID: String, to newID: String) {
        continues[oldID] = newID
        continued.insert(newID)
    }

    /// Stage id → the ids of the stages with an exit to it (by its exact id), in file order, without repeats.
    static func predecessors(in playbook: Playbook) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for stage in playbook.stages {
            var targets = Set<String>()
            for transition in stage.transitions {
                guard let to = transition.to?.value, targets.insert(to).inserted else { continue }
                result[to, default: []].append(stage.id.value)
            }
        }
        return result
    }

    mutating func compareStage(_ a: Stage, _ b: Stage) {
        let id = b.id.value
        let at = b.id.position
        compareDescribed(a, b, owner: "stage '\(id)'", stage: b, at: at)
        let fieldsA = Set((a.requiredFields ?? []).map(\.value))
        let fieldsB = Set((b.requiredFields ?? []).map(\.value))
        var reported = Set<String>()
        for field in b.requiredFields ?? [] where !fieldsA.contains(field.value) && reported.insert(field.value).inserted {
            add(.requiredFieldAdded, stage: id, new: field.value,
                message: "stage '\(id)' now requires field '\(field.value)': leads without it can no longer enter, so forms, "
                    + "enrichment and integrations must fill it before the change goes live",
                position: field.position)
        }
        for field in (a.requiredFields ?? []).map(\.value) where !fieldsB.contains(field) {
            add(.requiredFieldRemoved, stage: id, old: field,
                message: "stage '\(id)' no longer requires field '\(field)'", position: at)
        }
        let reasonsA = Dictionary((a.reasons ?? []).map { ($0.code.value, $0.description?.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let reasonsB = Dictionary((b.reasons ?? []).map { ($0.code.value, $0.description?.value ?? "") }, uniquingKeysWith: { first, _ in first })
        for reason in a.reasons ?? [] where reasonsB[reason.code.value] == nil {
            add(.reasonRemoved, stage: id, old: reason.code.value,
                message: "stage '\(id)' lost reason code '\(reason.code.value)': leads that carry it and reports grouped by it break; "
                    + "map it to a remaining code", position: at)
        }
        for reason in b.reasons ?? [] {
            if let before = reasonsA[reason.code.value] {
                if before != (reason.description?.value ?? "") {
                    add(.reasonChanged, stage: id, old: before, new: reason.description?.value,
                        message: "the meaning of reason code '\(reason.code.value)' in stage '\(id)' was reworded", position: reason.code.position)
                }
            } else {
                add(.reasonAdded, stage: id, new: reason.code.value,
                    message: "stage '\(id)' has a new reason code '\(reason.code.value)': add it to the CRM picklist",
                    position: reason.code.position)
            }
        }
        compareTransitions(a, b)
    }

    mutating func compareTransitions(_ a: Stage, _ b: Stage) {
        let id = b.id.value
        var before: [String: Transition] = [:]
        for transition in a.transitions {
            guard let to = transition.to?.value else { continue }
            let target = continues[to] ?? to
            if before[target] == nil { before[target] = transition }
        }
        var after: [String: Transition] = [:]
        for transition in b.transitions {
            guard let to = transition.to?.value else { continue }
            if after[to] == nil { after[to] = transition }
        }
        for transition in a.transitions {
            guard let to = transition.to?.value else { continue }
            // A transition to a stage that was removed is reported with that stage.
            guard let target = continues[to], after[target] == nil else { continue }
            add(.transitionRemoved, stage: id, old: "\(a.id.value) → \(target)",
                message: "stage '\(id)' can no longer move leads to '\(target)' (was: \(quote(transition.when?.value))); "
                    + "automations and leads that took this path need another one", position: b.exitsKey?.start ?? b.id.position)
        }
        for transition in b.transitions {
            guard let to = transition.to?.value else { continue }
            if let previous = before[to] {
                if previous.when?.value != transition.when?.value || previous.action?.value != transition.action?.value {
                    add(.exitChanged, stage: id, old: previous.when?.value, new: transition.when?.value,
                        message: "the exit from '\(id)' to '\(to)' changed"
                            + (previous.when?.value != transition.when?.value ? ": it now needs \(quote(transition.when?.value))" : " (its next action)"),
                        position: transition.span.start)
                }
            } else {
                add(.transitionAdded, stage: id, new: "\(id) → \(to)",
                    message: "stage '\(id)' can now move leads to '\(to)' when \(quote(transition.when?.value))", position: transition.span.start)
            }
        }
    }

    // MARK: Teams and fields

    mutating func compareTeams() {
        let before = Dictionary(old.teams.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.teams.map(\.id.value))
        for team in old.teams where !after.contains(team.id.value) {
            add(.teamRemoved, stage: nil, old: team.id.value,
                message: "team '\(team.id.value)' was removed: queues, reports and permissions built on it must go or move",
                position: new.teamsKey?.start ?? topPosition)
        }
        for team in new.teams {
            guard let previous = before[team.id.value] else {
                add(.teamAdded, stage: nil, new: team.id.value, message: "new team '\(team.id.value)'", position: team.id.position)
                continue
            }
            if previous.name?.value != team.name?.value || previous.role?.value != team.role?.value {
                add(.teamChanged, stage: nil, old: previous.role?.value.rawValue, new: team.role?.value.rawValue,
                    message: "team '\(team.id.value)' changed its name or role", position: team.id.position)
            }
            // Name and role are one change above; keys the format gives a change of their own are compared here.
            compareDescribed(previous, team, owner: "team '\(team.id.value)'", stage: nil, at: team.id.position)
        }
    }

    mutating func compareFields() {
        let before = Dictionary((old.fields ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set((new.fields ?? []).map(\.id.value))
        for field in new.fields ?? [] {
            guard let previous = before[field.id.value] else {
                add(.fieldAdded, stage: nil, new: field.id.value, message: "new field '\(field.id.value)'", position: field.id.position)
                continue
            }
            compareDescribed(previous, field, owner: "field '\(field.id.value)'", stage: nil, at: field.id.position)
        }
        for field in old.fields ?? [] where !after.contains(field.id.value) {
            add(.fieldRemoved, stage: nil, old: field.id.value, message: "field '\(field.id.value)' is no longer declared",
                position: topPosition)
        }
    }

    // MARK: Flow consequences

    mutating func flowConsequences() {
        let oldGraph = StageGraph(old)
        let newGraph = StageGraph(new)
        // The old stage each new stage continues: the one with its id, else the first in the old file
        // (a merge continues several).
        var origin: [String: Int] = [:]
        for (index, stage) in old.stages.enumerated() where new.stageIndex[stage.id.value] != nil && origin[stage.id.value] == nil {
            origin[stage.id.value] = index
        }
        for (index, stage) in old.stages.enumerated() {
            if let next = continues[stage.id.value], origin[next] == nil { origin[next] = index }
        }
        for (index, stage) in new.stages.enumerated() {
            let id = stage.id.value
            guard let oldIndex = origin[id] else { continue }
            let oldStage = old.stages[oldIndex]
            if oldGraph.reachable[oldIndex], !newGraph.reachable[index], !newGraph.entryStages.isEmpty {
                let lost = oldGraph.predecessors[oldIndex].map { old.stages[$0].id.value }.map { continues[$0] ?? $0 }
                add(.becameUnreachable, stage: id,
                    message: "stage '\(id)' can no longer be reached from an entry stage; it was reached through "
                        + lost.map { "'\($0) → \(id)'" }.joined(separator: ", ") + "; leads now in it are stranded",
                    position: stage.id.position)
            }
            if !oldStage.isDeadEnd, stage.isDeadEnd {
                add(.becameDeadEnd, stage: id,
                    message: "stage '\(id)' has no exits any more (it had \(oldStage.transitions.count)): leads that enter it can never leave",
                    position: stage.id.position)
            }
            let offRampBefore = oldGraph.successors[oldIndex].contains { old.stages[$0].kind.isOffRamp }
            let offRampAfter = newGraph.successors[index].contains { new.stages[$0].kind.isOffRamp }
            if (stage.kind == .entry || stage.kind == .active), offRampBefore, !offRampAfter, !stage.isDeadEnd {
                let lost = oldGraph.successors[oldIndex].filter { old.stages[$0].kind.isOffRamp }.map { old.stages[$0].id.value }
                add(.lostOffRamp, stage: id,
                    message: "stage '\(id)' lost its direct exit to an off-ramp (was: " + lost.map { "'\(id) → \($0)'" }.joined(separator: ", ")
                        + "): leads that turn out not to be a fit will linger in it", position: stage.id.position)
            }
        }
    }

    mutating func versionBump() {
        guard changes.contains(where: { $0.severity == .breaking }) else { return }
        let before = old.version?.value
        let after = new.version?.value
        guard !VersionNumber.isMajorBump(from: before, to: after) else { return }
        add(.versionNotBumped, stage: nil, old: before, new: after,
            message: "there are breaking changes but the version went from \(quote(before)) to \(quote(after)); raise `version` "
                + "(a major bump for semantic versions, such as 2.1.0 → 3.0.0) so everyone sees the change is breaking",
            position: new.version?.position ?? SourcePosition.start)
    }

    func quote(_ text: String?) -> String {
        text.map { "'\($0)'" } ?? "nothing"
    }
}

/// Comparing playbook versions: integers and semantic versions.
public enum VersionNumber {
    /// True when `new` is a major step up from `old`: a higher integer, a higher first component of
    /// a dotted version, or any version where there was none.
    public static func isMajorBump(from old: String?, to new: String?) -> Bool {
        guard let new else { return false }
        guard let old else { return true }
        let a = components(old)
        let b = components(new)
        guard let majorA = a.first, let majorB = b.first else { return old != new }
        return majorB > majorA
    }

    static func components(_ text: String) -> [Int] {
        var body = Substring(text)
        if body.hasPrefix("v") || body.hasPrefix("V") { body = body.dropFirst() }
        return body.split(separator: ".").prefix(3).compactMap { Int($0.prefix { $0.isNumber }) }
    }
}

/// Wording shared by the change messages.
enum ChangeText {
    /// How many ids a message lists before it says how many more there are.
    static let listLimit = 8

    /// `'a', 'b' and 'c'`: at most `listLimit` ids, then how many more of `total` there are.
    static func quotedList(_ ids: [String], of total: Int? = nil) -> String {
        let shown = ids.prefix(listLimit).map { "'\($0)'" }
        let more = (total ?? ids.count) - shown.count
        return more > 0 ? shown.joined(separator: ", ") + " and \(more) more" : ListWording.joined(shown)
    }

    static func sla(_ sla: SLA?) -> String? {
        guard let sla else { return nil }
        return [sla.within.map { "within \($0.value)" }, sla.action?.value].compactMap { $0 }.joined(separator: ": ")
    }
}
