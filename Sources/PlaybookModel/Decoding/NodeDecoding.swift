import Foundation
import YAMLReader

/// The keys of one mapping, split into known keys and `x-` extensions, after unknown keys
/// were reported.
package struct KeyedNodes {
    /// Known keys in file order (a mapping has a handful, so a list beats a dictionary).
    package var entries: [(name: String, key: NodeID, value: NodeID)] = []
    package var extensions: [Extension] = []

    package subscript(key: String) -> NodeID? { entry(key)?.value }

    package func entry(_ name: String) -> (key: NodeID, value: NodeID)? {
        for entry in entries where entry.name == name { return (entry.key, entry.value) }
        return nil
    }
}

/// Reading typed values out of YAML nodes, reporting `invalid-value`, `unknown-key` and
/// `missing-key` as it goes. Decoding always goes on after a finding.
package struct NodeDecoding {
    package let document: YAMLDocument
    package var sink: DiagnosticSink
    /// Where the model's free texts are kept (one store for a whole playbook).
    package var texts: TextStore

    package mutating func invalid(_ id: NodeID, _ message: String) {
        sink.report(.invalidValue, at: document[id].span, message)
    }

    package func isNull(_ id: NodeID) -> Bool {
        document[id].isNullScalar
    }

    /// Reads a mapping's keys against a place of the schema.
    /// `label` names the mapping in messages ("stage 'mql'"); `anchor` is where missing keys are reported.
    package mutating func keyed(_ id: NodeID, place: FormatPlace, label: @autoclosure () -> String, anchor: SourceSpan) -> KeyedNodes? {
        guard let pairs = document.pairs(id) else {
            let found = isNull(id) ? "it is empty" : "found \(document[id].kindName)"
            let keys = place.required.isEmpty ? place.keyNames.prefix(3) : place.required.prefix(3)
            invalid(id, "\(label()) must be a mapping of keys such as \(keys.map { "`\($0)`" }.joined(separator: ", ")); \(found)")
            return nil
        }
        var result = KeyedNodes()
        result.entries.reserveCapacity(pairs.count)
        // The known keys written in this mapping, gathered once when a typo first needs them (asking
        // the whole mapping for each typo made a mapping of many misspelt keys quadratic).
        var writtenKnownKeys: Set<String>?
        for (index, pair) in pairs.enumerated() {
            guard case .scalar(let key, _) = document[pair.key].content else {
                invalid(pair.key, "keys in \(label()) must be plain strings, found \(document[pair.key].kindName)")
                continue
            }
            if key.hasPrefix("x-") {
                result.extensions.append(Extension(key: Located(key, at: document[pair.key].span), value: extensionValue(pair.value)))
                continue
            }
            guard place.keyNames.contains(key) else {
                if let split = commaSplit(at: index, of: pairs, in: id, textKey: { written in
                    // A misspelt text key (`whne`) is reported as such and stands for the key it means.
                    place.texts.contains(written) ? written
                        : Suggestion.closest(to: written, among: place.keyNames).flatMap { place.texts.contains($0) ? $0 : nil }
                }) {
                    if split.first == index { reportCommaSplit(split, in: label()) }
                    continue
                }
                let suggestion = Suggestion.closest(to: key, among: place.keyNames)
                var message = "unknown key '\(key)' in \(label())"
                if let suggestion {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; the keys of \(place.name) are \(place.keyNames.joined(separator: ", ")) "
                        + "(prefix a key of your own with 'x-' to keep it as an extension)"
                }
                // Recover as a compiler does: read a likely typo as the key it stands for (when that key
                // is not also written), so one misspelling is not reported again as a missing key or a
                // dead end. Then renaming the key is certain: it is what the file already means.
                var fix: Fix?
                if let suggestion {
                    let document = document
                    let written = writtenKnownKeys ?? Set(pairs.compactMap { document[$0.key].scalarText }
                        .filter { place.keyNames.contains($0) })
                    writtenKnownKeys = written
                    if !written.contains(suggestion), result.entry(suggestion) == nil {
                        result.entries.append((suggestion, pair.key, pair.value))
                        if !pair.merged {
                            fix = Fix(.safe, "rename `\(key)` to `\(suggestion)`", edits: [TextEdit(document[pair.key].span, suggestion)])
                        }
                    }
                }
                sink.report(.unknownKey, at: document[pair.key].span, message, fix: fix)
                continue
            }
            result.entries.append((key, pair.key, pair.value))
        }
        for key in place.required where result.entry(key) == nil {
            sink.report(.missingKey, at: anchor, "\(label()) has no `\(key)` (\(place.meaning(of: key))); add it")
        }
        return result
    }

    /// A text cut by a comma in a flow mapping: in `{ action: Accepts, recycles or rejects }` YAML reads
    /// `recycles or rejects` as a key with no value. The pair at `index` is such a piece when the mapping
    /// is written `{ … }`, the pair is a plain key written without a colon, and the pairs before it back
    /// to a plain text value, under a key that holds text, are pieces too (`textKey` gives the key to
    /// write for a written key that holds text, nil for any other). Returns the key whose text was cut,
    /// the text YAML kept, the whole text rejoined, the first piece (the pieces are reported once) and
    /// the span of all the pieces.
    package func commaSplit(at index: Int, of pairs: [YAMLPair], in mapping: NodeID, textKey: (String) -> String?) -> CommaSplit? {
        guard case .mapping(_, .flow) = document[mapping].content else { return nil }
        func isPiece(_ pair: YAMLPair) -> Bool {
            guard !pair.merged, case .scalar(_, .plain) = document[pair.key].content,
                  case .scalar(let value, .plain) = document[pair.value].content, value.isEmpty else { return false }
            // Without a colon the empty value sits at the next `,` or `}`: right after the key or one
            // space on. `key:` (an empty value written on purpose) puts at least the colon between them.
            let (keyEnd, valueStart) = (document[pair.key].span.end, document[pair.value].span.start)
            return keyEnd.line == valueStart.line && valueStart.column - keyEnd.column <= 1
        }
        guard isPiece(pairs[index]) else { return nil }
        var first = index
        while first > 0, isPiece(pairs[first - 1]) { first -= 1 }
        guard first > 0 else { return nil }
        let owner = pairs[first - 1]
        guard !owner.merged, let written = document[owner.key].scalarText, let key = textKey(written),
              case .scalar(let cut, .plain) = document[owner.value].content, !cut.isEmpty else { return nil }
        var last = index
        while last + 1 < pairs.count, isPiece(pairs[last + 1]) { last += 1 }
        let pieces = pairs[first...last].compactMap { document[$0.key].scalarText }
        let span = SourceSpan(start: document[pairs[first].key].span.start, end: document[pairs[last].key].span.end)
        return CommaSplit(key: key, cut: cut, whole: ([cut] + pieces).joined(separator: ", "), first: first, span: span,
                          valueStart: document[owner.value].span.start)
    }

    package struct CommaSplit {
        package let key: String
        package let cut: String
        package let whole: String
        package let first: Int
        /// From the first piece to the end of the last.
        package let span: SourceSpan
        /// Where the cut text starts: the fix quotes from there to the end of the last piece.
        package let valueStart: SourcePosition
    }

    package mutating func reportCommaSplit(_ split: CommaSplit, in label: String) {
        let fix = Fix(.safe, "quote the whole text of `\(split.key)`",
                      edits: [TextEdit(SourceSpan(start: split.valueStart, end: split.span.end), quoted(split.whole))])
        sink.report(.unknownKey, at: split.span,
            "a comma inside `{ … }` ended the text of `\(split.key)` in \(label) at \(quoted(split.cut)), and YAML read the rest "
                + "as a key of its own; quote the whole text: `\(split.key): \(quoted(split.whole))`", fix: fix)
    }

    /// A text in double quotes, as YAML would need it.
    package func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A non-empty string. Numbers and booleans are taken as the text written (`name: No` is "No").
    package mutating func string(_ id: NodeID, key: String) -> Located<String>? {
        guard case .scalar(let text, _) = document[id].content else {
            invalid(id, "`\(key)` must be a string, found \(document[id].kindName)")
            return nil
        }
        if document[id].isNullScalar || text.isBlank {
            invalid(id, "`\(key)` is empty; write a value or remove the key")
            return nil
        }
        return Located(text, at: document[id].span)
    }

    /// A non-empty string, kept in the playbook's text store.
    package mutating func text(_ id: NodeID, key: String) -> Located<CompactText>? {
        string(id, key: key).map { texts.store($0) }
    }

    /// A string or a non-empty list of strings.
    package mutating func textList(_ id: NodeID, key: String) -> TextList? {
        let span = document[id].span
        if let items = document.items(id) {
            guard !items.isEmpty else {
                invalid(id, "`\(key)` is an empty list; write at least one item or remove the key")
                return nil
            }
            let values = items.compactMap { text($0, key: key) }
            return values.isEmpty ? nil : TextList(span: span, compactItems: values, isList: true)
        }
        guard let value = text(id, key: key) else { return nil }
        return TextList(span: span, compactItems: [value], isList: false)
    }

    /// An id or a list of ids of things that need not exist any more (`renamed_from`); a malformed one
    /// is reported and kept as written.
    package mutating func identifiers(_ id: NodeID, key: String, what: String) -> TextList? {
        let texts = textList(id, key: key)
        for item in texts?.items ?? [] where !Identifier.isValid(item.value) {
            sink.report(.invalidValue, at: item.span, "'\(item.value)' is not a valid \(what) id in `\(key)`: use \(PlaybookFormat.idForm)")
        }
        return texts
    }

    /// An id matching `[a-z][a-z0-9_-]*`.
    package mutating func identifier(_ id: NodeID, what: String) -> Located<String>? {
        guard let value = string(id, key: what) else { return nil }
        guard Identifier.isValid(value.value) else {
            invalid(id, "'\(value.value)' is not a valid \(what): use \(PlaybookFormat.idForm), such as '\(Identifier.slug(value.value, prefix: Self.idPrefix(what)))'")
            return nil
        }
        return value
    }

    /// A key of a mapping used as an id (team, field, stage, reason code).
    package mutating func keyIdentifier(_ id: NodeID, what: String) -> Located<String>? {
        guard let text = document[id].scalarText else { return nil }
        if !Identifier.isValid(text) {
            invalid(id, "'\(text)' is not a valid \(what): use \(PlaybookFormat.idForm), such as '\(Identifier.slug(text, prefix: Self.idPrefix(what)))'")
        }
        return Located(text, at: document[id].span)
    }

    /// "team id" → "team", for building an example id.
    package static func idPrefix(_ what: String) -> String {
        String(what.prefix { $0.isLetter })
    }

    /// A list of ids.
    package mutating func identifierList(_ id: NodeID, key: String, what: String) -> [Located<String>]? {
        guard let items = document.items(id) else {
            if document[id].scalarText != nil, !isNull(id) {
                invalid(id, "`\(key)` must be a list, such as [\(document[id].scalarText ?? "")]; found \(document[id].kindName)")
            } else {
                invalid(id, "`\(key)` must be a list of \(what)s; found \(document[id].kindName)")
            }
            return nil
        }
        var identifiers: [Located<String>] = []
        identifiers.reserveCapacity(items.count)  // kept with the stage for the whole run: no slack
        for item in items {
            // A malformed id is reported and kept as written: it still names what it names (a field
            // declared under the same malformed id is not unused, and renaming that id renames it).
            if let identifier = identifier(item, what: what) {
                identifiers.append(identifier)
            } else if let written = document[item].scalarText, !isNull(item), !written.isBlank {
                identifiers.append(Located(written, at: document[item].span))
            }
        }
        return identifiers
    }

    package mutating func enumeration<E: RawRepresentable & CaseIterable>(_ id: NodeID, key: String, as type: E.Type) -> Located<E>?
    where E.RawValue == String {
        enumerationRecovering(id, key: key, as: type)?.value
    }

    /// Like `enumeration`, but an unknown value that is a likely typo (`entyr`) is reported and then
    /// read as the value it stands for (`recovered` is true), so one typo is reported once.
    package mutating func enumerationRecovering<E: RawRepresentable & CaseIterable>(_ id: NodeID, key: String, as type: E.Type)
        -> (value: Located<E>?, recovered: Bool)? where E.RawValue == String {
        guard let text = string(id, key: key) else { return nil }
        if let value = E(rawValue: text.value) { return (Located(value, at: text.span), false) }
        let accepted = E.allCases.map(\.rawValue)
        let suggestion = Suggestion.closest(to: text.value, among: accepted)
        let lead = suggestion.map { "; did you mean '\($0)'? Use" } ?? "; use"
        invalid(id, "unknown \(key) '\(text.value)'\(lead) one of: \(accepted.joined(separator: ", "))")
        return (suggestion.flatMap(E.init(rawValue:)).map { Located($0, at: text.span) }, true)
    }

    package mutating func duration(_ id: NodeID, key: String) -> Located<Duration>? {
        guard let text = string(id, key: key) else { return nil }
        if let duration = Duration(parsing: text.value) { return Located(duration, at: text.span) }
        var message = "'\(text.value)' is not a duration; write \(PlaybookFormat.durationForms), "
            + "with at most 6 digits"
        var fix: Fix?
        if let suggestion = DurationSuggestion(text.value) {
            message += suggestion.advice
            switch suggestion {
            case .exact(let duration):
                fix = Fix(.safe, "write `\(duration)`", edits: [TextEdit(document[id].span, duration.description)])
            case .approximate(let duration, _):
                fix = Fix(.unsafe, "write about `\(duration)`", edits: [TextEdit(document[id].span, duration.description)])
            case .impossible:
                break
            }
        }
        sink.report(.invalidValue, at: document[id].span, message, fix: fix)
        return nil
    }

    /// A percentage from 0 to 100.
    package mutating func percentage(_ id: NodeID, key: String) -> Located<Double>? {
        let node = document[id]
        let accepted = "a number from 0 to 100 (a percentage, without '%')"
        switch node.resolvedScalar {
        case .int(let value) where (0...100).contains(value):
            return Located(Double(value), at: node.span)
        case .float(let value) where value >= 0 && value <= 100:
            return Located(value, at: node.span)
        case .int, .float:
            invalid(id, "`\(key)` is \(node.scalarText ?? ""), outside 0–100; write \(accepted)")
        case .string(let text) where node.scalarText != nil:
            let digits = text.trimmed(of: "% ")
            if ResolvedScalar.resolve(digits, style: .plain, tag: nil).isNumber {
                invalid(id, "`\(key)` must be a number, not the string '\(text)'; write \(digits)")
            } else {
                invalid(id, "`\(key)` must be \(accepted), found '\(text)'")
            }
        default:
            invalid(id, "`\(key)` must be \(accepted), found \(node.kindName)")
        }
        return nil
    }

    /// A version: a string or an integer (a plain `2.1` keeps its written text).
    package mutating func version(_ id: NodeID) -> Located<String>? {
        let node = document[id]
        switch node.resolvedScalar {
        case .string, .int, .float:
            if let text = node.scalarText, !text.isEmpty { return Located(text, at: node.span) }
        default:
            break
        }
        invalid(id, "`version` must be a string or an integer such as 3 or \"2.1.0\", found \(node.kindName)")
        return nil
    }

    /// Any YAML value kept as data for an `x-` key. Aliases can nest a value deeper than the reader's
    /// depth limit, so the copy stops at that depth (deeper values are kept as null).
    package func extensionValue(_ id: NodeID, depth: Int = 0) -> ExtensionValue {
        let node = document[id]
        guard depth < YAMLLimits.default.maxDepth else { return .null }
        switch node.content {
        case .sequence(let items, _):
            return .list(items.map { extensionValue($0, depth: depth + 1) })
        case .mapping(let pairs, _):
            return .map(pairs.map { (key: document[$0.key].scalarText ?? "", value: extensionValue($0.value, depth: depth + 1)) })
        case .scalar:
            switch node.resolvedScalar {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .float(let value): return .float(value)
            case .string(let value): return .string(value)
            }
        }
    }
}

