import Foundation
import Logging
import SlackPlatform

/// Why an install redirect was refused. Nothing is stored when it is.
enum InstallFailure: Error, Sendable, Equatable {
    /// The `state` did not check out.
    case state(OAuthStateFailure)
    /// The redirect carried no `code`.
    case missingCode
    /// Slack refused the exchange (or the authorization) with this error code, e.g. `invalid_code`.
    case slackRefused(String)
    /// Slack could not be reached for the exchange.
    case slackUnreachable(String)
    /// The installation could not be stored.
    case storage

    /// The HTTP status of the failure page.
    var httpStatus: Int {
        switch self {
        case .state, .missingCode, .slackRefused: 400
        case .slackUnreachable: 502
        case .storage: 503
        }
    }

    /// A short reason for the log (never a code, state or token).
    var logDescription: String {
        switch self {
        case .state(let failure): failure.logDescription
        case .missingCode: "redirect without code"
        case .slackRefused(let code): "Slack refused the install: \(code)"
        case .slackUnreachable(let reason): "Slack unreachable for oauth.v2.access: \(reason)"
        case .storage: "the installation could not be stored"
        }
    }

    /// What the installer reads, and what to do next.
    var userMessage: String {
        switch self {
        case .state(let failure): failure.userMessage
        case .missingCode: "Slack did not send an authorization code. Start again from the install page."
        case .slackRefused(let code): "Slack refused the installation (\(code)). Start again from the install page."
        case .slackUnreachable: "Slack could not be reached to finish the installation. Try again in a minute from the install page."
        case .storage: "The installation could not be saved. Try again in a minute from the install page."
        }
    }
}

/// How an install redirect ended.
enum InstallOutcome: Sendable {
    /// Stored (a new installation, or a re-install).
    case installed(Installation)
    /// The installer cancelled on Slack's page (`error=access_denied`).
    case cancelled
    /// Refused; nothing stored.
    case failed(InstallFailure)
}

/// The OAuth v2 install, without HTTP: the *Add to Slack* link with a fresh signed `state`, then
/// the redirect's checks (state signature, expiry, cookie, replay), the code exchange
/// (`oauth.v2.access`) and the stored installation.
struct InstallFlow: Sendable {
    let settings: OAuthInstallSettings
    let database: AppDatabase
    let client: any SlackWebAPIClient
    let clock: any WallClock
    let signer: OAuthStateSigner

    init(settings: OAuthInstallSettings, database: AppDatabase, client: any SlackWebAPIClient, clock: any WallClock) {
        self.settings = settings
        self.database = database
        self.client = client
        self.clock = clock
        self.signer = OAuthStateSigner(secret: settings.credentials.clientSecret)
    }

    /// A fresh install attempt: its state (for the cookie) and the authorize URL carrying it.
    func begin() -> (state: OAuthState, authorizeURL: String) {
        let state = signer.issue(now: clock.now())
        return (state, authorizeURL(state: state.value))
    }

    /// `<authorize_url>?client_id=…&scope=…&state=…&redirect_uri=…`.
    func authorizeURL(state: String) -> String {
        let query = FormBody(fields: [
            ("client_id", settings.credentials.clientID), ("scope", settings.scopes.joined(separator: ",")),
            ("state", state), ("redirect_uri", settings.redirectURI),
        ]).encoded
        return settings.authorizeURL + (settings.authorizeURL.contains("?") ? "&" : "?") + query
    }

    /// Finishes an install from the redirect's query parameters and the browser's cookie.
    func complete(code: String?, state: String?, error: String?, cookie: String?, logger: Logger) async -> InstallOutcome {
        if let error {
            return error == "access_denied" ? .cancelled : .failed(.slackRefused(Self.errorCode(error)))
        }
        let now = clock.now()
        do throws(OAuthStateFailure) {
            _ = try await check(state: state, cookie: cookie, now: now)
        } catch {
            return .failed(.state(error))
        }
        guard let code, !code.isEmpty else { return .failed(.missingCode) }
        let grant: OAuthV2Grant
        do throws(WebAPIFailure) {
            let request = OAuthV2Access.exchange(code: code, redirectURI: settings.redirectURI, credentials: settings.credentials)
            grant = try OAuthV2Grant(try await client.call(request))
        } catch .apiError(let slackCode) {
            return .failed(.slackRefused(Self.errorCode(slackCode)))
        } catch {
            return .failed(.slackUnreachable(error.logDescription))
        }
        do {
            return .installed(try await database.saveInstallation(grant, now: now))
        } catch {
            logger.error("installation not stored", metadata: ["team": "\(grant.team?.id ?? "-")", "error": "\(error)"])
            return .failed(.storage)
        }
    }

    /// The state's signature and expiry, the cookie, then (only for a genuine state) its nonce.
    private func check(state: String?, cookie: String?, now: Date) async throws(OAuthStateFailure) -> OAuthState {
        guard let state, !state.isEmpty else { throw .missing }
        let checked = try signer.verify(state, now: now)
        guard let cookie, HMACSHA256.constantTimeEquals(Array(cookie.utf8), Array(state.utf8)) else { throw .cookieMismatch }
        let firstUse: Bool
        do {
            firstUse = try await database.redeemOAuthNonce(checked.nonce, expiresAt: checked.expiryDate, now: now)
        } catch {
            // Unknown whether it was used: refuse rather than risk a replay.
            throw .replayed
        }
        guard firstUse else { throw .replayed }
        return checked
    }

    /// A Slack error code as shown and logged: letters, digits and `_` only, at most 64.
    static func errorCode(_ text: String) -> String {
        let kept = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }.prefix(64)))
        return kept.isEmpty ? "unknown_error" : kept
    }
}
