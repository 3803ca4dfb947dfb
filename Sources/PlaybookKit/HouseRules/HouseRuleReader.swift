import PlaybookModel
import YAMLReader

/// Reads `custom-rules` as strictly as the rest of the configuration: an unknown key, path or
/// operator (with a suggestion), a bad regular expression, an operator on the wrong kind of value or
/// an id that clashes with a built-in rule stops the run with the file, line and column.
extension ConfigReader {
    static let houseRuleKeys = ["summary", "rationale", "severity", "given", "where", "then", "message", "examples"]

    func houseRules(_ id: NodeID) throws(ConfigurationError) -> [HouseRule] {
        var rules: [HouseRule] = []
        for (name, key, value) in try pairs(id, "`custom-rules`", keys: nil) {
            rules.append(try houseRule(name, key: key, value: value))
        }
        return rules
    }

    private func houseRule(_ id: String, key: NodeID, value: NodeID) throws(ConfigurationError) -> HouseRule {
        guard Self.isRuleID(id) else {
            throw fail(key, "a house rule's id must be lowercase letters, digits and '-', starting with a letter, found '\(id)'")
        }
        if RuleCatalog.rule(id) != nil {
            throw fail(key, "'\(id)' is the id of a built-in rule; give the house rule an id of its own (`stagelint rules` lists the built-in ones)")
        }
        var summary: String?
        var rationale = ""
        var severity = Severity.warning
        var given: HouseRuleGiven?
        var whereNode: NodeID?
        var thenNode: NodeID?
        var messageNode: NodeID?
        var triggering: [String] = []
        var passing: [String] = []
        var exampleLines: [HouseRuleExamples.Failure.Kind: [Int?]] = [:]
        for (name, _, node) in try pairs(value, "house rule '\(id)'", keys: Self.houseRuleKeys) {
            switch name {
            case "summary": summary = try string(node, "`summary`")
            case "rationale": rationale = try string(node, "`rationale`")
            case "severity":
                if document[node].scalarText == "off" {
                    throw fail(node, "a house rule's `severity` is error, warning or info; to switch it off, write `rules: { \(id): off }`")
                }
                severity = try self.severity(node, "`severity`", allowOff: false) ?? .warning
            case "given":
                let text = try string(node, "`given`")
                guard let found = HouseRuleGiven(rawValue: text) else {
                    let names = HouseRuleGiven.allCases.map(\.rawValue)
                    throw fail(node, "`given` must be one of \(names.joined(separator: ", ")), found '\(text)'"
                        + Suggestion.didYouMean(Suggestion.closest(to: text, among: names)))
                }
                given = found
            case "where": whereNode = node
            case "then": thenNode = node
            case "message": messageNode = node
            default:
                for (kind, _, list) in try pairs(node, "`examples`", keys: ["triggering", "passing"]) {
                    if kind == "triggering" { triggering = try strings(list, "examples.triggering") } else { passing = try strings(list, "examples.passing") }
                    exampleLines[kind == "triggering" ? .triggering : .passing] = firstLines(list)
                }
            }
        }
        guard let summary else { throw fail(key, "house rule '\(id)' needs `summary`: one line on what it checks") }
        guard let given else { throw fail(key, "house rule '\(id)' needs `given`: one of \(HouseRuleGiven.allCases.map(\.rawValue).joined(separator: ", "))") }
        guard let thenNode else { throw fail(key, "house rule '\(id)' needs `then`: what must hold of each \(given.item.rawValue)") }
        let conditions = try whereNode.map { node throws(ConfigurationError) in try self.condition(node, from: given.item, "`where`") } ?? HouseCondition()
        let assertions = try self.condition(thenNode, from: given.item, "`then`")
        guard !assertions.clauses.isEmpty else { throw fail(thenNode, "`then` of house rule '\(id)' asserts nothing; give it a path and a test") }
        let message = try messageNode.map { node throws(ConfigurationError) in try self.message(node, from: given.item) }
        let description = RuleDescription(
            id: id, defaultSeverity: severity, category: .house, summary: summary, rationale: rationale,
            triggeringExamples: triggering, passingExamples: passing, origin: file)
        return HouseRule(description: description, given: given, conditions: conditions, assertions: assertions, message: message,
                         file: file, position: document[key].position, exampleLines: exampleLines)
    }