extension ResolvedScalar {
    package var isNumber: Bool {
        switch self {
        case .int, .float: return true
        default: return false
        }
    }
}

extension String {
    /// The string without the given characters at either end.
    package func trimmed(of set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension String {
    /// Empty or only white space; ASCII is checked byte by byte, other text by its characters.
    package var isBlank: Bool {
        var ascii = true
        for byte in utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
        }
        return ascii || allSatisfy(\.isWhitespace)
    }
}

extension NodeDecoding {
    /// The keys of a place that its part of the model has no property for, read as data by their type in
    /// the format's description (`PlaybookFormat`), so a key added there is decoded and checked here.
    package mutating func described<Model: FormatModel>(_ keys: KeyedNodes, of _: Model.Type, label: String) -> [String: FormatNode] {
        var values: [String: FormatNode] = [:]
        guard !Model.describedKeys.isEmpty else { return values }
        for entry in keys.entries where Model.describedKeys.contains(entry.name) {
            guard let key = Model.place.key(entry.name) else { continue }
            if let node = generic(entry.value, key: key, label: label) { values[entry.name] = node }
        }
        return values
    }

    /// A value of any type of the format, as data; nil (after a finding) when it is not valid. Records,
    /// lists and entries are read key by key like every other place.
    package mutating func generic(_ id: NodeID, key: FormatKey, label: String) -> FormatNode? {
        let node = document[id]
        func list(_ items: [FormatNode]) -> FormatNode { FormatNode(.list(items), at: node.span) }
        switch key.type {
        case .text, .string:
            return string(id, key: key.name).map(FormatNode.string)
        case .texts:
            return textList(id, key: key.name).map { FormatNode(.list($0.items.map(FormatNode.string)), at: $0.span) }
        case .identifiers(let what):
            return identifiers(id, key: key.name, what: what).map { FormatNode(.list($0.items.map(FormatNode.string)), at: $0.span) }
        case .version:
            return version(id).map(FormatNode.string)
        case .enumeration(let accepted):
            guard let text = string(id, key: key.name) else { return nil }
            guard accepted.contains(text.value) else {
                let lead = Suggestion.closest(to: text.value, among: accepted).map { "; did you mean '\($0)'? Use" } ?? "; use"
                invalid(id, "unknown \(key.name) '\(text.value)' in \(label)\(lead) one of: \(accepted.joined(separator: ", "))")
                return nil
            }
            return .string(text)
        case .reference(let what):
            return identifier(id, what: "\(what) id").map(FormatNode.string)
        case .references(let what):
            return identifierList(id, key: key.name, what: "\(what) id").map { list($0.map(FormatNode.string)) }
        case .duration:
            return duration(id, key: key.name).map { FormatNode(.string($0.value.description), at: $0.span) }
        case .percentage:
            return percentage(id, key: key.name).map { FormatNode(.number($0.value), at: $0.span) }
        case .strings:
            guard let items = document.items(id) else {
                invalid(id, "`\(key.name)` of \(label) must be a list of strings, found \(node.kindName)")
                return nil
            }
            if items.isEmpty { invalid(id, "`\(key.name)` of \(label) is empty; list at least one value") }
            return list(items.compactMap { string($0, key: key.name) }.map(FormatNode.string))
        case .record(let place):
            return record(id, place: place, label: "`\(key.name)` of \(label)")
        case .list(let place):
            guard let items = document.items(id) else {
                invalid(id, "`\(key.name)` of \(label) must be a list of mappings; found \(node.kindName)")
                return nil
            }
            return list(items.compactMap { record($0, place: place, label: "an item of `\(key.name)` of \(label)") })
        case .entries(let place, let notEmpty):
            guard let pairs = document.pairs(id) else {
                invalid(id, "`\(key.name)` of \(label) must be a mapping of \(place.id) id → \(place.id); found \(node.kindName)")
                return nil
            }
            if notEmpty, pairs.isEmpty { invalid(id, "`\(key.name)` of \(label) is empty; write at least one \(place.id)") }
            var members: [FormatNode.Member] = []
            for pair in pairs {
                guard let entry = keyIdentifier(pair.key, what: "\(place.id) id") else {
                    invalid(pair.key, "\(place.id) ids must be plain strings, found \(document[pair.key].kindName)")
                    continue
                }
                if let value = record(pair.value, place: place, label: "\(place.id) '\(entry.value)'") {
                    members.append(FormatNode.Member(key: entry, node: value))
                }
            }
            return FormatNode(.mapping(members), at: node.span)
        case .codes:
            guard let pairs = document.pairs(id), !pairs.isEmpty else {
                invalid(id, "`\(key.name)` of \(label) must be a mapping of code → description, not empty; found \(node.kindName)")
                return nil
            }
            var members: [FormatNode.Member] = []
            for pair in pairs {
                guard let code = keyIdentifier(pair.key, what: "code") else {
                    invalid(pair.key, "codes must be plain strings, found \(document[pair.key].kindName)")
                    continue
                }
                let value = string(pair.value, key: code.value).map(FormatNode.string) ?? FormatNode(.null, at: document[pair.value].span)
                members.append(FormatNode.Member(key: code, node: value))
            }
            return FormatNode(.mapping(members), at: node.span)
        }
    }

    /// A mapping with the keys of `place`, every key read by its type; nil when it is not a mapping.
    package mutating func record(_ id: NodeID, place: FormatPlace, label: String) -> FormatNode? {
        let span = document[id].span
        guard let keys = keyed(id, place: place, label: label, anchor: SourceSpan(at: span.start)) else { return nil }
        if place.notEmpty, keys.entries.isEmpty, keys.extensions.isEmpty {
            invalid(id, "\(label) is empty; write " + ListWording.joined(place.keyNames.map { "`\($0)`" }, conjunction: "or") + ", or remove it")
        }
        var members: [FormatNode.Member] = []
        for entry in keys.entries {
            guard let key = place.key(entry.name),
                  let value = generic(entry.value, key: key, label: label) else { continue }
            members.append(FormatNode.Member(key: Located(entry.name, at: document[entry.key].span), node: value))
        }
        return FormatNode(.mapping(members), at: span)
    }
}
