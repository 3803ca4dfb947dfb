import Foundation
import Testing
@testable import PlaybookKit

private let curlPath = "/usr/bin/curl"
private let haveCurl = FileManager.default.isExecutableFile(atPath: curlPath)

private func curl(_ url: String) throws -> ProcessResult {
    try run(curlPath, ["-fsS", "--max-time", "10", url])
}

// Serialized so a port released by one test is not picked up by another
// while it expects "connection refused".
@Suite("LoopbackHTTPServer", .serialized)
struct LoopbackHTTPServerTests {
    @Test("serves routes, 404s unknown paths, counts, refuses after stop",
          .enabled(if: haveCurl, "/usr/bin/curl not found; server fetch test skipped"))
    func fetchWithCurl() throws {
        let yaml = Array("name: base\nvalue: 1\n".utf8)
        let binary: [UInt8] = (0...255).map { UInt8($0) } + [0, 13, 10, 13, 10, 0]
        let server = try LoopbackHTTPServer(routes: [
            "/base.yml": (status: 200, body: yaml),
            "/bin/data": (status: 200, body: binary),
        ])
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.requestCount("/base.yml") == 0)

        let first = try curl(server.baseURL + "/base.yml")
        #expect(first.status == 0, "\(String(decoding: first.stderr, as: UTF8.self))")
        #expect(first.stdout == yaml)
        #expect(server.requestCount("/base.yml") == 1)

        // Query strings are not part of the path.
        let second = try curl(server.baseURL + "/base.yml?rev=2")
        #expect(second.stdout == yaml)
        #expect(server.requestCount("/base.yml") == 2)

        let bin = try curl(server.baseURL + "/bin/data")
        #expect(bin.status == 0)
        #expect(bin.stdout == binary)
        #expect(server.requestCount("/bin/data") == 1)

        let missing = try curl(server.baseURL + "/nope.yml")
        #expect(missing.status == 22)  // curl -f: HTTP error >= 400
        #expect(missing.stdout.isEmpty)
        #expect(server.requestCount("/nope.yml") == 1)
        #expect(server.requestCount("/base.yml") == 2)

        let url = server.baseURL + "/base.yml"
        server.stop()
        server.stop()  // idempotent
        let after = try curl(url)
        #expect(after.status == 7)  // couldn't connect
        #expect(server.requestCount("/base.yml") == 2)
    }

    @Test("non-200 status from a route",
          .enabled(if: haveCurl, "/usr/bin/curl not found; status test skipped"))
    func routeStatus() throws {
        let server = try LoopbackHTTPServer(routes: ["/broken": (status: 500, body: Array("boom".utf8))])
        defer { server.stop() }
        let result = try curl(server.baseURL + "/broken")
        #expect(result.status == 22)
        let lenient = try run(curlPath, ["-sS", "-w", "%{http_code}", server.baseURL + "/broken"])
        #expect(String(decoding: lenient.stdout, as: UTF8.self) == "boom500")
    }

    @Test("start and stop 20 servers in a row")
    func manyServers() throws {
        let fdsBefore = openDescriptorCount()
        var ports: [Int] = []
        for i in 0..<20 {
            let server = try LoopbackHTTPServer(routes: ["/x": (status: 200, body: [UInt8(i)])])
            ports.append(server.port)
            if i % 2 == 0 {
                server.stop()
            }  // odd ones are stopped by deinit
        }
        #expect(ports.allSatisfy { $0 > 0 && $0 < 65536 })
        if let before = fdsBefore, let after = openDescriptorCount() {
            // Other tests may run concurrently and hold a few descriptors.
            #expect(after <= before + 8, "descriptors before \(before), after \(after)")
        }
    }

    @Test("raw socket: oversized head and plain GET")
    func rawSocket() throws {
        let server = try LoopbackHTTPServer(routes: ["/a": (status: 200, body: Array("A".utf8))])
        defer { server.stop() }
        let reply = try rawRequest(port: server.port, Array("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let text = String(decoding: reply, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Content-Length: 1\r\n"))
        #expect(text.hasSuffix("\r\n\r\nA"))

        let huge = Array("GET /a HTTP/1.1\r\nX: ".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: 70_000)
        let bad = try rawRequest(port: server.port, huge)
        #expect(String(decoding: bad, as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
        #expect(server.requestCount("/a") == 1)
    }
}

private func openDescriptorCount() -> Int? {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count
}

/// Minimal blocking client: connect, send everything, read until EOF.
private func rawRequest(port: Int, _ request: [UInt8]) throws -> [UInt8] {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    let rc = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    try #require(rc == 0)
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    // The server stops reading after 64 KiB and may close early; ignore send errors.
    _ = request.withUnsafeBytes { raw -> Int in
        var offset = 0
        while offset < raw.count, let base = raw.baseAddress {
            let n = send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            if n <= 0 { break }
            offset += n
        }
        return offset
    }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return out
}
