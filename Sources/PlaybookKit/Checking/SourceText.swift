/// A file's text, kept for showing source lines under findings.
public struct SourceText: Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The text of the given 1-based lines, without line breaks (and without a leading BOM),
    /// found in one pass. Invalid UTF-8 shows as replacement characters.
    public func lines(_ wanted: Set<Int>) -> [Int: String] {
        guard let last = wanted.max(), last >= 1 else { return [:] }
        var result: [Int: String] = [:]
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        var index = start
        while number <= last {
            let atEnd = index >= bytes.count
            let byte: UInt8 = atEnd ? 0x0A : bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if wanted.contains(number) {
                    result[number] = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
                }
                if atEnd { break }
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                index += 1
                start = index
                number += 1
            } else {
                index += 1
            }
        }
        return result
    }

    public func line(_ number: Int) -> String? {
        lines([number])[number]
    }
}
