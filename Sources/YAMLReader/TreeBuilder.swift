import CYAML

/// Builds the node arena from libyaml events, one event at a time, with an explicit stack.
struct TreeBuilder {
    private struct Frame {
        let isMapping: Bool
        let style: CollectionStyle
        let tag: String?
        let anchor: String?
        let start: SourcePosition
        /// Where this collection's children start in `children` (the children of all open collections).
        let firstChild: Int
        /// Where this collection's descendants start in `nodes` (they are added before it, in one run).
        let firstNode: Int
        /// How many anchored nodes there were when it opened: if still as many when it closes, nothing
        /// in it can be the target of an alias.
        let anchoredBefore: Int
        /// True for the top-level mapping whose values go to the `SubtreeConsumer`.
        let handsOverValues: Bool
        /// Nodes this collection stands for once aliases are expanded: itself plus its children.
        var expandedSize = 1
    }

    let limits: YAMLLimits
    private var nodes = NodeArena()
    /// Expanded size of each anchored node, by index (an alias costs what its anchor stands for).
    /// Its count is the number of anchored nodes so far (they are never dropped).
    private var anchoredSizes: [Int: Int] = [:]
    private var stack: [Frame] = []
    /// The children of every open collection, innermost last: one buffer for all of them, so a
    /// collection's list is allocated once, at its exact size, when it closes.
    private var children: [NodeID] = []
    private var anchors: [String: NodeID] = [:]
    private var openAnchors: [String: Int] = [:]
    private var problems: [YAMLProblem] = []
    private var root: NodeID?
    private var documents = 0
    private var totalNodes = 0
    private var failed = false
    /// Nodes that stand in for an alias that could not be resolved (already reported).
    /// Kept in increasing order (nodes are only added at the end), so those of a dropped value are
    /// the last ones.
    private var placeholders: [Int] = []
    /// Values handed to the consumer: the empty node left in the place of each.
    private var detached = DetachedValues()
    private var multilineScalarLines: [ClosedRange<Int>] = []

    /// The top-level key whose values go to the consumer ("" for none), and how many times a key of
    /// that name was written at the top level: only the first is handed over, as only the first is kept.
    let handOverKey: String
    private var handOverKeysSeen = 0

    /// How the keys of a big mapping are hashed to find duplicates (tests make them collide).
    private let keyHash: (String) -> Int

    init(limits: YAMLLimits, handOverKey: String = "", keyHash: @escaping (String) -> Int = { $0.hashValue }) {
        self.limits = limits
        self.handOverKey = handOverKey
        self.keyHash = keyHash
    }

    mutating func fail(_ problem: YAMLProblem) {
        failed = true
        if problem.kind == .resourceLimit {
            problems = [problem]
        } else {
            problems.append(problem)
        }
    }

    func result() -> YAMLParseResult {
        guard !failed, let root else {
            return YAMLParseResult(document: nil, problems: problems, isEmpty: !failed && documents == 0)
        }
        let document = YAMLDocument(nodes: nodes, root: root, detached: detached, multilineScalarLines: multilineScalarLines)
        return YAMLParseResult(document: document, problems: problems, isEmpty: false)
    }

    private static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Where a second document starts; it is only a problem if it holds anything.
    private var extraDocument: SourcePosition?

