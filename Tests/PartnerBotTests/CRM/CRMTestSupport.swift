import CRM
import FakeCRM
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import PartnerBot
import SlackPlatform

/// The program fixture with a CRM configured (HubSpot's defaults unless said otherwise).
enum CRMFixture {
    static let webhookSecret = "crm-webhook-secret-0123456789"

    static func app(provider: CRMProvider = .hubspot, crm: any CRMConnector) async throws -> TestApp {
        var app = try await TestApp.program()
        var settings = CRMConfiguration(provider: provider)
        settings.webhookSecret = ConfiguredSecret(webhookSecret)
        settings.hubspot.token = ConfiguredSecret("pat-test-token")
        settings.sync.baseBackoff = .milliseconds(10)
        settings.sync.maxBackoff = .milliseconds(50)
        settings.sync.pollInterval = .milliseconds(50)
        settings.sync.defaultRateLimitWait = .milliseconds(50)
        // Generous: an instant CRM must answer within it even on a loaded machine; the slow-CRM test
        // delays its answers by a minute.
        settings.sync.registrationCheckTimeout = .seconds(2)
        app.configuration.crm = settings
        app.crm = crm
        return app
    }

    /// A worker over the app's database and CRM, run around `body`.
    static func withWorker<T: Sendable>(_ app: TestApp, _ body: @Sendable () async throws -> T) async throws -> T {
        let settings = try require(app.configuration.crm)
        let worker = CRMSyncWorker(
            database: app.database, connector: try require(app.crm), mapping: settings.mapping, protectionDays: app.configuration.policy.protectionDays,
            settings: settings.sync, clock: app.clock, logger: TestSupport.logger)
        let task = Task { try await worker.run() }
        defer { task.cancel() }
        let value = try await body()
        task.cancel()
        _ = await task.result
        return value
    }

    /// Waits until every queued deal is pushed, moving the app's clock on a second per poll so
    /// retries scheduled after a backoff fall due.
    static func syncedAdvancingTime(_ app: TestApp) async throws -> Bool {
        try await OutboxHarness.eventually {
            app.clock.advance(by: 1)
            return try await app.database.crmSyncStatus(now: app.clock.now()).unsynced == 0
        }
    }

    /// Waits until every queued deal is pushed (or `timeout`).
    static func synced(_ database: AppDatabase) async throws -> Bool {
        try await OutboxHarness.eventually { try await database.crmSyncStatus(now: TestSupport.now).unsynced == 0 }
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CRMFixtureError.missing }
    return value
}

enum CRMFixtureError: Error { case missing }

extension SignedClient {
    /// `POST /crm/webhook`, signed with `secret` at the client's timestamp (Slack's scheme).
    func crmWebhook(_ json: String, secret: String = CRMFixture.webhookSecret, timestamp: Int64? = nil) async throws -> TestResponse {
        let stamp = timestamp ?? self.timestamp
        let body = Array(json.utf8)
        let signature = RequestSigner(secret: SigningSecret(secret)!).signature(timestamp: stamp, body: body)
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Partnerbot-Request-Timestamp")!] = "\(stamp)"
        fields[HTTPField.Name("X-Partnerbot-Signature")!] = signature
        fields[.contentType] = "application/json"
        return try await client.executeRequest(uri: "/crm/webhook", method: .post, headers: fields, body: ByteBuffer(bytes: body))
    }
}

extension CRMFixture {
    static let hubSpotClientSecret = "hubspot-client-secret-abc"
    static let publicURL = "https://partnerbot.example.com"

    /// A program with HubSpot's webhook configured, DR-1 registered by Ann, approved, and pushed
    /// (so HubSpot's deal id is known).
    static func approvedAndSynced(_ crm: InMemoryCRM) async throws -> TestApp {
        var configured = try await app(crm: crm)
        configured.configuration.crm?.hubspot.clientSecret = ConfiguredSecret(hubSpotClientSecret)
        configured.configuration.server.publicURL = publicURL
        let app = configured
        try await withWorker(app) {
            try await app.test(.router) { client in
                _ = try await client.command("/register", "Acme Corp domain:acme.com", user: ProgramFixture.ann.user, team: ProgramFixture.ann.team)
                _ = try await client.click(
                    "deal_approve", "DR-1", user: ProgramFixture.acmeManager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)
                guard try await synced(app.database) else { throw CRMFixtureError.missing }
            }
        }
        return app
    }
}

extension SignedClient {
    /// `POST /crm/hubspot/webhook`, signed with HubSpot's v3 scheme over the public URL.
    func hubSpotWebhook(_ body: [UInt8], secret: String = CRMFixture.hubSpotClientSecret, at date: Date) async throws -> TestResponse {
        var fields = HTTPFields()
        let uri = CRMFixture.publicURL + "/crm/hubspot/webhook"
        for header in FakeHubSpotWebhookSigner.headers(clientSecret: secret, uri: uri, body: body, at: date) {
            fields[HTTPField.Name(header.name)!] = header.value
        }
        return try await client.executeRequest(uri: "/crm/hubspot/webhook", method: .post, headers: fields, body: ByteBuffer(bytes: body))
    }
}
