import PlaybookModel
/// What a handbook shows, derived once from a playbook: every generator (Markdown, HTML, the
/// diagrams, templates) renders this view model, so they cannot disagree.
public struct Handbook: Sendable {
    public struct StageRef: Sendable, Hashable {
        public let id: String
        public let name: String
        public let anchor: String
    }

    public struct Exit: Sendable {
        public let to: StageRef
        public let when: String
        public let action: String?
        /// The target is a nurture or disqualified stage.
        public let isOffRamp: Bool
        /// The target is owned by a team of another role (a hand-off).
        public let isHandoff: Bool
    }

    public struct FieldRef: Sendable {
        public let id: String
        public let label: String
        public let type: String?
        public let anchor: String
    }

    public struct StageView: Sendable {
        public let ref: StageRef
        public let kind: StageKind
        public let owner: TeamRef?
        public let description: String?
        public let entry: [String]
        public let exits: [Exit]
        public let requiredFields: [FieldRef]
        public let sla: SLAView?
        public let routing: [String]
        public let probability: String?
        public let nurture: NurtureView?
        public let reasons: [(code: String, description: String)]
        /// The values of the format's other keys that a handbook shows (`FormatKey.handbook`), by their label.
        public let details: [(label: String, value: String)]

        public var kindLabel: String { Handbook.kindLabel(kind) }
    }

    public struct TeamRef: Sendable, Hashable {
        public let id: String
        public let name: String
        public let anchor: String
    }

    public struct SLAView: Sendable {
        public let within: String?
        public let action: String?
        /// "within 1 day: First call attempt".
        public var summary: String {
            [within.map { "within \($0)" }, action].compactMap { $0 }.joined(separator: ": ")
        }
    }

    public struct NurtureView: Sendable {
        public let cadence: String?
        public let content: String?
        public let followUp: String?
    }

    public struct Handoff: Sendable {
        public let from: StageRef
        public let fromTeam: TeamRef?
        public let to: StageRef
        public let toTeam: TeamRef?
        public let when: String
    }

    public struct TeamView: Sendable {
        public let ref: TeamRef
        public let role: String?
        public let description: String?
        public let stages: [StageRef]
        public let slas: [(stage: StageRef, sla: SLAView)]
        public let handoffsReceived: [Handoff]
        public let handoffsGiven: [Handoff]
    }

    public struct FieldView: Sendable {
        public let ref: FieldRef
        public let values: [String]
        public let description: String?
        public let requiredBy: [StageRef]
    }

    public struct ReasonView: Sendable {
        public let code: String
        public let description: String
        public let stage: StageRef
        public let anchor: String
    }

    public let title: String
    public let version: String?
    public let description: String?
    public let motion: String?
    public let level: String?
    public let stages: [StageView]
    public let teams: [TeamView]
    public let fields: [FieldView]
    public let reasons: [ReasonView]

