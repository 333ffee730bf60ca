import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("SQLite storage on real files")
struct AppDatabaseTests {
    @Test func aFileDatabaseUsesWALFullSyncAndForeignKeys() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("nested/bot.sqlite").path)
        // The writer is the connection whose commits must be durable.
        let settings = try await database.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 2, "synchronous=FULL on the writer")
        #expect(settings.2 == 1)
        let readerSynchronous = try await database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(readerSynchronous == 2)
        #expect(try await database.appliedMigrations() == AppDatabase.knownMigrations)
    }

    @Test func processedEventsSurviveARestart() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        let event = EventCallback(eventID: "Ev1", teamID: "T1", eventTime: 1, type: "app_home_opened")
        do {
            let database = try AppDatabase.open(path: path)
            #expect(try await database.processEvent(event, receivedAt: TestSupport.now).isNew)
        }
        let reopened = try AppDatabase.open(path: path)
        #expect(try await reopened.processEvent(event, receivedAt: TestSupport.now).isNew == false)
        #expect(try await reopened.processedEventCount() == 1)
    }

    @Test func concurrentDuplicateDeliveriesProcessExactlyOnce() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path)
        let event = EventCallback(eventID: "EvSame", teamID: "T1", eventTime: 1, type: "x")
        let processed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 { group.addTask { try await database.processEvent(event, receivedAt: TestSupport.now).isNew } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(processed == 1)
    }

    /// Slack retries an event, and the retry may reach another instance while the first still
    /// handles it: exactly one of them processes it.
    @Test(arguments: TestDatabase.available)
    func anEventDeliveredToSeveralInstancesAtOnceIsProcessedOnce(on backend: TestDatabase.Backend) async throws {
        let instances = try await TestDatabase.instances(3, on: backend)
        let event = EventCallback(eventID: "EvEverywhere", teamID: "T1", eventTime: 1, type: "app_home_opened")
        let processed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<30 { group.addTask { try await instances[index % 3].processEvent(event, receivedAt: TestSupport.now).isNew } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(processed == 1)
        #expect(try await instances[2].processedEventCount() == 1)
    }

    @Test func anUnwritableLocationIsAClearError() {
        #expect(throws: StorageError.self) { try AppDatabase.open(path: "/proc/partnerbot/bot.sqlite") }
    }
}
