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
            throw TemplateError(file: file, line: error.context.lineNumber, column: error.context.columnNumber,
                                message: "\(describe(error.error)) in `\(error.context.line.trimmed(of: " \t"))`")
        } catch {
            throw TemplateError(file: file, line: 1, column: 1, message: "\(error)")
        }
        return template.render(context(handbook, source: source))
    }

    static func describe(_ error: Error) -> String {
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
            sla.map { ["within": $0.within ?? "", "action": $0.action ?? "", "summary": $0.summary] as [String: Any] } ?? false
        }
        func handoff(_ handoff: Handbook.Handoff) -> [String: Any] {
            ["from": stageRef(handoff.from), "fromTeam": teamRef(handoff.fromTeam), "to": stageRef(handoff.to),
             "toTeam": teamRef(handoff.toTeam), "when": handoff.when]
        }
        let stages: [[String: Any]] = handbook.stages.map { stage in
            [
                "id": stage.ref.id, "name": stage.ref.name, "anchor": stage.ref.anchor,
                "kind": stage.kind.rawValue, "kindLabel": stage.kindLabel,
                "isEntry": stage.kind == .entry, "isOffRamp": stage.kind.isOffRamp, "isTerminal": stage.kind.isTerminal,
                "owner": teamRef(stage.owner), "description": stage.description ?? false,
                "entry": stage.entry, "hasEntry": !stage.entry.isEmpty,
                "exits": stage.exits.map { exit in
                    ["to": stageRef(exit.to), "when": exit.when, "action": exit.action ?? false,
                     "isOffRamp": exit.isOffRamp, "isHandoff": exit.isHandoff] as [String: Any]
                },
                "requiredFields": stage.requiredFields.map { ["id": $0.id, "label": $0.label, "type": $0.type ?? "", "anchor": $0.anchor] },
                "sla": sla(stage.sla), "routing": stage.routing, "probability": stage.probability ?? false,
                "nurture": stage.nurture.map { ["cadence": $0.cadence ?? "", "content": $0.content ?? "", "followUp": $0.followUp ?? ""] as [String: Any] } ?? false,
                "reasons": stage.reasons.map { ["code": $0.code, "description": $0.description] },
            ]
        }
        let teams: [[String: Any]] = handbook.teams.map { team in
            [
                "id": team.ref.id, "name": team.ref.name, "anchor": team.ref.anchor, "role": team.role ?? "",
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
                ["id": field.ref.id, "label": field.ref.label, "type": field.ref.type ?? "", "anchor": field.ref.anchor,
                 "values": field.values, "description": field.description ?? false,
                 "requiredBy": field.requiredBy.map(stageRef)] as [String: Any]
            },
            "reasons": handbook.reasons.map { ["code": $0.code, "description": $0.description, "stage": stageRef($0.stage), "anchor": $0.anchor] },
            "mermaid": MermaidDiagram.render(handbook),
        ]
    }
}
