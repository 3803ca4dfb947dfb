import PlaybookModel
/// The stage graph as a Mermaid flowchart that GitHub renders: stages in funnel order top to
/// bottom, off-ramps shaped and coloured apart, transitions into off-ramps dashed, short escaped
/// edge labels, and no clickable links.
public enum MermaidDiagram {
    public static func render(_ handbook: Handbook, maxLabel: Int = 36) -> String {
        let ids = NodeIDs(handbook.stages.map(\.ref.id))
        func id(_ stageID: String) -> String { ids[stageID] }
        func node(_ stage: Handbook.StageView) -> String { MermaidDiagram.node(stage, id: ids[stage.ref.id]) }
        var lines = ["flowchart TD"]
        for stage in handbook.stages {
            lines.append("    " + node(stage))
        }
        var dashed: [Int] = []
        var edgeIndex = 0
        for stage in handbook.stages {
            for exit in stage.exits {
                let label = escape(shorten(exit.when, to: maxLabel), extra: ["|": "#124;"])
                let arrow = exit.isOffRamp ? "-.->" : "-->"
                lines.append("    \(id(stage.ref.id)) \(arrow)|\"\(label)\"| \(id(exit.to.id))")
                if exit.isOffRamp { dashed.append(edgeIndex) }
                edgeIndex += 1
            }
        }
        lines += [
            "    classDef entry fill:#e0ecff,stroke:#1d4ed8,color:#0b1f44",
            "    classDef active fill:#f1f5f9,stroke:#334155,color:#0f172a",
            "    classDef nurture fill:#fff4d6,stroke:#b45309,color:#451a03,stroke-dasharray:4 3",
            "    classDef disqualified fill:#fde2e2,stroke:#b91c1c,color:#450a0a",
            "    classDef won fill:#dcfce7,stroke:#15803d,color:#052e16,stroke-width:2px",
        ]
        for kind in StageKind.allCases {
            let members = handbook.stages.filter { $0.kind == kind }.map { id($0.ref.id) }
            if !members.isEmpty { lines.append("    class \(members.joined(separator: ",")) \(kind.rawValue)") }
        }
        if !dashed.isEmpty {
            lines.append("    linkStyle \(dashed.map(String.init).joined(separator: ",")) stroke:#b45309,color:#7c2d12")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A node id Mermaid accepts whatever the stage id (`end` and `-` are trouble): `st_` + id with
    /// `-` as `_`.
    static func id(_ stageID: String) -> String {
        "st_" + String(stageID.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Node ids for a set of stage ids, one each: `sales-accepted` and `sales_accepted` would both be
    /// `st_sales_accepted`, so the later one (in funnel order) gets `st_sales_accepted_2`.
    public struct NodeIDs: Sendable {
        private var ids: [String: String] = [:]

        public init(_ stageIDs: [String]) {
            var used = Set<String>()
            for stageID in stageIDs where ids[stageID] == nil {
                var candidate = MermaidDiagram.id(stageID)
                var number = 2
                while used.contains(candidate) {
                    candidate = MermaidDiagram.id(stageID) + "_\(number)"
                    number += 1
                }
                used.insert(candidate)
                ids[stageID] = candidate
            }
        }

        public subscript(stageID: String) -> String { ids[stageID] ?? MermaidDiagram.id(stageID) }
    }

    /// A node with a shape by kind: entry (stadium), active (box), nurture (hexagon),
    /// disqualified (parallelogram), won (circle).
    static func node(_ stage: Handbook.StageView, id nodeID: String) -> String {
        let label = "\"" + escape(stage.ref.name) + "\""
        let body: String
        switch stage.kind {
        case .entry: body = "([\(label)])"
        case .active: body = "[\(label)]"
        case .nurture: body = "{{\(label)}}"
        case .disqualified: body = "[/\(label)/]"
        case .won: body = "((\(label)))"
        }
        return nodeID + body
    }

    /// Text inside a quoted Mermaid label: quotes and markup-significant characters become
    /// Mermaid entity codes; line breaks become spaces.
    static func escape(_ text: String, extra: [Character: String] = [:]) -> String {
        var out = ""
        for character in text {
            if let replacement = extra[character] {
                out += replacement
                continue
            }
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "`": out += "#96;"
            case _ where character.isNewline || character == "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    static func shorten(_ text: String, to length: Int) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > length else { return collapsed }
        var cut = String(collapsed.prefix(length - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > length / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }
}
