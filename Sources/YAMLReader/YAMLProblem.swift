/// Something wrong with a YAML file that the reader itself finds.
///
/// The reader knows nothing of playbooks or rule ids; the playbook layer maps each kind
/// to its diagnostic.
public struct YAMLProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// libyaml could not read or parse the text.
        case syntax
        /// A mapping has the same key twice.
        case duplicateKey
        /// An alias names an anchor that was not defined before it, or one that encloses it.
        case badAlias
        /// A merge key (`<<`) whose value is not a mapping or a list of mappings.
        case badMerge
        /// The file has more than one YAML document.
        case multipleDocuments
        /// A limit was passed (size, depth, nodes after alias expansion).
        case resourceLimit
    }

    public let kind: Kind
    public let message: String
    public let span: SourceSpan

    public init(kind: Kind, message: String, span: SourceSpan) {
        self.kind = kind
        self.message = message
        self.span = span
    }
}

/// Bounds that keep hostile or accidental input from costing unbounded time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings (the top-level mapping is level 1).
    public var maxDepth: Int
    /// Most nodes in the document, counting every alias as the nodes it stands for. At most
    /// `largestMaxNodes` is used (node ids are 32-bit).
    public var maxNodes: Int

    public static let largestMaxNodes = Int(Int32.max) - 1

    public init(maxFileBytes: Int = 10 * 1024 * 1024, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let `default` = YAMLLimits()
}
