import PlaybookModel
import YAMLReader

/// One playbook, loaded once: its source text, its model and its findings. This is the way in for
/// front ends that work on one file at a time (an editor server, a fix, an export): how the file was
/// read (piece by piece, with stages decoded while it was parsed, texts kept compact) is the
/// checker's business, beneath it. Every value of the model can be found here by its dotted path,
/// with its byte range in the source.
///
/// Values keep their line and column, not their byte offsets: the ranges are worked out here, from
/// the source the document keeps, so the model stays as small as it was and only a front end that
/// edits or points into the text (a fix, an editor server) pays for them.
public struct PlaybookDocument: Sendable {
    public let file: String
    /// The file's bytes as read (a BOM and CR LF line ends included).
    public let source: [UInt8]
    /// The findings, as `check` reports them under `linter`'s configuration.
    public let report: FileReport
    /// Where each line starts, by line number (from 1).
    private let lines: SourceLines

    public var playbook: Playbook? { report.playbook }
    public var diagnostics: [Diagnostic] { report.diagnostics }

    /// Loads a playbook from its bytes; `file` is the name findings carry.
    public init(file: String, bytes: [UInt8], linter: Linter = Linter()) {
        self.file = file
        source = bytes
        report = linter.check(file: file, bytes: bytes)
        let count = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } + bytes.reduce(0) { $0 + ($1 == 0x0D ? 1 : 0) }
        lines = SourceText(bytes).linesWithOffsets(Set(1...count))
    }

    /// Loads a playbook from a file; a file that cannot be read is an `InputError`, one over the size
    /// limit a document with its `resource-limit` finding and no model.
    public static func load(path: String, name: String? = nil, linter: Linter = Linter()) throws(InputError) -> PlaybookDocument {
        switch try PlaybookFiles.read(path, limit: linter.limits.maxFileBytes) {
        case .bytes(let bytes):
            return PlaybookDocument(file: name ?? path, bytes: bytes, linter: linter)
        case .tooLarge:
            return PlaybookDocument(file: name ?? path, source: [], report: try linter.check(path: path, name: name))
        }
    }

    private init(file: String, source: [UInt8], report: FileReport) {
        self.file = file
        self.source = source
        self.report = report
        lines = SourceLines(text: [:], starts: [:])
    }

    /// The byte range of a span in `source`; nil when it is not in the file.
    public func byteRange(of span: SourceSpan) -> Range<Int>? {
        guard let start = lines.offset(of: span.start), let end = lines.offset(of: span.end), start <= end, end <= source.count else {
            return nil
        }
        return start..<end
    }

    /// Findings made from the model (an audit's, a drift's) with their byte ranges in `source`.
    public func locating(_ findings: [Diagnostic]) -> [Diagnostic] {
        findings.map { finding in
            var located = finding
            if let range = byteRange(of: finding.span) {
                located.offset = range.lowerBound
                located.endOffset = range.upperBound
            }
            return located
        }
    }

    /// A value of the model with where it is: its dotted path, its span and its byte range.
    public struct NodeReference: Sendable {
        public let path: String
        public let node: FormatNode
        public let byteRange: Range<Int>?

        public var span: SourceSpan { node.span }
    }

    /// The value at a dotted path (`stages.mql.sla.within`, `stages.mql.exits.0.to`), if it is written.
    public func reference(at path: String) -> NodeReference? {
        guard let node = playbook?.root.node(at: path) else { return nil }
        return NodeReference(path: path, node: node, byteRange: byteRange(of: node.span))
    }

    /// Every value of the model, parents before children, in file order.
    public func references() -> [NodeReference] {
        var found: [NodeReference] = []
        playbook?.root.walk { path, node in
            if !path.isEmpty { found.append(NodeReference(path: path, node: node, byteRange: byteRange(of: node.span))) }
        }
        return found
    }
}
