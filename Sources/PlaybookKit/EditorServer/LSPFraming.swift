import Foundation

/// The Language Server Protocol's framing: `Content-Length: N` (and other headers) then a blank line,
/// then N bytes of JSON. Bytes come in pieces of any size; whole messages come out.
public struct LSPFrameReader: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The largest message taken (64 MiB: a playbook is far smaller).
    public static let maximumLength = 64 << 20

    public init() {}

    public mutating func append(_ bytes: [UInt8]) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer += bytes
    }

    /// The next whole message's body, nil until one has arrived. A header without a usable
    /// `Content-Length` is a failure: the stream cannot be resynchronised after it.
    public mutating func next() throws(Failure) -> [UInt8]? {
        // The end of the headers: CR LF CR LF.
        var index = start
        var headerEnd: Int?
        while index + 3 < buffer.count {
            if buffer[index] == 0x0D, buffer[index + 1] == 0x0A, buffer[index + 2] == 0x0D, buffer[index + 3] == 0x0A {
                headerEnd = index
                break
            }
            index += 1
        }
        guard let headerEnd else {
            if buffer.count - start > 8192 { throw Failure(description: "a header longer than 8 KiB without its end") }
            return nil
        }
        let headers = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in headers.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased().trimmingCharacters(in: .whitespaces) == "content-length" else { continue }
            length = Int(parts[1].trimmingCharacters(in: .whitespaces))
        }
        guard let length, length >= 0, length <= Self.maximumLength else {
            throw Failure(description: "a message without a valid Content-Length header: \(headers.debugDescription)")
        }
        let bodyStart = headerEnd + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return body
    }

    /// A message's body with its header.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