    /// For each example of a list, the line of the config file its first line is on: known for a
    /// literal block (`- |`), whose lines are the file's lines; nil for other styles.
    private func firstLines(_ list: NodeID) -> [Int?] {
        (document.items(list) ?? []).map { item in
            if case .scalar(_, .literal) = document[item].content { return document[item].position.line + 1 }
            return nil
        }
    }

    static func isRuleID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A `where` or `then` mapping: paths to tests, and `any`.
    private func condition(_ id: NodeID, from item: HouseItemKind, _ what: String, depth: Int = 0) throws(ConfigurationError) -> HouseCondition {
        guard depth < 16 else { throw fail(id, "`any` is nested more than 16 deep") }
        guard document.pairs(id) != nil else {
            throw fail(id, "\(what) must be a mapping of paths to tests, found \(document[id].kindName)")
        }
        var condition = HouseCondition()
        for (key, keyNode, value) in try pairs(id, what, keys: nil, keepingExtensions: true) {
            if key == "any" {
                guard let items = document.items(value), !items.isEmpty else {
                    throw fail(value, "`any` must be a non-empty list of mappings of paths to tests, found \(found(value))")
                }
                var alternatives: [HouseCondition] = []
                for alternative in items {
                    alternatives.append(try self.condition(alternative, from: item, "an item of `any`", depth: depth + 1))
                }
                condition.clauses.append(.any(alternatives))
                continue
            }
            let path: HousePath
            do {
                path = try HousePath(key, from: item)
            } catch {
                throw fail(keyNode, error.message)
            }
            condition.clauses.append(.test(HouseTests(path, try tests(value, for: path), from: item)))
        }
        return condition
    }

    /// The tests of one path: a scalar is `equals`, a list is `in`, a mapping holds operators.
    private func tests(_ id: NodeID, for path: HousePath) throws(ConfigurationError) -> [HouseTest] {
        if document.items(id) != nil { return [try test("in", id, for: path, at: id)] }
        if document[id].scalarText != nil { return [try test("equals", id, for: path, at: id)] }
        let operators = try pairs(id, "the tests of '\(path.text)'", keys: nil)
        guard !operators.isEmpty else { throw fail(id, "'\(path.text)' has no test; write an operator such as `defined: true`") }
        var tests: [HouseTest] = []
        for (name, nameNode, value) in operators {
            guard HouseTest.names.contains(name) else {
                let suggestion = Suggestion.closest(to: name, among: HouseTest.names + ["any"])
                throw fail(nameNode, "unknown operator '\(name)'\(Suggestion.didYouMean(suggestion))"
                    + (suggestion == nil ? " (operators: \(HouseTest.names.joined(separator: ", ")))" : ""))
            }
            tests.append(try test(name, value, for: path, at: nameNode))
        }
        var low: Double?
        var high: Double?
        for test in tests {
            if case .min(let bound) = test { low = bound }
            if case .max(let bound) = test { high = bound }
        }
        if let low, let high, low > high {
            throw fail(id, "`min` is more than `max` on '\(path.text)': no value can pass; swap them")
        }
        return tests
    }

