import Foundation
import Logging
import SlackPlatform

/// An access token and the instance it is valid for.
struct SalesforceSession: Sendable, Equatable {
    /// The bearer token (never logged).
    var accessToken: String
    /// `https://<instance>.my.salesforce.com`, without a trailing slash.
    var instanceURL: String
    /// When the connector received it (its own clock).
    var obtainedAt: Date
}

/// The one token the connector uses, and the token request in flight.
struct SessionState: Sendable {
    var current: SalesforceSession?
    var refresh: Task<Result<SalesforceSession, CRMFailure>, Never>?
}

extension SalesforceConnector {
    /// A usable session: the current one while it is younger than the session lifetime and is not
    /// `stale` (the one Salesforce just refused), else a new one. Concurrent callers share one
    /// token request.
    func session(replacing stale: SalesforceSession? = nil) async throws(CRMFailure) -> SalesforceSession {
        let now = self.now()
        let lifetime = settings.sessionLifetime
        enum Next { case ready(SalesforceSession), wait(Task<Result<SalesforceSession, CRMFailure>, Never>) }
        let next = sessions.withLock { state -> Next in
            if let current = state.current, current.accessToken != stale?.accessToken, Self.isFresh(current, now: now, lifetime: lifetime) {
                return .ready(current)
            }
            if let running = state.refresh { return .wait(running) }
            state.current = nil
            let task = Task { await self.refreshSession() }
            state.refresh = task
            return .wait(task)
        }
        switch next {
        case .ready(let session): return session
        case .wait(let task): return try await task.value.get()
        }
    }

    static func isFresh(_ session: SalesforceSession, now: Date, lifetime: Duration) -> Bool {
        let age = now.timeIntervalSince(session.obtainedAt)
        let limit = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        return age >= 0 && age < limit
    }

    /// Requests a token and publishes the outcome (the new session, or none) to later callers.
    private func refreshSession() async -> Result<SalesforceSession, CRMFailure> {
        let result: Result<SalesforceSession, CRMFailure>
        do {
            result = .success(try await requestToken())
        } catch {
            result = .failure(error)
        }
        sessions.withLock { state in
            state.refresh = nil
            if case .success(let session) = result { state.current = session }
        }
        switch result {
        case .success(let session): logger.debug("Salesforce token obtained", metadata: ["instance": "\(session.instanceURL)"])
        case .failure(let failure): logger.debug("Salesforce token request failed", metadata: ["failure": "\(failure)"])
        }
        return result
    }

    /// `POST {loginURL}/services/oauth2/token` with the configured grant.
    func requestToken() async throws(CRMFailure) -> SalesforceSession {
        let loginURL = SalesforceURLEncoding.trimmingTrailingSlashes(settings.loginURL)
        let form: [(String, String)]
        switch settings.auth {
        case .clientCredentials(let clientID, let clientSecret):
            form = [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret)]
        case .jwtBearer(let clientID, let username, let privateKeyPEM):
            let assertion: String
            do {
                assertion = try SalesforceJWT.assertion(clientID: clientID, username: username, audience: loginURL, privateKeyPEM: privateKeyPEM, now: now())
            } catch {
                throw .unauthorized(error.description)
            }
            form = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)]
        }
        let request = RESTRequest(
            method: .post, url: loginURL + "/services/oauth2/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(SalesforceURLEncoding.form(form).utf8))
        let response = try await transmit(request)
        guard response.status == 200 else { throw failures.tokenFailure(for: response) }
        return try session(from: response, loginURL: loginURL)
    }

    /// The session a 200 token answer carries; the instance URL must be `https` (or `http` only
    /// when the login URL is, as for a local test double) so the token never travels in clear.
    private func session(from response: RESTResponse, loginURL: String) throws(CRMFailure) -> SalesforceSession {
        guard let token = try? JSONDecoder().decode(SalesforceTokenResponse.self, from: Data(response.body)), !token.accessToken.isEmpty else {
            throw .unavailable("the token endpoint's answer has no access_token and instance_url")
        }
        let instance = SalesforceURLEncoding.trimmingTrailingSlashes(token.instanceURL)
        let secure = instance.hasPrefix("https://") || (instance.hasPrefix("http://") && loginURL.hasPrefix("http://"))
        guard secure, instance.count > "https://".count else {
            throw .unauthorized("the token endpoint's instance_url \(instance) is not an https URL")
        }
        return SalesforceSession(accessToken: token.accessToken, instanceURL: instance, obtainedAt: now())
    }
}
