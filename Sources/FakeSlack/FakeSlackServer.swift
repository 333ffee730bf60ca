import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Web API double on loopback for outbox tests and benchmarks: it accepts `chat.*` calls,
/// can enforce Slack's per-channel pacing (answering 429 with `Retry-After` when a channel is
/// posted to too fast), injects faults at random from a seeded generator, and can be stopped and
/// restarted on the same port mid-run. It records what it accepted (with the bearer token each
/// call used) and every rule a client broke. It also answers `oauth.v2.access` (install codes
/// and refresh grants, see `FakeSlackServer+oauth.swift`) and can refuse unknown tokens.
public final class FakeSlackServer: Sendable {
    /// How the server misbehaves.
    public struct Behaviour: Sendable {
        /// When set, a second message to the same channel within this interval gets 429.
        public var perChannelInterval: Duration?
        /// Probability of answering 429 at random (with `retryAfterSeconds`).
        public var rateLimitProbability: Double = 0
        /// Probability of answering 500 at random.
        public var serverErrorProbability: Double = 0
        /// `Retry-After` sent with 429s.
        public var retryAfterSeconds = 1
        /// A workspace-wide ceiling: at most this many accepted calls in any second (a sliding
        /// window); beyond it, 429 with `Retry-After`.
        public var workspaceCeiling: Int?
        /// Seed of the fault generator (runs are repeatable).
        public var seed: UInt64 = 42
        /// Calls arriving this soon after a 429 were already in flight when it was sent: they are
        /// not counted as ignoring `Retry-After`.
        public var inFlightGrace: Duration = .milliseconds(100)
        /// When true, calls whose bearer token is neither in ``knownTokens`` nor issued by the
        /// fake's `oauth.v2.access` get `{"ok":false,"error":"invalid_auth"}`.
        public var refuseUnknownTokens = false
        /// Tokens accepted when ``refuseUnknownTokens`` is set (e.g. the default bot token).
        public var knownTokens: Set<String> = []

        /// Well-behaved defaults.
        public init() {}
    }

    /// A message the server accepted.
    public struct Accepted: Sendable, Equatable {
        /// The method.
        public var method: String
        /// The `channel` of the body.
        public var channel: String
        /// The `text` of the body.
        public var text: String
        /// The ts the server answered.
        public var ts: String
        /// When it arrived.
        public var at: ContinuousClock.Instant
        /// The bearer token the call used (`nil` without one).
        public var token: String?
    }

    struct State {
        var behaviour: Behaviour
        var random: SplitMix64
        var accepted: [Accepted] = []
        var lastPerChannel: [String: ContinuousClock.Instant] = [:]
        /// Accepted calls of the last second, oldest first (for the workspace ceiling).
        var recent: [ContinuousClock.Instant] = []
        var blockedUntil: [String: (since: ContinuousClock.Instant, until: ContinuousClock.Instant)] = [:]
        var retryAfterViolations = 0
        var rateLimited = 0
        var serverErrors = 0
        var requests = 0
        var counter = 0
        var refusedAuth = 0
        var oauth = FakeOAuthState()
    }

    let state: Mutex<State>

    /// Creates a server (not yet listening).
    public init(behaviour: Behaviour = Behaviour()) {
        state = Mutex(State(behaviour: behaviour, random: SplitMix64(seed: behaviour.seed)))
    }

    /// The bound port (0 before the first start).
    public var port: Int { listener.port }
    private let listener = LoopbackListener()
    /// The Web API base URL: `http://127.0.0.1:PORT/api/`.
    public var baseURL: String { "http://127.0.0.1:\(port)/api/" }
    /// Messages accepted, in arrival order.
    public var accepted: [Accepted] { state.withLock { $0.accepted } }
    /// Calls that arrived while their method was still inside a `Retry-After` the server had given.
    public var retryAfterViolations: Int { state.withLock { $0.retryAfterViolations } }
    /// 429 answers given.
    public var rateLimitedCount: Int { state.withLock { $0.rateLimited } }
    /// 500 answers given.
    public var serverErrorCount: Int { state.withLock { $0.serverErrors } }
    /// Requests received.
    public var requestCount: Int { state.withLock { $0.requests } }
    /// Calls refused with `invalid_auth` (unknown token, with ``Behaviour/refuseUnknownTokens``).
    public var refusedAuthCount: Int { state.withLock { $0.refusedAuth } }

    /// Changes the behaviour (e.g. stop injecting faults for the end of a run).
    public func setBehaviour(_ behaviour: Behaviour) {
        state.withLock { $0.behaviour = behaviour }
    }

