import Logging
import Synchronization
import WSClient

/// One Socket Mode WebSocket: waits for `hello`, hands envelopes to the handler concurrently,
/// acknowledges each, and reports its lifecycle (``Event``) to the slot that opened it.
///
/// The socket runs in a detached task: swift-websocket closes a socket as soon as graceful
/// shutdown begins, which would drop the acknowledgements still being prepared. Shutdown is
/// driven by ``drainAndClose()`` instead, and cancelling ``run()`` still cuts the socket.
final class SocketModeConnection: Sendable {
    /// What the slot learns about the connection, in order.
    enum Event: Sendable, Equatable {
        /// Slack said `hello`: the connection is open.
        case hello
        /// Slack announced the connection will close.
        case disconnect(DisconnectReason)
        /// The socket ended (the text says how, for logs); the last event.
        case ended(String)
    }

    /// Work for the acknowledging side.
    enum Job: Sendable {
        /// Call the handler, then acknowledge.
        case handle(SocketModeEnvelope)
        /// Acknowledge without calling the handler.
        case acknowledge(envelopeID: String)
    }

    private struct State {
        var saidHello = false
        var draining = false
        var aborted = false
        var ended = false
        var reportedEnd = false
        var jobs: AsyncStream<Job>.Continuation?
        var socket: Task<String, Never>?
        var timers: [Task<Void, Never>] = []
    }

    /// The connection's id (for logs and tests).
    let id: Int
    /// The lifecycle events; one consumer.
    let events: AsyncStream<Event>
    let eventSink: AsyncStream<Event>.Continuation
    let url: String
    let settings: SocketModeConfiguration
    let handler: SocketModeHandler
    let registry: ConnectionRegistry
    let logger: Logger
    private let state = Mutex(State())

    init(
        id: Int, url: String, settings: SocketModeConfiguration, handler: @escaping SocketModeHandler,
        registry: ConnectionRegistry, logger: Logger
    ) {
        self.id = id
        self.url = url
        self.settings = settings
        self.handler = handler
        self.registry = registry
        var logger = logger
        logger[metadataKey: "socket_mode.connection"] = "\(id)"
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: Event.self)
    }

    /// Runs the socket until it ends, then reports ``Event/ended(_:)``. Cancelling the calling
    /// task cuts the socket.
    func run() async {
        let socket = Task.detached { [self] in await self.connectAndServe() }
        let aborted = state.withLock { state in
            state.socket = socket
            return state.aborted
        }
        if aborted { socket.cancel() }
        startTimer(after: settings.helloTimeout) { [self] in
            guard !state.withLock({ $0.saidHello }) else { return }
            logger.warning("No hello from Slack in time; abandoning the connection", metadata: ["timeout": "\(settings.helloTimeout)"])
            abort()
        }
        let outcome = await withTaskCancellationHandler {
            await socket.value
        } onCancel: {
            socket.cancel()
        }
        let timers = state.withLock { state in
            state.ended = true
            defer { state.timers = [] }
            return state.timers
        }
        for timer in timers { timer.cancel() }
        reportEnd(outcome)
    }

    /// Reports the end of the socket once: as soon as reading stops (handlers still in flight
    /// finish afterwards; their acknowledgements are lost and Slack redelivers), or when the
    /// socket task ends without having read.
    private func reportEnd(_ how: String) {
        let (first, saidHello) = state.withLock { state in
            defer { state.reportedEnd = true }
            return (!state.reportedEnd, state.saidHello)
        }
        guard first else { return }
        if saidHello { registry.connectionClosed() }
        eventSink.yield(.ended(how))
        eventSink.finish()
    }

    /// Stops accepting envelopes, lets those in flight be handled and acknowledged, then closes
    /// the socket (cut after ``SocketModeConfiguration/closeTimeout`` if the server stays silent).
    func drainAndClose() {
        let jobs = state.withLock { state -> AsyncStream<Job>.Continuation? in
            guard !state.draining else { return nil }
            state.draining = true
            return state.jobs
        }
        jobs?.finish()
    }

    /// Drains and closes the connection if it is still open after
    /// ``SocketModeConfiguration/replacedConnectionTimeout`` (Slack asked to replace it).
    func closeAfterReplacement() {
        startTimer(after: settings.replacedConnectionTimeout) { [self] in
            logger.notice("A replaced connection stayed open too long; closing it")
            drainAndClose()
        }
    }

    /// Cuts the socket at once.
    func abort() {
        let socket = state.withLock { state -> Task<String, Never>? in
            state.aborted = true
            return state.socket
        }
        socket?.cancel()
    }

    /// Connects and serves; returns how the socket ended, for logs.
    private func connectAndServe() async -> String {
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: settings.maxMessageSize,
            closeTimeout: settings.closeTimeout,
            autoPing: settings.pingInterval.map { .enabled(timePeriod: $0) } ?? .disabled)
        let client = WebSocketClient(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            try await self.serve(inbound: inbound, outbound: outbound)
        }
        do {
            guard let close = try await client.run() else { return "closed" }
            return "closed with code \(close.closeCode)"
        } catch {
            return "failed: \(error)"
        }
    }

    /// Reads frames until the server closes, feeding envelopes to the acknowledging side; then
    /// reports the end and lets the handlers in flight finish.
    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
        let accepted = state.withLock { state -> Bool in
            guard !state.draining else { return false }
            state.jobs = continuation
            return true
        }
        guard accepted else { return }
        defer { continuation.finish() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.acknowledge(jobs, outbound: outbound) }
            var failure: (any Error)?
            do {
                for try await message in inbound.messages(maxSize: settings.maxMessageSize) {
                    receive(message, jobs: continuation)
                }
            } catch {
                failure = error
            }
            reportEnd(failure.map { "failed: \($0)" } ?? "closed")
            continuation.finish()
            try await group.waitForAll()
            if let failure { throw failure }
        }
    }

    /// Counts the connection as open and tells the slot, on the first `hello`.
    func markHello() {
        let first = state.withLock { state -> Bool in
            defer { state.saidHello = true }
            return !state.saidHello
        }
        guard first else {
            logger.debug("Ignored a second hello")
            return
        }
        registry.connectionOpened()
        eventSink.yield(.hello)
    }

    /// Runs `action` after `delay` unless the connection has ended by then.
    private func startTimer(after delay: Duration, _ action: @escaping @Sendable () -> Void) {
        state.withLock { state in
            guard !state.ended else { return }
            state.timers.append(
                Task {
                    guard (try? await Task.sleep(for: delay)) != nil else { return }
                    action()
                })
        }
    }

    /// Starts the close-timeout timer (the socket is cut if the server never answers our close).
    func startCloseTimer() {
        startTimer(after: settings.closeTimeout) { [self] in
            logger.notice("The server did not answer our close in time; cutting the socket")
            abort()
        }
    }

    /// Whether ``drainAndClose()`` was called.
    var isDraining: Bool { state.withLock { $0.draining } }
}
