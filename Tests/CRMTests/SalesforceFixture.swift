import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Synchronization
import Testing

/// A clock tests move by hand (token ageing, JWT `exp`).
final class SalesforceTestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// The fake Salesforce on loopback and connectors that talk to it through the real libcurl client.
struct SalesforceFixture {
    let server: FakeSalesforceServer
    let client: CurlRESTClient
    let clock: SalesforceTestClock

    static let secret = "s3cr3t-consumer-secret-value"

    /// Starts a fake with the given configuration changes.
    static func start(_ configure: (inout FakeSalesforceConfiguration) -> Void = { _ in }) async throws -> SalesforceFixture {
        let clock = SalesforceTestClock()
        var configuration = FakeSalesforceConfiguration()
        configuration.clientSecret = secret
        configuration.now = { clock.now }
        configure(&configuration)
        let server = FakeSalesforceServer(configuration: configuration)
        try await server.start()
        return SalesforceFixture(server: server, client: CurlRESTClient(maxConcurrentRequests: 4, timeout: .seconds(10)), clock: clock)
    }

    /// Client credentials settings pointing at the fake.
    func settings(secret: String = SalesforceFixture.secret) -> SalesforceSettings {
        SalesforceSettings(loginURL: server.baseURL, auth: .clientCredentials(clientID: "fake-consumer-key", clientSecret: secret))
    }

    /// A connector on the fixture's clock.
    func connector(_ settings: SalesforceSettings? = nil) -> SalesforceConnector {
        let clock = self.clock
        return SalesforceConnector(settings: settings ?? self.settings(), client: client, now: { clock.now })
    }

    func stop() async {
        await server.stop()
        client.shutDown()
    }

    /// A deal with the fields Salesforce requires on create.
    static func deal(_ registrationID: String, name: String = "Acme via Partner", company: CRMCompany? = nil, extra: [String: CRMValue] = [:]) -> CRMRecord {
        var properties: [String: CRMValue] = ["Name": .text(name), "StageName": .text("Prospecting"), "CloseDate": .date("2030-06-30")]
        properties.merge(extra) { _, new in new }
        return CRMRecord(registrationID: registrationID, properties: properties, company: company)
    }
}

/// Runs `body` and returns the `CRMFailure` it threw (a test failure when it did not throw one).
func salesforceFailure<T>(_ body: () async throws -> T) async -> CRMFailure? {
    do {
        _ = try await body()
        Issue.record("expected a CRMFailure")
        return nil
    } catch let failure as CRMFailure {
        return failure
    } catch {
        Issue.record("expected a CRMFailure, got \(error)")
        return nil
    }
}
