import ArgumentParser
import Foundation
import PartnerBot

/// `partnerbot backup FILE`: a consistent copy of the database, safe while the server runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to FILE (SQLite's online backup: consistent while the server runs), verified with an integrity check.")

    @Argument(help: "The backup file to write.")
    var file: String

    @Flag(name: .long, help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        if let url = configuration.database.url { throw CLIError(PostgresTools.backup(url, file: file)) }
        let database = try await openDatabase(configuration)
        do {
            let report = try DatabaseBackup.backup(database, to: file, replace: force)
            print("\(file): \(report.pages) pages (\(report.bytes / 1024) KiB), \(report.deals) deal(s), integrity \(report.integrity)")
        } catch let failure as DatabaseBackup.Failure {
            throw CLIError(failure.description)
        }
    }
}

/// `partnerbot restore FILE`: replaces the database with a backup (never under a running server).
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup made by `partnerbot backup` (checked first; refused while a server runs on the database).")

    @Argument(help: "The backup file.")
    var file: String

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let settings = try options.load().database
        if let url = settings.url { throw CLIError(PostgresTools.restore(url, file: file)) }
        let path = settings.path
        do {
            let report = try DatabaseBackup.restore(from: file, to: path)
            print("\(path): restored from \(file): \(report.pages) pages, \(report.deals) deal(s), integrity \(report.integrity)")
        } catch let failure as DatabaseBackup.Failure {
            throw CLIError(failure.description)
        }
    }
}

/// What `backup` and `restore` say on PostgreSQL: its own tools do it (consistent online dumps,
/// point-in-time recovery, a managed service's snapshots); the address is shown without its password.
enum PostgresTools {
    static func backup(_ url: PostgresURL, file: String) -> String {
        """
        the database is PostgreSQL (\(url)): `partnerbot backup` copies SQLite files only. Use PostgreSQL's tools, \
        consistent while every instance runs:
          pg_dump --format=custom --file '\(file)' 'postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)'
        (or your provider's snapshots and point-in-time recovery)
        """
    }

    static func restore(_ url: PostgresURL, file: String) -> String {
        """
        the database is PostgreSQL (\(url)): `partnerbot restore` replaces SQLite files only. Stop every instance, then:
          pg_restore --clean --if-exists --no-owner --dbname 'postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)' '\(file)'
        and start them again (`partnerbot migrate` first when the dump is from an older version)
        """
    }
}
