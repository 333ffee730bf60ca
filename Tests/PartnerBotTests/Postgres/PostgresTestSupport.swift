import Foundation
import Logging
@testable import PartnerBot
import PostgresNIO

/// The throwaway cluster `make test` starts (scripts/with-test-postgres.sh); tests that need it
/// are skipped without it (a bare `swift test`).
enum PostgresTestSupport {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["PARTNERBOT_TEST_POSTGRES_URL"].flatMap { try? PostgresURL($0) }

    static var available: Bool { url != nil }

    /// Runs `body` with a client of `url`, the client's connection pool running meanwhile.
    static func withClient<T: Sendable>(_ url: PostgresURL, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: TestSupport.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// A database of its own for one test (tests run in parallel), dropped afterwards.
    static func withFreshDatabase<T: Sendable>(_ body: @Sendable (PostgresURL) async throws -> T) async throws -> T {
        guard let url else { throw CocoaError(.featureUnsupported) }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await withClient(url) { client in _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: TestSupport.logger) }
        var fresh = url
        fresh.database = name
        do {
            let value = try await body(fresh)
            try? await drop(name, on: url)
            return value
        } catch {
            try? await drop(name, on: url)
            throw error
        }
    }

    private static func drop(_ name: String, on url: PostgresURL) async throws {
        try await withClient(url) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: TestSupport.logger)
        }
    }
}

extension PostgresURL {
    /// The client configuration: TLS as `sslmode` says, the server certificate verified when required.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch sslMode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
        return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}

extension PostgresMigrator {
    /// Applies the migrations the database lacks, on one of the client's connections.
    @discardableResult
    func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { try await migrate($0, logger: logger) }
    }
}
