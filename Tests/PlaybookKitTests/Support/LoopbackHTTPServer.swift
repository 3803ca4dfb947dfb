// A tiny HTTP/1.1 server on 127.0.0.1 for tests. One request per connection,
// connections are served one after another on a single background thread.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public struct LoopbackHTTPServerError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

public final class LoopbackHTTPServer: @unchecked Sendable {
    public typealias Response = (status: Int, body: [UInt8])

    /// Everything the accept thread touches. The thread keeps this alive, not the
    /// server itself, so `deinit` of the server still runs while the thread is up.
    private final class State: @unchecked Sendable {
        let routes: [String: Response]
        let lock = NSLock()
        var counts: [String: Int] = [:]
        var stopping = false

        init(routes: [String: Response]) {
            self.routes = routes
        }
    }

    private let state: State
    private let listenFD: Int32
    private let threadDone = DispatchSemaphore(value: 0)
    private let stopLock = NSLock()
    private var stopped = false

    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(routes: [String: (status: Int, body: [UInt8])]) throws {
        state = State(routes: routes)

        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        // CLOEXEC so that child processes (e.g. curl) never inherit the listener.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard fd >= 0 else { throw LoopbackHTTPServerError(operation: "socket", code: errno) }

        func fail(_ operation: String) -> LoopbackHTTPServerError {
            let code = errno
            close(fd)
            return LoopbackHTTPServerError(operation: operation, code: code)
        }

        var one: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw fail("setsockopt(SO_REUSEADDR)")
        }

        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0  // ephemeral
        addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian  // 127.0.0.1
        let bindResult = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bindResult == 0 else { throw fail("bind") }
        guard listen(fd, 64) == 0 else { throw fail("listen") }

        var bound = sockaddr_in()
        var boundLength = socklen_t(MemoryLayout<sockaddr_in>.size)
        let nameResult = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(fd, $0, &boundLength)
            }
        }
        guard nameResult == 0 else { throw fail("getsockname") }

        listenFD = fd
        port = Int(UInt16(bigEndian: bound.sin_port))

        let state = self.state
        let done = threadDone
        let thread = Thread {
            Self.acceptLoop(fd: fd, state: state)
            done.signal()
        }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Number of requests received so far for `path` (query string excluded).
    public func requestCount(_ path: String) -> Int {
        state.lock.withLock { state.counts[path, default: 0] }
    }

    /// Stops accepting, waits for the accept thread to finish and closes the socket.
    /// Safe to call more than once.
    public func stop() {
        let alreadyStopped = stopLock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        if alreadyStopped { return }

        state.lock.withLock { state.stopping = true }
        // On Linux, shutdown() of a listening socket wakes a blocked accept() with
        // EINVAL. Close only after the thread has left accept(), so the descriptor
        // number cannot be reused underneath it.
        _ = shutdown(listenFD, Int32(SHUT_RDWR))
        threadDone.wait()
        _ = close(listenFD)
    }

    // MARK: - Accept thread

    private static func acceptLoop(fd: Int32, state: State) {
        while true {
            // accept4(SOCK_CLOEXEC) is not visible through the Glibc module (it needs
            // _GNU_SOURCE), so mark the connection close-on-exec with fcntl below.
            let client = accept(fd, nil, nil)
            if client < 0 {
                let code = errno
                if state.lock.withLock({ state.stopping }) { return }
                switch code {
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    usleep(10_000)
                    continue
                default:
                    return
                }
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if state.lock.withLock({ state.stopping }) {
                _ = close(client)
                return
            }
            serve(client: client, state: state)
            _ = close(client)
        }
    }

    private static func serve(client: Int32, state: State) {
        #if canImport(Darwin)
        var noSigPipe: Int32 = 1
        _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
        #endif
        // Do not let a silent client wedge the accept thread forever.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        guard let head = readHead(client) else {
            sendResponse(client, status: 400, body: Array("bad request\n".utf8))
            return
        }
        guard let path = requestPath(head) else {
            sendResponse(client, status: 400, body: Array("bad request\n".utf8))
            return
        }

        let response: Response = state.lock.withLock {
            state.counts[path, default: 0] += 1
            return state.routes[path] ?? (status: 404, body: Array("not found\n".utf8))
        }
        sendResponse(client, status: response.status, body: response.body)
    }

    private static let headLimit = 64 * 1024

    /// Reads up to and including the blank line ending the request head.
    /// Returns nil on EOF, error, timeout or when the head exceeds 64 KiB.
    private static func readHead(_ client: Int32) -> [UInt8]? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < headLimit {
            let want = min(chunk.count, headLimit - data.count)
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, want, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return nil }
            // Only rescan the region that could contain a new terminator.
            let scanFrom = max(0, data.count - 3)
            data.append(contentsOf: chunk[0..<n])
            if let end = find(terminator, in: data, from: scanFrom) {
                return Array(data[0..<end])
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// "GET /a/b?x=1 HTTP/1.1" -> "/a/b"
    private static func requestPath(_ head: [UInt8]) -> String? {
        let lineEnd = head.firstIndex(of: 13) ?? head.count
        let line = String(decoding: head[0..<lineEnd], as: UTF8.self)
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        var target = Substring(parts[1])
        if let cut = target.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            target = target[..<cut]
        }
        // Absolute-form targets ("http://host:port/path") as sent to proxies.
        if target.hasPrefix("http://") {
            let rest = target.dropFirst("http://".count)
            target = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        return target.isEmpty ? nil : String(target)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    private static func sendResponse(_ client: Int32, status: Int, body: [UInt8]) {
        let head = "HTTP/1.1 \(status) \(reason(status))\r\n"
            + "Content-Length: \(body.count)\r\n"
            + "Content-Type: text/plain\r\n"
            + "Connection: close\r\n\r\n"
        sendAll(client, Array(head.utf8) + body)
    }

    private static func sendAll(_ client: Int32, _ bytes: [UInt8]) {
        #if canImport(Darwin)
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)  // no SIGPIPE if the peer went away
        #endif
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = send(client, base + offset, raw.count - offset, flags)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
