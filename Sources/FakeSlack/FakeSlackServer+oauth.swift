import Foundation
import Hummingbird
import NIOCore
import SlackPlatform

/// `oauth.v2.access` on the fake: install codes exchanged once for a configured installation,
/// refresh grants trading a live refresh token for a new token and expiry, client credentials
/// checked (HTTP Basic or form fields) when set.
extension FakeSlackServer {
    /// Requires these client credentials on `oauth.v2.access` (`invalid_client_id` /
    /// `bad_client_secret` otherwise).
    public func setOAuthClient(id: String, secret: String) {
        state.withLock {
            $0.oauth.clientID = id
            $0.oauth.clientSecret = secret
        }
    }

    /// Makes `code` a valid install code (single-use) that grants `install`.
    public func addInstallCode(_ code: String, granting install: FakeOAuthInstall) {
        state.withLock { $0.oauth.codes[code] = install }
    }

    /// Makes the next `count` refresh grants fail with `internal_error`.
    public func failNextRefreshes(_ count: Int) {
        state.withLock { $0.oauth.failingRefreshes = count }
    }

    /// Delays every refresh answer (to overlap concurrent refreshes in tests).
    public func setRefreshDelay(_ delay: Duration) {
        state.withLock { $0.oauth.refreshDelay = delay }
    }

    /// Successful code exchanges.
    public var oauthExchangeCount: Int { state.withLock { $0.oauth.exchanges } }
    /// Seconds a refreshed token lives (Slack: 12 hours).
    public static var refreshedTokenLifetime: Int { FakeOAuthState.refreshedLifetime }
    /// Refresh grants received with the right client credentials (successful or not).
    public var oauthRefreshCount: Int { state.withLock { $0.oauth.refreshes } }

    func oauthAccess(body: [UInt8], authorization: String?) async -> Response {
        let form = FormBody(body)
        let credentials = Self.basicCredentials(authorization) ?? (form["client_id"], form["client_secret"])
        let (answer, delay) = state.withLock { state -> ([String: Any], Duration) in
            if let id = state.oauth.clientID, credentials.0 != id { return (Self.failure("invalid_client_id"), .zero) }
            if let secret = state.oauth.clientSecret, credentials.1 != secret { return (Self.failure("bad_client_secret"), .zero) }
            if form["grant_type"] == "refresh_token" { return (Self.refresh(form["refresh_token"], state: &state.oauth), state.oauth.refreshDelay) }
            guard let code = form["code"], let install = state.oauth.codes.removeValue(forKey: code) else {
                return (Self.failure("invalid_code"), .zero)
            }
            state.oauth.exchanges += 1
            return (Self.grant(install, token: install.accessToken, state: &state.oauth), .zero)
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        let payload = (try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: payload)))
    }

    private static func refresh(_ refreshToken: String?, state: inout FakeOAuthState) -> [String: Any] {
        state.refreshes += 1
        if state.failingRefreshes > 0 {
            state.failingRefreshes -= 1
            return failure("internal_error")
        }
        guard let refreshToken, let install = state.refreshTokens.removeValue(forKey: refreshToken) else {
            return failure("invalid_refresh_token")
        }
        state.counter += 1
        var refreshed = install
        refreshed.expiresIn = FakeOAuthState.refreshedLifetime
        return grant(refreshed, token: "xoxe.xoxb-\(install.teamID ?? install.enterpriseID ?? "x")-\(state.counter)", state: &state)
    }

    /// An `oauth.v2.access` success for `install` with `token`; a new refresh token with rotation.
    private static func grant(_ install: FakeOAuthInstall, token: String, state: inout FakeOAuthState) -> [String: Any] {
        state.issuedTokens.insert(token)
        var answer: [String: Any] = [
            "ok": true, "access_token": token, "token_type": "bot", "scope": install.scope, "bot_user_id": install.botUserID,
            "app_id": install.appID, "is_enterprise_install": install.isEnterpriseInstall, "authed_user": ["id": install.installerUserID],
            "team": install.teamID.map { ["id": $0, "name": install.teamName ?? $0] as [String: Any] } ?? NSNull(),
            "enterprise": install.enterpriseID.map { ["id": $0, "name": install.enterpriseName ?? $0] as [String: Any] } ?? NSNull(),
        ]
        if let expiresIn = install.expiresIn {
            state.counter += 1
            let refreshToken = "xoxe-1-refresh-\(state.counter)"
            state.refreshTokens[refreshToken] = install
            answer["refresh_token"] = refreshToken
            answer["expires_in"] = expiresIn
        }
        return answer
    }

    static func failure(_ code: String) -> [String: Any] { ["ok": false, "error": code] }

    /// `Authorization: Basic base64(id:secret)`.
    private static func basicCredentials(_ header: String?) -> (String?, String?)? {
        guard let header, header.hasPrefix("Basic "), let bytes = Base64.decode(String(header.dropFirst(6))) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The token of `Authorization: Bearer <token>`.
    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst(7))
    }
}
