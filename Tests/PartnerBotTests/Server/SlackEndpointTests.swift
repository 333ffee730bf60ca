import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Slack endpoints")
struct SlackEndpointTests {
    @Test(arguments: [TestingSetup.router, .live])
    func aSignedHelpCommandGetsItsEphemeralHelpFromTheSpec(setup: TestingSetup) async throws {
        try await TestApp().test(setup) { client in
            let response = try await client.command("/register", "help")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.json?["response_type"] as? String == "ephemeral")
            #expect(response.replyText.contains(TestSupport.catalog.spec(for: "/register")!.help))
        }
    }

    @Test(arguments: ["/register", "/deal", "/certify", "/announce"])
    func everyCommandAnswersHelpAndUnknownSubcommandsWithItsUsage(command: String) async throws {
        let spec = try #require(TestSupport.catalog.spec(for: command))
        try await TestApp().test(.router) { client in
            let help = try await client.command(command, "help")
            #expect(help.replyText.contains(spec.help))
            if command != "/register" {
                let unknown = try await client.command(command, "zzz-unknown-word extra")
                #expect(unknown.status == .ok)
                #expect(unknown.replyText.contains("zzz-unknown-word"))
                #expect(unknown.replyText.contains(spec.help))
            }
        }
    }

    @Test func anUnknownCommandGetsTheOverview() async throws {
        try await TestApp().test(.router) { client in
            let response = try await client.command("/frobnicate", "now")
            #expect(response.status == .ok)
            for spec in TestSupport.catalog.specs { #expect(response.replyText.contains(spec.command)) }
        }
    }

    @Test func userTextIsNeverEchoedAsAMention() async throws {
        try await TestApp().test(.router) { client in
            let response = try await client.command("/deal", "<!channel> ping")
            #expect(!response.replyText.contains("<!channel>"))
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anUnsignedRequestGets401WithAnEmptyBody(setup: TestingSetup) async throws {
        let app = try await TestApp()
        try await app.test(setup) { client in
            let body = ByteBuffer(bytes: TestSupport.slashCommand("/deal", "help").form.encoded.utf8)
            let response = try await client.client.executeRequest(
                uri: "/slack/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
            #expect(response.status == .unauthorized)
            #expect(response.body.readableBytes == 0)
        }
        #expect(String(decoding: app.metrics.render(), as: UTF8.self).contains("partnerbot_signature_failures_total{reason=\"missing timestamp header\"} 1"))
    }

    @Test func alteredRequestsAreRejected() async throws {
        try await TestApp().test(.router) { client in
            let signed = client.builder.slashCommand(TestSupport.slashCommand("/deal", "help"), timestamp: client.timestamp)
            var tampered = signed
            tampered.body += Array("&x=1".utf8)
            #expect(try await client.send(tampered).status == .unauthorized)
            let stale = try await client.send(signed) { $0[HTTPField.Name("X-Slack-Request-Timestamp")!] = String(client.timestamp - 301) }
            #expect(stale.status == .unauthorized)
            var staleClient = client
            staleClient.timestamp -= 301
            #expect(try await staleClient.command("/deal", "help").status == .unauthorized)
            var futureClient = client
            futureClient.timestamp += 301
            #expect(try await futureClient.command("/deal", "help").status == .unauthorized)
            var edgeClient = client
            edgeClient.timestamp += 300
            #expect(try await edgeClient.command("/deal", "help").status == .ok)
            let v1 = try await client.send(signed) {
                $0[HTTPField.Name("X-Slack-Signature")!] = "v1=" + String($0[HTTPField.Name("X-Slack-Signature")!]!.dropFirst(3))
            }
            #expect(v1.status == .unauthorized)
        }
    }

    @Test func headerNamesAreCaseInsensitive() async throws {
        try await TestApp().test(.live) { client in
            let signed = client.builder.slashCommand(TestSupport.slashCommand("/deal", "help"), timestamp: client.timestamp)
            var fields = HTTPFields()
            for header in signed.headers { fields[HTTPField.Name(header.name.lowercased())!] = header.value }
            let lower = try await client.client.executeRequest(uri: "/slack/commands", method: .post, headers: fields, body: ByteBuffer(bytes: signed.body))
            #expect(lower.status == .ok)
            fields = HTTPFields()
            for header in signed.headers { fields[HTTPField.Name(header.name.uppercased())!] = header.value }
            let upper = try await client.client.executeRequest(uri: "/slack/commands", method: .post, headers: fields, body: ByteBuffer(bytes: signed.body))
            #expect(upper.status == .ok)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anOversizedBodyGets413(setup: TestingSetup) async throws {
        try await TestApp().test(setup) { client in
            let command = TestSupport.slashCommand("/register", String(repeating: "A", count: 70 * 1024))
            let response = try await client.command(command)
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func sslCheckIsAnswered200WithoutASignature() async throws {
        try await TestApp().test(.router) { client in
            let response = try await client.client.executeRequest(
                uri: "/slack/commands", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "ssl_check=1&token=x"))
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func aSignedButMalformedCommandGets400() async throws {
        try await TestApp().test(.router) { client in
            let body = Array("command=%2Fdeal&text=help".utf8)
            let request = SignedRequestBuilder.SignedRequest(
                path: "/slack/commands",
                headers: RequestSigner(secret: TestSupport.secret).headers(timestamp: client.timestamp, body: body).map { ($0.name, $0.value) },
                body: body)
            let response = try await client.send(request)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("team_id"))
        }
    }
}
