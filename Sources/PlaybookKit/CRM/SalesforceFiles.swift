import Foundation
import PlaybookModel

/// Salesforce's metadata formats, as an sfdx source folder holds them: the standard value set of the
/// stage picklist (`LeadStatus` or `OpportunityStage`), a Path (`PathAssistant`) whose steps carry
/// each stage's key fields and guidance, and one validation rule per stage with required fields.
/// Written from a `CRMPlan`; read (as retrieved from an org, or as written here) into a `CRMConfiguration`.
public enum SalesforceFiles {
    public static let namespace = "http://soap.sforce.com/2006/04/metadata"

    /// A file of the folder: its path inside it and its text.
    public struct File: Sendable {
        public let path: String
        public let text: String
    }

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Text for XML content (the HTML escaping serves: `&#39;` is XML too).
    static func escaped(_ text: String) -> String { HTMLText.escape(text) }

    /// `name` as a metadata API name: letters, digits and single underscores, starting with a letter,
    /// at most 40 characters.
    static func apiName(_ name: String) -> String {
        String(underscored(name, startingWith: "X").prefix(40)).trimmingTrailing("_")
    }

    /// ASCII letters and digits of `text`, every other run of characters one `_`, none at the ends;
    /// `prefix` put before it when it does not start with a letter (metadata names, stage ids).
    static func underscored(_ text: String, startingWith prefix: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("_") {
                out += "_"
            }
        }
        out = out.trimmingTrailing("_")
        return out.first.map({ $0.isLetter }) == true ? out : prefix + out
    }

    /// The value set's name: `LeadStatus` for a Lead's `Status`, `OpportunityStage` for an Opportunity's `StageName`.
    static func valueSetName(_ plan: CRMPlan) -> String { plan.object == "Opportunity" ? "OpportunityStage" : "LeadStatus" }

    /// An Opportunity stage's forecast category: won stages are Closed, off-ramps Omitted, the others Pipeline.
    static func forecastCategory(_ kind: StageKind) -> String {
        switch kind {
        case .won: return "Closed"
        case .disqualified, .nurture: return "Omitted"
        default: return "Pipeline"
        }
    }

    static func xml(_ root: String, _ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root) xmlns=\"\(namespace)\">\n\(body)</\(root)>\n"
    }

    static func element(_ name: String, _ value: String, indent: Int = 1) -> String {
        String(repeating: "    ", count: indent) + "<\(name)>\(escaped(value))</\(name)>\n"
    }

    /// A number as the metadata writes it: 10, 12.5.
    static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    /// Every file of the folder, in a fixed order. A Lead playbook needs a `won` stage: its values are
    /// the converted statuses, and without one no lead could be converted.
    public static func files(_ plan: CRMPlan, source: String) throws(Refusal) -> [File] {
        let lead = plan.object != "Opportunity"
        if lead, !plan.stages.contains(where: { $0.kind == .won }) {
            throw Refusal(description: "no stage is `kind: won`, so no Lead Status would be converted and Salesforce could not convert "
                + "a single lead: mark the stage where a lead becomes an opportunity or a customer `kind: won`")
        }
        let setName = valueSetName(plan)
        var body = element("sorted", "false")
        let firstEntry = plan.stages.firstIndex { $0.kind == .entry } ?? 0
        for (index, stage) in plan.stages.enumerated() {
            body += "    <standardValue>\n"
            body += element("fullName", stage.value, indent: 2)
            body += element("default", index == firstEntry ? "true" : "false", indent: 2)
            body += element("label", stage.name, indent: 2)
            if lead {
                body += element("converted", stage.kind == .won ? "true" : "false", indent: 2)
            } else {
                body += element("closed", stage.kind.isTerminal ? "true" : "false", indent: 2)
                body += element("forecastCategory", forecastCategory(stage.kind), indent: 2)
                body += element("probability", number(stage.probability ?? 0), indent: 2)
                body += element("won", stage.kind == .won ? "true" : "false", indent: 2)
            }
            body += "    </standardValue>\n"
        }
        var files = [File(path: "standardValueSets/\(setName).standardValueSet-meta.xml", text: xml("StandardValueSet", body))]

        // The Path: one step per stage, with its key fields (at most 5 on a step) and guidance.
        let pathName = apiName("\(plan.object) \(plan.title)")
        var path = element("active", "true") + element("entityName", plan.object) + element("fieldName", plan.container)
            + element("masterLabel", String("\(plan.title)".prefix(80)))
        for stage in plan.stages {
            path += "    <pathAssistantSteps>\n"
            for field in stage.requiredFields.prefix(5) { path += element("fieldNames", field.name, indent: 2) }
            path += element("info", guidance(stage), indent: 2)
            path += element("picklistValueName", stage.value, indent: 2)
            path += "    </pathAssistantSteps>\n"
        }
        path += element("recordTypeName", "__MASTER__")
        files.append(File(path: "pathAssistants/\(pathName).pathAssistant-meta.xml", text: xml("PathAssistant", path)))

        // One validation rule per stage with required fields: entry (a new record, or the stage changed to it)
        // is blocked while one of them is blank.
        var names = Set<String>()
        for stage in plan.stages where !stage.requiredFields.isEmpty {
            // Unique names, also for ids that differ only after 24 characters or in their punctuation.
            let base = apiName("\(stage.id) required fields")
            var name = base
            var suffix = 2
            while !names.insert(name.lowercased()).inserted {
                name = String(base.prefix(40 - "_\(suffix)".count)).trimmingTrailing("_") + "_\(suffix)"
                suffix += 1
            }
            let blanks = stage.requiredFields.map { field in
                field.type == .enum ? "ISPICKVAL(\(field.name), \"\")" : "ISBLANK(\(field.name))"
            }
            let formula = "AND(\n    OR(ISNEW(), ISCHANGED(\(plan.container))),\n    ISPICKVAL(\(plan.container), \"\(formulaText(stage.value))\"),\n"
                + "    OR(\n        " + blanks.joined(separator: ",\n        ") + "\n    )\n)"
            let fields = stage.requiredFields.map(\.name).joined(separator: ", ")
            var rule = element("fullName", name) + element("active", "true")
            rule += element("description", "Playbook '\(plan.title)': a record enters '\(stage.name)' only with \(fields) filled in. "
                + "Generated by stagelint from \(fileName(source)).")
            rule += element("errorConditionFormula", formula)
            rule += element("errorDisplayField", plan.container)
            rule += element("errorMessage", cut("Before '\(stage.name)', fill in: \(fields).", to: 255))
            files.append(File(path: "objects/\(plan.object)/validationRules/\(name).validationRule-meta.xml", text: xml("ValidationRule", rule)))
        }
        return files
    }

    /// A string inside a formula's double quotes.
    static func formulaText(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// A Path step's guidance (rich text in Salesforce, at most 1,000 characters): entry rule, exits, SLA.
    /// When it is longer, each text in it is cut shorter (at a word, with "…") until it fits, so the
    /// HTML stays whole.
    static func guidance(_ stage: CRMPlan.Stage) -> String {
        for limit in [Int.max, 300, 160, 80, 40, 20] {
            func text(_ value: String) -> String { escaped(cut(value, to: limit)) }
            var parts: [String] = []
            if !stage.entry.isEmpty { parts.append("<p><b>Entry:</b> " + stage.entry.map(text).joined(separator: "; or ") + "</p>") }
            if let sla = stage.sla { parts.append("<p><b>SLA:</b> \(text(sla))</p>") }
            if !stage.exits.isEmpty {
                parts.append("<p><b>Next:</b></p><ul>" + stage.exits.map { "<li>\(text($0.to)): \(text($0.when))</li>" }.joined() + "</ul>")
            }
            if parts.isEmpty, let description = stage.description { parts.append("<p>\(text(description))</p>") }
            let guidance = parts.joined()
            if guidance.count <= 1000 { return guidance }
        }
        return "<p><b>Entry:</b> " + escaped(cut(stage.entry.first ?? stage.name, to: 900)) + "</p>"
    }

    /// Text cut to at most `limit` characters, at a word, ending with "…".
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var kept = String(text.prefix(max(limit - 1, 0)))
        if let space = kept.lastIndex(of: " "), kept.distance(from: kept.startIndex, to: space) > limit / 2 { kept = String(kept[..<space]) }
        return kept.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ",;:")) + "…"
    }

    /// Notes for the person exporting: what Salesforce needs that the playbook does not say.
    public static func notes(_ plan: CRMPlan) -> [String] {
        var notes: [String] = []
        let unnamed = Set(plan.stages.flatMap(\.requiredFields).filter { !$0.hasCRMName }.map(\.id)).sorted()
        if !unnamed.isEmpty {
            notes.append("required field\(unnamed.count == 1 ? "" : "s") without a Salesforce name (`crm: { salesforce: Api_Name__c }`) "
                + "used by id in validation rules and the Path: \(unnamed.joined(separator: ", "))")
        }
        for stage in plan.stages where stage.requiredFields.count > 5 {
            notes.append("stage '\(stage.id)' has \(stage.requiredFields.count) required fields; a Path step shows at most 5 (the first 5)")
        }
        return notes
    }

    // MARK: Reading

    /// Reads a StandardValueSet, a PathAssistant or a ValidationRule (as retrieved, or as written here).
    public static func read(_ bytes: [UInt8], file: String) throws(CRMFileError) -> CRMConfiguration {
        let root: XMLTreeElement
        do {
            root = try XMLTreeElement.parse(bytes)
        } catch {
            throw CRMFileError(file: file, at: "line \(error.line)", "not well-formed XML: \(error.reason)")
        }
        let base = "/\(root.localName)"
        switch root.localName {
        case "StandardValueSet":
            var configuration = CRMConfiguration(shape: .salesforceValueSet, file: file)
            // A retrieved value set is named by its file (`LeadStatus.standardValueSet-meta.xml`); a file
            // renamed by hand says nothing, and then the values' flags tell the object.
            let stem = fileStem(file)
            configuration.name = root.value("fullName") ?? (["LeadStatus", "OpportunityStage"].contains(stem) ? stem : nil)
            for (index, value) in root.all("standardValue").enumerated() {
                let at = "\(base)/standardValue[\(index + 1)]"
                guard let name = value.value("fullName"), !name.isEmpty else {
                    throw CRMFileError(file: file, at: "\(at)/fullName", "missing (line \(value.line))")
                }
                func flag(_ key: String) -> Bool? { value.value(key).map { $0 == "true" } }
                configuration.values.append(CRMConfiguration.Value(
                    value: name, label: value.value("label") ?? name, active: flag("isActive") ?? true, closed: flag("closed"),
                    won: flag("won"), converted: flag("converted"), probability: value.value("probability").flatMap(Double.init),
                    description: value.value("description"), location: at))
            }
            switch configuration.name {
            case "OpportunityStage": configuration.object = "Opportunity"
            case "LeadStatus": configuration.object = "Lead"
            default:
                let values = configuration.values
                if values.contains(where: { $0.won != nil || $0.closed != nil || $0.probability != nil }) {
                    configuration.object = "Opportunity"
                } else if values.contains(where: { $0.converted != nil }) {
                    configuration.object = "Lead"
                }
            }
            return configuration
        case "PathAssistant":
            var configuration = CRMConfiguration(shape: .salesforcePath, file: file)
            configuration.name = fileStem(file)
            configuration.label = root.value("masterLabel")
            configuration.object = root.value("entityName")
            let active = root.value("active") != "false"
            for (index, step) in root.all("pathAssistantSteps").enumerated() {
                let at = "\(base)/pathAssistantSteps[\(index + 1)]"
                guard let name = step.value("picklistValueName"), !name.isEmpty else {
                    throw CRMFileError(file: file, at: "\(at)/picklistValueName", "missing (line \(step.line))")
                }
                configuration.values.append(CRMConfiguration.Value(
                    value: name, label: name, active: active, keyFields: step.all("fieldNames").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
                    location: at))
            }
            return configuration
        case "ValidationRule":
            var configuration = CRMConfiguration(shape: .salesforceValidationRule, file: file)
            let name = root.value("fullName") ?? fileStem(file)
            guard let formula = root.value("errorConditionFormula") else {
                throw CRMFileError(file: file, at: "\(base)/errorConditionFormula", "missing")
            }
            let read = readFormula(formula)
            configuration.rules.append(CRMConfiguration.ValidationRule(
                name: name, active: root.value("active") == "true", stageValues: read.stageValues, fields: read.fields, location: base))
            configuration.object = objectFromPath(file)
            return configuration
        default:
            throw CRMFileError(file: file, at: base, "not a Salesforce StandardValueSet, PathAssistant or ValidationRule")
        }
    }

    /// A path's last part: what generated files name as their source, the same on every machine.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    static func fileStem(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.components(separatedBy: ".").first ?? last
    }

    /// `objects/Lead/validationRules/…`: the object of a validation rule.
    static func objectFromPath(_ file: String) -> String? {
        let parts = file.split(separator: "/").map(String.init)
        guard let index = parts.lastIndex(of: "validationRules"), index > 0 else { return nil }
        return parts[index - 1]
    }

    /// What a formula tests: `ISPICKVAL(F, "value")` with a non-empty value names a stage value;
    /// `ISBLANK(F)`, `ISPICKVAL(F, "")` and `LEN(F) = 0` name a field that must be filled. A reading of
    /// the common shapes, not a formula parser (documented in docs/crm.md).
    static func readFormula(_ formula: String) -> (stageValues: [String], fields: [String]) {
        var stageValues: [String] = []
        var fields: [String] = []
        let scalars = Array(formula.unicodeScalars)
        var index = 0
        func word(at start: Int) -> String? {
            var end = start
            while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end] == "_" || scalars[end] == "." || ("0"..."9").contains(Character(scalars[end])) { end += 1 }
            return end > start ? String(String.UnicodeScalarView(scalars[start..<end])) : nil
        }
        func skipSpaces(_ at: inout Int) { while at < scalars.count, scalars[at].properties.isWhitespace { at += 1 } }
        while index < scalars.count {
            guard let name = word(at: index) else { index += 1; continue }
            var at = index + name.unicodeScalars.count
            index = at
            skipSpaces(&at)
            guard at < scalars.count, scalars[at] == "(" else { continue }
            at += 1
            skipSpaces(&at)
            guard let argument = word(at: at) else { continue }
            at += argument.unicodeScalars.count
            skipSpaces(&at)
            switch name.uppercased() {
            case "ISBLANK", "ISNULL", "LEN":
                if !fields.contains(argument) { fields.append(argument) }
            case "ISPICKVAL":
                guard at < scalars.count, scalars[at] == "," else { continue }
                at += 1
                skipSpaces(&at)
                guard at < scalars.count, scalars[at] == "\"" || scalars[at] == "'" else { continue }
                let quote = scalars[at]
                at += 1
                var text = ""
                while at < scalars.count, scalars[at] != quote {
                    if scalars[at] == "\\", at + 1 < scalars.count { at += 1 }
                    text.unicodeScalars.append(scalars[at])
                    at += 1
                }
                if text.isEmpty {
                    if !fields.contains(argument) { fields.append(argument) }
                } else if !stageValues.contains(text) {
                    stageValues.append(text)
                }
            default: continue
            }
        }
        return (stageValues, fields)
    }
}

extension String {
    func trimmingTrailing(_ character: Character) -> String {
        var out = self
        while out.last == character { out.removeLast() }
        return out
    }
}
