import Foundation

/// Builds requests exactly as the platform sends them, signed with a given secret.
/// Used by `partnerbot send`/`click`, the demo, tests and benchmarks.
public struct SignedRequestBuilder: Sendable {
    /// A ready-to-send request.
    public struct SignedRequest: Sendable {
        /// Path on the bot server, e.g. `/slack/commands`.
        public var path: String
        /// Headers including the signature.
        public var headers: [(name: String, value: String)]
        /// The exact body bytes that were signed.
        public var body: [UInt8]

        /// Creates a request (tests tamper with signed ones).
        public init(path: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.path = path
            self.headers = headers
            self.body = body
        }
    }

    private let signer: RequestSigner

    /// Creates a builder.
    public init(secret: SigningSecret) {
        self.signer = RequestSigner(secret: secret)
    }

    /// A signed slash command.
    public func slashCommand(_ command: SlashCommand, timestamp: Int64) -> SignedRequest {
        form(path: "/slack/commands", body: Array(command.form.encoded.utf8), timestamp: timestamp)
    }

    /// A signed button click.
    public func blockActions(_ actions: BlockActions, timestamp: Int64) -> SignedRequest {
        interaction(json: Self.encode(actions), timestamp: timestamp)
    }

    /// A signed shortcut (global or message).
    public func shortcut(_ shortcut: Shortcut, timestamp: Int64) -> SignedRequest {
        interaction(json: Self.encode(shortcut), timestamp: timestamp)
    }

    /// A signed modal submission.
    public func viewSubmission(_ submission: ViewSubmission, timestamp: Int64) -> SignedRequest {
        interaction(json: Self.encode(submission), timestamp: timestamp)
    }

    /// A signed Events API body.
    public func event(json: [UInt8], timestamp: Int64, retryNumber: Int? = nil) -> SignedRequest {
        var request = SignedRequest(
            path: "/slack/events", headers: [("Content-Type", "application/json")] + signer.headers(timestamp: timestamp, body: json).map { ($0.name, $0.value) },
            body: json)
        if let retryNumber {
            request.headers.append(("X-Slack-Retry-Num", String(retryNumber)))
            request.headers.append(("X-Slack-Retry-Reason", "http_timeout"))
        }
        return request
    }

    /// A signed interaction whose `payload` is the given JSON as is (payload shapes copied from
    /// Slack's documentation, with fields this project's types do not model).
    public func interaction(payloadJSON json: String, timestamp: Int64) -> SignedRequest {
        interaction(json: json, timestamp: timestamp)
    }

    private func interaction(json: String, timestamp: Int64) -> SignedRequest {
        form(path: "/slack/interactions", body: Array(FormBody(fields: [("payload", json)]).encoded.utf8), timestamp: timestamp)
    }

    private func form(path: String, body: [UInt8], timestamp: Int64) -> SignedRequest {
        SignedRequest(
            path: path,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + signer.headers(timestamp: timestamp, body: body).map { ($0.name, $0.value) },
            body: body)
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
