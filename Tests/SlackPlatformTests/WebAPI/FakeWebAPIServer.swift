import Foundation
import Hummingbird
import Logging
import Synchronization

/// A real HTTP server on loopback playing Slack's Web API, for tests of the live client.
///
/// It records every request (path, headers, body) and answers `POST /api/{method}` and any other
/// `POST` path (standing in for `response_url`s) from per-path queues of programmed replies,
/// falling back to `ok: true` with an incrementing `ts` and the request's `channel` echoed.
///
/// ```swift
/// try await FakeWebAPIServer.withRunning { server in
///     server.enqueue(.rateLimited(retryAfter: "7"), forMethod: "chat.postMessage")
///     let client = CurlWebAPIClient(configuration: .init(baseURL: server.baseURL, token: "xoxb-test"))
///     ...
/// }
/// ```
final class FakeWebAPIServer: Sendable {
    /// One request the server received.
    struct RecordedCall: Sendable, Equatable {
        /// The request path, for example `/api/chat.postMessage`.
        var path: String
        /// Header fields, names lowercased, repeated values joined with `, `.
        var headers: [String: String]
        /// The body bytes.
        var body: [UInt8]

        /// The Slack method name for `/api/…` paths.
        var method: String? {
            path.hasPrefix("/api/") ? String(path.dropFirst("/api/".count)) : nil
        }

        /// The body as UTF-8 text.
        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// A programmed answer.
    enum Reply: Sendable {
        /// `{"ok":true,"channel":<request's channel>,"ts":"1700000000.00000N"}`.
        case ok
        /// A JSON (or other) body with a status and an optional `Retry-After` header.
        case body(String, status: Int = 200, retryAfter: String? = nil)
        /// No answer until the server stops (or ``releaseHangingRequests()``): a slow answer.
        case hang

        /// HTTP 200 `{"ok":false,"error":code}`.
        static func error(_ code: String) -> Reply {
            .body(#"{"ok":false,"error":"\#(code)"}"#)
        }

        /// HTTP 429 with the given `Retry-After` value.
        static func rateLimited(retryAfter: String?) -> Reply {
            .body(#"{"ok":false,"error":"ratelimited"}"#, status: 429, retryAfter: retryAfter)
        }
    }

    private struct State {
        var calls: [RecordedCall] = []
        var replies: [String: [Reply]] = [:]
        var counter = 0
        var port = 0
    }

    private let state = Mutex(State())
    private let hangGate = Gate()

    private init() {}

    /// The bound port.
    var port: Int { state.withLock { $0.port } }

    /// The Web API base URL of this server: `http://127.0.0.1:PORT/api/`.
    var baseURL: String { "http://127.0.0.1:\(port)/api/" }

    /// Every request received so far, in arrival order.
    var calls: [RecordedCall] { state.withLock { $0.calls } }

    /// Queues a reply for the next request to a path.
    func enqueue(_ reply: Reply, forPath path: String) {
        state.withLock { $0.replies[path, default: []].append(reply) }
    }

    /// Queues a reply for the next call of a Web API method.
    func enqueue(_ reply: Reply, forMethod method: String) {
        enqueue(reply, forPath: "/api/\(method)")
    }

    /// Lets requests answered with ``Reply/hang`` complete.
    func releaseHangingRequests() {
        hangGate.open()
    }

    /// Starts a server on `127.0.0.1` with an ephemeral port, runs `body`, then stops the server.
    static func withRunning<T: Sendable>(
        _ body: @Sendable (FakeWebAPIServer) async throws -> T
    ) async throws -> T {
        let server = FakeWebAPIServer()
        let router = Router()
        router.post("/**") { request, _ in
            try await server.respond(to: request)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: Logger(label: "fake-slack", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            defer {
                server.releaseHangingRequests()
                group.cancelAll()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                throw FakeServerError.didNotStart
            }
            server.state.withLock { $0.port = port }
            return try await body(server)
        }
    }

    /// Records a request and produces its programmed reply.
    private func respond(to request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let call = RecordedCall(path: request.uri.path, headers: headers, body: Array(buffer.readableBytesView))
        let (reply, counter) = state.withLock { state -> (Reply, Int) in
            state.calls.append(call)
            state.counter += 1
            let queued = state.replies[call.path]?.isEmpty == false ? state.replies[call.path]?.removeFirst() : nil
            return (queued ?? .ok, state.counter)
        }
        switch reply {
        case .ok:
            return Self.response(Self.okBody(for: call, counter: counter), status: 200, retryAfter: nil)
        case .body(let text, let status, let retryAfter):
            return Self.response(text, status: status, retryAfter: retryAfter)
        case .hang:
            await hangGate.wait()
            return Self.response(#"{"ok":true,"late":true}"#, status: 200, retryAfter: nil)
        }
    }

    private static func okBody(for call: RecordedCall, counter: Int) -> String {
        let fields = (try? JSONSerialization.jsonObject(with: Data(call.body))) as? [String: Any]
        let channel = (fields?["channel"] as? String).map { #","channel":"\#($0)""# } ?? ""
        let digits = String(counter)
        let ts = "1700000000." + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return #"{"ok":true\#(channel),"ts":"\#(ts)"}"#
    }

    private static func response(_ text: String, status: Int, retryAfter: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter {
            headers[.retryAfter] = retryAfter
        }
        return Response(
            status: .init(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}

/// Why the fake server could not be used.
enum FakeServerError: Error {
    case didNotStart
}

/// A one-way gate: waiters suspend until it is opened, then everyone passes.
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Suspends until the gate is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passNow = state.withLock { state -> Bool in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if passNow { continuation.resume() }
        }
    }

    /// Opens the gate for current and future waiters.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
