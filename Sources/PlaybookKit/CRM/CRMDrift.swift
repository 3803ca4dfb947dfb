import PlaybookModel
import YAMLReader

/// `stagelint drift`: where a CRM's current configuration (files as exported from it) no longer says
/// what the playbook says, as findings at the playbook's lines. Hidden or inactive CRM values that no
/// stage maps to are not drift.
public enum CRMDrift {
    static func rule(_ id: String, _ summary: String, _ rationale: String) -> RuleDescription {
        RuleDescription(id: id, defaultSeverity: .warning, category: .structure, summary: summary, rationale: rationale,
                        triggeringExamples: [], passingExamples: [])
    }

    public static let missingInCRM = rule("drift-missing-in-crm", "A stage has no value in the CRM.",
        "Records cannot be put in a stage the CRM does not offer: add the value in the CRM (`stagelint export`), or give the stage its CRM value in `crm`.")
    public static let missingInPlaybook = rule("drift-missing-in-playbook", "The CRM has an active value no stage maps to.",
        "Records in a value the playbook does not know are outside every rule, SLA and report: add the stage (or its `crm` value), or hide the value in the CRM.")
    public static let label = rule("drift-label", "The CRM's label differs from the stage's name.",
        "People see one name in the CRM and another in the handbook: rename one of them.")
    public static let order = rule("drift-order", "The CRM orders the stages differently from the funnel.",
        "Reports and the record page's path follow the CRM's order: reorder the values (or the playbook's stages).")
    public static let terminal = rule("drift-terminal", "The CRM's closed, won or converted flags disagree with the stage's kind.",
        "A value marked closed or won that the playbook treats otherwise (or the reverse) breaks win rates, forecasts and conversion.")
    public static let probability = rule("drift-probability", "The CRM's probability differs from the stage's.",
        "Weighted pipeline and forecasts use the CRM's figure: make the two agree.")
    public static let requiredField = rule("drift-required-field", "A stage's required field is enforced by no active validation rule.",
        "The playbook says a field must be known before the stage; without a validation rule the CRM lets records in without it.")

    public static let rules = [missingInCRM, missingInPlaybook, label, order, terminal, probability, requiredField]

    /// The findings with their byte ranges in the playbook's source, in file order.
    public static func diagnostics(_ configurations: [CRMConfiguration], document: PlaybookDocument) -> [Diagnostic] {
        guard let playbook = document.playbook else { return [] }
        return document.locating(findings(configurations, playbook: playbook, file: document.file))
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 0.005 }

    /// Why a file is not about where the playbook's stages live (another object, property, pipeline or
    /// value set), one message per such file: comparing it would only report noise (`drift` exits 2).
    public static func mismatches(_ configurations: [CRMConfiguration], playbook: Playbook) -> [String] {
        configurations.compactMap { configuration in
            let plan = CRMPlan(playbook, platform: configuration.platform)
            let file = configuration.file
            let also = configuration.others.isEmpty ? "" : " (the file also has: \(configuration.others.joined(separator: ", ")))"
            let home = plan.isPipeline ? "the \(plan.object) pipeline '\(plan.container)'" : "the \(plan.object) property '\(plan.container)'"
            switch configuration.shape {
            case .hubspotProperty:
                if plan.isPipeline { return "\(file) is a HubSpot property; the playbook's stages live in \(home) (crm.hubspot)" }
                if let name = configuration.name, name != plan.container {
                    return "\(file) holds the property '\(name)'; the playbook's stages live in \(home) (crm.hubspot)\(also)"
                }
            case .hubspotPipeline:
                if !plan.isPipeline { return "\(file) is a HubSpot pipeline; the playbook's stages live in \(home) (crm.hubspot)" }
                if let name = configuration.name, name != plan.container {
                    return "\(file) holds the pipeline '\(name)'; the playbook's stages live in \(home) (crm.hubspot)\(also)"
                }
            case .salesforceValueSet:
                let expected = SalesforceFiles.valueSetName(plan)
                if let name = configuration.name, name != expected {
                    return "\(file) is the \(name) value set; the playbook's stages are the \(plan.object)'s \(plan.container) (\(expected))"
                }
                if configuration.name == nil, let object = configuration.object, object != plan.object {
                    return "\(file) holds \(object) stage values; the playbook's stages are the \(plan.object)'s \(plan.container) (\(expected))"
                }
            case .salesforcePath, .salesforceValidationRule:
                if let object = configuration.object, object != plan.object {
                    return "\(file) is about \(object); the playbook's stages are the \(plan.object)'s \(plan.container) (crm.salesforce)"
                }
            }
            return nil
        }
    }

