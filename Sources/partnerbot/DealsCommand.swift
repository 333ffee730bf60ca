import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot deals import FILE`: registrations from a spreadsheet or a previous PRM.
struct DealsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deals", abstract: "Registrations in bulk.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import registrations from a CSV (all or nothing, idempotent; no chat message is sent).",
            discussion: """
                Columns: \(DealImport.header.joined(separator: ",")). Dates are YYYY-MM-DD or ISO 8601 times (UTC). \
                status is pending, approved, declined, expired, won or lost; outcome (won or lost) with outcome_date closes an \
                approved deal. Conflicts with other organisations are detected as if the rows had been registered on their dates.
                """)

        @Argument(help: "The CSV file.")
        var file: String

        @Flag(name: .long, help: "Validate the file and say what would be imported, without importing.")
        var dryRun = false

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let text = try readCSV(file)
            let database = try await openDatabase(configuration)
            let orgs = Set(try await database.partnerOrgs().map(\.org))
            let rows: [DealImportRow]
            do { rows = try DealImport.rows(csv: text, orgs: orgs, stages: configuration.policy.stages) } catch { throw CLIError(importFailure(file, error)) }
            if dryRun {
                print("\(file): \(rows.count) row(s) valid; dry run, nothing imported")
                return
            }
            let result: DealImportResult
            do {
                result = try await database.importDeals(
                    rows, source: URL(fileURLWithPath: file).lastPathComponent, settings: ProgramSettings(configuration).deals, now: SystemWallClock().now())
            } catch let error as DirectoryImportError {
                throw CLIError(importFailure(file, error))
            }
            var line = "\(file): \(result.imported) registration(s) imported, \(result.unchanged) already imported (unchanged)"
            if result.conflicts > 0 { line += "; \(result.conflicts) in conflict with another organisation's registration" }
            print(line)
        }
    }
}