    /// One operator and its argument, checked against what the path holds.
    private func test(_ name: String, _ value: NodeID, for path: HousePath, at operatorNode: NodeID) throws(ConfigurationError) -> HouseTest {
        let kind = path.kind
        func wrongKind(_ wants: String) -> ConfigurationError {
            fail(operatorNode, "`\(name)` needs \(wants), but '\(path.text)' is \(kind.name)")
        }
        switch name {
        case "defined":
            guard case .bool(let flag) = document[value].resolvedScalar else { throw fail(value, "`defined` must be true or false, found \(found(value))") }
            return .defined(flag)
        case "equals", "not-equals":
            guard isScalarKind(kind) else { throw wrongKind("a single value (for a list, use `contains`)") }
            let scalar = try self.scalar(value, for: path, operator: name)
            return name == "equals" ? .equals(scalar) : .notEquals(scalar)
        case "in", "not-in":
            guard isScalarKind(kind) else { throw wrongKind("a single value (for a list, use `contains`)") }
            guard let items = document.items(value), !items.isEmpty else { throw fail(value, "`\(name)` must be a non-empty list, found \(found(value))") }
            var scalars: [HouseScalar] = []
            for item in items { scalars.append(try scalar(item, for: path, operator: name)) }
            return name == "in" ? .oneOf(scalars) : .noneOf(scalars)
        case "contains", "not-contains":
            switch kind {
            case .list(let item) where item.isText: break
            case .mapping, .record, .any: break
            default: throw wrongKind("a list of texts or ids, or a mapping")
            }
            let text = try string(value, "`\(name)`")
            if case .record(let place) = kind, let keys = PlaybookFormat.places.first(where: { $0.id == place })?.keyNames,
               !keys.contains(text) {
                throw fail(value, "'\(path.text)' has the keys \(keys.joined(separator: ", ")); '\(text)' never matches"
                    + Suggestion.didYouMean(Suggestion.closest(to: text, among: keys)))
            }
            if case .list(.reference(let target)) = kind, target == .field || target == .stage || target == .team, text.contains(" ") {
                throw fail(value, "'\(path.text)' holds \(target.rawValue) ids, which have no spaces; found '\(text)'")
            }
            return name == "contains" ? .contains(text) : .notContains(text)
        case "pattern", "not-pattern":
            guard isTextKind(kind) else { throw wrongKind("a text or a list of texts") }
            let source = try string(value, "`\(name)`")
            let pattern: LinearPattern
            do {
                pattern = try LinearPattern(source)
            } catch {
                throw fail(value, "bad regular expression '\(source)' at character \(error.offset + 1): \(error.message)")
            }
            return name == "pattern" ? .pattern(pattern) : .notPattern(pattern)
        case "mentions", "not-mentions":
            guard isTextKind(kind) else { throw wrongKind("a text or a list of texts") }
            let phrases = document[value].scalarText != nil ? [try string(value, "`\(name)`")] : try strings(value, name)
            guard !phrases.isEmpty else { throw fail(value, "`\(name)` needs at least one word or phrase") }
            let mentions = HouseMentions(phrases)
            guard mentions.phrases.count == phrases.count else {
                throw fail(value, "every item of `\(name)` must hold a word (letters or digits)")
            }
            return name == "mentions" ? .mentions(mentions) : .notMentions(mentions)
        case "min", "max":
            let amount: Double
            switch kind {
            case .number:
                guard let number = number(value) else { throw fail(value, "`\(name)` on '\(path.text)' must be a number, found \(found(value))") }
                amount = number
            case .duration:
                guard let text = document[value].scalarText, let duration = Duration(parsing: text) else {
                    throw fail(value, "`\(name)` on '\(path.text)' must be a duration: \(PlaybookFormat.durationForms); found \(found(value))")
                }
                amount = Double(duration.totalMinutes)
            case .any:
                if let number = number(value) {
                    amount = number
                } else if let duration = document[value].scalarText.flatMap(Duration.init(parsing:)) {
                    amount = Double(duration.totalMinutes)
                } else {
                    throw fail(value, "`\(name)` must be a number or a duration, found \(found(value))")
                }
            default:
                throw wrongKind("a number or a duration")
            }
            return name == "min" ? .min(amount) : .max(amount)
        case "count":
            switch kind {
            case .list, .mapping, .record, .any: break
            default: throw wrongKind("a list or a mapping")
            }
            var low: Int?
            var high: Int?
            for (bound, _, number) in try pairs(value, "`count`", keys: ["min", "max"]) {
                guard case .int(let amount) = document[number].resolvedScalar, amount >= 0 else {
                    throw fail(number, "`count.\(bound)` must be a whole number, 0 or more, found \(found(number))")
                }
                if bound == "min" { low = amount } else { high = amount }
            }
            guard low != nil || high != nil else { throw fail(value, "`count` needs `min`, `max` or both") }
            if let low, let high, low > high { throw fail(value, "`count.min` (\(low)) is more than `count.max` (\(high))") }
            return .count(min: low, max: high)
        default:  // casing
            guard isTextKind(kind) else { throw wrongKind("a text or a list of texts") }
            let text = try string(value, "`casing`")
            guard let casing = HouseCasing(rawValue: text) else {
                let names = HouseCasing.allCases.map(\.rawValue)
                throw fail(value, "`casing` must be one of \(names.joined(separator: ", ")), found '\(text)'"
                    + Suggestion.didYouMean(Suggestion.closest(to: text, among: names)))
            }
            return .casing(casing)
        }
    }

