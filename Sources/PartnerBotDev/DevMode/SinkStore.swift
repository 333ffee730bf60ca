import PartnerBot
import Foundation
import GRDB

/// A message the local chat sink received.
public struct SinkMessage: Sendable, Equatable, Codable, FetchableRecord {
    /// Row id.
    public var id: Int64
    /// Web API method.
    public var method: String
    /// Channel, user or URL.
    public var target: String?
    /// The message text.
    public var text: String
    /// The JSON body as sent.
    public var body: String
    /// The ts the sink answered.
    public var ts: String
}

/// Where the local chat sink keeps what it received: its own SQLite file next to the bot's
/// database (`chat-sink.sqlite` in the data folder), so dev mode adds nothing to the production
/// schema, or memory (the demo, tests).
public final class SinkStore: Sendable {
    private let queue: DatabaseQueue

    /// The sink file of a data folder.
    public static func path(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("chat-sink.sqlite")
    }

    /// Opens (creating if needed) the sink file at `path`.
    public convenience init(path: String) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try self.init(queue: DatabaseQueue(path: path))
    }

    /// A sink store in memory.
    public convenience init() throws {
        try self.init(queue: DatabaseQueue())
    }

    private init(queue: DatabaseQueue) throws {
        self.queue = queue
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS sink_message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        method TEXT NOT NULL,
                        target TEXT,
                        text TEXT NOT NULL,
                        body TEXT NOT NULL,
                        ts TEXT NOT NULL,
                        created_at REAL NOT NULL
                    )
                    """)
        }
    }

    /// Stores a message the sink received.
    public func record(method: String, target: String?, text: String, body: String, ts: String, at date: Date) async throws {
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO sink_message (method, target, text, body, ts, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [method, target, text, body, ts, date.timeIntervalSince1970])
        }
    }

    /// Messages the sink received, oldest first.
    public func messages() async throws -> [SinkMessage] {
        try await queue.read { db in try SinkMessage.fetchAll(db, sql: "SELECT id, method, target, text, body, ts FROM sink_message ORDER BY id") }
    }
}
