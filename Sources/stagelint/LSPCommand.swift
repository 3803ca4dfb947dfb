import ArgumentParser
import Foundation
import PlaybookKit

struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server: stagelint's findings in your editor, over standard input and output.",
        discussion: """
            Speaks the Language Server Protocol (JSON-RPC 2.0 with Content-Length framing) on standard input and \
            output; logs go to standard error. Playbooks are YAML files with a top-level stages key, or files that \
            the client's initializationOptions.playbookGlobs match. See docs/editors.md for editor set-ups.
            """
    )

    func run() throws {
        let inbox = LSPInbox()
        // A reader thread turns standard input into whole messages; this thread handles them, and checks the
        // changed documents only when no message is waiting, so a burst of edits is checked once.
        Thread.detachNewThread {
            var reader = LSPFrameReader()
            while true {
                let data = FileHandle.standardInput.availableData
                if data.isEmpty { break }
                reader.append([UInt8](data))
                do {
                    while let body = try reader.next() { inbox.put(body) }
                } catch {
                    FileHandle.standardError.write(Data("stagelint lsp: \(error)\n".utf8))
                    break
                }
            }
            inbox.close()
        }
        var server = PlaybookLanguageServer(version: StagelintVersion.current)
        func send(_ messages: [PlaybookLanguageServer.Message]) {
            for message in messages {
                guard let body = LSPMessageCoding.body(message) else { continue }
                FileHandle.standardOutput.write(Data(LSPFrameReader.frame(body)))
            }
        }
        while true {
            let (bodies, closed) = inbox.take()
            for body in bodies {
                guard let message = LSPMessageCoding.message(body) else {
                    send([["jsonrpc": "2.0", "id": NSNull(), "error": ["code": -32700, "message": "not a JSON object"] as [String: Any]]])
                    continue
                }
                send(server.handle(message))
                if case .exited(let status) = server.state { throw ExitCode(status) }
            }
            if !inbox.hasWaiting { send(server.flush()) }
            // Standard input closed without `exit`: end as the protocol says for an exit without shutdown.
            if closed, bodies.isEmpty { throw ExitCode(server.state == .shuttingDown ? 0 : 1) }
        }
    }
}

/// Whole messages from the reader thread, taken all at once by the main thread.
final class LSPInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var bodies: [[UInt8]] = []
    private var closed = false

    func put(_ body: [UInt8]) {
        condition.lock()
        bodies.append(body)
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    /// Every message waiting (waits for one), and whether the input has ended.
    func take() -> (bodies: [[UInt8]], closed: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while bodies.isEmpty, !closed { condition.wait() }
        let taken = bodies
        bodies = []
        return (taken, closed)
    }

    var hasWaiting: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !bodies.isEmpty
    }
}
