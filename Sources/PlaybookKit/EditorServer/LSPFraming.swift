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

/// A message's JSON body, read and written.
public enum LSPMessageCoding {
    /// The message in a body; nil when the body is not a JSON object. A lone UTF-16 surrogate escape
    /// (`"\ud800"`, which JavaScript strings can hold and editors send) is read as U+FFFD, one UTF-16
    /// unit as the surrogate was, so the positions in later edits still fall where the editor means.
    public static func message(_ body: [UInt8]) -> PlaybookLanguageServer.Message? {
        if let message = (try? JSONSerialization.jsonObject(with: Data(body))) as? PlaybookLanguageServer.Message { return message }
        let mended = replacingLoneSurrogates(body)
        guard mended != body else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(mended))) as? PlaybookLanguageServer.Message
    }

    /// The body of a message; nil when it holds something JSON cannot write.
    public static func body(_ message: PlaybookLanguageServer.Message) -> [UInt8]? {
        (try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys, .withoutEscapingSlashes])).map { [UInt8]($0) }
    }

    /// The JSON text with each `\uD800`–`\uDFFF` escape that is not half of a pair written `\ufffd`.
    static func replacingLoneSurrogates(_ json: [UInt8]) -> [UInt8] {
        func unit(at index: Int) -> UInt16? {  // the code unit of a `\uXXXX` escape at `index`
            guard index + 6 <= json.count, json[index] == UInt8(ascii: "\\"), json[index + 1] == UInt8(ascii: "u") else { return nil }
            return UInt16(String(decoding: json[index + 2..<index + 6], as: UTF8.self), radix: 16)
        }
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var index = 0
        while index < json.count {
            guard json[index] == UInt8(ascii: "\\"), index + 1 < json.count else {
                out.append(json[index])
                index += 1
                continue
            }
            guard let code = unit(at: index) else {  // another escape (`\\`, `\"`): both bytes as they are
                out += json[index..<index + 2]
                index += 2
                continue
            }
            if (0xD800...0xDBFF).contains(code), let low = unit(at: index + 6), (0xDC00...0xDFFF).contains(low) {
                out += json[index..<index + 12]
                index += 12
            } else if (0xD800...0xDFFF).contains(code) {
                out += Array("\\ufffd".utf8)
                index += 6
            } else {
                out += json[index..<index + 6]
                index += 6
            }
        }
        return out
    }
}
