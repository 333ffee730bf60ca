/// Why an inbound request failed verification. Answered as a bare 401; the reason is only logged.
public enum SignatureFailure: Error, Sendable, Equatable {
    /// `X-Slack-Request-Timestamp` is absent.
    case missingTimestamp
    /// The timestamp is not a decimal number of seconds.
    case malformedTimestamp
    /// The timestamp is more than the tolerance away from now (past or future).
    case outsideTolerance
    /// `X-Slack-Signature` is absent.
    case missingSignature
    /// The signature does not start with a version this server knows (`v0=`).
    case unsupportedVersion
    /// The signature is not 64 hexadecimal digits after its prefix.
    case malformedSignature
    /// The signature does not match the body.
    case mismatch

    /// A short reason for logs. Never contains the body, the secret or the expected signature.
    public var logDescription: String {
        switch self {
        case .missingTimestamp: "missing timestamp header"
        case .malformedTimestamp: "malformed timestamp header"
        case .outsideTolerance: "timestamp outside tolerance"
        case .missingSignature: "missing signature header"
        case .unsupportedVersion: "unsupported signature version"
        case .malformedSignature: "malformed signature header"
        case .mismatch: "signature mismatch"
        }
    }
}
