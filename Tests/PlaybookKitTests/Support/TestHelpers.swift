import Foundation

/// Deterministic pseudo-random bytes (SplitMix64).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next() >> 24) }
    }
}

/// First executable named `name` on PATH (or in /usr/bin, /bin).
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
    for dir in dirs where !dir.isEmpty {
        let candidate = dir + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

struct ProcessResult {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]
}

/// Runs `executable` with `arguments`, feeding `input` on stdin; collects stdout and stderr.
func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()

    // Drain stderr concurrently so neither pipe can fill up and block the child.
    let errBox = ByteBox()
    let errThread = Thread {
        errBox.set(Array(stderr.fileHandleForReading.readDataToEndOfFile()))
    }
    errThread.start()

    if !input.isEmpty {
        try stdin.fileHandleForWriting.write(contentsOf: Data(input))
    }
    try stdin.fileHandleForWriting.close()

    let out = Array(stdout.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: out, stderr: errBox.wait())
}

/// Hands bytes from a helper thread back to the caller.
final class ByteBox: @unchecked Sendable {
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private var value: [UInt8] = []
    func set(_ bytes: [UInt8]) {
        lock.withLock { value = bytes }
        ready.signal()
    }
    func wait() -> [UInt8] {
        ready.wait()
        return lock.withLock { value }
    }
}
