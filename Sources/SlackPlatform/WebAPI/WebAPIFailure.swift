/// Why a Web API call (or a post to a `response_url`) did not succeed.
///
/// No case ever carries the bot token, a request body or a full `response_url`; the texts are
/// safe to log. Use ``isPermanent`` to decide between retrying later and giving up.
public enum WebAPIFailure: Error, Sendable, Equatable {
    /// Slack answered HTTP 429 (or `ok:false` with `error: ratelimited`); wait this many seconds
    /// before calling the method again. The value is `Retry-After`, or 1 when absent or garbled.
    case rateLimited(retryAfterSeconds: Int)
    /// Slack answered `ok:false` with this error code (other than `ratelimited`).
    case apiError(code: String)
    /// Slack answered with a status other than 200 (or, for `response_url`, other than 2xx) and 429.
    case httpStatus(Int)
    /// The connection or the whole transfer took longer than configured.
    case timeout
    /// The connection failed: refused, reset, name resolution, TLS, or an empty reply.
    case connection(String)
    /// Slack answered HTTP 200 but not with a JSON object carrying `ok`.
    case invalidResponse(String)
    /// The `response_url` was refused before any network call; the text is the reason, never the URL.
    case forbiddenURL(String)

    /// Error codes after which retrying the same call cannot succeed.
    ///
    /// Slack's documented permanent errors, plus argument and trigger errors that only a changed
    /// request can fix.
    public static let permanentErrorCodes: Set<String> = [
        "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
        "account_inactive", "token_revoked", "token_expired", "missing_scope", "invalid_blocks",
        "msg_too_long", "restricted_action", "user_not_found", "invalid_arguments",
        "invalid_arg_name", "invalid_trigger", "invalid_trigger_id", "expired_trigger_id",
        "exchanged_trigger_id", "no_text", "invalid_json", "invalid_charset", "invalid_form_data",
        "not_allowed_token_type", "no_permission", "method_deprecated", "deprecated_endpoint",
        "unknown_method",
    ]

    /// Whether retrying the same call later is pointless.
    ///
    /// True for the error codes in ``permanentErrorCodes``, for ``forbiddenURL(_:)`` and for 4xx
    /// statuses other than 408 and 429; false for rate limits, 5xx, timeouts, connection
    /// failures, invalid responses and other error codes.
    public var isPermanent: Bool {
        switch self {
        case .apiError(let code):
            return Self.permanentErrorCodes.contains(code)
        case .forbiddenURL:
            return true
        case .httpStatus(let status):
            return (400..<500).contains(status) && status != 408 && status != 429
        case .rateLimited, .timeout, .connection, .invalidResponse:
            return false
        }
    }

    /// A short description safe to log: no token, no body, no URL.
    public var logDescription: String {
        switch self {
        case .rateLimited(let seconds):
            return "rate limited, retry after \(seconds) s"
        case .apiError(let code):
            return "Slack API error \(Self.sanitised(code))"
        case .httpStatus(let status):
            return "HTTP status \(status)"
        case .timeout:
            return "timed out"
        case .connection(let message):
            return "connection failed: \(Self.sanitised(message))"
        case .invalidResponse(let message):
            return "invalid response: \(Self.sanitised(message))"
        case .forbiddenURL(let reason):
            return "response_url refused: \(Self.sanitised(reason))"
        }
    }

    /// A sentence for a person, saying what happens next.
    public var userMessage: String {
        switch self {
        case .rateLimited:
            return "Slack is rate limiting the bot; the message will be retried shortly."
        case .apiError where isPermanent:
            return "Slack refused the message (\(logDescription)); check the channel and the bot's access."
        case .apiError:
            return "Slack could not take the message right now; it will be retried."
        case .httpStatus where isPermanent:
            return "Slack refused the request; it will not be retried."
        case .httpStatus, .timeout, .connection, .invalidResponse:
            return "Slack could not be reached right now; the message will be retried."
        case .forbiddenURL:
            return "The reply address is not a Slack address, so nothing was sent."
        }
    }

    /// Keeps log texts on one short line whatever the server sent.
    private static func sanitised(_ text: String) -> String {
        let cleaned = text.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control ? " " : Character(scalar)
        }
        let limited = String(cleaned.prefix(200))
        return limited.count < cleaned.count ? limited + "…" : limited
    }
}

extension WebAPIFailure: CustomStringConvertible {
    /// The same safe text as ``logDescription``.
    public var description: String { logDescription }
}
