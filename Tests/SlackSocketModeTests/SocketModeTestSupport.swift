import FakeSlack
import Foundation
import Logging
import ServiceLifecycle
import SlackSocketMode
import Synchronization
import Testing

/// Shared values and helpers of the Socket Mode tests: a fake Slack on loopback, a client with
/// fast timings pointed at it, and small concurrency tools.
enum SocketModeTestSupport {
    /// The app token the fake accepts; it must never show up in logs or errors.
    static let appToken = "xapp-1-A0TEST-1-SECRETappTOKEN"

    /// A logger that drops everything.
    static let quietLogger = Logger(label: "socket-mode-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A configuration with test-sized timings, pointed at the fake.
    static func configuration(for slack: FakeSocketModeServer, connections: Int = 2, token: String = appToken) -> SocketModeConfiguration {
        SocketModeConfiguration(
            appToken: token, apiBaseURL: slack.apiBaseURL, connections: connections,
            reconnectBackoff: ReconnectBackoff(base: .milliseconds(20), max: .milliseconds(200)),
            helloTimeout: .seconds(3), closeTimeout: .seconds(2), pingInterval: nil, openRequestTimeout: .seconds(3))
    }

    /// Starts a fake and a client in a `ServiceGroup`, waits until every connection is open on
    /// both sides, runs `body`, then shuts the group down gracefully and stops the fake.
    static func withSocketMode(
        connections: Int = 2,
        acknowledgementDeadline: Duration = .seconds(2),
        logger: Logger = quietLogger,
        configure: (inout SocketModeConfiguration) -> Void = { _ in },
        handler: @escaping SocketModeHandler,
        _ body: (FakeSocketModeServer, SocketModeClient) async throws -> Void
    ) async throws {
        let slack = FakeSocketModeServer(appToken: appToken, acknowledgementDeadline: acknowledgementDeadline)
        try await slack.start()
        var configuration = configuration(for: slack, connections: connections)
        configure(&configuration)
        let client = SocketModeClient(configuration: configuration, handler: handler, logger: logger)
        let group = ServiceGroup(services: [client], logger: quietLogger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let opened = await eventually { client.openConnections == connections && slack.openConnectionCount == connections }
                try #require(opened, "the client did not open \(connections) connections")
                try await body(slack, client)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        } catch {
            await slack.stop()
            throw error
        }
        await slack.stop()
    }

    /// Polls `condition` every few milliseconds until it holds or `timeout` passes.
    static func eventually(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// The JSON value of a text, for comparisons that ignore key order.
    static func json(_ text: String) -> NSObject? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSObject
    }

    /// The JSON value of bytes.
    static func json(_ bytes: [UInt8]) -> NSObject? {
        try? JSONSerialization.jsonObject(with: Data(bytes)) as? NSObject
    }
}

/// Records the envelopes a handler received.
final class EnvelopeRecorder: Sendable {
    private let received = Mutex<[SocketModeEnvelope]>([])

    /// Everything received, in call order.
    var envelopes: [SocketModeEnvelope] { received.withLock { $0 } }

    /// Records one envelope.
    func record(_ envelope: SocketModeEnvelope) {
        received.withLock { $0.append(envelope) }
    }

    /// The envelope with an id, if received.
    func envelope(_ id: String) -> SocketModeEnvelope? {
        envelopes.first { $0.envelopeID == id }
    }
}

/// A gate handlers wait at until the test opens it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    /// Opens the gate for everyone waiting and to come.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
