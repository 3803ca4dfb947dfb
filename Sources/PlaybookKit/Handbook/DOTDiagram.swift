import PlaybookModel
/// The stage graph in Graphviz DOT, for `dot -Tsvg` and other graph tools.
public enum DOTDiagram {
    public static func render(_ handbook: Handbook, maxLabel: Int = 36) -> String {
        var lines = [
            "digraph \(quote(handbook.title)) {",
            "  graph [rankdir=TB, fontname=\"Helvetica\", labelloc=t, label=\(quote(handbook.title))];",
            "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fillcolor=\"#f1f5f9\", color=\"#334155\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#334155\"];",
        ]
        for stage in handbook.stages {
            var attributes = ["label=\(quote(stage.ref.name))"]
            switch stage.kind {
            case .entry: attributes += ["fillcolor=\"#e0ecff\"", "color=\"#1d4ed8\""]
            case .active: break
            case .nurture: attributes += ["fillcolor=\"#fff4d6\"", "color=\"#b45309\"", "style=\"rounded,filled,dashed\""]
            case .disqualified: attributes += ["fillcolor=\"#fde2e2\"", "color=\"#b91c1c\"", "shape=parallelogram", "style=filled"]
            case .won: attributes += ["fillcolor=\"#dcfce7\"", "color=\"#15803d\"", "penwidth=2"]
            }
            lines.append("  \(quote(stage.ref.id)) [\(attributes.joined(separator: ", "))];")
        }
        for stage in handbook.stages {
            for exit in stage.exits {
                var attributes = ["label=\(quote(MermaidDiagram.shorten(exit.when, to: maxLabel)))"]
                if exit.isOffRamp { attributes += ["style=dashed", "color=\"#b45309\""] }
                lines.append("  \(quote(stage.ref.id)) -> \(quote(exit.to.id)) [\(attributes.joined(separator: ", "))];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT double-quoted string.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where character.isNewline: out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
