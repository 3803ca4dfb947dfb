import Foundation
import Testing
@testable import PlaybookKit

@Suite("Handbooks")
struct HandbookTests {
    static let playbook: Playbook = {
        let yaml = cleanPlaybook
            .replacingFirst("    name: Marketing Qualified Lead", with: "    name: \"MQL \\\"hot\\\" [A] (é) #1 <b> | end\"")
        return check(yaml).playbook ?? Playbook()
    }()

    @Test func viewModelFollowsThePlaybook() throws {
        let handbook = Handbook(Self.playbook)
        #expect(handbook.stages.map(\.ref.id) == ["new_lead", "mql", "nurture", "opportunity", "disqualified"])
        let mql = try #require(handbook.stages.first { $0.ref.id == "mql" })
        #expect(mql.sla?.summary == "within 1 day: First call attempt")
        #expect(mql.exits.map(\.isOffRamp) == [false, true, true])
        #expect(mql.requiredFields.first?.anchor == "field-use_case")
        let sdr = try #require(handbook.teams.first { $0.ref.id == "sdr" })
        #expect(sdr.stages.map(\.id) == ["mql"])
        #expect(sdr.handoffsReceived.map(\.from.id) == ["new_lead", "nurture"])
        #expect(handbook.reasons.map(\.code) == ["no_budget"])
        #expect(Handbook.spelled(Duration(amount: 2, unit: .weeks)) == "2 weeks")
    }

    @Test func mermaidQuotesAwkwardNamesAndLabels() {
        let text = MermaidDiagram.render(Handbook(Self.playbook))
        #expect(text.hasPrefix("flowchart TD\n"))
        #expect(text.contains("st_mql[\"MQL #quot;hot#quot; [A] (é) #35;1 #lt;b#gt; | end\"]"))
        #expect(text.contains("st_new_lead -->|\"Lead score reaches 60\"| st_mql"))
        #expect(text.contains("st_mql -.->|\"SDR rejected the lead as not…\"| st_nurture"))
        #expect(!text.contains("click "))
        #expect(MermaidDiagram.id("end") == "st_end")
        #expect(MermaidDiagram.id("sales-accepted") == "st_sales_accepted")
        #expect(MermaidDiagram.escape("a|b", extra: ["|": "#124;"]) == "a#124;b")
        // Every node line is `id` + one balanced, quoted label.
        for line in text.split(separator: "\n") where line.hasPrefix("    st_") && !line.contains("--") {
            #expect(line.filter { $0 == "\"" }.count == 2, "\(line)")
        }
    }

    @Test func markdownHasTheSectionsAndStableAnchors() {
        let text = MarkdownHandbook.render(Handbook(Self.playbook), source: "playbooks/demo.yaml")
        for part in ["# Demo-led SaaS inbound", "## Flow", "```mermaid", "## Stages at a glance", "## Stages", "## Teams",
                     "## Glossary", "### Fields", "### Disqualification reasons", "<a id=\"stage-mql\"></a>",
                     "<a id=\"team-sdr\"></a>", "<a id=\"field-use_case\"></a>", "**SLA:** within 1 day: First call attempt",
                     "**Nurture plan:** cadence: every 2 weeks; content: case studies; follow up after 90 days"] {
            #expect(text.contains(part), "missing \(part)")
        }
        #expect(text.contains("| [MQL \"hot\" \\[A\\] (é) \\#1 \\<b\\> \\| end](#stage-mql) | Active |"))
        #expect(text == MarkdownHandbook.render(Handbook(Self.playbook), source: "playbooks/demo.yaml"))
    }