    /// Starts listening: on a free port the first time, on the same port after a stop.
    public func start() async throws {
        let router = Router()
        router.post("/api/{method}") { request, context in
            try await self.respond(request, method: context.parameters.get("method") ?? "")
        }
        let started = await listener.start { port in
            await LoopbackServer.serve(router, port: port, name: "fake-slack")
        }
        guard started else { throw FakeSlackError.didNotStart }
    }

    /// Stops listening; open connections are closed.
    public func stop() async {
        await listener.stop()
    }

    /// Whether the behaviour refuses unknown tokens and `token` is not one it knows or issued
    /// (counted as a refused request).
    private func refuses(_ token: String?) -> Bool {
        state.withLock { state -> Bool in
            guard state.behaviour.refuseUnknownTokens else { return false }
            let known = token.map { state.behaviour.knownTokens.contains($0) || state.oauth.issuedTokens.contains($0) } ?? false
            if !known {
                state.requests += 1
                state.refusedAuth += 1
            }
            return !known
        }
    }

    /// Whether a call meets the workspace ceiling (then counted as rate limited, the method
    /// blocked for `Retry-After`); otherwise it is counted in the sliding second.
    private static func overCeiling(_ state: inout State, method: String, now: ContinuousClock.Instant) -> Bool {
        guard let ceiling = state.behaviour.workspaceCeiling else { return false }
        let windowStart = now - .seconds(1)
        if let drop = state.recent.firstIndex(where: { $0 > windowStart }) { state.recent.removeFirst(drop) } else { state.recent.removeAll() }
        guard state.recent.count >= ceiling else {
            state.recent.append(now)
            return false
        }
        state.rateLimited += 1
        state.blockedUntil[method] = (now, now + .seconds(state.behaviour.retryAfterSeconds))
        return true
    }

    private func respond(_ request: Request, method: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let authorization = request.headers[.authorization]
        if method == "oauth.v2.access" { return await oauthAccess(body: Array(body.readableBytesView), authorization: authorization) }
        let token = Self.bearerToken(authorization)
        if refuses(token) {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"ok":false,"error":"invalid_auth"}"#)))
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
        let channel = json["channel"] as? String ?? ""
        let text = json["text"] as? String ?? ""
        let now = ContinuousClock.now
        enum Answer { case ok(String), limited(Int), failed }
        let answer: Answer = state.withLock { state in
            state.requests += 1
            let behaviour = state.behaviour
            if let block = state.blockedUntil[method], now < block.until, now - block.since > behaviour.inFlightGrace {
                state.retryAfterViolations += 1
            }
            let roll = state.random.nextUnit()
            if roll < behaviour.rateLimitProbability {
                state.rateLimited += 1
                state.blockedUntil[method] = (now, now + .seconds(behaviour.retryAfterSeconds))
                return .limited(behaviour.retryAfterSeconds)
            }
            if roll < behaviour.rateLimitProbability + behaviour.serverErrorProbability {
                state.serverErrors += 1
                return .failed
            }
            if let interval = behaviour.perChannelInterval, method == "chat.postMessage", let last = state.lastPerChannel[channel], now - last < interval {
                state.rateLimited += 1
                state.blockedUntil[method] = (now, now + .seconds(behaviour.retryAfterSeconds))
                return .limited(behaviour.retryAfterSeconds)
            }
            if Self.overCeiling(&state, method: method, now: now) { return .limited(behaviour.retryAfterSeconds) }
            if method == "chat.postMessage" { state.lastPerChannel[channel] = now }
            state.counter += 1
            let ts = String(format: "1700000000.%06d", state.counter)
            state.accepted.append(Accepted(method: method, channel: channel, text: text, ts: ts, at: now, token: token))
            return .ok(ts)
        }
        switch answer {
        case .ok(let ts):
            let payload = try JSONSerialization.data(withJSONObject: ["ok": true, "channel": channel, "ts": ts])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: payload)))
        case .limited(let seconds):
            return Response(
                status: .tooManyRequests, headers: [.contentType: "application/json", .retryAfter: String(seconds)],
                body: .init(byteBuffer: ByteBuffer(string: #"{"ok":false,"error":"ratelimited"}"#)))
        case .failed:
            return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "boom")))
        }
    }
}

/// Why the fake could not start.
public enum FakeSlackError: Error {
    /// No port was bound.
    case didNotStart
}

/// A small, seedable generator (SplitMix64) so fault injection and fuzzing are repeatable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state.
    public var state: UInt64

    /// Creates a generator.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
