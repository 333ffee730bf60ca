import ArgumentParser
import Foundation
import Logging
import PartnerBot
import Synchronization

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
        let settings: BotConfiguration.Database
        do {
            settings = try ConfigurationLoader(environment: ProcessInfo.processInfo.environment).load(path: config).database
        } catch {
            throw CLIError(error.description)
        }
        let path = from.map { $0.hasPrefix("sqlite:") ? String($0.dropFirst("sqlite:".count)) : $0 } ?? settings.path
        let url: PostgresURL
        do {
            guard let target = try to.map(PostgresURL.init) ?? settings.url else {
                throw CLIError("--to postgres://… is needed (no database.url is configured)")
            }
            url = target
        } catch let invalid as PostgresURL.Invalid {
            throw CLIError("--to: \(invalid.description)")
        }
        _ = CLILogging.bootstrap()
        let bar = ProgressBar()
        FileHandle.standardOutput.write(Data("copying \(path) to \(url)\n".utf8))
        let reports: [DatabaseCopy.TableReport]
        do {
            reports = try await DatabaseCopy.copy(from: path, to: url, logger: Logger(label: "partnerbot.copy")) { bar.show($0) }
        } catch let failure as DatabaseCopy.Failure {
            bar.end()
            throw CLIError(failure.description)
        } catch let failure as StorageError {
            bar.end()
            throw CLIError(failure.description)
        }
        bar.end()
        let width = reports.map(\.table.count).max() ?? 5
        for report in reports {
            print("  ✓ \(report.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(report.rows).leftPadded(to: 9)) rows  sha256 \(report.checksum.prefix(16))")
        }
        print("copied \(reports.reduce(0) { $0 + $1.rows }) rows in \(reports.count) tables; every count and checksum matches")
    }
}

/// A one-line progress bar on standard error when it is a terminal; otherwise a line per table.
final class ProgressBar: Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lastTable = Mutex<String?>(nil)

    func show(_ progress: DatabaseCopy.Progress) {
        if terminal {
            let fraction = progress.totalRows == 0 ? 1 : Double(progress.totalCopied) / Double(progress.totalRows)
            let filled = Int(fraction * 30)
            let line = "\r[\(String(repeating: "#", count: filled))\(String(repeating: "-", count: 30 - filled))] \(Int(fraction * 100))%  \(progress.table) \(progress.tableCopied)/\(progress.tableRows)\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
        } else if progress.tableCopied == progress.tableRows {
            let new = lastTable.withLock { last in
                defer { last = progress.table }
                return last != progress.table
            }
            if new { FileHandle.standardError.write(Data("  \(progress.table): \(progress.tableRows) rows (\(progress.totalCopied)/\(progress.totalRows))\n".utf8)) }
        }
    }

    func end() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