    public init(_ playbook: Playbook) {
        title = playbook.title?.value ?? "Untitled playbook"
        version = playbook.version?.value
        description = playbook.description?.value
        motion = playbook.motion?.value.rawValue
        level = playbook.level?.value.rawValue

        func teamRef(_ id: String?) -> TeamRef? {
            guard let id else { return nil }
            return TeamRef(id: id, name: playbook.team(id)?.name?.value ?? id, anchor: "team-\(id)")
        }
        func stageRef(_ stage: Stage) -> StageRef {
            StageRef(id: stage.id.value, name: stage.displayName, anchor: "stage-\(stage.id.value)")
        }
        func stageRef(id: String) -> StageRef {
            playbook.stage(id).map(stageRef) ?? StageRef(id: id, name: id, anchor: "stage-\(id)")
        }
        let fieldByID = Dictionary((playbook.fields ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        func fieldRef(_ id: String) -> FieldRef {
            let field = fieldByID[id]
            return FieldRef(id: id, label: field?.label?.value ?? id, type: field?.type?.value.rawValue, anchor: "field-\(id)")
        }
        func slaView(_ sla: SLA?) -> SLAView? {
            guard let sla else { return nil }
            return SLAView(within: sla.within.map { Handbook.spelled($0.value) }, action: sla.action?.value)
        }

        var handoffs: [Handoff] = []
        stages = playbook.stages.map { stage in
            let exits: [Exit] = stage.transitions.compactMap { transition in
                guard let to = transition.to?.value else { return nil }
                let target = playbook.stage(to)
                let sourceRole = playbook.ownerRole(stage)
                let targetRole = target.flatMap(playbook.ownerRole)
                let isHandoff = sourceRole != nil && targetRole != nil && sourceRole != targetRole
                let exit = Exit(to: stageRef(id: to), when: transition.when?.value ?? "", action: transition.action?.value,
                                isOffRamp: target?.kind.isOffRamp ?? false, isHandoff: isHandoff)
                if isHandoff {
                    handoffs.append(Handoff(from: stageRef(stage), fromTeam: teamRef(stage.owner?.value), to: exit.to,
                                            toTeam: teamRef(target?.owner?.value), when: exit.when))
                }
                return exit
            }
            return StageView(
                ref: stageRef(stage), kind: stage.kind, owner: teamRef(stage.owner?.value),
                description: stage.description?.value, entry: stage.entry?.items.map(\.value) ?? [], exits: exits,
                requiredFields: (stage.requiredFields ?? []).map { fieldRef($0.value) }, sla: slaView(stage.sla),
                routing: stage.routing?.items.map(\.value) ?? [],
                probability: stage.probability.map { ProbabilityOrderRule.percent($0.value) },
                nurture: stage.nurture.map { NurtureView(cadence: $0.cadence?.value, content: $0.content?.value,
                                                         followUp: $0.followUp.map { Handbook.spelled($0.value) }) },
                reasons: (stage.reasons ?? []).map { ($0.code.value, $0.description?.value ?? "") },
                details: Stage.place.keys.compactMap { key in
                    guard let label = key.handbook, let node = stage.node(forKey: key.name) else { return nil }
                    return (label, node.summary)
                })
        }

        teams = playbook.teams.map { team in
            let id = team.id.value
            let owned = playbook.stages.filter { $0.owner?.value == id }
            return TeamView(
                ref: TeamRef(id: id, name: team.name?.value ?? id, anchor: "team-\(id)"),
                role: team.role?.value.rawValue, description: team.description?.value,
                stages: owned.map(stageRef),
                slas: owned.compactMap { stage in slaView(stage.sla).map { (stageRef(stage), $0) } },
                handoffsReceived: handoffs.filter { $0.toTeam?.id == id },
                handoffsGiven: handoffs.filter { $0.fromTeam?.id == id })
        }

        fields = (playbook.fields ?? []).map { field in
            FieldView(ref: fieldRef(field.id.value), values: field.values?.map(\.value) ?? [],
                      description: field.description?.value,
                      requiredBy: playbook.stages.filter { ($0.requiredFields ?? []).contains { $0.value == field.id.value } }.map(stageRef))
        }

        reasons = playbook.stages.flatMap { stage in
            (stage.reasons ?? []).map { reason in
                ReasonView(code: reason.code.value, description: reason.description?.value ?? "", stage: stageRef(stage),
                           anchor: "reason-\(stage.id.value)-\(reason.code.value)")
            }
        }
    }

    /// "1d" → "1 day", "4h" → "4 hours".
    public static func spelled(_ duration: Duration) -> String {
        let unit: String
        switch duration.unit {
        case .minutes: unit = "minute"
        case .hours: unit = "hour"
        case .days: unit = "day"
        case .weeks: unit = "week"
        }
        return "\(duration.amount) \(unit)\(duration.amount == 1 ? "" : "s")"
    }

    public static func kindLabel(_ kind: StageKind) -> String {
        switch kind {
        case .entry: return "Entry"
        case .active: return "Active"
        case .nurture: return "Nurture (off-ramp)"
        case .disqualified: return "Disqualified (off-ramp, terminal)"
        case .won: return "Won (terminal)"
        }
    }
}
