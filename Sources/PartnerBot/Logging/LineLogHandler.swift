import Foundation
import Logging

/// One line per log event, `2026-11-22T07:00:00.123Z info partnerbot: key=value [Source] message`,
/// to standard error by default.
///
/// Unlike swift-log's `StreamLogHandler`, which formats its metadata every time a key is set,
/// this keeps metadata as it is and formats it only when a line is written. The HTTP server sets
/// a request id on every request's logger, and most requests never log a line at all.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info

    private let label: String
    private let clock: @Sendable () -> Date
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    public static func standardError(label: String) -> LineLogHandler {
        LineLogHandler(label: label, clock: { Date() }, write: writeToStandardError)
    }

    /// One `write(2)` per line where the pipe takes it whole (lines from threads do not interleave);
    /// a failing standard error is ignored: logging must never stop the bot.
    @Sendable private static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// - Parameters:
    ///   - clock: The time stamped on each line.
    ///   - write: Receives each complete line, newline included.
    public init(label: String, clock: @escaping @Sendable () -> Date, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.clock = clock
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var line = UTCFields(clock())?.format("Y-M-DTh:m:s.SZ") ?? "-"
        line += " \(event.level) \(label):"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)\n"
        write(line)
    }
}
