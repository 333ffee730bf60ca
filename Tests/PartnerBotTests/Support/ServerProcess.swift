import Foundation
@testable import PartnerBot
import Synchronization

/// The port a starting server announced, set once from its output's reader thread.
final class PortWaiter: Sendable {
    private let state = Mutex<(settled: Bool, port: Int?)>((false, nil))

    var isSettled: Bool { state.withLock { $0.settled } }
    var port: Int? { state.withLock { $0.port } }

    func settle(_ port: Int?) {
        state.withLock { state in
            guard !state.settled else { return }
            state = (true, port)
        }
    }
}

/// The real `partnerbot` executable run as a child process, for crash tests.
final class ServerProcess: @unchecked Sendable {
    /// The built executable next to the test bundle (`swift build` builds it; `make test` runs that first).
    static var binary: URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("partnerbot"),
            TestSupport.repositoryRoot.appendingPathComponent(".build/debug/partnerbot"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A configuration file for the executable: any port, the database at `databasePath`, the
    /// repository's commands and announcements, an outbox that neither paces nor backs off long,
    /// then `extra` YAML (roles, channels).
    static func configuration(databasePath: String, extra: String) -> String {
        """
        server:
          port: 0
        database:
          path: \(databasePath)
        commands:
          directory: \(TestSupport.path("Commands"))
        announcements:
          directory: \(TestSupport.path("Announcements"))
        outbox:
          per_channel_interval_ms: 0
          base_backoff_ms: 50
          poll_interval_ms: 50
        \(extra)
        """
    }

    /// Runs `binary <arguments>` to completion; its standard output and error. Waits without
    /// blocking a thread: fakes the process talks to may run in this test process.
    static func runToCompletion(_ binary: URL, _ arguments: [String], environment: [String: String], in directory: URL) async -> String {
        let output = directory.appendingPathComponent("output-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        guard let handle = try? FileHandle(forWritingTo: output) else { return "" }
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in finished.resume() }
            do { try process.run() } catch { finished.resume() }
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    let process = Process()
    private let output = Pipe()
    private(set) var port = 0

    init(binary: URL, arguments: [String], environment: [String: String]) {
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
    }

    /// Starts the server and waits for its banner with the bound port. The output is read on a
    /// thread of its own (reading blocks until the child writes; a cooperative thread blocked
    /// there starved the other tests running meanwhile), which keeps draining it afterwards.
    func start(timeout: Duration = .seconds(30)) async throws {
        try process.run()
        let handle = output.fileHandleForReading
        let found = PortWaiter()
        Thread.detachNewThread {
            var text = ""
            while true {
                let data = handle.availableData
                if data.isEmpty { break }  // the child closed its output (exited)
                guard !found.isSettled else { continue }  // keep draining so the child never blocks
                text += String(decoding: data, as: UTF8.self)
                if let range = text.range(of: "listening on http://127.0.0.1:"),
                    let port = Int(text[range.upperBound...].prefix { $0.isNumber }), port > 0
                {
                    found.settle(port)
                }
            }
            found.settle(nil)
        }
        let deadline = ContinuousClock.now + timeout
        while !found.isSettled, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard let port = found.port else { throw CocoaError(.executableLoad) }
        self.port = port
    }

    /// SIGKILL: no shutdown, no flush.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// SIGTERM, then waits for the exit without holding a cooperative thread (a graceful
    /// shutdown takes a moment; other tests run meanwhile).
    /// - Returns: The exit status.
    @discardableResult
    func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
