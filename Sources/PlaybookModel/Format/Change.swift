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

/// A kind of change the differ reports: its id (stable: users filter on it), its one severity, and
/// its meaning, as docs/changelog.md lists them. The differ's own kinds are here; keys of the format
/// declare theirs in `PlaybookFormat`, and `allCases` has both.
public struct ChangeKind: Sendable, Hashable, CustomStringConvertible {
    /// The change id, such as `stage-removed`.
    public let rawValue: String
    public let severity: ChangeSeverity
    /// What the change means, as docs/changelog.md lists it.
    public let meaning: String

    public init(_ id: String, _ severity: ChangeSeverity, _ meaning: String) {
        rawValue = id
        self.severity = severity
        self.meaning = meaning
    }

    public var description: String { rawValue }

    public static func == (lhs: ChangeKind, rhs: ChangeKind) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public static let stageRemoved = ChangeKind("stage-removed", .breaking,
        "A stage is gone and no stage declares `renamed_from` it: leads in it, reports and automations on it have nowhere to go, and the stages with an exit to it lose that path.")
    public static let renameUndeclared = ChangeKind("rename-undeclared", .breaking,
        "A removed and an added stage look like one stage (the same name, or a like name or the same entry rule with enough else in common) but the new one does not declare `renamed_from`.")
    public static let kindChanged = ChangeKind("kind-changed", .breaking,
        "A stage changed kind (an active stage became an off-ramp, a terminal stage became active…).")
    public static let transitionRemoved = ChangeKind("transition-removed", .breaking,
        "A way out of a stage is gone.")
    public static let requiredFieldAdded = ChangeKind("required-field-added", .breaking,
        "A stage now requires a field: leads without it can no longer enter, and forms and integrations must supply it.")
    public static let reasonRemoved = ChangeKind("reason-removed", .breaking,
        "A disqualification reason code is gone: reports grouped by it break.")
    public static let teamRemoved = ChangeKind("team-removed", .breaking,
        "A team is gone.")
    public static let becameUnreachable = ChangeKind("became-unreachable", .breaking,
        "A stage that leads could reach before can no longer be reached.")
    public static let becameDeadEnd = ChangeKind("became-dead-end", .breaking,
        "A stage that had exits now has none.")
    public static let lostOffRamp = ChangeKind("lost-off-ramp", .breaking,
        "A stage lost its last direct exit to a nurture or disqualified stage.")
    public static let stageAdded = ChangeKind("stage-added", .notable,
        "A new stage: conversion figures between its neighbours change.")
    public static let stageRenamed = ChangeKind("stage-renamed", .notable,
        "A stage declares `renamed_from`: a rename, a merge, or a removal with a destination; the migration map moves its leads.")
    public static let nameChanged = ChangeKind("name-changed", .notable,
        "A stage's display name changed (its id did not).")
    public static let ownerChanged = ChangeKind("owner-changed", .notable,
        "Another team now owns a stage.")
    public static let entryChanged = ChangeKind("entry-changed", .notable,
        "A stage's entry rule changed.")
    public static let exitChanged = ChangeKind("exit-changed", .notable,
        "The rule or next action of a transition changed.")
    public static let transitionAdded = ChangeKind("transition-added", .notable,
        "A new way out of a stage.")
    public static let slaChanged = ChangeKind("sla-changed", .notable,
        "A stage's SLA was added, removed or changed.")
    public static let probabilityChanged = ChangeKind("probability-changed", .notable,
        "A stage's win probability changed: forecasts move.")
    public static let requiredFieldRemoved = ChangeKind("required-field-removed", .notable,
        "A stage no longer requires a field.")
    public static let reasonAdded = ChangeKind("reason-added", .notable,
        "A new disqualification reason code.")
    public static let routingChanged = ChangeKind("routing-changed", .notable,
        "How leads in a stage are assigned changed.")
    public static let nurtureChanged = ChangeKind("nurture-changed", .notable,
        "A nurture plan changed.")
    public static let versionNotBumped = ChangeKind("version-not-bumped", .notable,
        "There are breaking changes but `version` did not go up (a major bump for semantic versions).")
    public static let descriptionChanged = ChangeKind("description-changed", .info,
        "A description changed.")
    public static let reasonChanged = ChangeKind("reason-changed", .info,
        "The description of a reason code changed.")
    public static let versionChanged = ChangeKind("version-changed", .info,
        "The playbook's version changed.")
    public static let playbookChanged = ChangeKind("playbook-changed", .info,
        "The playbook's title, motion or level changed.")
    public static let playbookAdded = ChangeKind("playbook-added", .info,
        "The playbook did not exist in the old version.")
    public static let teamAdded = ChangeKind("team-added", .info,
        "A new team.")
    public static let teamChanged = ChangeKind("team-changed", .info,
        "A team's name or role changed.")
    public static let fieldAdded = ChangeKind("field-added", .info,
        "A new field.")
    public static let fieldRemoved = ChangeKind("field-removed", .info,
        "A field is no longer declared.")

    /// Every kind, the differ's own first (by severity, as docs/changelog.md lists them), then those
    /// the format's keys declare.
    public static let allCases: [ChangeKind] = [
        .stageRemoved, .renameUndeclared, .kindChanged, .transitionRemoved, .requiredFieldAdded,
        .reasonRemoved, .teamRemoved, .becameUnreachable, .becameDeadEnd, .lostOffRamp,
        .stageAdded, .stageRenamed, .nameChanged, .ownerChanged, .entryChanged,
        .exitChanged, .transitionAdded, .slaChanged, .probabilityChanged, .requiredFieldRemoved,
        .reasonAdded, .routingChanged, .nurtureChanged, .versionNotBumped, .descriptionChanged,
        .reasonChanged, .versionChanged, .playbookChanged, .playbookAdded, .teamAdded,
        .teamChanged, .fieldAdded, .fieldRemoved,
    ] + PlaybookFormat.declaredChangeKinds
}

/// One classified difference between two versions of a playbook.
public struct Change: Sendable, Hashable {
    public let kind: ChangeKind
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

    /// The change id, such as `stage-removed` (stable: users filter on it).
    public var id: String { kind.rawValue }
    public var severity: ChangeSeverity { kind.severity }

    public init(_ kind: ChangeKind, stage: String?, oldStage: String? = nil, old: String? = nil, new: String? = nil,
                message: String, position: SourcePosition?) {
        self.kind = kind
        self.stage = stage
        self.oldStage = oldStage
        self.old = old
        self.new = new
        self.message = message
        self.position = position
    }
}
