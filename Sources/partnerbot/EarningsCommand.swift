import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot earnings export`: the earnings ledger for finance.
struct EarningsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "earnings", abstract: "The earnings ledger.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every earning recorded in a period (default: all), as CSV or JSON on standard output; amounts exact.")

        @Option(name: .long, help: "this quarter, last quarter, ytd, last 30d, or from:YYYY-MM-DD to:YYYY-MM-DD (default: every earning).")
        var period: String?

        @Option(name: .long, help: "csv (default) or json.")
        var format: String = "csv"

        func run() async throws {
            guard let format = DealExport.Format(rawValue: format.lowercased()) else { throw CLIError("--format must be csv or json, got \(format)") }
            var range: ReportPeriod?
            if let period {
                switch ReportPeriod.Spec.parse(period.split(whereSeparator: \.isWhitespace).map(String.init)) {
                case .success(let spec): range = ReportPeriod(spec, asOf: SystemWallClock().now())
                case .failure(let error): throw CLIError("--period: " + error.userMessage.replacingOccurrences(of: "`", with: ""))
                }
            }
            let database = try await openDatabase(try options.load())
            try await EarningsExport.write(database, format: format, start: range?.start, end: range?.end, to: BufferedOutput())
        }

        @OptionGroup var options: ConfigOptions
    }
}
