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
        let database = try openDatabase(try options.load())
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
        let path = try options.load().database.path
        do {
            let report = try DatabaseBackup.restore(from: file, to: path)
            print("\(path): restored from \(file): \(report.pages) pages, \(report.deals) deal(s), integrity \(report.integrity)")
        } catch let failure as DatabaseBackup.Failure {
            throw CLIError(failure.description)
        }
    }
}
