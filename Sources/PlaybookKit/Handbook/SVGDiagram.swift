import PlaybookModel
/// The stage graph as an SVG picture laid out by stagelint itself (no JavaScript, no fonts to
/// fetch): the success path in funnel order down a main column, off-ramps in a column to the
/// right, boxes that never overlap, and a numbered badge on every transition whose full rule is
/// listed under the picture.
public enum SVGDiagram {
    struct Box {
        let index: Int
        let x: Double
        let y: Double
        static let width = 230.0
        static let height = 58.0
        var midX: Double { x + Box.width / 2 }
        var midY: Double { y + Box.height / 2 }
        var bottom: Double { y + Box.height }
        var right: Double { x + Box.width }
    }

    /// A transition with its number in the legend.
    public struct NumberedExit: Sendable {
        public let number: Int
        public let from: Handbook.StageRef
        public let exit: Handbook.Exit
    }

    public static func numberedExits(_ handbook: Handbook) -> [NumberedExit] {
        var number = 0
        return handbook.stages.flatMap { stage in
            stage.exits.map { exit in
                number += 1
                return NumberedExit(number: number, from: stage.ref, exit: exit)
            }
        }
    }

    /// Real volume to draw on the diagram (an audit): edge widths by moves, undeclared moves in red,
    /// each stage's visits.
    public struct Traffic: Sendable {
        public struct Edge: Sendable {
            public let from: String
            public let to: String
            public let count: Int
            public init(from: String, to: String, count: Int) {
                self.from = from
                self.to = to
                self.count = count
            }
        }

        /// Moves along each pair of stages (declared or not); a declared exit without moves is drawn thin and dashed.
        public let moves: [Edge]
        public let visits: [String: Int]

        public init(moves: [Edge], visits: [String: Int]) {
            self.moves = moves
            self.visits = visits
        }
    }

    /// 950, 1.2k, 38k, 1.4M: a count short enough for a badge.
    static func compact(_ count: Int) -> String {
        if count < 1000 { return "\(count)" }
        if count < 10_000 { return "\(count / 1000).\(count % 1000 / 100)k" }
        if count < 1_000_000 { return "\(count / 1000)k" }
        return "\(count / 1_000_000).\(count % 1_000_000 / 100_000)M"
    }

    /// One arrow to draw: a transition of the playbook, numbered (a handbook) or weighted (an audit), or
    /// moves the playbook does not allow.
    struct Arrow {
        let from: String
        let to: String
        let style: String
        let title: String
        let label: String
        let width: Double?
    }

