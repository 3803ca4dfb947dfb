import CYAML

/// What reading one YAML text gives: the first document (when it could be built) and every
/// problem found on the way.
public struct YAMLParseResult: Sendable {
    /// The document, or nil when the text is empty, has a syntax error or passed a limit.
    public let document: YAMLDocument?
    public let problems: [YAMLProblem]
    /// True when the stream held no document at all (an empty file, or only comments).
    public let isEmpty: Bool
}

/// Reads YAML through libyaml's event API into a `YAMLDocument`.
///
/// The tree is built iteratively from the event stream, so nesting never costs stack.
/// Depth is checked as events arrive and parsing stops at the first level past the limit;
/// aliases are counted (by the size of what they stand for) but never copied.
public enum YAMLParser {
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLParseResult {
        var wholeTree = KeepWholeTree()
        return parse(bytes, limits: limits, handingOver: &wholeTree)
    }

    /// Reads the text, handing the values of one top-level mapping to `consumer` as they are read
    /// (see `SubtreeConsumer`); the document keeps an empty node in the place of each value taken.
    public static func parse<Consumer: SubtreeConsumer>(
        _ bytes: [UInt8], limits: YAMLLimits = .default, handingOver consumer: inout Consumer
    ) -> YAMLParseResult {
        parse(bytes, limits: limits, handingOver: &consumer, keyHash: { $0.hashValue })
    }

