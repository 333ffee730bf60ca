import Foundation
import Logging
@testable import PartnerBot
import PostgresNIO
import Synchronization

/// The database a test runs on: SQLite in memory, or, with `PARTNERBOT_TEST_BACKEND=postgres`
/// (`make test` runs the suite that way too), a fresh PostgreSQL database of its own on the
/// throwaway cluster — so the same storage and scenario tests pass on both backends.
enum TestDatabase {
    enum Backend: String, Sendable, CaseIterable {
        case sqlite, postgres
    }

    /// The backend this test run uses.
    static let backend: Backend = ProcessInfo.processInfo.environment["PARTNERBOT_TEST_BACKEND"].flatMap(Backend.init(rawValue:)) ?? .sqlite

    /// The backends tests that compare them run on: SQLite, and PostgreSQL when the cluster runs.
    static var available: [Backend] { PostgresTestSupport.available ? Backend.allCases : [.sqlite] }

    /// Several instances of the bot's storage on one new database, as separate processes would
    /// open it: one SQLite file, or one PostgreSQL database.
    static func instances(_ count: Int, on backend: Backend) async throws -> [AppDatabase] {
        switch backend {
        case .sqlite:
            let path = try TestSupport.temporaryDirectory().appendingPathComponent("shared.sqlite").path
            return try (0..<count).map { _ in try AppDatabase.open(path: path) }
        case .postgres:
            let url = try await freshPostgresDatabase()
            var databases: [AppDatabase] = []
            for _ in 0..<count { databases.append(try await AppDatabase.open(postgres: url, connections: 4, logger: TestSupport.logger)) }
            return databases
        }
    }

    /// A new, empty, migrated database on this run's backend.
    static func make() async throws -> AppDatabase {
        try await make(backend)
    }

    static func make(_ backend: Backend) async throws -> AppDatabase {
        switch backend {
        case .sqlite: try AppDatabase.inMemory()
        case .postgres: try await AppDatabase.open(postgres: freshPostgresDatabase(), connections: 2, logger: TestSupport.logger)
        }
    }

    /// A database copied from a migrated template (made once per run): creating one costs a file
    /// copy, not 94 statements. The cluster is removed after the run, so they are not dropped.
    static func freshPostgresDatabase() async throws -> PostgresURL {
        guard let url = PostgresTestSupport.url else { throw CocoaError(.featureUnsupported) }
        let template = try await Template.shared.name(on: url)
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await PostgresTestSupport.withClient(url) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)"), logger: TestSupport.logger)
        }
        var fresh = url
        fresh.database = name
        return fresh
    }

    private actor Template {
        static let shared = Template()
        private var made: Task<String, any Error>?

        func name(on url: PostgresURL) async throws -> String {
            if let made { return try await made.value }
            let task = Task<String, any Error> {
                let name = "partnerbot_template_" + UUID().uuidString.prefix(8).lowercased()
                try await PostgresTestSupport.withClient(url) { client in
                    _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: TestSupport.logger)
                }
                var template = url
                template.database = name
                try await AppDatabase.migrate(postgres: template, logger: TestSupport.logger)
                return name
            }
            made = task
            return try await task.value
        }
    }
}
