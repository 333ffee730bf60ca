import Testing

@testable import SlackPlatform

/// Classification and texts of Web API failures (pure).
@Suite("WebAPIFailure")
struct WebAPIFailureTests {
    @Test(
        "permanent failures",
        arguments: [
            WebAPIFailure.apiError(code: "channel_not_found"), .apiError(code: "not_in_channel"),
            .apiError(code: "is_archived"), .apiError(code: "invalid_auth"), .apiError(code: "not_authed"),
            .apiError(code: "account_inactive"), .apiError(code: "token_revoked"), .apiError(code: "missing_scope"),
            .apiError(code: "invalid_blocks"), .apiError(code: "msg_too_long"), .apiError(code: "restricted_action"),
            .apiError(code: "user_not_found"), .apiError(code: "invalid_arguments"), .apiError(code: "invalid_trigger"),
            .apiError(code: "expired_trigger_id"), .apiError(code: "no_text"), .apiError(code: "invalid_json"),
            .forbiddenURL("host is not allowed"), .httpStatus(400), .httpStatus(401), .httpStatus(403),
            .httpStatus(404), .httpStatus(410),
        ]
    )
    func permanent(failure: WebAPIFailure) {
        #expect(failure.isPermanent)
    }

    @Test(
        "transient failures",
        arguments: [
            WebAPIFailure.rateLimited(retryAfterSeconds: 1), .httpStatus(500), .httpStatus(502), .httpStatus(503),
            .httpStatus(408), .httpStatus(429), .timeout, .connection("reset"), .invalidResponse("not JSON"),
            .apiError(code: "internal_error"), .apiError(code: "fatal_error"), .apiError(code: "service_unavailable"),
        ]
    )
    func transient(failure: WebAPIFailure) {
        #expect(!failure.isPermanent)
    }

    @Test("log descriptions are one short line")
    func logDescriptions() {
        #expect(WebAPIFailure.rateLimited(retryAfterSeconds: 7).logDescription == "rate limited, retry after 7 s")
        #expect(WebAPIFailure.apiError(code: "channel_not_found").logDescription == "Slack API error channel_not_found")
        #expect(WebAPIFailure.httpStatus(500).logDescription == "HTTP status 500")
        #expect(WebAPIFailure.timeout.description == "timed out")
        let hostile = WebAPIFailure.apiError(code: "x\ny\r" + String(repeating: "z", count: 500))
        #expect(!hostile.logDescription.contains("\n"))
        #expect(hostile.logDescription.count < 260)
        #expect(!WebAPIFailure.forbiddenURL("host is not allowed").userMessage.isEmpty)
    }
}
