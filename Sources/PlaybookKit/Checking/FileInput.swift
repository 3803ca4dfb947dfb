import PlaybookModel
import Foundation
import YAMLReader

/// A playbook file handed to the parser piece by piece as it asks, so that a big file is never in
/// memory whole beside its model. It stops at the size limit (the file may grow while it is read) and
/// notes whether the text mentions the suppression marker, so directives are only looked for when
/// there can be some.
final class FileInput: YAMLInputStream {
    let path: String
    private let handle: FileHandle
    private let limits: YAMLLimits
    /// The bytes read so far.
    private(set) var digest = ContentDigest()
    private(set) var mentionsMarker = false
    /// The parser read to the end of the file (it stops early at a syntax error or a limit).
    private(set) var reachedEnd = false
    /// Set when the file grew past the size limit while it was read: its size so far.
    private(set) var tooLargeSize: Int?
    /// Set when reading failed.
    private(set) var readError: String?
    private(set) var failure: YAMLProblem?
    /// The end of the previous piece, for a marker split between two pieces.
    private var tail: [UInt8] = []

    init(path: String, handle: FileHandle, limits: YAMLLimits) {
        self.path = path
        self.handle = handle
        self.limits = limits
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard failure == nil else { return nil }
        let piece: Data
        do {
            piece = try handle.read(upToCount: buffer.count) ?? Data()
        } catch {
            readError = error.localizedDescription
            failure = YAMLProblem(kind: .syntax, message: "the file could not be read: \(error.localizedDescription)",
                                  span: .fileStart)
            return nil
        }
        if piece.isEmpty {
            reachedEnd = true
            return 0
        }
        if digest.count + piece.count > limits.maxFileBytes {
            tooLargeSize = digest.count + piece.count
            failure = YAMLParser.sizeProblem(digest.count + piece.count, limits)
            return nil
        }
        let copied = piece.copyBytes(to: buffer)
        let bytes = UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[0..<copied])
        digest.add(bytes)
        if !mentionsMarker { noteMarker(bytes) }
        return copied
    }

    private func noteMarker(_ piece: UnsafeBufferPointer<UInt8>) {
        let overlap = Suppressions.marker.count - 1
        let seam = tail + piece.prefix(overlap)
        mentionsMarker = Suppressions.mentionsMarker(seam) || Suppressions.mentionsMarker(piece)
        tail = piece.count >= overlap ? Array(piece.suffix(overlap)) : Array((tail + piece).suffix(overlap))
    }

    func wholeText() -> [UInt8]? {
        (try? readAgain()) ?? nil
    }

    /// The whole file read again; nil when it no longer starts with the bytes this input read (or is
    /// longer, when it read to the end): the file changed since.
    func readAgain() throws(InputError) -> [UInt8]? {
        guard case .bytes(let bytes) = try PlaybookFiles.read(path, limit: limits.maxFileBytes), holds(bytes) else {
            return nil
        }
        return bytes
    }

    /// The whole text read again starts with the bytes this input read (and is no longer, when it read
    /// to the end): the file has not changed since.
    func holds(_ bytes: [UInt8]) -> Bool {
        bytes.count >= digest.count && (!reachedEnd || bytes.count == digest.count)
            && ContentDigest(bytes[0..<digest.count]) == digest
    }
}
