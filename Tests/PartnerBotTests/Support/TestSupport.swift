import Foundation
import Logging
import PartnerBot
import SlackPlatform
import Testing

/// Shared fixtures: the repository's own files, a pinned clock, and a signed-request builder.
enum TestSupport {
    /// The repository root (tests read the real `Commands/` and `Config/`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

    static let catalog: CommandCatalog = {
        do { return try CommandCatalog.load(directory: path("Commands")) } catch { fatalError("Commands/ must load: \(error)") }
    }()

    static let secretText = "test-signing-secret-0123456789"
    static let secret = SigningSecret(secretText)!
    /// 2027-01-15 08:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let today = CalendarDate(now)

    static var logger: Logger {
        var logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }

    static func configuration(port: Int = 0) -> BotConfiguration {
        var configuration = BotConfiguration()
        configuration.slack.signingSecret = secret
        configuration.server.port = port
        configuration.commandsDirectory = path("Commands")
        return configuration
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("partnerbot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func slashCommand(_ command: String, _ text: String, user: String = "U1", team: String = "T1", channel: String = "C1") -> SlashCommand {
        SlashCommand(command: command, text: text, teamID: team, channelID: channel, userID: user, responseURL: nil, triggerID: "1.2.3")
    }
}

extension AppDatabase {
    /// Enqueues the review notices of the registrations so far, as the running
    /// ``DealReviewDispatcher`` does moments after they commit.
    @discardableResult
    func dispatchReviews(now: Date = TestSupport.now) async throws -> Int {
        try await dispatchDealReviews(settings: ProgramFixture.settings, now: now)
    }

    /// The payload the outbox row with `dedupeKey` would send now (templates rendered), once
    /// the reviews of registrations so far are dispatched.
    func renderedOutboxPayload(_ dedupeKey: String) async throws -> String {
        try await dispatchReviews()
        let record = try #require(try await outboxRecords().first { $0.dedupeKey == dedupeKey }, "no outbox row \(dedupeKey)")
        return try await renderedPayload(of: record, now: TestSupport.now)
    }
}
