import CRM
import FakeSlack
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PartnerBot
import SlackPlatform

/// Sends requests signed exactly as the platform does, through any HummingbirdTesting client.
struct SignedClient {
    let client: any TestClientProtocol
    /// The app's clock: requests are signed at its time, so moving it keeps requests fresh.
    var clock: any WallClock = ManualWallClock(TestSupport.now)
    private var fixedTimestamp: Int64?
    /// The signing timestamp (the clock's time unless set explicitly).
    var timestamp: Int64 {
        get { fixedTimestamp ?? clock.unixTime }
        set { fixedTimestamp = newValue }
    }

    init(client: any TestClientProtocol, clock: any WallClock) {
        self.client = client
        self.clock = clock
    }
    var builder = SignedRequestBuilder(secret: TestSupport.secret)

    func send(_ request: SignedRequestBuilder.SignedRequest, mutateHeaders: (inout HTTPFields) -> Void = { _ in }) async throws -> TestResponse {
        var fields = HTTPFields()
        for header in request.headers { fields[HTTPField.Name(header.name)!] = header.value }
        mutateHeaders(&fields)
        return try await client.executeRequest(uri: request.path, method: .post, headers: fields, body: ByteBuffer(bytes: request.body))
    }

    func command(_ command: SlashCommand) async throws -> TestResponse {
        try await send(builder.slashCommand(command, timestamp: timestamp))
    }

    func command(_ name: String, _ text: String, user: String = "U1", team: String = "T1") async throws -> TestResponse {
        try await command(TestSupport.slashCommand(name, text, user: user, team: team))
    }

    /// A signed button click on a message in `channel`.
    func click(
        _ actionID: String, _ value: String, user: String, team: String, channel: String = "C1", messageTS: String = "1800000000.000100"
    ) async throws -> TestResponse {
        let click = BlockActions(
            user: .init(id: user, teamID: team), team: .init(id: team), container: .init(messageTS: messageTS, channelID: channel),
            channel: .init(id: channel), message: .init(ts: messageTS), responseURL: "https://hooks.slack.com/actions/T1/1/x",
            triggerID: "1.2.3", actions: [.init(actionID: actionID, value: value)])
        return try await send(builder.blockActions(click, timestamp: timestamp))
    }

    func event(_ json: String, retry: Int? = nil) async throws -> TestResponse {
        try await send(builder.event(json: Array(json.utf8), timestamp: timestamp, retryNumber: retry))
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }

    /// The `text` field of a JSON reply.
    var replyText: String { json?["text"] as? String ?? "" }
}

/// Builds the real application with a pinned clock.
struct TestApp {
    let database: AppDatabase
    let metrics = BotMetrics()
    let clock = ManualWallClock(TestSupport.now)
    let chat = RecordingWebAPIClient()
    var configuration = TestSupport.configuration()
    /// The background services the app runs (none by default: most tests drive the outbox and
    /// alert passes themselves, deterministically).
    var background: BackgroundServices = []
    /// The CRM the app pushes to (with `configuration.crm` set).
    var crm: (any CRMConnector)?

    init(database: AppDatabase? = nil) async throws {
        self.database = if let database { database } else { try await TestDatabase.make() }
    }

    /// An app with the program fixture (organisations, roles, managers' channel) loaded.
    static func program(database: AppDatabase? = nil) async throws -> TestApp {
        var app = try await TestApp(database: database)
        ProgramFixture.configure(&app.configuration)
        try await ProgramFixture.load(into: app.database)
        return app
    }

    var dependencies: AppDependencies {
        AppDependencies(
            database: database, clock: clock, logger: TestSupport.logger, metrics: metrics, catalog: TestSupport.catalog, chatClient: chat,
            background: background, crmConnector: crm)
    }

    func application() throws -> some ApplicationProtocol {
        try buildApplication(configuration: configuration, dependencies: dependencies)
    }

    /// Runs `body` against the app, in-process (`.router`) or over a real socket (`.live`).
    func test<Value: Sendable>(_ setup: TestingSetup, _ body: @Sendable @escaping (SignedClient) async throws -> Value) async throws -> Value {
        let clock = self.clock
        return try await application().test(setup) { client in try await body(SignedClient(client: client, clock: clock)) }
    }
}
