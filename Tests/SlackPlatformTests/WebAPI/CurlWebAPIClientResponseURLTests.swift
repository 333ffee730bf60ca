import Testing

@testable import SlackPlatform

/// Posting to `response_url`s with the live client against a loopback server.
@Suite("CurlWebAPIClient response_url posts")
struct CurlWebAPIClientResponseURLTests {
    /// Forged or foreign URLs; `PORT` is replaced by the fake server's port.
    static let forgedURLs = [
        "https://hooks.slack.com@evil.com/commands/T1/2/x",
        "https://hooks.slack.com.evil.com/commands/T1/2/x",
        "http://hooks.slack.com/commands/T1/2/x",
        "https://evil.com/commands/T1/2/x",
        "https://hooks.slack.com:8443/commands/T1/2/x",
        "https://93.184.216.34/commands/T1/2/x",
        "https://hooks%2eslack%2ecom/commands/T1/2/x",
        "https://hooks.slack.com\\@evil.com/x",
        "https:/hooks.slack.com/x",
        "//hooks.slack.com/x",
        "hooks.slack.com/commands/T1/2/x",
        "not a url",
        "",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://hooks.slack.com/x",
        "http://hooks.slack.com@127.0.0.1:PORT/api/x",
        "http://user:pass@127.0.0.1:PORT/api/x",
        "https://127.0.0.1:PORT/api/x",
        "http://localhost:PORT/api/x",
        "http://127.0.0.1:1/api/x",
        "http://127.0.0.1/api/x",
        "http://127.0.0.1:PORT /api/x",
        "http://127.0.0.1:PORT/api/x\r\nX-Injected: 1",
    ]

    @Test("forged and foreign response_urls are refused with no request sent", arguments: forgedURLs)
    func forgedURLsAreRefused(template: String) async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            let url = template.replacing("PORT", with: String(server.port))
            let failure = await WebAPITestSupport.failure {
                try await client.postToResponseURL(url, body: Array(#"{"text":"hi"}"#.utf8))
            }
            guard case .forbiddenURL = failure else {
                Issue.record("expected forbiddenURL, got \(String(describing: failure))")
                return
            }
            #expect(failure?.isPermanent == true)
            #expect(server.calls.isEmpty)
        }
    }

    @Test("an IP literal is refused even when listed as an allowed host")
    func ipLiteralInAllowList() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(
                baseURL: "https://slack.com/api/",
                allowedResponseURLHosts: ["127.0.0.1"]
            )
            let failure = await WebAPITestSupport.failure {
                try await client.postToResponseURL("https://127.0.0.1/x", body: [])
            }
            #expect(failure == .forbiddenURL("host is not a plain host name"))
            #expect(server.calls.isEmpty)
        }
    }

    @Test("a response_url on the base URL's origin is delivered, without the bot token")
    func sameOriginIsDelivered() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            let body = Array(#"{"text":"Deal approved","response_type":"ephemeral"}"#.utf8)

            try await client.postToResponseURL("http://127.0.0.1:\(server.port)/commands/T1/397/abc?x=1", body: body)

            let call = try #require(server.calls.first)
            #expect(server.calls.count == 1)
            #expect(call.path == "/commands/T1/397/abc")
            #expect(call.body == body)
            #expect(call.headers["content-type"] == "application/json; charset=utf-8")
            #expect(call.headers["authorization"] == nil)
        }
    }

    @Test("a plain-text ok answer is a success")
    func plainOK() async throws {
        try await FakeWebAPIServer.withRunning { server in
            server.enqueue(.body("ok"), forPath: "/hook")
            let client = WebAPITestSupport.client(for: server)
            let failure = await WebAPITestSupport.failure {
                try await client.postToResponseURL("http://127.0.0.1:\(server.port)/hook", body: Array("{}".utf8))
            }
            #expect(failure == nil)
        }
    }

    @Test("response_url failures map like Web API failures")
    func failures() async throws {
        try await FakeWebAPIServer.withRunning { server in
            server.enqueue(.body("expired_url", status: 404), forPath: "/hook")
            server.enqueue(.body("slow down", status: 429, retryAfter: "3"), forPath: "/hook")
            server.enqueue(.body("oops", status: 503), forPath: "/hook")
            server.enqueue(.body(#"{"ok":false,"error":"no_text"}"#), forPath: "/hook")
            let client = WebAPITestSupport.client(for: server)
            let url = "http://127.0.0.1:\(server.port)/hook"
            var failures: [WebAPIFailure?] = []
            for _ in 0..<4 {
                failures.append(await WebAPITestSupport.failure {
                    try await client.postToResponseURL(url, body: Array("{}".utf8))
                })
            }
            #expect(failures == [.httpStatus(404), .rateLimited(retryAfterSeconds: 3), .httpStatus(503), .apiError(code: "no_text")])
            #expect(failures.map { $0?.isPermanent } == [true, false, false, true])
        }
    }
}
