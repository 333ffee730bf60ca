import Foundation
import SlackPlatform

/// One exported row as a JSON object: the columns in order, absent values `null`.
public enum JSONText {
    public static func object(_ pairs: [(String, String?)]) -> String {
        var output = JSONOutput()
        output.object { json in
            for (key, value) in pairs {
                json.key(key)
                if let value { json.string(value) } else { json.null() }
            }
        }
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// Standard output written in large blocks (an export of a million rows stays fast).
public final class BufferedOutput: @unchecked Sendable {
    private var buffer: [UInt8] = []
    private let sink: (Data) -> Void

    /// - Parameter sink: Where full blocks go (standard output by default).
    public init(sink: @escaping (Data) -> Void = { FileHandle.standardOutput.write($0) }) {
        self.sink = sink
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `partnerbot export deals`: the deals as CSV (a header, then a row per deal) or a JSON array of
/// objects, written to `output` as they are read.
public enum DealExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    public static func write(_ database: AppDatabase, format: Format, now: Date, to output: BufferedOutput) async throws {
        let columns = AppDatabase.dealExportColumns
        let rows = RowCounter()
        output.write(format == .csv ? columns.joined(separator: ",") + "\n" : "[")
        try await database.exportDeals(now: now) { values in
            switch format {
            case .csv: output.write(values.map { CSVField.escape($0 ?? "") }.joined(separator: ",") + "\n")
            case .json: output.write((rows.next() == 0 ? "\n  " : ",\n  ") + JSONText.object(Array(zip(columns, values))))
            }
        }
        if format == .json { output.write(rows.count == 0 ? "]\n" : "\n]\n") }
        output.flush()
    }
}

/// Counts rows written from a `@Sendable` callback that runs on one thread at a time.
final class RowCounter: @unchecked Sendable {
    private(set) var count = 0

    /// The count before this row.
    func next() -> Int {
        defer { count += 1 }
        return count
    }
}
