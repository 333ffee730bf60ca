import Foundation
import Testing

@testable import SlackPlatform

/// The live client against a loopback server: what it sends and what it parses.
@Suite("CurlWebAPIClient calls")
struct CurlWebAPIClientTests {
    @Test("sends POST /api/{method} with bearer token, JSON content type and the exact body")
    func sendsHeadersAndBody() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            let body = Array(#"{"channel":"C123","text":"héllo \"world\""}"#.utf8)

            let response = try await client.call(WebAPIRequest(method: "chat.postMessage", body: body))

            let calls = server.calls
            try #require(calls.count == 1)
            #expect(calls[0].path == "/api/chat.postMessage")
            #expect(calls[0].headers["authorization"] == "Bearer \(WebAPITestSupport.token)")
            #expect(calls[0].headers["content-type"] == "application/json; charset=utf-8")
            #expect(calls[0].headers["user-agent"] == "partnerbot-tests/1.0")
            #expect(calls[0].headers["expect"] == nil)
            #expect(calls[0].body == body)
            #expect(response.ok)
            #expect(response.channel == "C123")
            #expect(response.ts == "1700000000.000001")
        }
    }

    @Test("a request's own content type replaces JSON (apps.connections.open sends an empty form)")
    func sendsTheRequestsContentType() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            _ = try await client.call(WebAPIRequest(method: "apps.connections.open", body: [], contentType: WebAPIRequest.formContentType))
            _ = try await client.call(WebAPIRequest(method: "auth.test", body: [], contentType: "text/plain\r\nX-Injected: 1"))
            let calls = server.calls
            try #require(calls.count == 2)
            #expect(calls[0].headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(calls[0].headers["authorization"] == "Bearer \(WebAPITestSupport.token)")
            #expect(calls[0].body.isEmpty)
            #expect(calls[1].headers["content-type"] == "application/json; charset=utf-8")
            #expect(calls[1].headers["x-injected"] == nil)
        }
    }

    @Test("the token is only in the Authorization header, never in the URL or body")
    func tokenOnlyInHeader() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            try await client.postMessage(channel: "C1", text: "hi")
            let call = try #require(server.calls.first)
            #expect(!call.path.contains(WebAPITestSupport.token))
            #expect(!call.bodyText.contains(WebAPITestSupport.token))
            #expect(call.headers.filter { $0.value.contains(WebAPITestSupport.token) }.keys.sorted() == ["authorization"])
        }
    }

    @Test("postMessage with blocks and thread sends them verbatim and parses ts and channel")
    func postMessageHelper() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            server.enqueue(
                .body(#"{"ok":true,"channel":"C9","ts":"1503435956.000247","message":{"text":"x"}}"#),
                forMethod: "chat.postMessage"
            )
            let blocks = Array(#"[{"type":"section","text":{"type":"mrkdwn","text":"*Deal*"}}]"#.utf8)

            let response = try await client.postMessage(channel: "C9", text: "Deal", blocks: blocks, threadTS: "1.5")

            #expect(response.ts == "1503435956.000247")
            #expect(response.channel == "C9")
            let call = try #require(server.calls.first)
            #expect(call.bodyText == #"{"channel":"C9","text":"Deal","blocks":"# + String(decoding: blocks, as: UTF8.self) + #","thread_ts":"1.5"}"#)
        }
    }

    @Test("conversations.open returns channel.id")
    func openConversation() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            server.enqueue(.body(#"{"ok":true,"channel":{"id":"D42"}}"#), forMethod: "conversations.open")

            let channel = try await client.openConversation(users: ["U1", "U2"])

            #expect(channel == "D42")
            #expect(server.calls.first?.bodyText == #"{"users":"U1,U2"}"#)
        }
    }

    @Test("ok:true with a warning is a success carrying the warning")
    func warningIsKept() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            server.enqueue(.body(#"{"ok":true,"warning":"missing_charset","ts":"1.2"}"#), forMethod: "chat.update")

            let response = try await client.update(channel: "C1", ts: "1.2", text: "new")

            #expect(response.warning == "missing_charset")
            #expect(response.ts == "1.2")
        }
    }

    @Test("200 concurrent calls all complete and all reach the server")
    func manyConcurrentCalls() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server, maxConcurrentTransfers: 8)
            let count = 200
            let channels = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<count {
                    group.addTask {
                        try await client.postMessage(channel: "C\(index)", text: "message \(index)").channel
                    }
                }
                var channels: Set<String> = []
                for try await channel in group {
                    if let channel { channels.insert(channel) }
                }
                return channels
            }
            #expect(channels.count == count)
            let calls = server.calls
            #expect(calls.count == count)
            #expect(Set(calls.map(\.bodyText)).count == count)
        }
    }

    @Test("an invalid method name fails as unknown_method without a network call")
    func invalidMethodName() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            for method in ["", "../admin", "chat.postMessage?token=x", "chat postMessage", "a/b"] {
                let failure = await WebAPITestSupport.failure {
                    _ = try await client.call(WebAPIRequest(method: method, body: Array("{}".utf8)))
                }
                #expect(failure == .apiError(code: "unknown_method"))
            }
            #expect(server.calls.isEmpty)
        }
    }

    @Test("invalid pre-encoded blocks fail as invalid_json without a network call")
    func invalidBlocks() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let client = WebAPITestSupport.client(for: server)
            let failure = await WebAPITestSupport.failure {
                try await client.postMessage(channel: "C1", text: "x", blocks: Array("[{".utf8))
            }
            #expect(failure == .apiError(code: "invalid_json"))
            #expect(failure?.isPermanent == true)
            #expect(server.calls.isEmpty)
        }
    }
}
