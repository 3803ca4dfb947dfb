import PlaybookModel
import Foundation

extension AuditReport {
    /// One self-contained page (inline CSS and SVG, no scripts, nothing to fetch): the totals, the
    /// playbook's diagram weighted by the moves (undeclared moves in red), what leaves the playbook,
    /// a time-in-stage chart against each SLA, and every rejected row.
    public func html(history: String, handbook: Handbook) -> String {
        let e = HTMLText.escape
        let names = Dictionary(handbook.stages.map { ($0.ref.id, $0.ref.name) }, uniquingKeysWith: { first, _ in first })
        func stage(_ id: String) -> String { names[id].map { e($0) } ?? "<code>\(e(id))</code>" }
        let title = "Audit of \(handbook.title)"
        var body = "<header><h1>\(e(title))</h1>\n<p class=\"lead\"><code>\(e(history))</code> against <code>\(e(playbook))</code>"
            + (asOf.map { ", as of \(e(HistoryTimestamp.shown($0)))" } ?? "") + ".</p>\n"
        let facts: [(String, String)] = [
            ("Rows read", "\(rowsRead)"), ("Used", "\(rowsUsed)"), ("Rejected", "\(rejected.count)"), ("Records", "\(records)"),
            ("Moves", "\(moves)"), ("Conforming", "\(conforming) (\(Self.percent(fitness)))"),
        ]
        body += "<dl class=\"facts\">" + facts.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined() + "</dl></header>\n"

        body += "<section id=\"violations\"><h2>Violations</h2>\n<table class=\"figures\"><thead><tr><th>Violation</th><th>Count</th></tr></thead><tbody>\n"
        for (kind, count) in violations {
            body += "<tr\(count > 0 ? " class=\"found\"" : "")><td><code>\(kind.rawValue)</code></td><td>\(count)</td></tr>\n"
        }
        body += "</tbody></table></section>\n"

        let traffic = SVGDiagram.Traffic(
            moves: transitions.filter { !$0.hasUnknownStage }.map { SVGDiagram.Traffic.Edge(from: $0.from, to: $0.to, count: $0.count) },
            visits: Dictionary(stages.map { ($0.id, $0.visits) }, uniquingKeysWith: { first, _ in first }))
        body += "<section id=\"flow\"><h2>Flow</h2>\n<p class=\"note\">The playbook's stages and transitions, each arrow as wide as the "
            + "moves along it. Red arrows are moves the playbook does not have; thin dashed grey ones are transitions nobody took. "
            + "Hover over an arrow for its count.</p>\n<div class=\"diagram\">\n" + SVGDiagram.render(handbook, traffic: traffic) + "</div></section>\n"

        let undeclared = transitions.filter { !$0.declared && !$0.hasUnknownStage }
        if !undeclared.isEmpty {
            body += "<section id=\"undeclared\"><h2>Moves the playbook does not have</h2>\n<table><thead><tr><th>From</th><th>To</th>"
                + "<th class=\"number\">Moves</th><th>Examples</th></tr></thead><tbody>\n"
            for transition in undeclared {
                body += "<tr><td>\(stage(transition.from))</td><td>\(stage(transition.to))</td><td class=\"number\">\(transition.count)</td>"
                    + "<td>\(transition.examples.map { "<code>\(e($0))</code>" }.joined(separator: ", "))</td></tr>\n"
            }
            body += "</tbody></table></section>\n"
        }
        if !unknownStages.isEmpty {
            body += "<section id=\"unknown\"><h2>Stage values the playbook does not have</h2>\n<table><thead><tr><th>Value</th>"
                + "<th class=\"number\">Moves</th></tr></thead><tbody>\n"
            for unknown in unknownStages { body += "<tr><td><code>\(e(unknown.value))</code></td><td class=\"number\">\(unknown.count)</td></tr>\n" }
            body += "</tbody></table></section>\n"
        }
        let declared = transitions.filter(\.declared)
        body += "<section id=\"transitions\"><h2>Transitions of the playbook</h2>\n<table><thead><tr><th>From</th><th>To</th>"
            + "<th class=\"number\">Moves</th><th class=\"number\">Share of the moves out</th></tr></thead><tbody>\n"
        for transition in declared {
            body += "<tr><td>\(stage(transition.from))</td><td>\(stage(transition.to))</td><td class=\"number\">\(transition.count)</td>"
                + "<td class=\"number\">\(Self.percent(transition.share))</td></tr>\n"
        }
        for transition in unused {
            body += "<tr class=\"unused\"><td>\(stage(transition.from))</td><td>\(stage(transition.to))</td><td class=\"number\">0</td><td class=\"number\">-</td></tr>\n"
        }
        body += "</tbody></table></section>\n"

