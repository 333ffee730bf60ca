import Logging
import Synchronization

/// Keeps every log record, to check what was (or was not) logged: tokens and secrets never.
public final class LogCapture: Sendable {
    /// One log record: its level, and its message and metadata rendered as text.
    public struct Record: Sendable {
        public var level: Logger.Level
        public var text: String
    }

    private let records = Mutex<[Record]>([])

    /// Creates an empty capture.
    public init() {}

    /// Everything logged.
    public var all: [Record] { records.withLock { $0 } }

    /// Everything logged, as lines (`level message key=value…`).
    public var lines: [String] { all.map { "\($0.level) \($0.text)" } }

    /// A logger writing here (all levels).
    public var logger: Logger {
        var logger = Logger(label: "captured", factory: { _ in Handler(capture: self) })
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ record: Record) {
        records.withLock { $0.append(record) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))"
            capture.append(Record(level: event.level, text: text))
        }
    }
}
