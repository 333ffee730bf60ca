import Foundation
import Hummingbird
import NIOCore

/// `/health` and `/metrics`.
struct OperationsRoutes: Sendable {
    let database: AppDatabase
    let metrics: BotMetrics

    func register(on router: some RouterMethods<SlackRequestContext>) {
        router.get("health") { request, context in await health(integrity: request.uri.queryParameters["check"] == "integrity", context: context) }
        router.get("livez") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get("metrics") { _, _ in
            metrics.updateGroupCommits(database.groupCommitStatistics)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
    }

    struct Health: Encodable {
        var status: String
        var version: String
        var database: Database

        struct Database: Encodable {
            var ok: Bool
            var migrations_applied: Int?
            var migrations_known: Int
            var integrity: String?
            var journal_mode: String?
            var writes: String?
            var error: String?
        }
    }

    /// `/health`: cheap by default; `?check=integrity` also reads every page (`PRAGMA quick_check`).
    func health(integrity: Bool, context: SlackRequestContext) async -> Response {
        let report: Health.Database
        do {
            let health = try await database.healthCheck(integrity: integrity)
            report = .init(
                ok: health.isHealthy, migrations_applied: health.migrationsApplied, migrations_known: health.migrationsKnown,
                integrity: health.integrity, journal_mode: health.journalMode, writes: health.writes)
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            report = .init(ok: false, migrations_known: AppDatabase.knownMigrations.count, error: "database unavailable")
        }
        return Self.healthResponse(report)
    }

    /// The `/health` answer for a database report: 200 when it is healthy, else 503.
    static func healthResponse(_ report: Health.Database) -> Response {
        let health = Health(status: report.ok ? "ok" : "unavailable", version: PartnerBotVersion.current, database: report)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(health)) ?? Data()
        return Response(
            status: report.ok ? .ok : .serviceUnavailable, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
