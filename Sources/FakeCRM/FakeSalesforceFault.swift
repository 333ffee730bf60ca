/// A fault the fake Salesforce injects into its next REST API answer: the faults every fake CRM
/// knows, and Salesforce's own error answers.
public enum FakeSalesforceFault: Sendable, Equatable {
    /// A fault every fake CRM knows: `rateLimited` is HTTP 429 with `Retry-After` (as a proxy or
    /// gateway in front of Salesforce may answer), `serverError` that status (503
    /// `SERVER_UNAVAILABLE`), `dropConnection` breaks the answer off, `expiredToken` expires all
    /// sessions (401 `INVALID_SESSION_ID`).
    case common(FakeCRMFault)
    /// HTTP 403 `REQUEST_LIMIT_EXCEEDED`, without `Retry-After`: the org's API request limit.
    case requestLimitExceeded
    /// Any REST API error: `[{"message", "errorCode", "fields"}]` with that status, and
    /// `Retry-After` when given.
    case error(status: Int, errorCode: String, message: String, fields: [String] = [], retryAfterSeconds: Int? = nil)
}

/// What the fake does with a request: run it, answer without running it, or break off.
enum FakeSalesforceGate {
    case proceed
    case answer(FakeSalesforceAnswer)
    case drop
}

extension FakeSalesforceServer {
    /// What a queued fault does to the request it meets. `expiredToken` invalidates every token
    /// and lets the request proceed to the token check, which then refuses it.
    static func apply(_ fault: FakeSalesforceFault, to state: inout State) -> FakeSalesforceGate {
        switch fault {
        case .common(.dropConnection):
            return .drop
        case .common(.expiredToken):
            state.tokens.removeAll()
            return .proceed
        case .common(.rateLimited(let seconds)):
            return .answer(.error(429, "REQUEST_LIMIT_EXCEEDED", "Too many requests; retry later.", retryAfterSeconds: seconds))
        case .common(.serverError(let status)):
            return .answer(
                status == 503
                    ? .error(503, "SERVER_UNAVAILABLE", "Server unavailable") : .error(status, "UNKNOWN_EXCEPTION", "An unexpected error occurred."))
        case .requestLimitExceeded:
            return .answer(.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."))
        case .error(let status, let code, let message, let fields, let seconds):
            return .answer(.error(status, code, message, fields: fields.isEmpty ? nil : fields, retryAfterSeconds: seconds))
        }
    }
}
