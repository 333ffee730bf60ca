/// Why a ``SocketModeClient`` stopped for good. Never carries the app token.
public enum SocketModeError: Error, Sendable, Equatable {
    /// `apps.connections.open` refused the app token (`invalid_auth`, `not_authed`,
    /// `token_revoked`, …); retrying cannot help.
    case appTokenRefused(code: String)
    /// `apps.connections.open` failed in a way retrying cannot fix (a permanent Web API error
    /// other than the token's, or a 4xx status); the text is safe to log.
    case openRefused(String)
    /// Slack sent `disconnect` with reason `link_disabled`: Socket Mode was turned off for the app.
    case linkDisabled

    /// Error codes of `apps.connections.open` that mean the app token itself was refused.
    public static let tokenErrorCodes: Set<String> = [
        "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
        "not_allowed_token_type", "missing_scope",
    ]

    /// A short description safe to log.
    public var logDescription: String {
        switch self {
        case .appTokenRefused(let code):
            return "Slack refused the app token (\(code)); Socket Mode stopped"
        case .openRefused(let reason):
            return "apps.connections.open failed permanently (\(reason)); Socket Mode stopped"
        case .linkDisabled:
            return "Slack disabled the Socket Mode link (link_disabled); Socket Mode stopped"
        }
    }

    /// A sentence for an operator, saying what to do next.
    public var userMessage: String {
        switch self {
        case .appTokenRefused:
            return "Slack refused the app-level token. Check that it is the app's current xapp- token "
                + "with the connections:write scope, then restart the bot."
        case .openRefused:
            return "Slack would not open a Socket Mode connection. Check the API base URL and the app's "
                + "Socket Mode settings, then restart the bot."
        case .linkDisabled:
            return "Socket Mode was turned off for this app. Turn it back on in the app's settings, "
                + "or serve the Events API over HTTP, then restart the bot."
        }
    }
}

extension SocketModeError: CustomStringConvertible {
    /// The same safe text as ``logDescription``.
    public var description: String { logDescription }
}