    /// Handles one event; returns false when reading should stop. `consumer` takes the values of
    /// `handOverKey`'s mapping.
    mutating func handle<Consumer: SubtreeConsumer>(_ event: yaml_event_t, consumer: inout Consumer) -> Bool {
        let start = Self.position(event.start_mark)
        let end = Self.position(event.end_mark)
        if let extra = extraDocument {
            // A trailing `---` with nothing after it (editors and generators leave one) is fine.
            switch event.type {
            case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                return event.type != YAML_STREAM_END_EVENT
            case YAML_SCALAR_EVENT where event.data.scalar.length == 0 && event.data.scalar.tag == nil
                && event.data.scalar.anchor == nil && event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE:
                return true
            default:
                problems.append(YAMLProblem(
                    kind: .multipleDocuments,
                    message: "a playbook file holds one YAML document, and a second one starts here; "
                        + "move it to a file of its own",
                    span: SourceSpan(at: extra)))
                return false
            }
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { extraDocument = start }
            return true

        case YAML_STREAM_END_EVENT:
            return false

        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text: String
            if let value = scalar.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
            } else {
                text = ""
            }
            let style: ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = YAMLNode(
                content: .scalar(text, style), tag: Self.string(scalar.tag), anchor: Self.string(scalar.anchor),
                span: SourceSpan(start: start, end: end))
            if let lines = node.multilineTextLines { multilineScalarLines.append(lines) }
            return add(node, expandedSize: 1, at: start)

        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count + 1 > limits.maxDepth {
                fail(YAMLProblem(
                    kind: .resourceLimit,
                    message: "nesting goes deeper than \(limits.maxDepth) levels here; a playbook needs about 6, "
                        + "so this file is not a playbook or is damaged (reading stopped at this point)",
                    span: SourceSpan(at: start)))
                return false
            }
            let anchor: String?
            let tag: String?
            let flow: Bool
            if isMapping {
                anchor = Self.string(event.data.mapping_start.anchor)
                tag = Self.string(event.data.mapping_start.tag)
                flow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            } else {
                anchor = Self.string(event.data.sequence_start.anchor)
                tag = Self.string(event.data.sequence_start.tag)
                flow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            }
            if let anchor { openAnchors[anchor, default: 0] += 1 }
            let handsOver = isMapping && anchor == nil && opensHandedOverMapping()
            stack.append(Frame(isMapping: isMapping, style: flow ? .flow : .block, tag: tag, anchor: anchor, start: start,
                               firstChild: children.count, firstNode: nodes.count, anchoredBefore: anchoredSizes.count,
                               handsOverValues: handsOver))
            return countNodes(1, at: start)

        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            if let anchor = frame.anchor {
                openAnchors[anchor, default: 1] -= 1
                if openAnchors[anchor] == 0 { openAnchors[anchor] = nil }
            }
            let span = SourceSpan(start: frame.start, end: end)
            let content: YAMLContent
            if frame.isMapping {
                content = .mapping(resolveMapping(children[frame.firstChild...]), frame.style)
            } else {
                content = .sequence(Array(children[frame.firstChild...]), frame.style)
            }
            children.removeSubrange(frame.firstChild...)
            let node = YAMLNode(content: content, tag: frame.tag, anchor: frame.anchor, span: span)
            // A value of the handed-over mapping (a key waits for it) that no alias can reach.
            let handOver = stack.last?.handsOverValues == true && frame.anchor == nil
                && anchoredSizes.count == frame.anchoredBefore
                && (children.count - (stack.last?.firstChild ?? 0)) % 2 == 1
            // The collection itself was counted when it opened.
            guard add(node, expandedSize: frame.expandedSize, at: frame.start, counted: true) else { return false }
            if handOver { handOverLastValue(from: frame.firstNode, to: &consumer) }
            return true

        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            let span = SourceSpan(start: start, end: end)
            if openAnchors[name] != nil {
                problems.append(YAMLProblem(
                    kind: .badAlias,
                    message: "alias '*\(name)' refers to a node that contains it; a playbook cannot be recursive, "
                        + "so remove the alias or point it at another anchor",
                    span: span))
                placeholders.append(nodes.count)
                return add(placeholder(span), expandedSize: 1, at: start)
            }
            guard let target = anchors[name] else {
                problems.append(YAMLProblem(
                    kind: .badAlias,
                    message: "undefined alias '*\(name)': no anchor '&\(name)' comes before it; "
                        + "define the anchor first or fix the name",
                    span: span))
                placeholders.append(nodes.count)
                return add(placeholder(span), expandedSize: 1, at: start)
            }
            let size = anchoredSizes[target.index] ?? 1
            guard countNodes(size, at: start) else { return false }
            attach(target, expandedSize: size)
            return true

        default:
            return true
        }
    }

    /// True when a collection opening now is the value of the first `handOverKey` in the top-level mapping.
    private func opensHandedOverMapping() -> Bool {
        guard handOverKeysSeen == 1, stack.count == 1, stack[0].isMapping, let key = children.last,
              (children.count - stack[0].firstChild) % 2 == 1 else { return false }
        return nodes[key.index].scalarText == handOverKey
    }

    /// Hands the value just added (whose nodes start at `first`) to the consumer; when taken, its
    /// nodes are dropped and an empty collection with its span takes its place.
    private mutating func handOverLastValue<Consumer: SubtreeConsumer>(from first: Int, to consumer: inout Consumer) {
        guard children.count >= 2, let value = children.last else { return }
        let key = children[children.count - 2]
        guard case .scalar(let text, let style) = nodes[key.index].content, !(text == "<<" && style == .plain) else { return }
        let taken = nodes[value.index]
        let empty: YAMLContent
        switch taken.content {
        case .sequence(_, let style): empty = .sequence([], style)
        case .mapping(_, let style): empty = .mapping([], style)
        case .scalar: return  // only collections are handed over
        }
        // The document shares the arena only for the call, so dropping the nodes after it copies nothing.
        guard consumer.take(value, key: key, in: YAMLDocument(nodes: nodes, root: value)) else { return }
        nodes.removeAll(from: first)
        while let last = placeholders.last, last >= first { placeholders.removeLast() }
        let id = NodeID(nodes.count)
        nodes.append(YAMLNode(content: empty, tag: nil, anchor: nil, span: taken.span))
        children[children.count - 1] = id
        detached.append(id)
    }

    private func isPlaceholder(_ index: Int) -> Bool {
        placeholders.position(ofSorted: index) != nil
    }

    private func placeholder(_ span: SourceSpan) -> YAMLNode {
        YAMLNode(content: .scalar("", .plain), tag: nil, anchor: nil, span: span)
    }

    /// Counts nodes against the limit; false (with the one resource-limit problem) once past it.
    private mutating func countNodes(_ count: Int, at position: SourcePosition) -> Bool {
        let (sum, overflow) = totalNodes.addingReportingOverflow(count)
        totalNodes = overflow ? Int.max : sum
        let limit = min(limits.maxNodes, YAMLLimits.largestMaxNodes)
        if totalNodes > limit {
            fail(YAMLProblem(
                kind: .resourceLimit,
                message: "the document stands for more than \(limit) nodes once aliases are expanded "
                    + "(an alias bomb, or far too large for a playbook); reading stopped here",
                span: SourceSpan(at: position)))
            return false
        }
        return true
    }

    private mutating func add(_ node: consuming YAMLNode, expandedSize: Int, at position: SourcePosition, counted: Bool = false) -> Bool {
        if !counted {
            guard countNodes(1, at: position) else { return false }
        }
        let id = NodeID(nodes.count)
        let anchor = node.anchor
        nodes.append(node)
        if let anchor {
            anchors[anchor] = id
            anchoredSizes[id.index] = expandedSize
        }
        attach(id, expandedSize: expandedSize)
        return true
    }

    private mutating func attach(_ id: NodeID, expandedSize: Int) {
        guard !stack.isEmpty else {
            if root == nil { root = id }
            return
        }
        let last = stack.count - 1
        if last == 0, !handOverKey.isEmpty, stack[0].isMapping, (children.count - stack[0].firstChild) % 2 == 0,
           nodes[id.index].scalarText == handOverKey {
            handOverKeysSeen += 1  // a top-level key
        }
        children.append(id)
        let (sum, overflow) = stack[last].expandedSize.addingReportingOverflow(expandedSize)
        stack[last].expandedSize = overflow ? Int.max : sum
    }

    /// Pairs up a mapping's children, applies merge keys and reports duplicate keys.
    private mutating func resolveMapping(_ children: ArraySlice<NodeID>) -> [YAMLPair] {
        var explicit: [YAMLPair] = []
        explicit.reserveCapacity(children.count / 2)
        var mergeSources: [(key: NodeID, value: NodeID)] = []
        // Keys seen so far: a list for the handful of keys most mappings have; past that, the first key
        // of each text's hash (a 20,000-stage `stages` mapping would otherwise hold a dictionary of
        // strings, sized up as it grows, at the peak of memory), and the keys whose hash an earlier,
        // different key already had.
        var seenList: [(text: String, key: NodeID)] = []
        var seenByHash: [Int: NodeID] = [:]
        var seenCollided: [String: NodeID] = [:]
        func seen(_ text: String) -> NodeID? {
            if seenList.count < 16 {
                for entry in seenList where entry.text == text { return entry.key }
                return nil
            }
            guard let first = seenByHash[keyHash(text)] else { return nil }
            if case .scalar(let firstText, _) = nodes[first.index].content, firstText == text { return first }
            return seenCollided[text]
        }
        func rememberByHash(_ text: String, _ key: NodeID) {
            let hash = keyHash(text)
            if seenByHash[hash] == nil {
                seenByHash[hash] = key
            } else {
                seenCollided[text] = key  // not seen before (see `seen`), so a different text
            }
        }
        func remember(_ text: String, _ key: NodeID) {
            if seenList.count < 16 {
                seenList.append((text, key))
                if seenList.count == 16 {
                    seenByHash.reserveCapacity(children.count / 2)
                    for entry in seenList { rememberByHash(entry.text, entry.key) }
                }
            } else {
                rememberByHash(text, key)
            }
        }
        var index = children.startIndex
        while index + 1 < children.endIndex {
            let key = children[index]
            let value = children[index + 1]
            index += 2
            if case .scalar(let text, let style) = nodes[key.index].content {
                let isMerge = text == "<<" && style == .plain
                    && (nodes[key.index].tag == nil || nodes[key.index].tag == "tag:yaml.org,2002:merge")
                if isMerge {
                    mergeSources.append((key, value))
                    continue
                }
                if let first = seen(text) {
                    let firstPosition = nodes[first.index].position
                    problems.append(YAMLProblem(
                        kind: .duplicateKey,
                        message: "duplicate key '\(text)': it is already set at line \(firstPosition.line), "
                            + "column \(firstPosition.column), and YAML keeps only one; remove or rename one of them",
                        span: nodes[key.index].span))
                    continue
                }
                remember(text, key)
            }
            explicit.append(YAMLPair(key: key, value: value, merged: false))
        }
        guard !mergeSources.isEmpty else { return explicit }

        var result = explicit
        for source in mergeSources {
            let sourceNode = nodes[source.value.index]
            var mappings: [NodeID] = []
            switch sourceNode.content {
            case .mapping:
                mappings = [source.value]
            case .sequence(let items, _) where items.allSatisfy({ nodes[$0.index].isMapping }):
                mappings = items
            default:
                if isPlaceholder(source.value.index) { continue }  // its bad alias is reported
                problems.append(YAMLProblem(
                    kind: .badMerge,
                    message: "the merge key '<<' takes a mapping or a list of mappings (usually an alias such as "
                        + "'*defaults'), not \(sourceNode.kindName)",
                    span: sourceNode.span))
                continue
            }
            for mapping in mappings {
                guard case .mapping(let pairs, _) = nodes[mapping.index].content else { continue }
                for pair in pairs {
                    guard let text = nodes[pair.key.index].scalarText else { continue }
                    if seen(text) != nil { continue }
                    remember(text, pair.key)
                    result.append(YAMLPair(key: pair.key, value: pair.value, merged: true))
                }
            }
        }
        return result
    }
}

extension YAMLNode {
    var isMapping: Bool {
        if case .mapping = content { return true }
        return false
    }
}
