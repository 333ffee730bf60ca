import FakeSlack
import Foundation
@testable import PartnerBot
import SlackPlatform
import Testing

@Suite("Outbound messages use the token of the installation they belong to", .serialized)
struct WorkspaceTokenTests {
    static let tokenA = "xoxb-workspace-A-token"
    static let tokenB = "xoxb-workspace-B-token"

    func client(_ slack: FakeSlackServer) -> CurlWebAPIClient {
        CurlWebAPIClient(configuration: .init(baseURL: slack.baseURL, token: InstallFixture.defaultToken, connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
    }

    func post(_ text: String, to channel: String, workspace: String?) -> OutboundMessage {
        OutboundMessage.post(.init(text: text), to: channel, dedupeKey: "test:\(channel):\(text)").sent(through: workspace.flatMap(InstallationKey.init(rawValue:)))
    }

    @Test func messagesToTwoInstalledWorkspacesUseTheirOwnTokensAndTheRestTheDefault() async throws {
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.refuseUnknownTokens = true
        behaviour.knownTokens = [InstallFixture.defaultToken, Self.tokenA, Self.tokenB]
        let slack = FakeSlackServer(behaviour: behaviour)
        try await slack.start()
        defer { Task { await slack.stop() } }
        let database = try AppDatabase.inMemory()
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: Self.tokenA), now: TestSupport.now)
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPB1", token: Self.tokenB), now: TestSupport.now)
        let messages = [
            post("a1", to: "CA", workspace: "T0WORKSPA1"), post("b1", to: "CB", workspace: "T0WORKSPB1"),
            post("v1", to: "CV", workspace: nil), post("a2", to: "CA", workspace: "T0WORKSPA1"),
            post("b2", to: "CB", workspace: "T0WORKSPB1"), post("v2", to: "CV", workspace: nil),
            post("n1", to: "CN", workspace: "T0NOINSTAL"),  // a workspace without an installation: the default token
        ]
        try await database.enqueue(messages, now: Date())
        try await OutboxHarness.withWorker(database: database, client: client(slack)) {
            let sent = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == messages.count }
            #expect(sent)
        }
        let tokens = Dictionary(grouping: slack.accepted, by: \.channel).mapValues { Set($0.map(\.token)) }
        #expect(tokens["CA"] == [Self.tokenA])
        #expect(tokens["CB"] == [Self.tokenB])
        #expect(tokens["CV"] == [InstallFixture.defaultToken])
        #expect(tokens["CN"] == [InstallFixture.defaultToken])
        #expect(slack.refusedAuthCount == 0)
        #expect(try await database.outboxRecords().filter { $0.target == "CA" }.allSatisfy { $0.workspace == "T0WORKSPA1" })
    }

    @Test func withoutInstallationsEveryMessageUsesTheConfiguredTokenAsBefore() async throws {
        let database = try AppDatabase.inMemory()
        let chat = RecordingWebAPIClient()
        try await database.enqueue((0..<5).map { OutboxHarness.message($0, channel: "C\($0 % 2)") }, now: Date())
        try await OutboxHarness.withWorker(database: database, client: chat) {
            let sent = try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 5 }
            #expect(sent)
        }
        #expect(chat.requests.count == 5)
        #expect(chat.requests.allSatisfy { $0.authorization == .configuredToken })
    }

    @Test func aReinstalledWorkspacesNewTokenIsUsedAtOnce() async throws {
        let database = try AppDatabase.inMemory()
        let chat = RecordingWebAPIClient()
        try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-old"), now: TestSupport.now)
        try await OutboxHarness.withWorker(database: database, client: chat) {
            try await database.enqueue([post("first", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 1 })
            try await database.saveInstallation(InstallFixture.grant(team: "T0WORKSPA1", token: "xoxb-new"), now: TestSupport.now)
            try await database.enqueue([post("second", to: "CA", workspace: "T0WORKSPA1")], now: Date())
            #expect(try await OutboxHarness.eventually { try await database.outboxRecords(state: .sent).count == 2 })
        }
        #expect(chat.requests.map(\.authorization.tokenOverride) == ["xoxb-old", "xoxb-new"], "the cache drops a changed installation at once")
    }

    @Test func aTokenOverrideNeverShowsInDescriptions() async throws {
        let request = WebAPIRequest(method: "chat.postMessage", body: []).using(token: "xoxb-very-secret")
        for text in ["\(request)", String(reflecting: request), "\(request.authorization)", "\(InstallationTokens.Resolution.token("xoxb-very-secret"))"] {
            #expect(!text.contains("xoxb-very-secret"), "\(text)")
        }
    }
}
