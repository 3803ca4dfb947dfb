import Foundation
import Testing
@testable import PlaybookKit

private let sha256sumPath = findExecutable("sha256sum")

@Suite("SHA256")
struct SHA256Tests {
    @Test("NIST FIPS 180-4 vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hex(Array(message.utf8)) == expected)
        #expect(SHA256.digest(Array(message.utf8)).count == 32)
    }

    @Test("NIST vector: one million 'a'")
    func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(input) == expected)

        // Same thing fed in odd-sized pieces through the incremental API.
        var hasher = SHA256Hasher()
        var offset = 0
        var piece = 1
        while offset < input.count {
            let end = min(input.count, offset + piece)
            hasher.update(Array(input[offset..<end]))
            offset = end
            piece = piece * 3 % 997 + 1
        }
        #expect(hasher.finish() == SHA256.digest(input))
        #expect(hasher.finish() == SHA256.digest([]))  // finish() resets the hasher
    }

    @Test("hex is lowercase, 64 characters")
    func hexFormat() {
        let hex = SHA256.hex(Array("abc".utf8))
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("lengths 0...200 of pseudo-random bytes match sha256sum",
          .enabled(if: sha256sumPath != nil, "sha256sum not found on PATH; comparison skipped"),
          arguments: 0...200)
    func matchesSystemSha256sum(length: Int) throws {
        let tool = try #require(sha256sumPath)
        var rng = SplitMix64(seed: 0x5eed_0000 &+ UInt64(length))
        let input = rng.bytes(length)
        let result = try run(tool, ["-"], input: input)
        #expect(result.status == 0)
        let output = String(decoding: result.stdout, as: UTF8.self)
        let expected = output.split(separator: " ").first.map(String.init)
        #expect(SHA256.hex(input) == expected, "length \(length)")
    }

    @Test("incremental split at every position of a 130-byte input")
    func incrementalSplits() {
        var rng = SplitMix64(seed: 130)
        let input = rng.bytes(130)
        let oneShot = SHA256.digest(input)
        for split in 0...input.count {
            var hasher = SHA256Hasher()
            hasher.update(Array(input[..<split]))
            input[split...].withUnsafeBytes { hasher.update($0) }
            #expect(hasher.finish() == oneShot, "split at \(split)")
        }
        // Byte by byte as well.
        var hasher = SHA256Hasher()
        for byte in input { hasher.update([byte]) }
        #expect(hasher.finish() == oneShot)
    }
}
