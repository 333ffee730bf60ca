import Foundation
import SlackPlatform

/// Turns HubSpot's failed answers into `CRMFailure`, with HubSpot's own words and never the token.
///
/// - 429: `rateLimited`, waiting `Retry-After` when sent, else by the body's `policyName`:
///   ``dailyLimitWait`` for `DAILY` (the daily limit resets at midnight in the account's time
///   zone, which partnerbot does not know), ``shortLimitWait`` for the secondly and ten-secondly
///   policies and anything else.
/// - 401: `unauthorized` with HubSpot's message (`EXPIRED_AUTHENTICATION`, `INVALID_AUTHENTICATION`).
/// - 5xx: `unavailable`.
/// - other 4xx: `rejected("<category>: <message>")`.
enum HubSpotErrors {
    /// The wait after a `DAILY` 429 without `Retry-After`.
    static let dailyLimitWait: Duration = .seconds(3600)
    /// The wait after any other 429 without `Retry-After`.
    static let shortLimitWait: Duration = .seconds(1)
    /// The most of a raw (non-JSON) error body quoted in a failure.
    static let quotedBodyLimit = 200

    /// The failure an unsuccessful answer means.
    /// - Parameters:
    ///   - response: An answer whose status is not 2xx.
    ///   - token: Removed from every message, should HubSpot ever echo it.
    static func failure(for response: RESTResponse, token: HubSpotAccessToken) -> CRMFailure {
        let body = try? JSONDecoder().decode(HubSpotWire.ErrorBody.self, from: Data(response.body))
        let message = redact(body?.message ?? quoted(response), token: token)
        switch response.status {
        case 429:
            return .rateLimited(retryAfter: retryAfter(response, policy: body?.policyName))
        case 401:
            return .unauthorized(message.isEmpty ? "HTTP 401" : message)
        case 500...599:
            return .unavailable("HTTP \(response.status)" + (message.isEmpty ? "" : ": \(message)"))
        default:
            let category = body?.category ?? body?.errorType ?? "HTTP \(response.status)"
            return .rejected(message.isEmpty ? category : "\(category): \(message)")
        }
    }

    /// The failure a per-record batch error means (a 207 multi-status answer, or a 200 with errors).
    static func failure(for error: HubSpotWire.ErrorBody, token: HubSpotAccessToken) -> CRMFailure {
        let message = redact(error.message ?? "", token: token)
        let category = error.category ?? "BATCH_ERROR"
        return .rejected(message.isEmpty ? category : "\(category): \(message)")
    }

    /// The failure when no HTTP answer arrived: always transient.
    static func failure(for failure: RESTFailure, token: HubSpotAccessToken) -> CRMFailure {
        .unavailable("HubSpot did not answer: " + redact(failure.description, token: token))
    }

    /// `message` without the token.
    static func redact(_ message: String, token: HubSpotAccessToken) -> String {
        token.secret.isEmpty ? message : message.replacingOccurrences(of: token.secret, with: "<redacted>")
    }

    private static func retryAfter(_ response: RESTResponse, policy: String?) -> Duration {
        if let header = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces), let seconds = Int(header), seconds >= 0 {
            return .seconds(seconds)
        }
        return policy == "DAILY" ? dailyLimitWait : shortLimitWait
    }

    private static func quoted(_ response: RESTResponse) -> String {
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > quotedBodyLimit ? String(text.prefix(quotedBodyLimit)) + "…" : text
    }
}
