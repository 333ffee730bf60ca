import Foundation
import SlackPlatform

/// Turns Salesforce's answers into `CRMFailure`s, keeping Salesforce's own error text.
///
/// REST API errors are a JSON array `[{"message": …, "errorCode": …, "fields": […]}]`; the token
/// endpoint answers `{"error": …, "error_description": …}`.
struct SalesforceFailures: Sendable {
    /// The wait reported for `REQUEST_LIMIT_EXCEEDED` without `Retry-After`.
    var rateLimitRetryAfter: Duration
    /// Values that must never leave the connector (secrets, tokens): replaced in any message.
    var secrets: [String]

    /// One REST API error.
    struct APIError: Decodable, Equatable {
        var message: String?
        var errorCode: String?
        var fields: [String]?
    }

    /// The token endpoint's error.
    struct OAuthError: Decodable {
        var error: String?
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// These failures, also keeping `secret` (the access token a request carried) out of messages.
    func redacting(_ secret: String) -> SalesforceFailures {
        SalesforceFailures(rateLimitRetryAfter: rateLimitRetryAfter, secrets: secrets + [secret])
    }

    /// The failure a non-2xx REST API answer means.
    func failure(for response: RESTResponse) -> CRMFailure {
        let errors = Self.apiErrors(response.body)
        let summary = Self.summary(errors).map(redact)
        let text = summary ?? redact(Self.fallback(response))
        switch response.status {
        case 401: return .unauthorized(text)
        case 429: return .rateLimited(retryAfter: retryAfter(response))
        case 403 where errors.contains(where: { $0.errorCode == "REQUEST_LIMIT_EXCEEDED" }):
            return .rateLimited(retryAfter: retryAfter(response))
        case 500...: return .unavailable(summary.map { "HTTP \(response.status): \($0)" } ?? text)
        default: return .rejected(text)
        }
    }

    /// The failure a non-2xx token endpoint answer means: refused credentials are `unauthorized`
    /// (with Salesforce's description), limits and outages as for the REST API.
    func tokenFailure(for response: RESTResponse) -> CRMFailure {
        if response.status == 429 { return .rateLimited(retryAfter: retryAfter(response)) }
        if response.status >= 500 { return .unavailable("token endpoint HTTP \(response.status): \(redact(Self.fallback(response)))") }
        guard let error = try? JSONDecoder().decode(OAuthError.self, from: Data(response.body)), let code = error.error else {
            return .unauthorized("token endpoint HTTP \(response.status): \(redact(Self.fallback(response)))")
        }
        let description = error.errorDescription.map { ": " + $0 } ?? ""
        return .unauthorized(redact("token endpoint refused the grant: \(code)\(description)"))
    }

    /// `Retry-After` in seconds when Salesforce sent one, else the configured default.
    func retryAfter(_ response: RESTResponse) -> Duration {
        if let header = response.header("Retry-After"), let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return .seconds(seconds)
        }
        return rateLimitRetryAfter
    }

    /// The text with every secret replaced by `[redacted]`.
    func redact(_ text: String) -> String {
        secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    /// The REST API error array (empty when the body is something else).
    static func apiErrors(_ body: [UInt8]) -> [APIError] {
        (try? JSONDecoder().decode([APIError].self, from: Data(body))) ?? []
    }

    /// `ERRORCODE: message (fields: A, B)`, errors joined with `; `.
    static func summary(_ errors: [APIError]) -> String? {
        let parts = errors.compactMap { error -> String? in
            guard error.errorCode != nil || error.message != nil else { return nil }
            var part = [error.errorCode, error.message].compactMap(\.self).joined(separator: ": ")
            if let fields = error.fields, !fields.isEmpty { part += " (fields: \(fields.joined(separator: ", ")))" }
            return part
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The status and the start of the body, for answers that are not Salesforce's error JSON.
    static func fallback(_ response: RESTResponse) -> String {
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(text.prefix(300))"
    }
}
