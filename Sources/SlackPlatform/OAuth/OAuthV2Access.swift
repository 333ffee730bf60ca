/// The two `oauth.v2.access` calls: exchanging an install's `code`, and refreshing an expiring
/// token (token rotation). Both are form-encoded, with the client credentials in HTTP Basic
/// authentication (Slack's recommendation) rather than in the body.
///
/// ```swift
/// let response = try await client.call(OAuthV2Access.exchange(code: code, redirectURI: redirect, credentials: credentials))
/// let grant = try OAuthV2Grant(response)
/// ```
public enum OAuthV2Access {
    /// The Web API method.
    public static let method = "oauth.v2.access"

    /// Exchanges the temporary `code` of an install redirect for the installation's token.
    /// - Parameters:
    ///   - code: The `code` query parameter of the redirect.
    ///   - redirectURI: The `redirect_uri` the authorize URL named (it must match).
    ///   - credentials: The app's client id and secret.
    public static func exchange(code: String, redirectURI: String, credentials: OAuthClientCredentials) -> WebAPIRequest {
        request(fields: [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)], credentials: credentials)
    }

    /// Trades a refresh token for a new access token and a new refresh token (token rotation).
    /// - Parameters:
    ///   - refreshToken: The installation's current refresh token (`xoxe-1-…`).
    ///   - credentials: The app's client id and secret.
    public static func refresh(refreshToken: String, credentials: OAuthClientCredentials) -> WebAPIRequest {
        request(fields: [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], credentials: credentials)
    }

    private static func request(fields: [(name: String, value: String)], credentials: OAuthClientCredentials) -> WebAPIRequest {
        WebAPIRequest(
            method: method, body: Array(FormBody(fields: fields).encoded.utf8), contentType: WebAPIRequest.formContentType,
            authorization: credentials.authorization)
    }
}
