import Foundation
import Testing

@testable import SlackPlatform

/// The live client against a loopback server: how failures are reported.
@Suite("CurlWebAPIClient failures")
struct CurlWebAPIClientFailureTests {
    /// Runs one call against a programmed reply and returns its failure.
    private func failure(for reply: FakeWebAPIServer.Reply) async throws -> WebAPIFailure? {
        try await FakeWebAPIServer.withRunning { server in
            server.enqueue(reply, forMethod: "chat.postMessage")
            let client = WebAPITestSupport.client(for: server)
            let failure = await WebAPITestSupport.failure {
                try await client.postMessage(channel: "C1", text: "hi")
            }
            #expect(server.calls.count == 1)
            return failure
        }
    }

    @Test("429 with Retry-After gives rateLimited with the header's seconds, transient")
    func rateLimitedWithHeader() async throws {
        let failure = try await failure(for: .rateLimited(retryAfter: "7"))
        #expect(failure == .rateLimited(retryAfterSeconds: 7))
        #expect(failure?.isPermanent == false)
        WebAPITestSupport.expectTokenFree(failure)
    }

    @Test("429 with a missing or garbled Retry-After waits 1 s", arguments: [nil, "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "-3"])
    func rateLimitedDefault(retryAfter: String?) async throws {
        let failure = try await failure(for: .rateLimited(retryAfter: retryAfter))
        #expect(failure == .rateLimited(retryAfterSeconds: 1))
    }

    @Test("HTTP 200 with error ratelimited is treated as rateLimited(1)")
    func rateLimitedInBody() async throws {
        let failure = try await failure(for: .error("ratelimited"))
        #expect(failure == .rateLimited(retryAfterSeconds: 1))
    }

    @Test("500 gives httpStatus(500), transient")
    func serverError() async throws {
        let failure = try await failure(for: .body("oops", status: 500))
        #expect(failure == .httpStatus(500))
        #expect(failure?.isPermanent == false)
        WebAPITestSupport.expectTokenFree(failure)
    }

    @Test("ok:false channel_not_found gives a permanent apiError")
    func permanentAPIError() async throws {
        let failure = try await failure(for: .error("channel_not_found"))
        #expect(failure == .apiError(code: "channel_not_found"))
        #expect(failure?.isPermanent == true)
        WebAPITestSupport.expectTokenFree(failure)
    }

    @Test("ok:false with an unknown code gives a transient apiError")
    func transientAPIError() async throws {
        let failure = try await failure(for: .error("internal_error"))
        #expect(failure == .apiError(code: "internal_error"))
        #expect(failure?.isPermanent == false)
    }

    @Test("HTTP 200 that is not JSON with ok gives invalidResponse", arguments: ["<html>", #"{"channel":"C1"}"#, "[true]"])
    func invalidResponse(body: String) async throws {
        let failure = try await failure(for: .body(body))
        guard case .invalidResponse = failure else {
            Issue.record("expected invalidResponse, got \(String(describing: failure))")
            return
        }
    }

    @Test("an answer slower than the total timeout gives timeout")
    func slowAnswerTimesOut() async throws {
        try await FakeWebAPIServer.withRunning { server in
            server.enqueue(.hang, forMethod: "chat.postMessage")
            let client = WebAPITestSupport.client(for: server, totalTimeout: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            let failure = await WebAPITestSupport.failure {
                try await client.postMessage(channel: "C1", text: "hi")
            }
            #expect(failure == .timeout)
            #expect(failure?.isPermanent == false)
            #expect(clock.now - start < .seconds(5))
            WebAPITestSupport.expectTokenFree(failure)
        }
    }

    @Test("a refused connection gives connection, transient, without the token")
    func connectionRefused() async throws {
        try await LoopbackSockets.withRefusingPort { port in
            let client = WebAPITestSupport.client(baseURL: "http://127.0.0.1:\(port)/api")
            let failure = await WebAPITestSupport.failure {
                try await client.postMessage(channel: "C1", text: "hi")
            }
            guard case .connection(let message) = failure else {
                Issue.record("expected connection, got \(String(describing: failure))")
                return
            }
            #expect(!message.isEmpty)
            #expect(failure?.isPermanent == false)
            WebAPITestSupport.expectTokenFree(failure)
        }
    }

    @Test("a connection closed without an answer gives connection")
    func droppedConnection() async throws {
        try await LoopbackSockets.withDroppingPort { port in
            let client = WebAPITestSupport.client(baseURL: "http://127.0.0.1:\(port)/api/")
            let failure = await WebAPITestSupport.failure {
                try await client.postMessage(channel: "C1", text: "hi")
            }
            guard case .connection = failure else {
                Issue.record("expected connection, got \(String(describing: failure))")
                return
            }
            WebAPITestSupport.expectTokenFree(failure)
        }
    }

    @Test("cancelling the calling task abandons a hanging call")
    func cancellation() async throws {
        try await FakeWebAPIServer.withRunning { server in
            server.enqueue(.hang, forMethod: "chat.postMessage")
            let client = WebAPITestSupport.client(for: server, totalTimeout: .seconds(30))
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task {
                await WebAPITestSupport.failure {
                    try await client.postMessage(channel: "C1", text: "hi")
                }
            }
            while server.calls.isEmpty {
                await Task.yield()
            }
            task.cancel()
            let failure = await task.value
            #expect(failure == .connection("request cancelled"))
            #expect(clock.now - start < .seconds(10))
        }
    }
}
