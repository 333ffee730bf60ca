import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Fuzzing: random and mutated input never crashes and always gets a clear answer")
struct FuzzTests {
    static let users = [ProgramFixture.ann, ProgramFixture.bob, (ProgramFixture.acmeManager, ProgramFixture.vendorTeam), (ProgramFixture.marketing, ProgramFixture.vendorTeam), ProgramFixture.outsider]

    @Test func randomCommandTextsAreAnsweredByEveryCommand() async throws {
        var app = try await TestApp.program()
        app.configuration.announcementsDirectory = TestSupport.path("Announcements")
        try await app.test(.router) { client in
            var fuzz = Fuzz(seed: 1)
            for index in 0..<400 {
                let command = fuzz.pick(["/register", "/deal", "/certify", "/announce", "/nope"])
                let text = index % 10 == 0 ? fuzz.pick(["approve", "claim", "grant", "status", "decline"]) + " " + fuzz.text() : fuzz.text()
                let (user, team) = fuzz.pick(Self.users)
                let response = try await client.command(command, text, user: user, team: team)
                #expect(response.status == .ok, "\(command) \(text.debugDescription)")
                let formOpened = command == "/register" && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                #expect(formOpened || !response.replyText.isEmpty, "\(command) \(text.debugDescription) got no answer")
            }
        }
    }

    @Test func randomSignedFormBodiesNeverGive500() async throws {
        try await TestApp.program().test(.router) { client in
            var fuzz = Fuzz(seed: 2)
            let valid = Array(TestSupport.slashCommand("/deal", "status", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team).form.encoded.utf8)
            for index in 0..<300 {
                let body = index % 2 == 0 ? fuzz.mutate(valid) : fuzz.bytes(fuzz.int(0..<300))
                for path in ["/slack/commands", "/slack/interactions", "/slack/events"] {
                    let request = SignedRequestBuilder.SignedRequest(
                        path: path, headers: RequestSigner(secret: TestSupport.secret).headers(timestamp: client.timestamp, body: body).map { ($0.name, $0.value) },
                        body: body)
                    let response = try await client.send(request)
                    #expect([200, 400].contains(response.status.code), "\(path) answered \(response.status.code)")
                }
            }
        }
    }

    @Test func randomUnsignedOrBadlySignedRequestsAreRejected() async throws {
        try await TestApp.program().test(.router) { client in
            var fuzz = Fuzz(seed: 3)
            for _ in 0..<200 {
                var fields = HTTPFields()
                if fuzz.int(0..<2) == 0 { fields[HTTPField.Name("X-Slack-Request-Timestamp")!] = String(client.timestamp + Int64(fuzz.int(-1000..<1000))) }
                if fuzz.int(0..<2) == 0 { fields[HTTPField.Name("X-Slack-Signature")!] = "v0=" + fuzz.bytes(32).lowercaseHex }
                let response = try await client.client.executeRequest(uri: "/slack/commands", method: .post, headers: fields, body: ByteBuffer(bytes: fuzz.bytes(fuzz.int(20..<200))))
                #expect(response.status == .unauthorized || response.status == .ok)
                if response.status == .ok { #expect(response.body.readableBytes == 0, "only ssl_check may pass unsigned") }
            }
        }
    }

    @Test func mutatedInteractionPayloadsNeverGive500() async throws {
        try await TestApp.program().test(.router) { client in
            var fuzz = Fuzz(seed: 4)
            let click = BlockActions(
                user: .init(id: ProgramFixture.acmeManager, teamID: ProgramFixture.vendorTeam), team: .init(id: "T1"),
                container: .init(messageTS: "1.1", channelID: "C1"), responseURL: "https://hooks.slack.com/actions/x", triggerID: "1.2",
                actions: [.init(actionID: "deal_approve", value: "DR-1")])
            let json = Array(String(decoding: try JSONEncoder().encode(click), as: UTF8.self).utf8)
            for _ in 0..<300 {
                let payload = String(decoding: fuzz.mutate(json), as: UTF8.self)
                let body = Array(FormBody(fields: [("payload", payload)]).encoded.utf8)
                let request = SignedRequestBuilder.SignedRequest(
                    path: "/slack/interactions",
                    headers: RequestSigner(secret: TestSupport.secret).headers(timestamp: client.timestamp, body: body).map { ($0.name, $0.value) }, body: body)
                let response = try await client.send(request)
                #expect([200, 400].contains(response.status.code))
            }
        }
    }

    @Test func randomCSVRowsEitherImportOrExplain() throws {
        var fuzz = Fuzz(seed: 5)
        for _ in 0..<300 {
            var csv = fuzz.pick(["org,name,type,tier,region,team_id,channel_id,manager\n", "org,team_id,user_id,role\n", "team_id,user_id,track,earned,expires,credential\n", ""])
            for _ in 0..<fuzz.int(0..<5) {
                csv += (0..<fuzz.int(1..<10)).map { _ in fuzz.pick(["acme", "T123ABC", "U123ABC", "reseller", "elite", "emea", "C1ABC", "", "\"q,\"\"x\"", fuzz.text(maxParts: 3), "2026-01-01", "sales-pro"]) }.joined(separator: ",") + "\n"
            }
            do { _ = try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]) } catch {
                #expect(!error.errors.isEmpty && error.errors.allSatisfy { !$0.message.isEmpty })
            }
            do { _ = try DirectoryImport.members(csv: csv) } catch { #expect(!error.errors.isEmpty) }
            do { _ = try CertificationImport.rows(csv: csv, tracks: CertificationTrack.defaults, today: TestSupport.today) } catch { #expect(!error.errors.isEmpty) }
        }
    }

    @Test func mutatedAnnouncementFilesParseOrGivePreciseErrors() throws {
        let original = try String(contentsOfFile: TestSupport.path("Announcements/q3-competitive-takeout-spiff.md"), encoding: .utf8)
        let rules = AnnouncementRules(tiers: ["registered", "select", "elite"], tracks: CertificationTrack.defaults.map(\.id), today: TestSupport.today)
        var fuzz = Fuzz(seed: 6)
        for _ in 0..<300 {
            let text = String(decoding: fuzz.mutate(Array(original.utf8)), as: UTF8.self)
            do {
                _ = try AnnouncementParser.parse(text, file: "fuzz.md", rules: rules)
            } catch {
                #expect(error.file == "fuzz.md")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
