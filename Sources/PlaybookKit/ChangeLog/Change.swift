import YAMLReader

/// How much a change matters to the people and systems that use a playbook.
public enum ChangeSeverity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, notable, breaking

    private var rank: Int {
        switch self {
        case .info: return 0
        case .notable: return 1
        case .breaking: return 2
        }
    }

    public static func < (lhs: ChangeSeverity, rhs: ChangeSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One classified difference between two versions of a playbook.
public struct Change: Sendable, Hashable {
    /// The change id, such as `stage-removed` (stable: users filter on it).
    public let id: String
    public let severity: ChangeSeverity
    /// The stage it concerns, by its id in the new version (the old id for removed stages).
    public let stage: String?
    /// For renames: the stage's id in the old version.
    public let oldStage: String?
    public let old: String?
    public let new: String?
    /// What changed and why it matters.
    public let message: String
    /// Where to annotate in the new file (the stage, or the top of `stages`).
    public let position: SourcePosition?

    public init(_ id: String, _ severity: ChangeSeverity, stage: String?, oldStage: String? = nil, old: String? = nil,
                new: String? = nil, message: String, position: SourcePosition?) {
        self.id = id
        self.severity = severity
        self.stage = stage
        self.oldStage = oldStage
        self.old = old
        self.new = new
        self.message = message
        self.position = position
    }
}

/// Every change id, with its severity and what it means: the reference the docs list.
public enum ChangeCatalog {
    public static let all: [(id: String, severity: ChangeSeverity, meaning: String)] = [
        ("stage-removed", .breaking, "A stage is gone and no stage declares `renamed_from` it: leads in it, reports and automations on it have nowhere to go."),
        ("rename-undeclared", .breaking, "A removed and an added stage look like one stage (same name, or same entry rule and exits) but the new one does not declare `renamed_from`."),
        ("kind-changed", .breaking, "A stage changed kind (an active stage became an off-ramp, a terminal stage became active…)."),
        ("transition-removed", .breaking, "A way out of a stage is gone."),
        ("required-field-added", .breaking, "A stage now requires a field: leads without it can no longer enter, and forms and integrations must supply it."),
        ("reason-removed", .breaking, "A disqualification reason code is gone: reports grouped by it break."),
        ("team-removed", .breaking, "A team is gone."),
        ("became-unreachable", .breaking, "A stage that leads could reach before can no longer be reached."),
        ("became-dead-end", .breaking, "A stage that had exits now has none."),
        ("lost-off-ramp", .breaking, "A stage lost its last direct exit to a nurture or disqualified stage."),
        ("stage-added", .notable, "A new stage: conversion figures between its neighbours change."),
        ("stage-renamed", .notable, "A stage declares `renamed_from`: a rename, a merge, or a removal with a destination; the migration map moves its leads."),
        ("name-changed", .notable, "A stage's display name changed (its id did not)."),
        ("owner-changed", .notable, "Another team now owns a stage."),
        ("entry-changed", .notable, "A stage's entry rule changed."),
        ("exit-changed", .notable, "The rule or next action of a transition changed."),
        ("transition-added", .notable, "A new way out of a stage."),
        ("sla-changed", .notable, "A stage's SLA was added, removed or changed."),
        ("probability-changed", .notable, "A stage's win probability changed: forecasts move."),
        ("required-field-removed", .notable, "A stage no longer requires a field."),
        ("reason-added", .notable, "A new disqualification reason code."),
        ("routing-changed", .notable, "How leads in a stage are assigned changed."),
        ("nurture-changed", .notable, "A nurture plan changed."),
        ("version-not-bumped", .notable, "There are breaking changes but `version` did not go up (a major bump for semantic versions)."),
        ("description-changed", .info, "A description changed."),
        ("reason-changed", .info, "The description of a reason code changed."),
        ("version-changed", .info, "The playbook's version changed."),
        ("playbook-changed", .info, "The playbook's title, motion or level changed."),
        ("playbook-added", .info, "The playbook did not exist in the old version."),
        ("team-added", .info, "A new team."),
        ("team-changed", .info, "A team's name or role changed."),
        ("field-added", .info, "A new field."),
        ("field-removed", .info, "A field is no longer declared."),
    ]
}
