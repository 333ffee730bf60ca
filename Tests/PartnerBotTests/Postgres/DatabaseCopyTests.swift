import Foundation
import GRDB
@testable import PartnerBot
import Synchronization
import Testing

/// `partnerbot db copy`: a SQLite installation moved into PostgreSQL, verified, all or nothing.
@Suite("db copy: SQLite to PostgreSQL", .enabled(if: PostgresTestSupport.available, "make test starts PostgreSQL"))
struct DatabaseCopyTests {
    static var settings: ProgramSettings {
        var configuration = BotConfiguration()
        ProgramFixture.configure(&configuration)
        return ProgramSettings(configuration)
    }

    /// A SQLite file with a program in it: directory, deals (one in conflict with another),
    /// decisions, review notices sent and pruned (so its id sequence is past its largest id),
    /// alerts fired and the report rollup folded.
    func populatedFile() async throws -> String {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("partnerbot.sqlite").path
        let database = try AppDatabase.open(path: path)
        try await ProgramFixture.load(into: database)
        let deals = Self.settings.deals
        for (company, who) in [("Approved Customer", ProgramFixture.ann), ("Pending Customer", ProgramFixture.ann), ("Pending Customer", ProgramFixture.bob)] {
            let request = try RegistrationParser.parse(company, today: TestSupport.today).get()
            _ = try await database.registerDeal(
                request, org: who == ProgramFixture.ann ? "acme-resell" : "globex", userID: who.user, teamID: who.team, channelID: nil,
                settings: deals, now: TestSupport.now)
        }
        let manager = Caller(userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false, partnerOrg: nil)
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: deals, now: TestSupport.now)
        _ = try await database.dispatchDealReviews(settings: deals, now: TestSupport.now)
        for row in try await database.outboxRecords(state: .pending).prefix(2) {
            _ = try await database.claimOutbox(now: TestSupport.now, limit: 10, excludingTargets: [], blockedRateKeys: [])
            try await database.markOutboxSent(id: row.id, ts: "1.\(row.id)", channel: row.target, now: TestSupport.now)
        }
        #expect(try await database.pruneSentOutbox(sentBefore: TestSupport.now.addingTimeInterval(1)) > 0)
        _ = try await database.runAlertPass(settings: Self.settings, now: TestSupport.now.addingTimeInterval(83 * 86_400))
        _ = try await database.foldReportRollup()
        try await database.closeForTesting()
        return path
    }

    func counts(_ db: any SQLDatabase, _ tables: [String]) throws -> [String: Int] {
        try Dictionary(uniqueKeysWithValues: tables.map { ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1) })
    }

    @Test func everyRowArrivesVerifiedAndIdsKeepGrowing() async throws {
        let path = try await populatedFile()
        let url = try await TestDatabase.freshPostgresDatabase()
        let seen = Mutex<[DatabaseCopy.Progress]>([])
        let reports = try await DatabaseCopy.copy(from: path, to: url, logger: TestSupport.logger) { progress in seen.withLock { $0.append(progress) } }

        let source = try AppDatabase.open(path: path)
        let tables = reports.map(\.table)
        let sourceCounts = try await source.store.read { db in try counts(db, tables) }
        #expect(Dictionary(uniqueKeysWithValues: reports.map { ($0.table, $0.rows) }) == sourceCounts)
        #expect(tables.firstIndex(of: "partner_org")! < tables.firstIndex(of: "deal")!, "referenced tables first")
        #expect(sourceCounts["deal"] == 3 && sourceCounts["alert_ledger"]! > 0 && sourceCounts["outbox_head"]! > 0 && sourceCounts["deal_rollup"]! > 0)
        #expect(seen.withLock { $0.last?.totalCopied } == sourceCounts.values.reduce(0, +))

        let target = try await AppDatabase.open(postgres: url, connections: 2, logger: TestSupport.logger)
        #expect(try await target.store.read { db in try counts(db, tables) } == sourceCounts)
        let conflict = try await target.store.read { db in try Int64.fetchOne(db, sql: "SELECT conflict_with FROM deal WHERE id = 3") }
        #expect(conflict == 2, "Bob's registration still points at the deal it conflicts with")
        // The file handed out outbox ids past its largest row (sent rows were pruned): new ones go on from there.
        let handedOut = try await source.store.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") ?? 0 }
        try await target.enqueue([OutboxHarness.message(0, channel: "CNEW")], now: TestSupport.now)
        let newID = try await target.store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM outbox WHERE target = 'CNEW'") ?? 0 }
        #expect(newID == handedOut + 1)
        let request = try RegistrationParser.parse("Brand New Customer", today: TestSupport.today).get()
        let outcome = try await target.registerDeal(
            request, org: "acme-resell", userID: ProgramFixture.ann.user, teamID: ProgramFixture.ann.team, channelID: nil,
            settings: Self.settings.deals, now: TestSupport.now)
        guard case .registered(let deal) = outcome else { Issue.record("not registered: \(outcome)"); return }
        #expect(deal.id == 4)
        #expect(try await target.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_head WHERE target = 'CNEW'") } == 1, "triggers run again")
    }

    @Test func aTargetWithDataIsRefusedAndLeftAsItWas() async throws {
        let path = try await populatedFile()
        let url = try await TestDatabase.freshPostgresDatabase()
        _ = try await DatabaseCopy.copy(from: path, to: url, logger: TestSupport.logger)
        do {
            _ = try await DatabaseCopy.copy(from: path, to: url, logger: TestSupport.logger)
            Issue.record("copied over existing data")
        } catch let DatabaseCopy.Failure.targetNotEmpty(_, rows) {
            #expect(rows > 0)
        }
        let target = try await AppDatabase.open(postgres: url, connections: 1, logger: TestSupport.logger)
        #expect(try await target.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal") } == 3)
    }

    @Test func aRowPostgreSQLRefusesLeavesTheTargetEmpty() async throws {
        let path = try await populatedFile()
        let file = try AppDatabase.open(path: path)
        // A row SQLite let through with its checks off: PostgreSQL's CHECK refuses it.
        try await file.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE deal SET amount_minor = -5 WHERE id = 3")
        }
        try await file.closeForTesting()
        let url = try await TestDatabase.freshPostgresDatabase()
        do {
            _ = try await DatabaseCopy.copy(from: path, to: url, logger: TestSupport.logger)
            Issue.record("the copy succeeded")
        } catch let DatabaseCopy.Failure.copyFailed(table, reason) {
            #expect(table == "deal")
            #expect(reason.contains("23514"), "a check violation: \(reason)")
        }
        let target = try await AppDatabase.open(postgres: url, connections: 1, logger: TestSupport.logger)
        #expect(try await target.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM partner_org") } == 0, "tables copied before it were rolled back")
        #expect(try await target.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal_review_cursor") } == 1, "the seeded rows are back")
    }

    @Test func aFileARunningServerUsesIsRefused() async throws {
        let path = try await populatedFile()
        let server = try ServerLock(databasePath: path)
        #expect(server.holdShared())
        await #expect(throws: DatabaseCopy.Failure.serverRunning(path)) {
            _ = try await DatabaseCopy.copy(from: path, to: try await TestDatabase.freshPostgresDatabase(), logger: TestSupport.logger)
        }
        withExtendedLifetime(server) {}
    }
}
