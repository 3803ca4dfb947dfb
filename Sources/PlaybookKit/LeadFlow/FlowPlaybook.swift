import PlaybookModel
import YAMLReader

/// A playbook as the lead-flow engine reads it: its stages by number, what each allows and promises
/// (exits, SLA, the limit after which a record counts as stuck, required fields), and how a stage value
/// from a CRM or a scenario names a stage. Worked out once per run; scenario tests and audits judge
/// every record against it.
public struct FlowPlaybook: Sendable {
    public struct Stage: Sendable {
        public let id: String
        public let kind: StageKind
        /// The stages this one has an exit to, by number.
        public let exits: Set<Int>
        /// `sla.within`, in milliseconds.
        public let sla: Int64?
        /// How long a record may sit here before it counts as stuck, in milliseconds.
        public let stuckLimit: Int64
        public let requiredFields: [String]
        /// Where the stage is written (its id), for findings at the playbook's lines.
        public let span: SourceSpan

        public var isTerminal: Bool { kind.isTerminal }
    }

    public let stages: [Stage]
    /// Each stage's exits to declared stages, in the order they are written, without repeats.
    public let orderedExits: [[Int]]
    /// Stage numbers by id.
    private let byID: [String: Int]
    /// Stage numbers by name and CRM value, compared without case and spaces (see `folded`).
    private let byFoldedName: [String: Int]
    /// The same, in the playbook's order (the SQL of an audit compiles it into its query).
    public let foldedNames: [(key: String, stage: Int)]

    /// The stuck limit when the playbook promises nothing for a stage (no SLA, no follow-up): 90 days.
    public static let defaultStuckLimit: Int64 = 90 * 86_400_000

    /// `stuckAfter`: `--stuck-after` for every stage; nil for each stage's own limit (the larger of
    /// 4 × its SLA and its nurture `follow_up`, else 90 days).
    public init(_ playbook: Playbook, stuckAfter: Int64? = nil) {
        let byID = playbook.stageIndex
        self.byID = byID
        var byFoldedName: [String: Int] = [:]
        var foldedNames: [(key: String, stage: Int)] = []
        // A name or CRM value never takes a key an earlier stage holds (ids are looked up before them).
        for (number, stage) in playbook.stages.enumerated() {
            for name in [stage.name?.value].compactMap({ $0 }) + Self.crmValues(stage.node(forKey: "crm")) {
                let key = Self.folded(name)
                guard !key.isEmpty, byFoldedName[key] == nil else { continue }
                byFoldedName[key] = number
                foldedNames.append((key, number))
            }
        }
        self.byFoldedName = byFoldedName
        self.foldedNames = foldedNames
        let orderedExits = playbook.stages.map { stage in
            var seen = Set<Int>()
            return stage.transitions.compactMap { $0.to.flatMap { byID[$0.value] } }.filter { seen.insert($0).inserted }
        }
        self.orderedExits = orderedExits
        stages = playbook.stages.enumerated().map { number, stage in
            let exits = Set(orderedExits[number])
            let sla = stage.sla?.within.map { Self.milliseconds($0.value) }
            let followUp = stage.nurture?.followUp.map { Self.milliseconds($0.value) }
            let own = [sla.map { $0.multipliedReportingOverflow(by: 4).partialValue }, followUp].compactMap { $0 }.max()
            return Stage(id: stage.id.value, kind: stage.kind, exits: exits, sla: sla,
                         stuckLimit: stuckAfter ?? own ?? Self.defaultStuckLimit,
                         requiredFields: (stage.requiredFields ?? []).map(\.value), span: stage.id.span)
        }
    }

    /// The stage a value names: its id exactly, else its name or one of its CRM values, ignoring case
    /// and spaces (`Marketing Qualified Lead`, `marketingqualifiedlead`). Values are trimmed first.
    public func stage(named value: String) -> Int? {
        let trimmed = Self.trimmed(value)
        if let number = byID[trimmed] { return number }
        return byFoldedName[Self.folded(trimmed)]
    }

    /// The values of a `crm` mapping (a stage's values, a field's names), in the order written.
    static func crmValues(_ node: FormatNode?) -> [String] {
        guard case .mapping(let members)? = node?.value else { return [] }
        return members.compactMap { member in
            if case .string(let value) = member.node.value { return value }
            return nil
        }
    }

    /// The stage with this id exactly.
    public func stage(id: String) -> Int? { byID[id] }

    /// Lowercased, without white space: how names and CRM values are compared.
    static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    static func trimmed(_ text: String) -> String {
        // Most values have no space at either end: an ASCII check of the two ends settles it.
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        Int64(duration.totalMinutes).multipliedReportingOverflow(by: 60_000).partialValue
    }
}
