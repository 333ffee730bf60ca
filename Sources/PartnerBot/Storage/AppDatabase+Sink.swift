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

extension AppDatabase {
    /// Stores a message the local chat sink received.
    public func recordSinkMessage(method: String, target: String?, text: String, body: String, ts: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO sink_message (method, target, text, body, ts, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [method, target, text, body, ts, date.timeIntervalSince1970])
        }
    }

    /// Messages the local chat sink received, oldest first.
    public func sinkMessages() async throws -> [SinkMessage] {
        try await writer.read { db in try SinkMessage.fetchAll(db, sql: "SELECT id, method, target, text, body, ts FROM sink_message ORDER BY id") }
    }
}
