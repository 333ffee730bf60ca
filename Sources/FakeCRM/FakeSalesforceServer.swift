import CRM
import FakeSlack
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A Salesforce double on loopback: the OAuth token endpoint (client credentials and JWT bearer),
/// sObject upserts by external id, Account creation and SOQL queries of the shapes the connector
/// sends, with Salesforce's status codes and error bodies. It can expire every session, and
/// injects queued faults (`FakeCRMFault`, `FakeSalesforceFault`) into the next REST API calls (not
/// the token endpoint).
/// Restarting keeps the data, the issued tokens and the port.
public final class FakeSalesforceServer: Sendable {
    struct State {
        var configuration: FakeSalesforceConfiguration
        var tokens: Set<String> = []
        var tokensIssued = 0
        var accounts: [FakeSalesforceRecord] = []
        var records: [FakeSalesforceRecord] = []
        var faults: [FakeSalesforceFault] = []
        var requests: [FakeSalesforceRequest] = []
        var cursors: [String: [FakeSalesforceJSON]] = [:]
        var owners: [String: String] = [FakeSalesforceServer.integrationUser.id: FakeSalesforceServer.integrationUser.name]
        var counter = 0

        /// A new Salesforce-shaped 18-character id with the object's key prefix.
        mutating func nextID(prefix: String) -> String {
            counter += 1
            let digits = String(counter)
            return prefix + String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "AAA"
        }
    }

    let state: Mutex<State>

    /// The user partnerbot's API calls run as (owner of the records it creates).
    public static let integrationUser = (id: "005000000000001AAA", name: "Partnerbot Integration")

    /// Creates a server (not yet listening).
    public init(configuration: FakeSalesforceConfiguration = FakeSalesforceConfiguration()) {
        state = Mutex(State(configuration: configuration))
    }

    /// The bound port (0 before the first start).
    public var port: Int { listener.port }
    private let listener = LoopbackListener()
    /// `http://127.0.0.1:PORT`: the login URL and the `instance_url` it hands out.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening: on a free port the first time, on the same port after a stop.
    public func start() async throws {
        let router = Router()
        route(router)
        let started = await listener.start { port in
            await LoopbackServer.serve(router, port: port, name: "fake-salesforce")
        }
        guard started else { throw FakeSlackError.didNotStart }
    }

    /// Stops listening; the data stays.
    public func stop() async {
        await listener.stop()
    }

    private func route(_ router: Router<BasicRequestContext>) {
        router.post("/services/oauth2/token") { request, _ in try await self.token(request) }
        router.patch("/services/data/{version}/sobjects/{object}/{field}/{value}") { request, context in
            try await self.handle(.upsert, request, context) { body, parameters in self.upsert(body: body, parameters) }
        }
        router.get("/services/data/{version}/sobjects/{object}/{field}/{value}") { request, context in
            try await self.handle(.readByExternalID, request, context) { _, parameters in self.read(parameters) }
        }
        router.post("/services/data/{version}/sobjects/{object}") { request, context in
            try await self.handle(.create, request, context) { body, parameters in self.create(body: body, parameters) }
        }
        router.get("/services/data/{version}/query") { request, context in
            try await self.handle(.query, request, context) { _, parameters in self.query(parameters) }
        }
        router.get("/services/data/{version}/query/{locator}") { request, context in
            try await self.handle(.queryMore, request, context) { _, parameters in self.queryMore(parameters) }
        }
    }
}
