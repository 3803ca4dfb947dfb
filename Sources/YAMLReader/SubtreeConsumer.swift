/// Takes the values of one top-level mapping while the document is still being read, so that
/// their nodes can be dropped as soon as they are decoded.
///
/// A playbook is mostly its `stages` mapping; building the whole tree first and then the model
/// from it held both in memory at once (the tree of a 20,000-stage file took more room than the
/// model). With a consumer, each value of the mapping under `key` is handed over when its last
/// event arrives, and the reader keeps in its place an empty collection of the same kind and span,
/// which the document lists in `detached` with the number of the hand-over.
///
/// A value is only handed over when nothing else can refer to its nodes: it is a collection, its
/// key is a scalar other than the merge key `<<`, and neither it, nor anything in it, nor the
/// mapping holding it carries an anchor. Only the first `key` of the top level counts (YAML keeps
/// only the first of duplicate keys). Everything else stays in the tree as usual.
public protocol SubtreeConsumer {
    /// The top-level key whose mapping's values are handed over.
    var key: String { get }

    /// Takes one value (`value`, with its `key` node) of that mapping. `document` holds the nodes
    /// read so far and is only valid during the call. Returns false to keep the value in the tree.
    mutating func take(_ value: NodeID, key: NodeID, in document: YAMLDocument) -> Bool
}

/// The consumer that takes nothing: the whole tree is built.
public struct KeepWholeTree: SubtreeConsumer {
    public init() {}
    public var key: String { "" }
    public mutating func take(_ value: NodeID, key: NodeID, in document: YAMLDocument) -> Bool { false }
}
