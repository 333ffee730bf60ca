/// Verifies Slack's request signatures (v0 scheme: HMAC-SHA256 over `v0:{timestamp}:{raw body}`).
///
/// Pure: the current time is passed in, so callers inject their clock.
///
/// ```swift
/// let verifier = RequestVerifier(secret: secret)
/// try verifier.verify(timestamp: ts, signature: sig, body: rawBody, now: clock.unixTime)
/// ```
public struct RequestVerifier: Sendable {
    /// The largest accepted distance, in seconds, between the request timestamp and now.
    public static let defaultTolerance: Int64 = 300

    private let secret: SigningSecret
    private let tolerance: Int64

    /// Creates a verifier.
    /// - Parameters:
    ///   - secret: The app's signing secret.
    ///   - tolerance: Accepted clock distance in seconds, both ways (default 300, inclusive).
    public init(secret: SigningSecret, tolerance: Int64 = RequestVerifier.defaultTolerance) {
        self.secret = secret
        self.tolerance = tolerance
    }

    /// Checks a request's signature headers against its raw body.
    /// - Parameters:
    ///   - timestamp: The `X-Slack-Request-Timestamp` header value.
    ///   - signature: The `X-Slack-Signature` header value.
    ///   - body: The raw body bytes exactly as received.
    ///   - now: The current Unix time in seconds.
    /// - Throws: `SignatureFailure` describing the first problem found.
    public func verify(
        timestamp: String?, signature: String?, body: some Collection<UInt8>, now: Int64
    ) throws(SignatureFailure) {
        guard let timestamp else { throw .missingTimestamp }
        guard let seconds = Self.parseTimestamp(timestamp) else { throw .malformedTimestamp }
        let distance = seconds > now ? seconds - now : now - seconds
        guard distance <= tolerance else { throw .outsideTolerance }
        guard let signature else { throw .missingSignature }
        let provided = Array(signature.utf8)
        guard provided.starts(with: Self.versionPrefix) else { throw .unsupportedVersion }
        let digest = provided.dropFirst(Self.versionPrefix.count)
        guard digest.count == 64, digest.allSatisfy(Self.isHexDigit) else { throw .malformedSignature }
        let expected = Array(RequestSigner.digest(secret: secret, timestamp: seconds, body: body).lowercaseHex.utf8)
        let normalized = digest.map { $0 >= 0x41 && $0 <= 0x46 ? $0 + 0x20 : $0 }
        guard HMACSHA256.constantTimeEquals(normalized, expected) else { throw .mismatch }
    }

    static let versionPrefix: [UInt8] = Array("v0=".utf8)

    static func parseTimestamp(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
}
