import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot certifications import`.
struct Certifications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import certifications from an LMS export.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an LMS export (header team_id,user_id,track,earned,expires,credential): validated, idempotent, all or nothing.")

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let now = SystemWallClock().now()
            let text = try readCSV(file)
            let rows: [CertificationImportRow]
            do {
                rows = try CertificationImport.rows(csv: text, tracks: configuration.tracks, today: CalendarDate(now))
            } catch {
                throw CLIError(importFailure(file, error))
            }
            let database = try await openDatabase(configuration)
            do {
                let result = try await database.importCertifications(rows, tracks: configuration.tracks, now: now)
                print("\(file): \(rows.count) row(s) read (\(result.inserted) new, \(result.updated) updated, \(rows.count - result.inserted - result.updated) unchanged)")
            } catch let error as DirectoryImportError {
                throw CLIError(importFailure(file, error))
            }
        }
    }
}