        body += "<section id=\"time\"><h2>Time in stage</h2>\n<p class=\"note\">Over the visits that ended with a move: the median (p50, dark) "
            + "and the 90th percentile (p90, light) on a logarithmic scale; the red mark is the stage's SLA.</p>\n"
        body += timeChart(names: names)
        body += "<table><thead><tr><th>Stage</th><th class=\"number\">Visits</th><th class=\"number\">p50</th><th class=\"number\">p90</th>"
            + "<th class=\"number\">SLA</th><th class=\"number\">SLA breaches</th><th class=\"number\">Stuck now</th>"
            + "<th class=\"number\">Without a reason code</th></tr></thead><tbody>\n"
        for figures in stages {
            let share = figures.visits > 0 ? " (\(Self.percent(Double(figures.slaBreaches) / Double(figures.visits))))" : ""
            body += "<tr><td>\(stage(figures.id))</td><td class=\"number\">\(figures.visits)</td>"
                + "<td class=\"number\">\(Self.shownLength(figures.p50))</td><td class=\"number\">\(Self.shownLength(figures.p90))</td>"
                + "<td class=\"number\">\(figures.sla.map(FlowPaths.shown) ?? "-")</td><td class=\"number\">\(figures.slaBreaches)\(share)</td>"
                + "<td class=\"number\">\(figures.stuck)</td><td class=\"number\">\(figures.withoutReason.map(String.init) ?? "-")</td></tr>\n"
        }
        body += "</tbody></table></section>\n"

