import ArgumentParser
import CRM
import Foundation
import PartnerBot
import SlackPlatform

extension CRMCommand {
    /// `partnerbot crm sync --backfill [--since DATE] [--dry-run]`.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Push existing deals to the CRM (with a progress bar on a terminal) and print a summary.")

        @OptionGroup var options: ConfigOptions

        @Flag(name: .long, help: "Push every existing deal (or those registered since --since), whatever the CRM already holds.")
        var backfill = false

        @Option(name: .long, help: "Only deals registered on or after this date (YYYY-MM-DD, UTC).")
        var since: String?

        @Flag(name: .long, help: "Show how many deals would be pushed and the first records, without contacting the CRM.")
        var dryRun = false

        @Option(name: .long, help: "Stop when nothing moved for this many seconds (default 60); what is left stays queued for `partnerbot serve`.")
        var stallTimeout: Int = 60

        func validate() throws {
            guard backfill else { throw ValidationError("say --backfill to push existing deals (changes are pushed by `partnerbot serve` as they happen)") }
            if let since, CalendarDate(iso: since) == nil { throw ValidationError("--since must be a date YYYY-MM-DD, got \"\(since)\"") }
            guard stallTimeout > 0 else { throw ValidationError("--stall-timeout must be a positive number of seconds") }
        }

        func run() async throws {
            let configuration = try options.load()
            guard let crm = configuration.crm else { throw CLIError(CRMCommand.notConfigured) }
            let database = try await openDatabase(configuration)
            let start = since.flatMap { CalendarDate(iso: $0) }?.startOfDay
            let total = try await database.crmBackfillCount(since: start)
            let scope = since.map { "registered since \($0)" } ?? "in the database"
            if dryRun {
                print("dry run: \(total) deal(s) \(scope) would be pushed to \(crm.provider.displayName); nothing was sent")
                let preview = try await database.crmBackfillPreview(
                    since: start, limit: 3, mapping: crm.mapping, protectionDays: configuration.policy.protectionDays)
                for record in preview { print(CRMRecordText.line(record)) }
                return
            }
            guard total > 0 else {
                print("no deals \(scope): nothing to push")
                return
            }
            let logger = CLILogging.bootstrap()
            guard let connector = try crmConnector(configuration, logger: logger) else { return }
            var backfill = CRMBackfill(
                database: database, connector: connector, configuration: crm, protectionDays: configuration.policy.protectionDays,
                clock: SystemWallClock(), logger: logger)
            backfill.stallTimeout = .seconds(stallTimeout)
            let bar = ProgressLine()
            let result = try await backfill.run(since: start) { progress in
                bar.show(
                    done: progress.synced + progress.dead, total: progress.total,
                    detail: "\(progress.synced)/\(progress.total) pushed, \(progress.dead) refused",
                    line: "pushed \(progress.synced)/\(progress.total), refused \(progress.dead)")
            }
            bar.finish()
            print(CRMCommand.summary(result, provider: crm.provider, stallTimeout: stallTimeout))
            if result.dead > 0 { throw ExitCode(2) }
        }
    }

    static func summary(_ result: CRMBackfillProgress, provider: CRMProvider, stallTimeout: Int) -> String {
        var line = "pushed \(result.synced)/\(result.total) deal(s) to \(provider.displayName)"
        if result.dead > 0 { line += ", \(result.dead) refused by the CRM (see `partnerbot crm status`)" }
        if result.waiting > 0 {
            line += ", \(result.waiting) still queued after \(stallTimeout) s without progress (a running `partnerbot serve` pushes them)"
        }
        return line
    }
}

/// One CRM record on a line, for the dry run: its reference and properties, sorted.
enum CRMRecordText {
    static func line(_ record: CRMRecord) -> String {
        let properties = record.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" }
        let company = record.company.map { " company=\($0.name)" + ($0.domain.map { " (\($0))" } ?? "") } ?? ""
        return "  \(record.registrationID): " + properties.joined(separator: " ") + company
    }

    private static func text(_ value: CRMValue) -> String {
        switch value {
        case .text(let text): "\"\(text)\""
        case .decimal(let number): "\(number)"
        case .integer(let number): "\(number)"
        case .date(let day): day
        case .timestamp(let date): ISO8601DateFormatter().string(from: date)
        case .bool(let flag): "\(flag)"
        case .null: "null"
        }
    }
}
