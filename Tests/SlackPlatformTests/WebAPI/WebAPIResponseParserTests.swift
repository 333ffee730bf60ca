import Testing

@testable import SlackPlatform

/// Parsing Web API answers (pure).
@Suite("WebAPIResponseParser")
struct WebAPIResponseParserTests {
    private func parse(_ json: String, status: Int = 200, retryAfter: String? = nil) throws(WebAPIFailure) -> WebAPIResponse {
        try WebAPIResponseParser.parseCallAnswer(status: status, retryAfter: retryAfter, body: Array(json.utf8))
    }

    @Test("reads ok, ts, channel, warning and keeps the body")
    func fields() throws {
        let json = #"{"ok":true,"channel":"C1","ts":"1503435956.000247","warning":"missing_charset","message":{}}"#
        let response = try parse(json)
        #expect(response == WebAPIResponse(ok: true, warning: "missing_charset", ts: "1503435956.000247", channel: "C1", body: Array(json.utf8)))
    }

    @Test("reads channel.id of conversations.open and message_ts of chat.postEphemeral")
    func alternativeShapes() throws {
        #expect(try parse(#"{"ok":true,"channel":{"id":"D9","created":1}}"#).channel == "D9")
        #expect(try parse(#"{"ok":true,"message_ts":"1.5"}"#).ts == "1.5")
        #expect(try parse(#"{"ok":true,"ts":"2.0","message_ts":"1.5"}"#).ts == "2.0")
    }

    @Test("ok:false becomes apiError, ratelimited becomes rateLimited")
    func errors() {
        #expect(throws: WebAPIFailure.apiError(code: "is_archived")) { try parse(#"{"ok":false,"error":"is_archived"}"#) }
        #expect(throws: WebAPIFailure.apiError(code: "unknown_error")) { try parse(#"{"ok":false}"#) }
        #expect(throws: WebAPIFailure.rateLimited(retryAfterSeconds: 1)) { try parse(#"{"ok":false,"error":"ratelimited"}"#) }
        #expect(throws: WebAPIFailure.rateLimited(retryAfterSeconds: 4)) {
            try parse(#"{"ok":false,"error":"ratelimited"}"#, retryAfter: "4")
        }
    }

    @Test("statuses other than 200 win over the body")
    func statuses() {
        #expect(throws: WebAPIFailure.rateLimited(retryAfterSeconds: 30)) { try parse("{}", status: 429, retryAfter: " 30 ") }
        #expect(throws: WebAPIFailure.httpStatus(502)) { try parse(#"{"ok":true}"#, status: 502) }
        #expect(throws: WebAPIFailure.httpStatus(201)) { try parse(#"{"ok":true}"#, status: 201) }
    }

    @Test("bodies without a JSON object carrying ok are invalid", arguments: ["", "ok", "[]", "null", #"{"ok":"yes"}"#, #"{"error":"x"}"#])
    func invalid(body: String) {
        #expect(throws: WebAPIFailure.self) { try parse(body) }
        do {
            _ = try parse(body)
        } catch {
            guard case .invalidResponse = error else {
                Issue.record("expected invalidResponse, got \(error)")
                return
            }
        }
    }

    @Test(
        "Retry-After: integer seconds, else 1",
        arguments: [("7", 7), ("120", 120), (" 3", 3), ("0", 1), ("-1", 1), ("1.5", 1), ("abc", 1), ("", 1),
                    ("99999999999999999999999", 1), ("Wed, 21 Oct 2015 07:28:00 GMT", 1)]
    )
    func retryAfter(value: String, expected: Int) {
        #expect(WebAPIResponseParser.retryAfterSeconds(value) == expected)
    }

    @Test("response_url answers: 2xx is success unless JSON says ok:false")
    func responseURLAnswers() throws {
        try WebAPIResponseParser.parseResponseURLAnswer(status: 200, retryAfter: nil, body: Array("ok".utf8))
        try WebAPIResponseParser.parseResponseURLAnswer(status: 204, retryAfter: nil, body: [])
        try WebAPIResponseParser.parseResponseURLAnswer(status: 200, retryAfter: nil, body: Array(#"{"ok":true}"#.utf8))
        #expect(throws: WebAPIFailure.apiError(code: "invalid_blocks")) {
            try WebAPIResponseParser.parseResponseURLAnswer(status: 200, retryAfter: nil, body: Array(#"{"ok":false,"error":"invalid_blocks"}"#.utf8))
        }
        #expect(throws: WebAPIFailure.httpStatus(404)) {
            try WebAPIResponseParser.parseResponseURLAnswer(status: 404, retryAfter: nil, body: Array("expired_url".utf8))
        }
    }
}
