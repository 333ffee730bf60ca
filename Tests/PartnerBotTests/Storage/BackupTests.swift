import Foundation
import GRDB
import Testing
@testable import PartnerBot

/// `partnerbot backup` / `restore`: consistent under load, verified, never under a running server.
@Suite("Backup and restore")
struct BackupTests {
    static func register(_ database: AppDatabase, _ companies: some Sequence<String>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for company in companies {
                group.addTask {
                    let request = try RegistrationParser.parse(company, today: TestSupport.today).get()
                    _ = try await database.registerDeal(
                        request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: "CACME00001",
                        settings: ProgramFixture.settings, now: TestSupport.now)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aBackupTakenUnderLoadIsConsistentAndRestoresExactly() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let livePath = directory.appendingPathComponent("bot.sqlite").path
        let database = try AppDatabase.open(path: livePath)
        try await ProgramFixture.load(into: database)
        try await Self.register(database, (0..<50).map { "Before \($0)" })

        // Registrations keep committing, and their reviews being dispatched, while the backup copies its snapshot.
        async let load: Void = Self.register(database, (0..<300).map { "During \($0)" })
        async let dispatching: Void = {
            for _ in 0..<30 {
                try await database.dispatchReviews()
                try await Task.sleep(for: .milliseconds(2))
            }
        }()
        let backupPath = directory.appendingPathComponent("backup.sqlite").path
        let report = try DatabaseBackup.backup(database, to: backupPath)
        try await load
        try await dispatching
        #expect(report.integrity == "ok")
        #expect((50...350).contains(report.deals))
        let copy = try AppDatabase.open(path: backupPath)
        let count = { @Sendable (db: Database) in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT deal_id) FROM deal_audit") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'deal:%:review:%'") ?? 0)
        }
        let (deals, audits, reviews) = try await copy.writer.read(count)
        let waiting = try await copy.dealReviewsWaiting()
        #expect(deals == report.deals && audits == deals && reviews == (deals - waiting) * 2, "a snapshot: every deal with its audit, its reviews dispatched or waiting")
        // Served from the copy, the dispatcher enqueues exactly the reviews that were waiting.
        #expect(try await copy.dispatchReviews() == waiting)
        #expect(try await copy.writer.read(count).2 == deals * 2)
        #expect(throws: DatabaseBackup.Failure.destinationExists(backupPath)) { try DatabaseBackup.backup(database, to: backupPath) }

        // A server holds the lock: restore refuses and changes nothing.
        let serving = try ServerLock(databasePath: livePath)
        #expect(serving.holdShared())
        #expect(throws: DatabaseBackup.Failure.serverRunning(livePath)) { try DatabaseBackup.restore(from: backupPath, to: livePath) }
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") } == 350)
    }

    @Test func restoreReplacesTheDatabaseWithTheBackup() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let livePath = directory.appendingPathComponent("bot.sqlite").path
        let backupPath = directory.appendingPathComponent("backup.sqlite").path
        do {
            let database = try AppDatabase.open(path: livePath)
            try await ProgramFixture.load(into: database)
            try await Self.register(database, ["Kept 1", "Kept 2"])
            _ = try DatabaseBackup.backup(database, to: backupPath)
            try await Self.register(database, ["Lost 1"])
            // Closed before the restore, as a stopped server is: its last group commit may still be
            // finishing on the pool's queue after the operation returned.
            try await database.closeForTesting()
        }
        let report = try DatabaseBackup.restore(from: backupPath, to: livePath)
        #expect(report.deals == 2 && report.integrity == "ok")
        let names = try await AppDatabase.open(path: livePath).writer.read { db in try String.fetchSet(db, sql: "SELECT customer_name FROM deal") }
        #expect(names == ["Kept 1", "Kept 2"])

        let notADatabase = directory.appendingPathComponent("notes.txt")
        try "not a database".write(to: notADatabase, atomically: true, encoding: .utf8)
        #expect(throws: DatabaseBackup.Failure.self) { try DatabaseBackup.restore(from: notADatabase.path, to: livePath) }
    }
}
