/// A fault a fake CRM injects into its next answers, the way real CRMs fail.
public enum FakeCRMFault: Sendable, Equatable {
    /// HTTP 429 with `Retry-After` (seconds).
    case rateLimited(retryAfterSeconds: Int)
    /// HTTP 500/502/503.
    case serverError(status: Int)
    /// The connection is closed without an answer.
    case dropConnection
    /// The access token is refused as expired (HubSpot 401; Salesforce 401 `INVALID_SESSION_ID`).
    case expiredToken
}