    @Test func dotAndJSONAreWellFormed() throws {
        let dot = DOTDiagram.render(Handbook(Self.playbook))
        #expect(dot.hasPrefix("digraph \"Demo-led SaaS inbound\" {"))
        #expect(dot.contains("\"mql\" [label=\"MQL \\\"hot\\\" [A] (é) #1 <b> | end\""))
        #expect(dot.contains("\"mql\" -> \"nurture\" [label=\"SDR rejected the lead as not…\", style=dashed"))
        let json = PlaybookJSON.render(Self.playbook, source: "p.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["stages"] as? [[String: Any]])?.count == 5)
        #expect(object["source"] as? String == "p.yaml")
    }

    @Test func injectionReplacesBetweenMarkers() throws {
        let document = "# Team wiki\n\nIntro.\n\n<!-- stagelint:begin -->\nold\n<!-- stagelint:end -->\n\nOutro.\n"
        let result = try Injection.inject("new handbook\n", into: document, file: "wiki.md")
        #expect(result == "# Team wiki\n\nIntro.\n\n<!-- stagelint:begin -->\nnew handbook\n<!-- stagelint:end -->\n\nOutro.\n")
        #expect(try Injection.inject("new handbook\n", into: result, file: "wiki.md") == result)
        for broken in ["no markers", "<!-- stagelint:begin -->", "<!-- stagelint:end --> <!-- stagelint:begin -->",
                       "<!-- stagelint:begin --><!-- stagelint:begin --><!-- stagelint:end -->"] {
            #expect(throws: Injection.MarkerError.self) { try Injection.inject("x", into: broken, file: "wiki.md") }
        }
    }

    @Test func unifiedDiffShowsTheChange() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n") + "line 11\n"
        let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff == """
            --- a
            +++ b
            @@ -2,9 +2,10 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
             line 9
             line 10
            +line 11

            """)
        #expect(UnifiedDiff.diff(old: old, new: old, oldName: "a", newName: "b").isEmpty)
        #expect(UnifiedDiff.diff(old: "", new: "x\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
    }

    @Test func committedHandbooksAreFresh() throws {
        let folder = packageRoot.appendingPathComponent("docs/handbooks")
        for file in try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("playbooks").path).sorted()
        where file.hasSuffix(".yaml") && !ScenarioFile.isScenarioFile(file) {
            let source = "playbooks/" + file
            let report = try Linter().check(path: packageRoot.appendingPathComponent(source).path, name: source)
            let playbook = try #require(report.playbook)
            let committed = try String(contentsOf: folder.appendingPathComponent(file.replacingOccurrences(of: ".yaml", with: ".md")), encoding: .utf8)
            #expect(committed == MarkdownHandbook.render(Handbook(playbook), source: source),
                    "docs/handbooks is stale: run `swift run stagelint docs playbooks -o docs/handbooks`")
        }
    }
}

@Suite("HTML handbooks and templates")
struct HTMLHandbookTests {
    static var examples: [Playbook] {
        let folder = packageRoot.appendingPathComponent("playbooks").path
        return ((try? PlaybookFiles.expand([folder])) ?? []).compactMap { try? Linter().check(path: $0).playbook }
    }

