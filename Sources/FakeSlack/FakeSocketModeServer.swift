import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// A Socket Mode double on loopback for tests: `POST /api/apps.connections.open` checks the
/// bearer app token and hands out one-time `ws://127.0.0.1:PORT/link?ticket=N` URLs; the
/// WebSocket endpoint says `hello`, then a test sends envelopes, `disconnect` messages or raw
/// frames, cuts connections, and inspects what the client acknowledged (and how late).
///
/// ```swift
/// let slack = FakeSocketModeServer(appToken: "xapp-test")
/// try await slack.start()
/// // point the client at slack.apiBaseURL, wait for slack.openConnectionCount == 2, then:
/// let id = try await slack.send(payload: #"{"type":"event_callback"}"#)
/// let ack = await slack.waitForAcknowledgement(of: id)
/// ```
///
/// Like Slack, every delivery (retries included, see ``resendUnacknowledged(reason:)``) gets a
/// fresh envelope id. The server can be stopped and restarted on the same port.
public final class FakeSocketModeServer: Sendable {
    struct LiveConnection: Sendable {
        let id: Int
        let outbound: WebSocketOutboundWriter
        let channel: any Channel
    }

    struct State {
        var appToken: String
        var acknowledgementDeadline: Duration
        var openRequests: [ContinuousClock.Instant] = []
        var openContentTypes: [String] = []
        var scriptedAnswers: [FakeSocketModeOpenAnswer] = []
        var tickets: Set<Int> = []
        var nextTicket = 0
        var nextConnectionID = 0
        var saysHello = true
        var live: [Int: LiveConnection] = [:]
        var connections: [FakeSocketModeConnectionRecord] = []
        var nextEnvelope = 0
        var roundRobin = 0
        var deliveries: [FakeSocketModeDelivery] = []
        var acknowledgements: [FakeSocketModeAcknowledgement] = []
        var unexpectedMessages: [String] = []
    }

    let state: Mutex<State>

    /// Creates a server (not yet listening).
    ///
    /// - Parameters:
    ///   - appToken: The app token `apps.connections.open` accepts.
    ///   - acknowledgementDeadline: Acknowledgements arriving later than this after their envelope
    ///     are recorded as late (Slack's is 3 s; tests use less).
    public init(appToken: String = "xapp-1-A0FAKE-1-fake", acknowledgementDeadline: Duration = .seconds(3)) {
        state = Mutex(State(appToken: appToken, acknowledgementDeadline: acknowledgementDeadline))
    }

    /// The bound port (0 before the first start).
    public var port: Int { listener.port }
    private let listener = LoopbackListener()
    /// The Web API base URL: `http://127.0.0.1:PORT/api/`.
    public var apiBaseURL: String { "http://127.0.0.1:\(port)/api/" }
    /// `apps.connections.open` calls received, good or bad.
    public var openRequestCount: Int { state.withLock { $0.openRequests.count } }
    /// When each `apps.connections.open` call arrived.
    public var openRequestTimes: [ContinuousClock.Instant] { state.withLock { $0.openRequests } }
    /// The `Content-Type` of each `apps.connections.open` call.
    public var openRequestContentTypes: [String] { state.withLock { $0.openContentTypes } }

    /// WebSocket upgrades accepted, whether or not the connection said hello.
    public var upgradeCount: Int { state.withLock { $0.nextConnectionID } }

    /// Whether new connections get `hello` (a silent one is neither open nor recorded).
    public func setSaysHello(_ saysHello: Bool) {
        state.withLock { $0.saysHello = saysHello }
    }

    /// Makes the next `apps.connections.open` calls fail, in order, before answering normally again.
    public func scriptOpenAnswers(_ answers: [FakeSocketModeOpenAnswer]) {
        state.withLock { $0.scriptedAnswers = answers }
    }

    /// Starts listening: on a free port the first time, on the same port after a stop.
    public func start() async throws {
        let router = Router()
        router.post("/api/apps.connections.open") { request, _ in
            self.answerOpen(request)
        }
        let started = await listener.start { port in
            await LoopbackServer.start { onServerRunning in
                Application(
                    router: router,
                    server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 4 << 20))) { request, channel, _ in
                        self.upgrade(request, channel: channel)
                    },
                    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fake-slack-socket-mode"),
                    onServerRunning: onServerRunning,
                    logger: Logger(label: "fake-slack-socket-mode", factory: { _ in SwiftLogNoOpLogHandler() }))
            }
        }
        guard started else { throw FakeSocketModeError.didNotStart }
    }

    /// Stops listening after cutting every connection (like a server crash or restart).
    public func stop() async {
        dropConnections()
        await listener.stop()
    }

    private func answerOpen(_ request: Request) -> Response {
        let authorization = request.headers[.authorization] ?? ""
        enum Answer { case ticket(Int), scripted(FakeSocketModeOpenAnswer) }
        let answer = state.withLock { state -> Answer in
            state.openRequests.append(.now)
            state.openContentTypes.append(request.headers[.contentType] ?? "")
            if !state.scriptedAnswers.isEmpty { return .scripted(state.scriptedAnswers.removeFirst()) }
            guard authorization == "Bearer \(state.appToken)" else { return .scripted(.error("invalid_auth")) }
            state.nextTicket += 1
            state.tickets.insert(state.nextTicket)
            return .ticket(state.nextTicket)
        }
        switch answer {
        case .ticket(let ticket):
            return Self.json(#"{"ok":true,"url":"ws://127.0.0.1:\#(port)/link?ticket=\#(ticket)"}"#)
        case .scripted(.error(let code)):
            return Self.json(#"{"ok":false,"error":"\#(code)"}"#)
        case .scripted(.rateLimited(let seconds)):
            return Self.json(#"{"ok":false,"error":"ratelimited"}"#, status: .tooManyRequests, retryAfter: seconds)
        case .scripted(.serverError):
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "boom")))
        }
    }

    private static func json(_ text: String, status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Accepts a WebSocket upgrade on `/link` with an unused ticket.
    private func upgrade(
        _ request: HTTPRequest, channel: any Channel
    ) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let path = request.path, let components = URLComponents(string: path), components.path == "/link",
            let ticket = components.queryItems?.first(where: { $0.name == "ticket" })?.value.flatMap(Int.init),
            state.withLock({ $0.tickets.remove(ticket) != nil })
        else { return .dontUpgrade }
        return .upgrade([:]) { inbound, outbound, _ in
            await self.serve(inbound: inbound, outbound: outbound, channel: channel)
        }
    }
}
