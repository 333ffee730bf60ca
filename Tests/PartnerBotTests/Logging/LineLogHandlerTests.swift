import Foundation
import Logging
import Synchronization
import Testing
@testable import PartnerBot

@Suite("Log lines")
struct LineLogHandlerTests {
    final class Lines: Sendable {
        let written = Mutex<[String]>([])
        func append(_ line: String) { written.withLock { $0.append(line) } }
        var all: [String] { written.withLock { $0 } }
    }

    static let instant = Date(timeIntervalSince1970: 1_795_330_800.25)  // 2026-11-22T07:00:00.250Z

    func logger(_ lines: Lines, level: Logger.Level = .info) -> Logger {
        var handler = LineLogHandler(label: "partnerbot.test", clock: { Self.instant }, write: lines.append)
        handler.logLevel = level
        return Logger(label: "partnerbot.test") { _ in handler }
    }

    @Test func oneLineWithTimeLevelLabelSortedMetadataSourceAndMessage() {
        let lines = Lines()
        var logger = logger(lines)
        logger[metadataKey: "request"] = "r-1"
        logger[metadataKey: "agent"] = "wrk"
        logger.warning("outbox is behind", metadata: ["depth": "12"])
        #expect(lines.all == ["2026-11-22T07:00:00.250Z warning partnerbot.test: agent=wrk depth=12 request=r-1 [PartnerBotTests] outbox is behind\n"])
    }

    @Test func eventMetadataOverridesTheLoggersAndErrorsAreNamed() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "disk full" } }
        let lines = Lines()
        var logger = logger(lines)
        logger[metadataKey: "route"] = "/old"
        logger.error("write failed", error: Broken(), metadata: ["route": "/slack/commands"])
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.contains("route=/slack/commands"))
        #expect(!line.contains("route=/old"))
        #expect(line.contains("error.message=disk full"))
        #expect(line.contains("error.type=PartnerBotTests.LineLogHandlerTests"))
    }

    @Test func levelsBelowTheThresholdWriteNothing() {
        let lines = Lines()
        let logger = logger(lines, level: .notice)
        logger.info("quiet")
        logger.debug("quieter")
        logger.notice("heard")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.hasSuffix("heard\n") == true)
    }

    @Test func settingMetadataWritesNothing() {
        let lines = Lines()
        var logger = logger(lines)
        for index in 0..<100 { logger[metadataKey: "hb.request.id"] = "\(index)" }
        #expect(lines.all.isEmpty)
        #expect(logger[metadataKey: "hb.request.id"] == "99")
    }
}
