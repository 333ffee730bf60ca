import FakeSlack
import Testing

@testable import SlackPlatform

/// The in-memory client other modules test against.
@Suite("RecordingWebAPIClient")
struct RecordingWebAPIClientTests {
    @Test("records calls and answers ok with incrementing ts and the request's channel")
    func defaults() async throws {
        let slack = RecordingWebAPIClient()
        let first = try await slack.postMessage(channel: "C1", text: "one")
        let second = try await slack.postMessage(channel: "C2", text: "two")
        #expect(first.ts == "1700000000.000001")
        #expect(second.ts == "1700000000.000002")
        #expect(second.channel == "C2")
        #expect(slack.requests(forMethod: "chat.postMessage").map { $0.stringField("text") } == ["one", "two"])
        #expect(try WebAPIResponseParser.parseBody(first.body) == first)
    }

    @Test("queued outcomes answer their method first, then the responder, then the default")
    func programmed() async throws {
        let slack = RecordingWebAPIClient { request in
            request.method == "chat.update" ? .failure(.apiError(code: "cant_update_message")) : nil
        }
        slack.enqueue(.failure(.rateLimited(retryAfterSeconds: 3)), forMethod: "chat.postMessage")
        slack.enqueue(.success(WebAPIResponse(ok: true, ts: "9.9")), forMethod: "views.open")

        let update = await WebAPITestSupport.failure { try await slack.update(channel: "C", ts: "1", text: "x") }
        let limited = await WebAPITestSupport.failure { try await slack.postMessage(channel: "C", text: "x") }
        let posted = try await slack.postMessage(channel: "C", text: "x")
        let view = try await slack.openView(triggerID: "t", view: Array("{}".utf8))

        #expect(update == .apiError(code: "cant_update_message"))
        #expect(limited == .rateLimited(retryAfterSeconds: 3))
        #expect(posted.ok)
        #expect(view.ts == "9.9")
        #expect(slack.requests.count == 4)
    }

    @Test("response_url posts are recorded, can fail, and can be checked like the live client")
    func responseURLs() async throws {
        let open = RecordingWebAPIClient()
        open.enqueueResponseURLFailure(.httpStatus(404))
        let failed = await WebAPITestSupport.failure { try await open.postToResponseURL("https://example.test/r", body: [1]) }
        try await open.postToResponseURL("https://example.test/r", body: [2])
        #expect(failed == .httpStatus(404))
        #expect(open.responseURLPosts == [
            RecordedResponseURLPost(url: "https://example.test/r", body: [1]),
            RecordedResponseURLPost(url: "https://example.test/r", body: [2]),
        ])

        let strict = RecordingWebAPIClient(allowedResponseURLHosts: ["hooks.slack.com"])
        let refused = await WebAPITestSupport.failure { try await strict.postToResponseURL("https://hooks.slack.com@evil.com/", body: []) }
        try await strict.postToResponseURL("https://hooks.slack.com/commands/T1/2/x", body: [])
        guard case .forbiddenURL = refused else {
            Issue.record("expected forbiddenURL, got \(String(describing: refused))")
            return
        }
        #expect(strict.responseURLPosts.map(\.url) == ["https://hooks.slack.com/commands/T1/2/x"])
    }
}