    /// The same with the hash that finds duplicate keys in big mappings given (tests make keys collide).
    static func parse<Consumer: SubtreeConsumer>(
        _ bytes: [UInt8], limits: YAMLLimits = .default, handingOver consumer: inout Consumer,
        keyHash: @escaping (String) -> Int
    ) -> YAMLParseResult {
        if bytes.count > limits.maxFileBytes {
            return YAMLParseResult(document: nil, problems: [sizeProblem(bytes.count, limits)], isEmpty: false)
        }
        // libyaml asserts on a null input pointer, so an empty file reads from a 1-byte buffer of length 0.
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            run(limits: limits, handingOver: &consumer, failure: { nil }, text: { bytes }, keyHash: keyHash) { parser in
                guard let base = buffer.baseAddress else { return false }
                yaml_parser_set_input_string(&parser, base, bytes.count)
                return true
            }
        }
    }

    /// Reads the text from `input` piece by piece, so the whole text is never in memory at once;
    /// otherwise as `parse(_:limits:handingOver:)`. The input enforces the size limit.
    public static func parse<Consumer: SubtreeConsumer>(
        reading input: any YAMLInputStream, limits: YAMLLimits = .default, handingOver consumer: inout Consumer
    ) -> YAMLParseResult {
        let box = InputBox(input)
        return withExtendedLifetime(box) {
            run(limits: limits, handingOver: &consumer, failure: { input.failure }, text: { input.wholeText() ?? [] }) { parser in
                yaml_parser_set_input(&parser, { data, buffer, size, sizeRead in
                    guard let data, let buffer, let sizeRead else { return 0 }
                    let input = Unmanaged<InputBox>.fromOpaque(data).takeUnretainedValue().input
                    guard let count = input.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size)) else { return 0 }
                    sizeRead.pointee = count
                    return 1
                }, Unmanaged.passUnretained(box).toOpaque())
                return true
            }
        }
    }

    /// Starts libyaml, lets `setInput` give it its text (false: nothing to read), feeds the events to a
    /// tree builder and returns what it built.
    private static func run<Consumer: SubtreeConsumer>(
        limits: YAMLLimits, handingOver consumer: inout Consumer, failure: () -> YAMLProblem?, text: () -> [UInt8],
        keyHash: @escaping (String) -> Int = { $0.hashValue }, setInput: (inout yaml_parser_t) -> Bool
    ) -> YAMLParseResult {
        var builder = TreeBuilder(limits: limits, handOverKey: consumer.key, keyHash: keyHash)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            let problem = YAMLProblem(kind: .syntax, message: "libyaml could not start (out of memory)", span: .fileStart)
            return YAMLParseResult(document: nil, problems: [problem], isEmpty: false)
        }
        defer { yaml_parser_delete(&parser) }
        if setInput(&parser) {
            readEvents(&parser, into: &builder, handingOver: &consumer, failure: failure, text: text)
        }
        return builder.result()
    }

    /// Holds the input for libyaml's read callback, which gets one untyped pointer.
    private final class InputBox {
        let input: any YAMLInputStream
        init(_ input: any YAMLInputStream) { self.input = input }
    }

    /// Feeds libyaml's events to the builder until the end, an error or a limit. On an error, `failure`
    /// is the input's own problem (when reading failed), and `text` the whole text, for placing the error.
    private static func readEvents<Consumer: SubtreeConsumer>(
        _ parser: inout yaml_parser_t, into builder: inout TreeBuilder, handingOver consumer: inout Consumer,
        failure: () -> YAMLProblem?, text: () -> [UInt8]
    ) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                builder.fail(failure() ?? syntaxProblem(parser, text()))
                return
            }
            let keepGoing = builder.handle(event, consumer: &consumer)
            yaml_event_delete(&event)
            if !keepGoing { return }
        }
    }

    public static func sizeProblem(_ size: Int, _ limits: YAMLLimits) -> YAMLProblem {
        YAMLProblem(
            kind: .resourceLimit,
            message: "file is \(formatBytes(size)), over the limit of \(formatBytes(limits.maxFileBytes)); "
                + "a playbook is a few kilobytes: split it, or raise `limits.max-file-bytes` in .stagelint.yml "
                + "if this file really is one playbook",
            span: .fileStart)
    }

    static func formatBytes(_ count: Int) -> String {
        let mib = 1024 * 1024
        if count >= mib && count % mib == 0 { return "\(count / mib) MiB" }
        if count >= mib {
            let tenths = Int((Double(count) * 10 / Double(mib)).rounded())
            return "\(tenths / 10).\(tenths % 10) MiB"
        }
        return "\(count) bytes"
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Turns libyaml's error state into one problem with a position and advice.
    static func syntaxProblem(_ parser: yaml_parser_t, _ bytes: [UInt8]) -> YAMLProblem {
        let problem = string(parser.problem) ?? "unknown error"
        var position: SourcePosition
        switch parser.error {
        case YAML_READER_ERROR:
            // libyaml points at the octet that broke a sequence; the person needs the character it began.
            var offset = parser.problem_offset
            if problem.contains("trailing") || problem.contains("incomplete") {
                var back = offset
                while back > 0, offset - back < 4, back - 1 < bytes.count {
                    back -= 1
                    if bytes[back] & 0xC0 == 0xC0 { offset = back; break }
                    if bytes[back] & 0xC0 != 0x80 { break }
                }
            }
            position = positionOfByte(offset, in: bytes)
            var message = "the file is not valid UTF-8 text: \(problem)"
            if offset < bytes.count {
                let hex = String(bytes[offset], radix: 16, uppercase: true)
                message += " (byte 0x\(hex.count < 2 ? "0" + hex : hex) at offset \(offset))"
            }
            message += "; save the playbook as UTF-8 text"
            return YAMLProblem(kind: .syntax, message: message, span: SourceSpan(at: position))
        case YAML_MEMORY_ERROR:
            return YAMLProblem(kind: .syntax, message: "libyaml ran out of memory", span: .fileStart)
        default:
            position = SourcePosition(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
        let contextPosition = SourcePosition(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
        if problem.contains("could not find expected ':'"), string(parser.context) != nil {
            // The key that lacks its ':' is where the fix goes, not the line libyaml stopped on.
            return YAMLProblem(
                kind: .syntax,
                message: "this key has no ':' after it (libyaml: \(problem)); write 'key: value', or quote the text "
                    + "if it is a value",
                span: SourceSpan(at: contextPosition))
        }
        var message = problem
        if let context = string(parser.context) {
            message += " (\(context) at line \(contextPosition.line), column \(contextPosition.column))"
        }
        let tabbed = lineText(position.line, in: bytes).prefix { $0 == " " || $0 == "\t" }.contains("\t")
        message += "; " + (tabbed ? "indent with spaces, not tabs" : advice(for: problem))
        return YAMLProblem(kind: .syntax, message: message, span: SourceSpan(at: position))
    }

    static func advice(for problem: String) -> String {
        if problem.contains("mapping values are not allowed") {
            return "quote a value that contains ': ', or check the indentation of this line"
        }
        if problem.contains("tab") {
            return "indent with spaces, not tabs"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check that this line is indented like its siblings"
        }
        if problem.contains("found character that cannot start any token") {
            return "quote the value: characters such as '@' and '`' cannot start a plain scalar"
        }
        if problem.contains("control characters are not allowed") {
            return "the file holds binary or control characters; a playbook must be plain UTF-8 text"
        }
        if problem.contains("unexpected end of stream") || problem.contains("did not find expected") {
            return "close every quote, bracket and brace that was opened"
        }
        return "fix the YAML at this position"
    }

    /// The text of a 1-based line (without its break), or "" past the end.
    static func lineText(_ line: Int, in bytes: [UInt8]) -> Substring {
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count, current < line {
            if bytes[index] == 0x0A { current += 1; start = index + 1 }
            index += 1
        }
        guard current == line else { return "" }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// Line and column (in characters) of a byte offset, for reader errors that carry only an offset.
    static func positionOfByte(_ offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < end, bytes[index + 1] == 0x0A { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }
}