    @Test func htmlIsSelfContained() throws {
        for playbook in Self.examples {
            let html = HTMLHandbook.render(Handbook(playbook), source: "p.yaml")
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("@import"))
            // The only URL is the SVG namespace, which is a name, not a fetch.
            let urls = html.components(separatedBy: "http").count - 1
            #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
            #expect(html.contains("<svg"))
            #expect(html.contains("@media print"))
        }
    }

    @Test func diagramBoxesNeverOverlap() throws {
        for playbook in Self.examples {
            let svg = SVGDiagram.render(Handbook(playbook))
            var boxes: [(Double, Double, Double, Double)] = []
            for part in svg.components(separatedBy: "<rect ").dropFirst() {
                func value(_ name: String) -> Double {
                    guard let range = part.range(of: "\(name)=\"") else { return .nan }
                    return Double(part[range.upperBound...].prefix { $0 != "\"" }) ?? .nan
                }
                boxes.append((value("x"), value("y"), value("width"), value("height")))
            }
            #expect(boxes.count == playbook.stages.count)
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] {
                    let overlap = a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
                    #expect(!overlap, "\(playbook.title?.value ?? ""): boxes \(a) and \(b) overlap")
                }
            }
            // Every transition has a numbered badge listed under the picture.
            let transitions = playbook.stages.reduce(0) { $0 + $1.transitions.count }
            #expect(svg.components(separatedBy: "class=\"badge\"").count - 1 == transitions)
        }
    }

    @Test func offRampsAreToTheSideAndTheFunnelGoesDown() throws {
        let playbook = try #require(check(cleanPlaybook).playbook)
        let svg = SVGDiagram.render(Handbook(playbook))
        func box(_ kind: String) -> Substring? {
            svg.components(separatedBy: "<g class=\"stage \(kind)\">").dropFirst().first.map { Substring($0) }
        }
        let entry = try #require(box("entry"))
        let nurture = try #require(box("nurture"))
        #expect(entry.contains("x=\"70\""))
        #expect(nurture.contains("x=\"530\""))
    }

    @Test func templateGetsTheViewModel() throws {
        let playbook = try #require(check(cleanPlaybook).playbook)
        let template = "# {{title}}\n{{#stages}}- {{name}} ({{kindLabel}}){{#owner}} by {{name}}{{/owner}}{{#sla}}: {{summary}}{{/sla}}\n{{/stages}}"
        let text = try TemplateHandbook.render(Handbook(playbook), source: "p.yaml", template: template, file: "t.mustache")
        #expect(text.hasPrefix("# Demo-led SaaS inbound\n- New Lead (Entry) by Marketing\n- Marketing Qualified Lead (Active) by Sales Development: within 1 day: First call attempt\n"))
        let example = try String(contentsOf: packageRoot.appendingPathComponent("templates/handbook.example.mustache"), encoding: .utf8)
        let branded = try TemplateHandbook.render(Handbook(playbook), source: "p.yaml", template: example, file: "example")
        #expect(branded.contains("# Demo-led SaaS inbound — Revenue Team Handbook"))
        #expect(branded.contains("```mermaid\nflowchart TD"))
    }

    @Test func templateErrorsNameTheLine() {
        do {
            _ = try TemplateHandbook.render(Handbook(Playbook()), source: "p.yaml", template: "line one\n{{#stages}}\n{{/stage}}\n", file: "t.mustache")
            Issue.record("a broken template rendered")
        } catch {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("template t.mustache:3:"))
            #expect(error.message.contains("closed with another name"))
        }
    }
}

@Suite("Handbook edge cases")
struct HandbookEdgeCaseTests {
    @Test func mermaidIDsStayDistinct() {
        let ids = MermaidDiagram.NodeIDs(["sales-accepted", "sales_accepted", "end"])
        #expect(ids["sales-accepted"] == "st_sales_accepted")
        #expect(ids["sales_accepted"] == "st_sales_accepted_2")
        #expect(ids["end"] == "st_end")
    }

    @Test func crlfInsideValuesNeverBreaksLines() throws {
        let yaml = cleanPlaybook.replacingFirst("    name: Marketing Qualified Lead", with: "    name: \"Marketing\\r\\nQualified\"")
        let playbook = try #require(check(yaml).playbook)
        let markdown = MarkdownHandbook.render(Handbook(playbook), source: "p.yaml")
        #expect(markdown.contains("| [Marketing Qualified](#stage-mql) |"))
        let mermaid = MermaidDiagram.render(Handbook(playbook))
        #expect(mermaid.contains("st_mql[\"Marketing Qualified\"]"))
    }

    @Test func unclosedSectionPointsAtItsOpening() {
        do {
            _ = try TemplateHandbook.render(Handbook(Playbook()), source: "p", template: "a\n\n{{#stages}}\nb\n", file: "t.mustache")
            Issue.record("rendered")
        } catch {
            #expect(error.description == "template t.mustache:3:1: section 'stages' is opened here but never closed with {{/stages}}")
        }
    }

    @Test func absentTemplateValuesAreFalse() throws {
        let playbook = try #require(check("playbook: x\nteams:\n  t: { name: T, role: sales }\nstages:\n  a: { name: A, kind: entry }\n").playbook)
        let text = try TemplateHandbook.render(Handbook(playbook), source: "p", template: "{{#stages}}[{{#sla}}S{{/sla}}{{#owner}}O{{/owner}}]{{/stages}}", file: "t")
        #expect(text == "[]")
    }

    @Test func wrappingUsesVisualWidth() {
        #expect(SVGDiagram.wrap("WWWWWWWWWWWWWWWWWWWWWWWWWWWW", width: 28, lines: 2).first?.hasSuffix("…") == true)
        #expect(SVGDiagram.wrap("Marketing Qualified Lead", width: 28, lines: 2) == ["Marketing Qualified Lead"])
    }
}