    /// The findings, sorted by their place in the playbook (without byte ranges).
    public static func findings(_ configurations: [CRMConfiguration], playbook: Playbook, file: String) -> [Diagnostic] {
        var sink = DiagnosticSink(file: file)
        let rulesGiven = configurations.filter { $0.shape == .salesforceValidationRule }.flatMap(\.rules).filter(\.active)
        for configuration in configurations where configuration.shape != .salesforceValidationRule {
            let plan = CRMPlan(playbook, platform: configuration.platform)
            let source = "\(configuration.file) (\(configuration.shape.rawValue))"
            var byValue: [String: CRMConfiguration.Value] = [:]
            for value in configuration.values where byValue[value.value] == nil { byValue[value.value] = value }
            let known = Set(plan.stages.map(\.value))
            // A Path holds guidance for the values it has steps for; the value set, not the Path, says
            // which values exist and in what order.
            let isPath = configuration.shape == .salesforcePath
            for stage in plan.stages {
                let at = stage.valueSpan ?? stage.span
                guard let value = byValue[stage.value] else {
                    if isPath { continue }
                    sink.report(missingInCRM, at: at, "stage '\(stage.id)' has no value '\(stage.value)' in \(source): add it in "
                        + "the CRM, or give the stage the value the CRM uses in `crm: { \(plan.platform.rawValue): … }`")
                    continue
                }
                guard value.active else {
                    sink.report(missingInCRM, at: at, "stage '\(stage.id)' maps to '\(stage.value)', which is hidden or inactive in "
                        + "\(source) (\(value.location)): records cannot enter it; make it active again or change the stage's CRM value")
                    continue
                }
                let labelled = configuration.shape != .salesforcePath
                if labelled, value.label != stage.name {
                    sink.report(label, at: stage.nameSpan ?? stage.span, "the CRM calls '\(stage.value)' \"\(value.label)\" in \(source) "
                        + "(\(value.location)) but the stage's name is \"\(stage.name)\": rename one so that both say the same")
                }
                if let message = terminalDisagreement(stage, value, plan: plan) {
                    sink.report(terminal, at: stage.kindSpan ?? stage.span, "stage '\(stage.id)' is `kind: \(stage.kind.rawValue)` but "
                        + "\(source) marks '\(stage.value)' \(message) (\(value.location))")
                }
                // A won or disqualified stage means 100% or 0% without writing it (as `export` writes it).
                if stage.writesProbability || stage.kind.isTerminal, let expected = stage.probability, let actual = value.probability,
                   !close(expected, actual) {
                    let says = stage.writesProbability ? "the stage says" : "a `\(stage.kind.rawValue)` stage means"
                    sink.report(probability, at: stage.probabilitySpan ?? stage.kindSpan ?? stage.span, "the CRM's probability for '\(stage.value)' is "
                        + "\(SalesforceFiles.number(actual))% in \(source) (\(value.location)), \(says) \(SalesforceFiles.number(expected))%")
                }
            }
            for value in configuration.values where value.active && !known.contains(value.value) {
                sink.report(missingInPlaybook, at: plan.stagesSpan, "\(source) has the active value '\(value.value)' (\"\(value.label)\", "
                    + "\(value.location)) that no stage maps to: add the stage, give a stage this value in `crm`, or hide it in the CRM")
            }
            // The order of the values that map to stages, against the funnel's.
            let crmOrder = configuration.values.filter { $0.active && known.contains($0.value) }.map(\.value)
            let funnelOrder = plan.stages.map(\.value).filter { value in crmOrder.contains(value) }
            if !isPath, crmOrder != funnelOrder, let first = zip(crmOrder, funnelOrder).first(where: { $0 != $1 }),
               let stage = plan.stages.first(where: { $0.value == first.1 }) {
                sink.report(order, at: stage.span, "\(source) orders the stages \(crmOrder.map { "'\($0)'" }.joined(separator: ", ")); "
                    + "the funnel's order is \(funnelOrder.map { "'\($0)'" }.joined(separator: ", ")) (first difference: '\(first.1)')")
            }
        }
        if configurations.contains(where: { $0.shape == .salesforceValidationRule }) {
            let plan = CRMPlan(playbook, platform: .salesforce)
            for stage in plan.stages {
                let enforcing = rulesGiven.filter { $0.stageValues.contains(stage.value) }
                for field in stage.requiredFields where !enforcing.contains(where: { $0.fields.contains(field.name) }) {
                    sink.report(requiredField, at: stage.span, "no active validation rule blocks '\(stage.value)' while \(field.name) is blank "
                        + "(required by stage '\(stage.id)'): add one (`stagelint export --to salesforce` writes it)")
                }
            }
        }
        return sink.diagnostics.sorted { ($0.line, $0.column, $0.rule, $0.message) < ($1.line, $1.column, $1.rule, $1.message) }
    }

    /// How the CRM's flags disagree with a stage's kind, if they do.
    static func terminalDisagreement(_ stage: CRMPlan.Stage, _ value: CRMConfiguration.Value, plan: CRMPlan) -> String? {
        var wrong: [String] = []
        if let closed = value.closed, closed != stage.kind.isTerminal { wrong.append(closed ? "closed" : "not closed") }
        if let won = value.won, won != (stage.kind == .won) { wrong.append(won ? "won" : "not won") }
        if let converted = value.converted, converted != (stage.kind == .won) { wrong.append(converted ? "converted" : "not converted") }
        return wrong.isEmpty ? nil : wrong.joined(separator: " and ")
    }
}
