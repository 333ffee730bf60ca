import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot claims mark-paid FILE.csv`: finance's payout run.
struct ClaimsCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "SPIFF claims, MDF and payouts.", subcommands: [MarkPaid.self])

    struct MarkPaid: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-paid",
            abstract: "Mark approved earnings paid from finance's payout file (all or nothing; rows already paid are left as they are).",
            discussion: """
                Columns: `reference` (SC-n, MDF-n, or DR-n for a deal's commission) or `id` (the ledger id from \
                `partnerbot earnings export`), and optionally payment_reference, amount and currency (checked against the \
                ledger to the cent). Other columns are ignored. Each organisation is told once in its channel.
                """)

        @Argument(help: "The CSV file.")
        var file: String

        @Flag(name: .long, help: "Check the file and say what would be marked paid, without changing anything.")
        var dryRun = false

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let rows: [PayoutRow]
            let text = try readCSV(file)
            do { rows = try PayoutFile.rows(csv: text) } catch { throw CLIError(failure(error)) }
            let database = try await openDatabase(configuration)
            let finance = Caller.system("finance (\(URL(fileURLWithPath: file).lastPathComponent))")
            do {
                let result = try await database.markPaid(rows, by: finance, dryRun: dryRun, now: SystemWallClock().now())
                print(summary(result, dryRun: false))
            } catch let dryRun as PayoutDryRun {
                print(summary(dryRun.result, dryRun: true))
            } catch let error as DirectoryImportError {
                throw CLIError(failure(error))
            }
        }

        private func failure(_ error: DirectoryImportError) -> String {
            "\(file): nothing marked paid, \(error.errors.count) problem(s):\n" + error.errors.map { "  \($0)" }.joined(separator: "\n")
        }

        private func summary(_ result: PayoutResult, dryRun: Bool) -> String {
            let totals = result.totals.sorted { $0.key < $1.key }.map { Money(minorUnits: $0.value, currency: $0.key).description }.joined(separator: ", ")
            return "\(file): \(result.paid) earning(s) \(dryRun ? "would be " : "")marked paid\(totals.isEmpty ? "" : " (\(totals))"), \(result.alreadyPaid) already paid"
                + (dryRun ? "; dry run, nothing changed" : "")
        }
    }
}