        if !rejected.isEmpty {
            body += "<section id=\"rejected\"><h2>Rejected rows</h2>\n<details><summary>\(rejected.count) row\(rejected.count == 1 ? "" : "s") "
                + "of the history could not be used</summary>\n<table><thead><tr><th class=\"number\">Line</th><th>Reason</th></tr></thead><tbody>\n"
            for row in rejected { body += "<tr><td class=\"number\">\(row.line)</td><td>\(e(row.reason))</td></tr>\n" }
            body += "</tbody></table></details></section>\n"
        }
        return HTMLHandbook.page(title: title, comment: "Generated by stagelint audit from \(history) and \(playbook).",
                                 css: HTMLHandbook.css + "\n" + Self.auditCSS, body: body)
    }

    /// Each stage's p50 and p90 as bars on one logarithmic time axis, its SLA as a red mark.
    func timeChart(names: [String: String]) -> String {
        let shown = stages.filter { $0.p50 != nil }
        guard !shown.isEmpty else { return "<p class=\"note\">No visit ended with a move.</p>\n" }
        let values = shown.flatMap { [$0.p50, $0.p90, $0.sla].compactMap { $0 } }
        let minute: Int64 = 60_000
        let low = Double(max(min(values.filter { $0 > 0 }.min() ?? minute, minute), 1000))
        let high = Double(max(values.max() ?? minute, minute)) * 1.25
        let left = 200.0, plot = 600.0, rowHeight = 28.0, top = 8.0
        func x(_ milliseconds: Int64) -> Double {
            let value = min(max(Double(milliseconds), low), high)
            return left + plot * (log10(value) - log10(low)) / (log10(high) - log10(low))
        }
        let f = SVGDiagram.f
        let height = top + rowHeight * Double(shown.count) + 34
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(left + plot + 150)) \(f(height))\" "
            + "width=\"\(f(left + plot + 150))\" height=\"\(f(height))\" role=\"img\" aria-label=\"Time in stage\">\n"
        let axisY = top + rowHeight * Double(shown.count) + 4
        let ticks: [(String, Int64)] = [("1s", 1000), ("1m", minute), ("1h", 60 * minute), ("1d", 1440 * minute), ("1w", 10_080 * minute),
                                        ("30d", 43_200 * minute), ("90d", 129_600 * minute), ("1y", 525_600 * minute)]
        for (label, value) in ticks where Double(value) >= low && Double(value) <= high {
            svg += "<line class=\"grid\" x1=\"\(f(x(value)))\" y1=\"\(f(top))\" x2=\"\(f(x(value)))\" y2=\"\(f(axisY))\"/>"
                + "<text class=\"tick\" x=\"\(f(x(value)))\" y=\"\(f(axisY + 16))\">\(label)</text>\n"
        }
        for (row, figures) in shown.enumerated() {
            let y = top + rowHeight * Double(row)
            let name = SVGDiagram.cut(names[figures.id] ?? figures.id, to: 26)
            svg += "<text class=\"name\" x=\"\(f(left - 10))\" y=\"\(f(y + 18))\">\(HTMLText.escape(name))</text>"
            if let p90 = figures.p90 {
                svg += "<rect class=\"p90\" x=\"\(f(left))\" y=\"\(f(y + 5))\" width=\"\(f(x(p90) - left))\" height=\"18\"><title>p90 \(Self.shownLength(p90))</title></rect>"
            }
            if let p50 = figures.p50 {
                svg += "<rect class=\"p50\" x=\"\(f(left))\" y=\"\(f(y + 9))\" width=\"\(f(x(p50) - left))\" height=\"10\"><title>p50 \(Self.shownLength(p50))</title></rect>"
            }
            if let sla = figures.sla {
                svg += "<line class=\"sla\" x1=\"\(f(x(sla)))\" y1=\"\(f(y + 2))\" x2=\"\(f(x(sla)))\" y2=\"\(f(y + 26))\"><title>SLA \(FlowPaths.shown(sla))</title></line>"
            }
            let end = max(x(figures.p90 ?? 0), figures.sla.map(x) ?? 0)
            svg += "<text class=\"value\" x=\"\(f(end + 8))\" y=\"\(f(y + 18))\">\(Self.shownLength(figures.p50)) · \(Self.shownLength(figures.p90))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static let auditCSS = """
        th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; } tr.found td { background: #fef2f2; }
        tr.unused td { color: var(--muted); } details summary { cursor: pointer; margin: 8px 0; }
        svg .edge.undeclared { stroke: #dc2626; } svg .edge.unused { stroke: #94a3b8; stroke-dasharray: 3 4; stroke-width: 1; }
        svg .badge rect { fill: #fff; stroke: #475569; stroke-width: 1; } svg .badge.undeclared rect { stroke: #dc2626; } svg .badge.undeclared text { fill: #b91c1c; }
        svg .stage text.visits { font-size: 9.5px; text-anchor: end; fill: #334155; font-weight: 600; }
        svg.chart text.name { text-anchor: end; } svg.chart text.value, svg.chart text.tick { font-size: 11px; fill: #475569; } svg.chart text.value { text-anchor: start; }
        svg.chart .grid { stroke: #e2e8f0; } svg.chart .p90 { fill: #bfdbfe; } svg.chart .p50 { fill: #1d4ed8; } svg.chart .sla { stroke: #dc2626; stroke-width: 2.5; }
        """
}
