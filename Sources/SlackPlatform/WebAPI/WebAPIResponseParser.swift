import Foundation

/// Turns HTTP answers into ``WebAPIResponse`` values or ``WebAPIFailure``s. Pure: no I/O.
enum WebAPIResponseParser {
    /// Interprets the answer to a Web API method call.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - retryAfter: The `Retry-After` header value, if any.
    ///   - body: The response body.
    /// - Returns: The parsed response when the status is 200 and `ok` is true.
    /// - Throws: ``WebAPIFailure`` for rate limits, other statuses, `ok:false` and unreadable bodies.
    static func parseCallAnswer(
        status: Int,
        retryAfter: String?,
        body: [UInt8]
    ) throws(WebAPIFailure) -> WebAPIResponse {
        if status == 429 {
            throw .rateLimited(retryAfterSeconds: retryAfterSeconds(retryAfter))
        }
        guard status == 200 else {
            throw .httpStatus(status)
        }
        let response = try parseBody(body)
        guard response.ok else {
            let code = response.error ?? "unknown_error"
            if code == "ratelimited" || code == "rate_limited" {
                throw .rateLimited(retryAfterSeconds: retryAfterSeconds(retryAfter))
            }
            throw .apiError(code: code)
        }
        return response
    }

    /// Interprets the answer to a post to a `response_url`.
    ///
    /// Any 2xx is success (Slack answers a plain `ok`), unless the body is a JSON object with
    /// `ok: false`, which is reported as ``WebAPIFailure/apiError(code:)``.
    static func parseResponseURLAnswer(status: Int, retryAfter: String?, body: [UInt8]) throws(WebAPIFailure) {
        if status == 429 {
            throw .rateLimited(retryAfterSeconds: retryAfterSeconds(retryAfter))
        }
        guard (200..<300).contains(status) else {
            throw .httpStatus(status)
        }
        if let response = try? parseBody(body), !response.ok {
            throw .apiError(code: response.error ?? "unknown_error")
        }
    }

    /// Reads the JSON object of a Web API answer.
    ///
    /// - Throws: ``WebAPIFailure/invalidResponse(_:)`` when the body is not a JSON object with a
    ///   boolean `ok`.
    static func parseBody(_ body: [UInt8]) throws(WebAPIFailure) -> WebAPIResponse {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .invalidResponse("body is not JSON (\(body.count) bytes)")
        }
        guard let fields = object as? [String: Any] else {
            throw .invalidResponse("body is not a JSON object")
        }
        guard let ok = fields["ok"] as? Bool else {
            throw .invalidResponse("no boolean \"ok\" field")
        }
        let channel: String?
        if let id = fields["channel"] as? String {
            channel = id
        } else if let object = fields["channel"] as? [String: Any] {
            channel = object["id"] as? String
        } else {
            channel = nil
        }
        return WebAPIResponse(
            ok: ok,
            error: fields["error"] as? String,
            warning: fields["warning"] as? String,
            ts: (fields["ts"] as? String) ?? (fields["message_ts"] as? String),
            channel: channel,
            body: body
        )
    }

    /// The seconds of a `Retry-After` header: a non-negative integer, else 1 (absent or garbled,
    /// including the HTTP-date form). A value of 0 also gives 1, so callers always back off.
    static func retryAfterSeconds(_ value: String?) -> Int {
        guard let value else { return 1 }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let seconds = Int(trimmed)
        else { return 1 }
        return max(1, seconds)
    }
}
