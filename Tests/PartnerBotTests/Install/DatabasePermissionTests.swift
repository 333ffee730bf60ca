import Foundation
@testable import PartnerBot
import Testing

@Suite("The database file and its WAL companions are readable by their owner only")
struct DatabasePermissionTests {
    static func permissions(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewDatabaseAndItsWALAndSHMFilesAre0600() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("data/bot.sqlite").path
        let database = try AppDatabase.open(path: path)
        try await database.saveInstallation(InstallFixture.grant(team: "T0PERMS001", token: "xoxb-perms"), now: TestSupport.now)
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) exists while the database is open")
            #expect(try Self.permissions(file) == 0o600, "\(file)")
        }
    }

    @Test func anExistingWorldReadableDatabaseIsRestrictedWhenOpened() async throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bot.sqlite").path
        do {
            let database = try AppDatabase.open(path: path)
            _ = try await database.appliedMigrations()
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        let reopened = try AppDatabase.open(path: path)
        try await reopened.saveInstallation(InstallFixture.grant(team: "T0PERMS001", token: "xoxb-perms"), now: TestSupport.now)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try Self.permissions(file) == 0o600, "\(file)")
        }
    }
}
