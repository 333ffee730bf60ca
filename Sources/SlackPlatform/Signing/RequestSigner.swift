/// Signs requests exactly as Slack does. Used by `partnerbot send`, the demo, tests and benchmarks.
public struct RequestSigner: Sendable {
    private let secret: SigningSecret

    /// Creates a signer for the given secret.
    public init(secret: SigningSecret) {
        self.secret = secret
    }

    /// The `X-Slack-Signature` value for a body sent at `timestamp`.
    /// - Parameters:
    ///   - timestamp: Unix time in seconds, sent as `X-Slack-Request-Timestamp`.
    ///   - body: The exact body bytes that will be sent.
    /// - Returns: `v0=` followed by 64 lowercase hex digits.
    public func signature(timestamp: Int64, body: some Collection<UInt8>) -> String {
        "v0=" + Self.digest(secret: secret, timestamp: timestamp, body: body).lowercaseHex
    }

    /// The two headers Slack adds to a request, as name/value pairs.
    public func headers(timestamp: Int64, body: some Collection<UInt8>) -> [(name: String, value: String)] {
        [
            ("X-Slack-Request-Timestamp", String(timestamp)),
            ("X-Slack-Signature", signature(timestamp: timestamp, body: body)),
        ]
    }

    static func digest(secret: SigningSecret, timestamp: Int64, body: some Collection<UInt8>) -> [UInt8] {
        secret.key.authenticationCode(prefix: "v0:\(timestamp):".utf8, body: body)
    }
}
