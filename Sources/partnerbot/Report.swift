import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot report`: the program report of `/program report`, for RevOps and BI tools.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the program report (as /program report shows managers) as a table, CSV or JSON.",
        discussion: """
            Figures cover the registrations submitted in the period, as they stand now. --as-of computes a relative \
            period (this quarter, last quarter, ytd, last 30d) as of another time. CSV and JSON columns are documented \
            in the README ("Program reports").
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(name: .long, help: "this quarter (default), last quarter, ytd, last 30d, last 90d, or from:YYYY-MM-DD to:YYYY-MM-DD.")
    var period: String = "this quarter"

    @Option(name: .long, help: "Break the figures down by partner, tier, region or type.")
    var by: String?

    @Option(name: .long, help: "Compute relative periods as of this time (ISO 8601, e.g. 2027-04-01T00:00:00Z or 2027-04-01); default now.")
    var asOf: String?

    @Option(name: .long, help: "table (default), csv or json.")
    var format: Format = .table

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let now = SystemWallClock().now()
        var asOfDate = now
        if let asOf {
            guard let parsed = ISO8601Time.parse(asOf) else { throw CLIError("--as-of must be an ISO 8601 time like 2027-04-01T00:00:00Z (or a date like 2027-04-01), got \(asOf)") }
            asOfDate = parsed
        }
        let spec: ReportPeriod.Spec
        switch ReportPeriod.Spec.parse(period.split(whereSeparator: \.isWhitespace).map(String.init)) {
        case .success(let parsed): spec = parsed
        case .failure(let error): throw CLIError("--period: " + error.userMessage.replacingOccurrences(of: "`", with: ""))
        }
        var breakdown: ProgramReport.Breakdown?
        if let by {
            guard let value = ProgramReport.Breakdown(rawValue: by.lowercased()) else { throw CLIError("--by must be partner, tier, region or type, got \(by)") }
            breakdown = value
        }
        let database = try await openDatabase(try options.load())
        // Whatever a running server has not folded into the rollup yet (reports are right either way, faster after).
        try await database.foldReportRollup()
        let report = try await database.programReport(period: ReportPeriod(spec, asOf: asOfDate), breakdown: breakdown, asOf: asOfDate)
        switch format {
        case .table: print(report.table, terminator: "")
        case .csv: print(report.csv, terminator: "")
        case .json: print(report.json, terminator: "")
        }
    }
}

/// `partnerbot export deals`: every registration, with its history's dates.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export data for spreadsheets and BI tools.", subcommands: [Deals.self])

    struct Deals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every registration with its organisation, amounts and the dates its history gives (CSV or JSON) on standard output.")

        @Option(name: .long, help: "csv (default) or json.")
        var format: String = "csv"

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            guard let format = DealExport.Format(rawValue: format.lowercased()) else { throw CLIError("--format must be csv or json, got \(format)") }
            let database = try await openDatabase(try options.load())
            try await DealExport.write(database, format: format, now: SystemWallClock().now(), to: BufferedOutput())
        }
    }
}
