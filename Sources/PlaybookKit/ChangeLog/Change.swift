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

/// Every kind of change the differ reports. The raw value is the change id users filter on (stable);
/// each kind has one severity and one meaning, which the docs list.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable {
    case stageRemoved = "stage-removed"
    case renameUndeclared = "rename-undeclared"
    case kindChanged = "kind-changed"
    case transitionRemoved = "transition-removed"
    case requiredFieldAdded = "required-field-added"
    case reasonRemoved = "reason-removed"
    case teamRemoved = "team-removed"
    case becameUnreachable = "became-unreachable"
    case becameDeadEnd = "became-dead-end"
    case lostOffRamp = "lost-off-ramp"
    case stageAdded = "stage-added"
    case stageRenamed = "stage-renamed"
    case nameChanged = "name-changed"
    case ownerChanged = "owner-changed"
    case entryChanged = "entry-changed"
    case exitChanged = "exit-changed"
    case transitionAdded = "transition-added"
    case slaChanged = "sla-changed"
    case probabilityChanged = "probability-changed"
    case requiredFieldRemoved = "required-field-removed"
    case reasonAdded = "reason-added"
    case routingChanged = "routing-changed"
    case nurtureChanged = "nurture-changed"
    case versionNotBumped = "version-not-bumped"
    case descriptionChanged = "description-changed"
    case reasonChanged = "reason-changed"
    case versionChanged = "version-changed"
    case playbookChanged = "playbook-changed"
    case playbookAdded = "playbook-added"
    case teamAdded = "team-added"
    case teamChanged = "team-changed"
    case fieldAdded = "field-added"
    case fieldRemoved = "field-removed"

    public var severity: ChangeSeverity {
        switch self {
        case .stageRemoved, .renameUndeclared, .kindChanged, .transitionRemoved, .requiredFieldAdded, .reasonRemoved,
             .teamRemoved, .becameUnreachable, .becameDeadEnd, .lostOffRamp:
            return .breaking
        case .stageAdded, .stageRenamed, .nameChanged, .ownerChanged, .entryChanged, .exitChanged, .transitionAdded,
             .slaChanged, .probabilityChanged, .requiredFieldRemoved, .reasonAdded, .routingChanged, .nurtureChanged,
             .versionNotBumped:
            return .notable
        case .descriptionChanged, .reasonChanged, .versionChanged, .playbookChanged, .playbookAdded, .teamAdded,
             .teamChanged, .fieldAdded, .fieldRemoved:
            return .info
        }
    }

    /// What the change means, as docs/changelog.md lists it.
    public var meaning: String {
        switch self {
        case .stageRemoved: return "A stage is gone and no stage declares `renamed_from` it: leads in it, reports and automations on it have nowhere to go, and the stages with an exit to it lose that path."
        case .renameUndeclared: return "A removed and an added stage look like one stage (the same name, or a like name or the same entry rule with enough else in common) but the new one does not declare `renamed_from`."
        case .kindChanged: return "A stage changed kind (an active stage became an off-ramp, a terminal stage became active…)."
        case .transitionRemoved: return "A way out of a stage is gone."
        case .requiredFieldAdded: return "A stage now requires a field: leads without it can no longer enter, and forms and integrations must supply it."
        case .reasonRemoved: return "A disqualification reason code is gone: reports grouped by it break."
        case .teamRemoved: return "A team is gone."
        case .becameUnreachable: return "A stage that leads could reach before can no longer be reached."
        case .becameDeadEnd: return "A stage that had exits now has none."
        case .lostOffRamp: return "A stage lost its last direct exit to a nurture or disqualified stage."
        case .stageAdded: return "A new stage: conversion figures between its neighbours change."
        case .stageRenamed: return "A stage declares `renamed_from`: a rename, a merge, or a removal with a destination; the migration map moves its leads."
        case .nameChanged: return "A stage's display name changed (its id did not)."
        case .ownerChanged: return "Another team now owns a stage."
        case .entryChanged: return "A stage's entry rule changed."
        case .exitChanged: return "The rule or next action of a transition changed."
        case .transitionAdded: return "A new way out of a stage."
        case .slaChanged: return "A stage's SLA was added, removed or changed."
        case .probabilityChanged: return "A stage's win probability changed: forecasts move."
        case .requiredFieldRemoved: return "A stage no longer requires a field."
        case .reasonAdded: return "A new disqualification reason code."
        case .routingChanged: return "How leads in a stage are assigned changed."
        case .nurtureChanged: return "A nurture plan changed."
        case .versionNotBumped: return "There are breaking changes but `version` did not go up (a major bump for semantic versions)."
        case .descriptionChanged: return "A description changed."
        case .reasonChanged: return "The description of a reason code changed."
        case .versionChanged: return "The playbook's version changed."
        case .playbookChanged: return "The playbook's title, motion or level changed."
        case .playbookAdded: return "The playbook did not exist in the old version."
        case .teamAdded: return "A new team."
        case .teamChanged: return "A team's name or role changed."
        case .fieldAdded: return "A new field."
        case .fieldRemoved: return "A field is no longer declared."
        }
    }
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
