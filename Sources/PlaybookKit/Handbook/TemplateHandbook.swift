import PlaybookModel
import Foundation
import Mustache

/// Renders a handbook through a team's own Mustache template. The template receives the same view
/// model as the built-in Markdown (`Handbook`), as plain values: see docs/handbooks.md for the keys.
public enum TemplateHandbook {
    public struct TemplateError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let column: Int
        public let message: String
        public var description: String { "template \(file):\(line):\(column): \(message)" }
    }

    /// Parses the template first, so an error names the template's line.
    public static func render(_ handbook: Handbook, source: String, template text: String, file: String) throws(TemplateError) -> String {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            // An unclosed section is reported by the parser at the end of the file: point at where it opened.
            if case .expectedSectionEnd? = error.error as? MustacheTemplate.Error, let open = unclosedSection(in: text) {
                throw TemplateError(file: file, line: open.line, column: open.column,
                                    message: "section '\(open.name)' is opened here but never closed with {{/\(open.name)}}")
            }
            let context = error.context.line.trimmed(of: " \t")
            throw TemplateError(file: file, line: error.context.lineNumber, column: error.context.columnNumber,
                                message: describe(error.error) + (context.isEmpty ? "" : " in `\(context)`"))
        } catch {
            throw TemplateError(file: file, line: 1, column: 1, message: "\(error)")
        }
        return template.render(context(handbook, source: source))
    }

    /// The innermost section (`{{#name}}` or `{{^name}}`) left open at the end of the template.
    static func unclosedSection(in text: String) -> (name: String, line: Int, column: Int)? {
        var stack: [(String, Int, Int)] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{"), let close = text[index...].range(of: "}}") {
                let tag = text[text.index(index, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if let kind = tag.first, kind == "#" || kind == "^" {
                    stack.append((String(tag.dropFirst()).trimmingCharacters(in: .whitespaces), line, column))
                } else if tag.first == "/", let last = stack.last, last.0 == tag.dropFirst().trimmingCharacters(in: .whitespaces) {
                    stack.removeLast()
                }
            }
            if text[index] == "\n" || text[index] == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return stack.last.map { (name: $0.0, line: $0.1, column: $0.2) }
    }

    static func describe(_ error: Error) -> String {
        if "\(error)".contains("overflow") { return "a tag is not closed with }}" }
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "an illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "a malformed config variable"
        case .unrecognisedConfigVariable: return "an unknown config variable"
        }
    }

    /// The view model as dictionaries and arrays (computed values included), for Mustache.
    public static func context(_ handbook: Handbook, source: String) -> [String: Any] {
        func stageRef(_ ref: Handbook.StageRef) -> [String: Any] { ["id": ref.id, "name": ref.name, "anchor": ref.anchor] }
        func teamRef(_ ref: Handbook.TeamRef?) -> Any { ref.map { ["id": $0.id, "name": $0.name, "anchor": $0.anchor] as [String: Any] } ?? false }
        func sla(_ sla: Handbook.SLAView?) -> Any {
            sla.map { ["within": $0.within ?? false, "action": $0.action ?? false, "summary": $0.summary] as [String: Any] } ?? false
        }
        func handoff(_ handoff: Handbook.Handoff) -> [String: Any] {
            ["from": stageRef(handoff.from), "fromTeam": teamRef(handoff.fromTeam), "to": stageRef(handoff.to),
             "toTeam": teamRef(handoff.toTeam), "when": handoff.when]
        }
        let stages: [[String: Any]] = handbook.stages.map { stage in
            var item: [String: Any] = ["id": stage.ref.id, "name": stage.ref.name, "anchor": stage.ref.anchor]
            item["kind"] = stage.kind.rawValue
            item["kindLabel"] = stage.kindLabel
            item["isEntry"] = stage.kind == .entry
            item["isOffRamp"] = stage.kind.isOffRamp
            item["isTerminal"] = stage.kind.isTerminal
            item["owner"] = teamRef(stage.owner)
            item["description"] = stage.description ?? false
            item["entry"] = stage.entry
            item["hasEntry"] = !stage.entry.isEmpty
            item["exits"] = stage.exits.map { exit -> [String: Any] in
                ["to": stageRef(exit.to), "when": exit.when, "action": exit.action ?? false,
                 "isOffRamp": exit.isOffRamp, "isHandoff": exit.isHandoff]
            }
            item["requiredFields"] = stage.requiredFields.map { field -> [String: Any] in
                ["id": field.id, "label": field.label, "type": field.type ?? false, "anchor": field.anchor]
            }
            item["sla"] = sla(stage.sla)
            item["routing"] = stage.routing
            item["probability"] = stage.probability ?? false
            item["details"] = stage.details.map { ["label": $0.label, "value": $0.value] }
            item["nurture"] = stage.nurture.map { plan -> [String: Any] in
                ["cadence": plan.cadence ?? false, "content": plan.content ?? false, "followUp": plan.followUp ?? false]
            } ?? false
            item["reasons"] = stage.reasons.map { ["code": $0.code, "description": $0.description] }
            return item
        }
        let teams: [[String: Any]] = handbook.teams.map { team in
            [
                "id": team.ref.id, "name": team.ref.name, "anchor": team.ref.anchor, "role": team.role ?? false,
                "description": team.description ?? false, "stages": team.stages.map(stageRef),
                "slas": team.slas.map { ["stage": stageRef($0.stage), "sla": sla($0.sla)] as [String: Any] },
                "handoffsReceived": team.handoffsReceived.map(handoff), "handoffsGiven": team.handoffsGiven.map(handoff),
            ]
        }
        return [
            "title": handbook.title, "version": handbook.version ?? false, "description": handbook.description ?? false,
            "motion": handbook.motion ?? false, "level": handbook.level ?? false, "source": source,
            "stages": stages, "teams": teams,
            "fields": handbook.fields.map { field in
                ["id": field.ref.id, "label": field.ref.label, "type": field.ref.type ?? false, "anchor": field.ref.anchor,
                 "values": field.values, "description": field.description ?? false,
                 "requiredBy": field.requiredBy.map(stageRef)] as [String: Any]
            },
            "reasons": handbook.reasons.map { ["code": $0.code, "description": $0.description, "stage": stageRef($0.stage), "anchor": $0.anchor] },
            "mermaid": MermaidDiagram.render(handbook),
        ]
    }
}
