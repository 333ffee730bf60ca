import PartnerBot
import Foundation
import SlackPlatform
import Synchronization

/// The chat platform of dev mode: every outbound call is printed readably and stored in a
/// `SinkStore`, never sent. It answers like the Web API so the outbox works unchanged.
public final class LocalChatSink: SlackWebAPIClient {
    private let store: SinkStore
    private let clock: any WallClock
    private let output: @Sendable (String) -> Void
    private let counter = Mutex(0)

    /// Creates a sink.
    /// - Parameters:
    ///   - output: Where readable lines go (the terminal running `serve --dev`).
    ///   - store: Where received messages are kept.
    public init(store: SinkStore, clock: any WallClock, output: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.clock = clock
        self.output = output
    }

    public func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse {
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            throw .apiError(code: "invalid_json")
        }
        let text = body["text"] as? String ?? ""
        var channel = body["channel"] as? String ?? body["user_id"] as? String ?? ""
        var ts = body["ts"] as? String
        let line: String
        switch request.method {
        case "chat.postMessage":
            if channel.hasPrefix("U") || channel.hasPrefix("W") { channel = "D" + channel.dropFirst() }
            ts = nextTS()
            let thread = (body["thread_ts"] as? String).map { " (thread \($0))" } ?? ""
            line = "→ \(channel)\(thread): \(text)"
        case "chat.update":
            line = "✎ \(channel) \(ts ?? "?"): \(text)"
        case "chat.postEphemeral":
            line = "→ \(body["user"] as? String ?? "?") in \(channel) (only they see it): \(text)"
        case "conversations.open":
            let users = body["users"] as? String ?? ""
            channel = "D" + users.dropFirst()
            line = "⇄ opened DM \(channel)"
        case "views.open", "views.publish":
            line = "▢ \(request.method) for \(body["user_id"] as? String ?? body["trigger_id"] as? String ?? "?")"
        default:
            line = "· \(request.method)"
        }
        await store(method: request.method, target: channel, text: text, body: request.body, ts: ts ?? "", line: line)
        return WebAPIResponse(ok: true, ts: ts, channel: channel.isEmpty ? nil : channel, body: [])
    }

    public func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure) {
        let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let text = json?["text"] as? String ?? String(decoding: body, as: UTF8.self)
        await store(method: "response_url", target: url, text: text, body: body, ts: "", line: "↩ reply: \(text)")
    }

    private func nextTS() -> String {
        let sequence = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return "\(clock.unixTime).\(String(format: "%06d", sequence % 1_000_000))"
    }

    private func store(method: String, target: String, text: String, body: [UInt8], ts: String, line: String) async {
        output("[chat sink] " + line)
        try? await store.record(method: method, target: target, text: text, body: String(decoding: body, as: UTF8.self), ts: ts, at: clock.now())
    }
}