    private func isScalarKind(_ kind: HouseValueKind) -> Bool {
        switch kind {
        case .text, .number, .duration, .boolean, .reference, .any: return true
        default: return false
        }
    }

    private func isTextKind(_ kind: HouseValueKind) -> Bool {
        if case .list(let item) = kind { return item.isText }
        return kind.isText
    }

    private func number(_ id: NodeID) -> Double? {
        switch document[id].resolvedScalar {
        case .int(let number): return Double(number)
        case .float(let number): return number
        default: return nil
        }
    }

    /// A value to compare with, read as the path's kind says: an enumeration's value must be one of
    /// its choices, a duration a duration, a number a number.
    private func scalar(_ id: NodeID, for path: HousePath, operator name: String) throws(ConfigurationError) -> HouseScalar {
        guard let text = document[id].scalarText, !isNull(id) else {
            throw fail(id, "`\(name)` on '\(path.text)' needs a value, found \(found(id)) (to test that it is not written, use `defined: false`)")
        }
        switch path.kind {
        case .number:
            guard let number = number(id) else { throw fail(id, "'\(path.text)' is a number; found '\(text)'") }
            return .number(number)
        case .duration:
            guard let duration = Duration(parsing: text) else {
                throw fail(id, "'\(path.text)' is a duration (\(PlaybookFormat.durationForms)); found '\(text)'")
            }
            return .duration(duration.totalMinutes)
        case .boolean:
            guard case .bool(let flag) = document[id].resolvedScalar else { throw fail(id, "'\(path.text)' is true or false; found '\(text)'") }
            return .boolean(flag)
        case .text(let choices?):
            guard choices.contains(text) else {
                throw fail(id, "'\(path.text)' is one of \(choices.joined(separator: ", ")); '\(text)' never matches"
                    + Suggestion.didYouMean(Suggestion.closest(to: text, among: choices)))
            }
            return .text(text)
        case .any:
            switch document[id].resolvedScalar {
            case .bool(let flag): return .boolean(flag)
            case .int(let number): return .number(Double(number))
            case .float(let number): return .number(number)
            default: return .text(text)
            }
        default:
            return .text(text)
        }
    }

    /// A message with `{path}` placeholders, each path checked.
    private func message(_ id: NodeID, from item: HouseItemKind) throws(ConfigurationError) -> HouseMessage {
        let text = try string(id, "`message`")
        var pieces: [HouseMessage.Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw fail(id, "`message` has a '{' without its '}': placeholders are written {path}, as in {id}")
            }
            let name = String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            let path: HousePath
            do {
                path = try HousePath(name, from: item)
            } catch {
                throw fail(id, "in `message`, {\(name)}: \(error.message)")
            }
            switch path.kind {
            case .item, .list(.item):
                throw fail(id, "in `message`, {\(name)} holds \(path.kind.name), which a message cannot show; name one of its values")
            default:
                pieces.append(.value(path))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return HouseMessage(pieces: pieces)
    }
}
