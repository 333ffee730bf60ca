import Foundation
import Logging
import Synchronization

/// Counts the warnings and errors library code logs during a benchmark, and prints them on
/// standard error when asked to: a benchmark that "worked" while the library complained is
/// worth knowing about.
final class LogTally: Sendable {
    private let counts = Mutex((warnings: 0, errors: 0))

    /// Warnings logged so far.
    var warnings: Int { counts.withLock { $0.warnings } }
    /// Errors and criticals logged so far.
    var errors: Int { counts.withLock { $0.errors } }

    fileprivate func record(_ level: Logger.Level) {
        counts.withLock { counts in
            switch level {
            case .warning: counts.warnings += 1
            case .error, .critical: counts.errors += 1
            default: break
            }
        }
    }

    /// A logger that counts into this tally and prints lines at `printLevel` and above.
    func logger(label: String, printLevel: Logger.Level) -> Logger {
        let tally = self
        return Logger(label: label) { label in
            CountingLogHandler(tally: tally, printer: StreamLogHandler.standardError(label: label), printLevel: printLevel)
        }
    }
}

/// The handler behind ``LogTally/logger(label:printLevel:)``.
struct CountingLogHandler: LogHandler {
    let tally: LogTally
    var printer: StreamLogHandler
    let printLevel: Logger.Level

    var metadata: Logger.Metadata {
        get { printer.metadata }
        set { printer.metadata = newValue }
    }

    /// Everything from notice up is seen (and counted from warning up); lower levels are dropped.
    var logLevel: Logger.Level {
        get { min(printLevel, .notice) }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { printer[metadataKey: key] }
        set { printer[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        tally.record(event.level)
        if event.level >= printLevel { printer.log(event: event) }
    }
}
