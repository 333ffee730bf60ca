import ArgumentParser
import Foundation
import Logging
import PartnerBot

/// `partnerbot db`: moving an installation between storage backends.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Move an installation between storage backends.", subcommands: [DbCopy.self])
}

/// `partnerbot db copy --from sqlite:PATH --to postgres://…`.
struct DbCopy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite installation into an empty PostgreSQL database, verified by row counts and a checksum per table.",
        discussion: """
            Stop the server first (the copy refuses while one runs on the file). The copy is one \
            PostgreSQL transaction: it commits only when every table's rows read back equal the \
            file's, so a failed copy leaves the target empty. Then point the instances at the \
            server (database.url or PARTNERBOT_DATABASE_URL) and keep the file as a backup.
            """)

    @Option(name: .long, help: "The SQLite file: sqlite:PATH or PATH (default: the configured database.path).")
    var from: String?

    @Option(name: .long, help: "The PostgreSQL database: postgres://USER:PASSWORD@HOST:PORT/NAME (default: the configured database.url).")
    var to: String?

    @Option(name: .long, help: "Path of the YAML configuration (default: $PARTNERBOT_CONFIG, else Config/partnerbot.yaml).")
    var config: String?

    func run() async throws {
        let settings = try ConfigOptions.load(config: config).database
        let path = from.map { $0.hasPrefix("sqlite:") ? String($0.dropFirst("sqlite:".count)) : $0 } ?? settings.path
        let url: PostgresURL
        if let to {
            do { url = try PostgresURL(to) } catch { throw CLIError("--to: \(error)") }
        } else if let configured = settings.url {
            url = configured
        } else {
            throw CLIError("--to postgres://… is needed (no database.url is configured)")
        }
        _ = CLILogging.bootstrap()
        print("copying \(path) to \(url)")
        fflush(nil)
        let bar = ProgressLine()
        let reports: [DatabaseCopy.TableReport]
        do {
            reports = try await DatabaseCopy.copy(from: path, to: url, logger: Logger(label: "partnerbot.copy")) { progress in
                bar.show(
                    done: progress.totalCopied, total: progress.totalRows, detail: "\(progress.table) \(progress.tableCopied)/\(progress.tableRows)",
                    line: progress.tableCopied == progress.tableRows ? "  \(progress.table): \(progress.tableRows) rows (\(progress.totalCopied)/\(progress.totalRows))" : nil)
            }
        } catch {
            bar.finish()
            throw CLIError(String(describing: error))
        }
        bar.finish()
        let width = reports.map(\.table.count).max() ?? 5
        for report in reports {
            let rows = String(report.rows)
            print("  ✓ \(report.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(repeating: " ", count: max(0, 9 - rows.count)))\(rows) rows  sha256 \(report.checksum.prefix(16))")
        }
        print("copied \(reports.reduce(0) { $0 + $1.rows }) rows in \(reports.count) tables; every count and checksum matches")
    }
}
