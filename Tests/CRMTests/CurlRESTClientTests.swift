import FakeSlack
import Hummingbird
import SlackPlatform
import Testing

/// The HTTP client the CRM connectors use: every method, headers both ways, against a real
/// server on loopback.
@Suite("CurlRESTClient: methods, headers and bodies over loopback")
struct CurlHTTPClientTests {
    @Test func sendsEachMethodWithItsBodyAndReadsHeaders() async throws {
        let router = Router()
        router.on("/echo", method: .get) { request, _ in
            Response(status: .ok, headers: [.init("X-Method")!: "GET", .init("X-Query")!: request.uri.query ?? ""])
        }
        for method in [RESTRequest.Method.post, .put, .patch, .delete] {
            router.on("/echo", method: .init(rawValue: method.rawValue)!) { request, _ in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 16)
                return Response(
                    status: .created, headers: [.init("X-Method")!: method.rawValue, .init("Retry-After")!: "7"],
                    body: .init(byteBuffer: body))
            }
        }
        let running = try #require(await LoopbackServer.start { onServerRunning in
            Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onServerRunning)
        })
        let client = CurlRESTClient(maxConcurrentRequests: 2, timeout: .seconds(5))
        let base = "http://127.0.0.1:\(running.port)/echo"
        let got = try await client.send(RESTRequest(method: .get, url: base + "?q=1", body: Array("ignored".utf8)))
        #expect(got.status == 200)
        #expect(got.header("x-method") == "GET")
        #expect(got.header("X-Query") == "q=1")
        for method in [RESTRequest.Method.post, .put, .patch, .delete] {
            let response = try await client.send(
                RESTRequest(method: method, url: base, headers: [("Content-Type", "application/json")], body: Array(#"{"m":"\#(method.rawValue)"}"#.utf8)))
            #expect(response.status == 201)
            #expect(response.header("X-Method") == method.rawValue)
            #expect(response.header("retry-after") == "7")
            #expect(response.text == #"{"m":"\#(method.rawValue)"}"#)
        }
        await running.stop()
        await #expect(throws: RESTFailure.self) { try await client.send(RESTRequest(method: .get, url: base)) }
        await #expect(throws: RESTFailure.invalidRequest("header X contains a line break")) {
            try await client.send(RESTRequest(method: .get, url: base, headers: [("X", "a\r\nb")]))
        }
    }
}