    static func arrows(_ handbook: Handbook, traffic: Traffic?) -> [Arrow] {
        let kinds = Dictionary(handbook.stages.map { ($0.ref.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        func style(_ from: String, _ exit: Handbook.Exit) -> String {
            exit.isOffRamp ? "edge offramp" : kinds[from]?.isOffRamp == true ? "edge reentry" : "edge"
        }
        guard let traffic else {
            return numberedExits(handbook).map { numbered in
                Arrow(from: numbered.from.id, to: numbered.exit.to.id, style: style(numbered.from.id, numbered.exit),
                      title: "\(numbered.from.name) → \(numbered.exit.to.name): \(numbered.exit.when)", label: "\(numbered.number)", width: nil)
            }
        }
        var counts: [String: Int] = [:]
        for edge in traffic.moves { counts[edge.from + "\u{0}" + edge.to, default: 0] += edge.count }
        let most = Double(max(traffic.moves.map(\.count).max() ?? 1, 1))
        func width(_ count: Int) -> Double { ((1.5 + 9 * (Double(count) / most).squareRoot()) * 10).rounded() / 10 }
        var declared = Set<String>()
        var arrows: [Arrow] = []
        for numbered in numberedExits(handbook) {
            let key = numbered.from.id + "\u{0}" + numbered.exit.to.id
            declared.insert(key)
            let count = counts[key] ?? 0
            arrows.append(Arrow(from: numbered.from.id, to: numbered.exit.to.id,
                                style: style(numbered.from.id, numbered.exit) + (count == 0 ? " unused" : ""),
                                title: "\(numbered.from.name) → \(numbered.exit.to.name): \(count) move\(count == 1 ? "" : "s")",
                                label: compact(count), width: count == 0 ? nil : width(count)))
        }
        let names = Dictionary(handbook.stages.map { ($0.ref.id, $0.ref.name) }, uniquingKeysWith: { first, _ in first })
        for edge in traffic.moves where !declared.contains(edge.from + "\u{0}" + edge.to) && edge.count > 0 {
            guard let from = names[edge.from], let to = names[edge.to] else { continue }
            arrows.append(Arrow(from: edge.from, to: edge.to, style: "edge undeclared",
                                title: "\(from) → \(to): \(edge.count) move\(edge.count == 1 ? "" : "s") the playbook does not have",
                                label: compact(edge.count), width: width(edge.count)))
        }
        return arrows
    }

    public static func render(_ handbook: Handbook, traffic: Traffic? = nil) -> String {
        let stages = handbook.stages
        let mainX = 70.0
        let rampX = mainX + Box.width + 230
        let gap = 86.0
        let top = 20.0
        var boxes = [String: Box]()
        var mainIndex = 0
        for (index, stage) in stages.enumerated() where !stage.kind.isOffRamp {
            boxes[stage.ref.id] = Box(index: index, x: mainX, y: top + Double(mainIndex) * (Box.height + gap))
            mainIndex += 1
        }
        // Off-ramps beside the stages that lead to them, pushed down so that none overlap.
        var ramps: [(id: String, index: Int, desired: Double)] = []
        for (index, stage) in stages.enumerated() where stage.kind.isOffRamp {
            let sources = stages.filter { source in source.exits.contains { $0.to.id == stage.ref.id } }
                .compactMap { boxes[$0.ref.id]?.y }
            let desired = sources.isEmpty ? top : sources.reduce(0, +) / Double(sources.count)
            ramps.append((stage.ref.id, index, desired))
        }
        var nextFree = top
        for ramp in ramps.sorted(by: { ($0.desired, $0.index) < ($1.desired, $1.index) }) {
            let y = max(ramp.desired, nextFree)
            boxes[ramp.id] = Box(index: ramp.index, x: rampX, y: y)
            nextFree = y + Box.height + 24
        }
        let height = (boxes.values.map(\.bottom).max() ?? 100) + 30
        let width = rampX + Box.width + 90

        var edges = ""
        var badges = ""
        var placed: [(Double, Double)] = []
        var lanes = [0, 0, 0, 0]  // left of the main column, out to off-ramps, between off-ramps, back into the funnel
        func next(_ lane: Int) -> Int {
            defer { lanes[lane] += 1 }
            return lanes[lane]
        }
        for arrow in arrows(handbook, traffic: traffic) {
            guard let from = boxes[arrow.from], let to = boxes[arrow.to] else { continue }
            let fromRamp = stages[from.index].kind.isOffRamp
            let toRamp = stages[to.index].kind.isOffRamp
            let curve: [(Double, Double)]
            var badgeAt = 0.5
            if !fromRamp && !toRamp && to.y > from.y && abs(to.y - from.bottom - gap) < 1 {
                // The next stage down the main column: a straight line.
                curve = [(from.midX, from.bottom), (from.midX, from.bottom + 10), (to.midX, to.y - 14), (to.midX, to.y - 4)]
            } else if !fromRamp && !toRamp {
                // A skip or a step back along the main column: around its left side, one lane each.
                let lane = mainX - 26 - Double(next(0) % 3) * 14
                curve = [(from.x, from.midY), (lane, from.midY), (lane, to.midY), (to.x - 4, to.midY)]
            } else if !fromRamp {
                // Out to an off-ramp; badges spread along the curves so they do not sit on each other.
                let lane = next(1)
                let bend = from.right + 70 + Double(lane % 4) * 18
                curve = [(from.right, from.midY), (bend, from.midY), (bend, to.midY), (to.x - 4, to.midY)]
                badgeAt = 0.3 + Double(lane % 5) * 0.1
            } else if toRamp {
                // From one off-ramp to another: around the right of their column.
                let bend = from.right + 36 + Double(next(2) % 3) * 14
                curve = [(from.right, from.midY), (bend, from.midY), (bend, to.midY), (to.right + 4, to.midY)]
            } else {
                // Back from an off-ramp into the funnel: from its left side, low, to the stage's right side.
                let lane = next(3)
                let startY = from.y + 40 + Double(lane % 2) * 8
                let endY = to.midY + 14
                curve = [(from.x, startY), (from.x - 60, startY), (to.right + 60, endY), (to.right + 4, endY)]
                badgeAt = 0.35 + Double(lane % 3) * 0.1
            }
            let path = "M \(f(curve[0].0)) \(f(curve[0].1)) C \(f(curve[1].0)) \(f(curve[1].1)), \(f(curve[2].0)) \(f(curve[2].1)), "
                + "\(f(curve[3].0)) \(f(curve[3].1))"
            // A badge where no other badge is: try along the curve around the preferred place.
            var badge = point(curve, badgeAt)
            for shift in [0.0, 0.08, -0.08, 0.16, -0.16, 0.24, -0.24] {
                let candidate = point(curve, min(0.85, max(0.15, badgeAt + shift)))
                if !placed.contains(where: { abs($0.0 - candidate.0) < 22 && abs($0.1 - candidate.1) < 22 }) {
                    badge = candidate
                    break
                }
            }
            placed.append(badge)
            let weight = arrow.width.map { " style=\"stroke-width:\(f($0))\"" } ?? ""
            let marker = arrow.style.hasSuffix("undeclared") ? "arrow-red" : "arrow"
            edges += "<path class=\"\(arrow.style)\"\(weight) d=\"\(path)\" marker-end=\"url(#\(marker))\"><title>\(HTMLText.escape(arrow.title))</title></path>\n"
            if traffic == nil {
                badges += "<g class=\"badge\"><circle cx=\"\(f(badge.0))\" cy=\"\(f(badge.1))\" r=\"10\"/>"
                    + "<text x=\"\(f(badge.0))\" y=\"\(f(badge.1 + 4))\">\(arrow.label)</text></g>\n"
            } else {
                // A pill as wide as the count.
                let width = 8 + 6.5 * Double(arrow.label.count)
                badges += "<g class=\"badge\(arrow.style.hasSuffix("undeclared") ? " undeclared" : "")\"><rect x=\"\(f(badge.0 - width / 2))\" "
                    + "y=\"\(f(badge.1 - 9))\" width=\"\(f(width))\" height=\"18\" rx=\"9\"/>"
                    + "<text x=\"\(f(badge.0))\" y=\"\(f(badge.1 + 4))\">\(arrow.label)</text></g>\n"
            }
        }

        var nodes = ""
        for stage in stages {
            guard let box = boxes[stage.ref.id] else { continue }
            let lines = wrap(stage.ref.name, width: 28, lines: 2)
            // Below the small kind caption at the top of the box.
            let firstY = lines.count == 1 ? box.y + 36 : box.y + 29
            nodes += "<g class=\"stage \(stage.kind.rawValue)\"><rect x=\"\(f(box.x))\" y=\"\(f(box.y))\" width=\"\(f(Box.width))\" "
                + "height=\"\(f(Box.height))\" rx=\"\(stage.kind == .entry ? 28 : 8)\"/>"
            for (offset, line) in lines.enumerated() {
                nodes += "<text x=\"\(f(box.midX))\" y=\"\(f(firstY + Double(offset) * 17))\">\(HTMLText.escape(line))</text>"
            }
            let inset = stage.kind == .entry ? 24.0 : 8.0  // clear of the rounded corners of an entry stage
            nodes += "<text class=\"kind\" x=\"\(f(box.x + inset))\" y=\"\(f(box.y + 12))\">\(stage.kind.rawValue)</text>"
            if let visits = traffic?.visits[stage.ref.id] {
                nodes += "<text class=\"visits\" x=\"\(f(box.right - inset))\" y=\"\(f(box.y + 12))\">\(compact(visits)) visit\(visits == 1 ? "" : "s")</text>"
            }
            nodes += "</g>\n"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" \
            role="img" aria-label="\(HTMLText.escape("Stage diagram of \(handbook.title)"))">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" \(traffic == nil ? "markerWidth=\"7\" markerHeight=\"7\"" : "markerWidth=\"12\" markerHeight=\"12\" markerUnits=\"userSpaceOnUse\"") orient="auto-start-reverse">\
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#475569"/></marker>\(traffic == nil ? "" : redMarker)</defs>
            \(edges)\(nodes)\(badges)</svg>

            """
    }

    /// The arrow head of moves the playbook does not have (an audit's diagram).
    static let redMarker = "<marker id=\"arrow-red\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"12\" markerHeight=\"12\" "
        + "markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#dc2626\"/></marker>"

    /// The point at `t` on a cubic Bézier curve.
    static func point(_ curve: [(Double, Double)], _ t: Double) -> (Double, Double) {
        let u = 1 - t
        let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
        return (a * curve[0].0 + b * curve[1].0 + c * curve[2].0 + d * curve[3].0,
                a * curve[0].1 + b * curve[1].1 + c * curve[2].1 + d * curve[3].1)
    }

    static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format1(value))
    }

    static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// How wide text is, in average characters: capitals and wide letters count more, CJK and
    /// emoji double.
    static func visualWidth<S: StringProtocol>(_ text: S) -> Double {
        text.reduce(0) { total, character in
            guard let scalar = character.unicodeScalars.first else { return total }
            if scalar.value >= 0x1100 { return total + 2 }
            if "MWmw@%".contains(character) { return total + 1.5 }
            if character.isUppercase { return total + 1.2 }
            if "iljtfr.,:;'|! ".contains(character) { return total + 0.6 }
            return total + 1
        }
    }

    /// Cuts text to a visual width, ending with "…".
    static func cut(_ text: String, to width: Double) -> String {
        guard visualWidth(text) > width else { return text }
        var out = ""
        for character in text {
            if visualWidth(out) + visualWidth(String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }

    /// Greedy word wrap into at most `lines` lines of about `width` average characters, the last
    /// cut with "…".
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        let limit = Double(width)
        var result: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, visualWidth(current) + 0.6 + visualWidth(word) > limit {
                result.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { result.append(current) }
        if result.count > lines {
            result = Array(result.prefix(lines))
            result[lines - 1] = cut(result[lines - 1] + " …", to: limit)
        }
        return result.map { cut($0, to: limit) }
    }
}

/// Escaping for HTML text and attribute values.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
