import Foundation
import SlackPlatform
import Synchronization

/// An in-memory ``SlackWebAPIClient`` for tests: records every call and answers as programmed.
///
/// Answers are chosen in this order: the first queued outcome for the method (see
/// ``enqueue(_:forMethod:)``), then the responder closure (when it returns non-nil), then the
/// default: `ok: true` with an incrementing `ts` (`1700000000.000001`, `…002`, …) and the
/// request's `channel` (for `conversations.open`, a DM id `D000001`, …).
///
/// ```swift
/// let slack = RecordingWebAPIClient()
/// slack.enqueue(.failure(.apiError(code: "channel_not_found")), forMethod: "chat.postMessage")
/// // run the code under test, then:
/// #expect(slack.requests(forMethod: "chat.postMessage").count == 1)
/// ```
public final class RecordingWebAPIClient: SlackWebAPIClient {
    /// Computes an answer for a request; nil falls back to the default answer.
    public typealias Responder = @Sendable (WebAPIRequest) -> Result<WebAPIResponse, WebAPIFailure>?

    private struct Queued {
        var method: String?
        var outcome: Result<WebAPIResponse, WebAPIFailure>
    }

    private struct State {
        var requests: [WebAPIRequest] = []
        var responseURLPosts: [RecordedResponseURLPost] = []
        var queued: [Queued] = []
        var responseURLFailures: [WebAPIFailure] = []
        var counter = 0
    }

    private let state = Mutex(State())
    private let responder: Responder?
    private let responseURLPolicy: ResponseURLPolicy?

    /// Creates a recording client.
    ///
    /// - Parameters:
    ///   - allowedResponseURLHosts: When given, `response_url`s are checked like the live client
    ///     does (allowed hosts over `https`) and refused ones are not recorded; nil accepts any URL.
    ///   - responder: Computes answers for requests without a queued outcome.
    public init(allowedResponseURLHosts: [String]? = nil, responder: Responder? = nil) {
        self.responder = responder
        self.responseURLPolicy = allowedResponseURLHosts.map { ResponseURLPolicy(allowedHosts: $0, baseURL: nil) }
    }

    /// Every request so far, in call order.
    public var requests: [WebAPIRequest] {
        state.withLock { $0.requests }
    }

    /// The requests for one method, in call order.
    public func requests(forMethod method: String) -> [WebAPIRequest] {
        state.withLock { $0.requests.filter { $0.method == method } }
    }

    /// Every accepted post to a `response_url`, in call order.
    public var responseURLPosts: [RecordedResponseURLPost] {
        state.withLock { $0.responseURLPosts }
    }

    /// Queues the outcome of a future call.
    ///
    /// - Parameters:
    ///   - outcome: The response to return or the failure to throw.
    ///   - method: The method it answers; nil answers the next call of any method.
    public func enqueue(_ outcome: Result<WebAPIResponse, WebAPIFailure>, forMethod method: String? = nil) {
        state.withLock { $0.queued.append(Queued(method: method, outcome: outcome)) }
    }

    /// Makes the next post to a `response_url` fail (after being recorded).
    public func enqueueResponseURLFailure(_ failure: WebAPIFailure) {
        state.withLock { $0.responseURLFailures.append(failure) }
    }

    /// Records the request and answers it as programmed.
    public func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse {
        let (queued, counter) = state.withLock { state -> (Result<WebAPIResponse, WebAPIFailure>?, Int) in
            state.requests.append(request)
            state.counter += 1
            let index = state.queued.firstIndex { $0.method == nil || $0.method == request.method }
            return (index.map { state.queued.remove(at: $0).outcome }, state.counter)
        }
        let outcome = queued ?? responder?(request) ?? .success(Self.defaultResponse(for: request, counter: counter))
        return try outcome.get()
    }

    /// Records the post (when its URL is acceptable) and succeeds unless a failure is queued.
    public func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure) {
        if let responseURLPolicy {
            _ = try responseURLPolicy.validatedURL(url)
        }
        let failure = state.withLock { state -> WebAPIFailure? in
            state.responseURLPosts.append(RecordedResponseURLPost(url: url, body: body))
            return state.responseURLFailures.isEmpty ? nil : state.responseURLFailures.removeFirst()
        }
        if let failure { throw failure }
    }

    /// The default `ok: true` answer.
    private static func defaultResponse(for request: WebAPIRequest, counter: Int) -> WebAPIResponse {
        let digits = String(counter)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        let ts = "1700000000.\(padded)"
        if request.method == "conversations.open" {
            let channel = "D\(padded)"
            return WebAPIResponse(ok: true, channel: channel, body: Self.json(["ok": true, "channel": ["id": channel]]))
        }
        let channel = request.stringField("channel")
        var body: [String: Any] = ["ok": true, "ts": ts]
        body["channel"] = channel
        return WebAPIResponse(ok: true, ts: ts, channel: channel, body: Self.json(body))
    }

    private static func json(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }
}

/// A post to a `response_url` seen by ``RecordingWebAPIClient``.
public struct RecordedResponseURLPost: Sendable, Equatable {
    /// The URL as given.
    public var url: String
    /// The JSON body.
    public var body: [UInt8]

    /// Creates a record.
    public init(url: String, body: [UInt8]) {
        self.url = url
        self.body = body
    }
}

extension WebAPIRequest {
    /// The body parsed as a JSON object, or nil when it is not one. Handy in tests.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// A top-level string field of the JSON body, for example `stringField("channel")`.
    public func stringField(_ name: String) -> String? {
        jsonObject?[name] as? String
    }
}
