import CRM
import FakeSlack
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A HubSpot CRM API double on loopback, for the HubSpot connector's tests and partnerbot's.
///
/// It answers exactly what the connector calls, in HubSpot's documented shapes: deal batch upsert
/// by a unique id property, company search and create, the v4 default deal→company association,
/// a company's deal associations (paged) and deal batch read. It requires the private app token
/// as a bearer token, keeps the id property unique, validates deal properties (unknown names, dates
/// that are not midnight UTC, non-numeric amounts), computes `hs_is_closed` from the stage, and
/// injects faults from a queue, one per request (or per request to a given endpoint): 429 with `Retry-After` and HubSpot's rate-limit
/// body, 5xx, a dropped connection, an expired token. Requests are counted per endpoint.
///
/// Stop and start again to simulate an outage: the port and every record are kept.
public final class FakeHubSpotServer: Sendable {
    /// How the server behaves.
    public struct Behaviour: Sendable {
        /// Bearer tokens accepted; `nil` accepts any request, even without one.
        public var acceptedTokens: Set<String>? = [FakeHubSpotServer.defaultToken]
        /// The deal property with unique values that upserts may use as `idProperty`.
        public var idProperty = "partnerbot_registration_id"
        /// Deal properties that exist (plus ``idProperty``); `nil` accepts any name.
        public var dealProperties: Set<String>? = FakeHubSpotServer.standardDealProperties
        /// Stages whose deals are closed (`hs_is_closed` is `true`).
        public var closedDealStages: Set<String> = ["closedwon", "closedlost"]
        /// The most associations answered per page (HubSpot: 500).
        public var associationPageSize = 500

        /// Defaults: the default token, HubSpot's standard deal properties.
        public init() {}
    }

    /// The token ``Behaviour/acceptedTokens`` holds by default.
    public static let defaultToken = "pat-na1-11111111-2222-3333-4444-555555555555"
    /// HubSpot's standard deal properties that a partnerbot mapping may write.
    public static let standardDealProperties: Set<String> = [
        "dealname", "amount", "closedate", "dealstage", "pipeline", "hubspot_owner_id", "dealtype", "description",
        "hs_priority", "hs_next_step", "hs_forecast_amount", "hs_forecast_probability", "deal_currency_code",
    ]

    enum Fault: Sendable {
        case common(FakeCRMFault)
        case rateLimit(policyName: String, retryAfterSeconds: Int?)
    }

    struct State {
        var behaviour: Behaviour
        var store = FakeHubSpotStore()
        var faults: [(fault: Fault, endpoint: FakeHubSpotEndpoint?)] = []
        var counts: [FakeHubSpotEndpoint: Int] = [:]
    }

    let state: Mutex<State>

    /// Creates a server (not yet listening).
    public init(behaviour: Behaviour = Behaviour()) {
        state = Mutex(State(behaviour: behaviour))
    }

    /// The bound port (0 before the first start).
    public var port: Int { listener.port }
    private let listener = LoopbackListener()
    /// The API base URL for `HubSpotSettings.apiBaseURL`: `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The current behaviour.
    public var behaviour: Behaviour { state.withLock { $0.behaviour } }

    /// Changes the behaviour (records are kept).
    public func setBehaviour(_ behaviour: Behaviour) {
        state.withLock { $0.behaviour = behaviour }
    }

    /// Starts listening: on a free port the first time, on the same port after a stop.
    public func start() async throws {
        let router = makeRouter()
        let started = await listener.start { port in
            await LoopbackServer.serve(router, port: port, name: "fake-hubspot")
        }
        guard started else { throw FakeHubSpotError.didNotStart }
    }

    /// Stops listening; open connections are closed.
    public func stop() async {
        await listener.stop()
    }
}

// MARK: - Faults and counts

extension FakeHubSpotServer {
    /// Queues faults; each later request takes the next one instead of being served.
    public func inject(_ faults: FakeCRMFault...) {
        state.withLock { $0.faults += faults.map { (Fault.common($0), nil) } }
    }

    /// Queues a fault for the next request to `endpoint` only (other requests are served).
    public func inject(_ fault: FakeCRMFault, on endpoint: FakeHubSpotEndpoint) {
        state.withLock { $0.faults.append((.common(fault), endpoint)) }
    }

    /// Queues a 429 with HubSpot's rate-limit body for `policyName` (`SECONDLY`,
    /// `TEN_SECONDLY_ROLLING`, `DAILY`), with `Retry-After` only when `retryAfterSeconds` is given.
    public func injectRateLimit(policyName: String, retryAfterSeconds: Int?, on endpoint: FakeHubSpotEndpoint? = nil) {
        state.withLock { $0.faults.append((.rateLimit(policyName: policyName, retryAfterSeconds: retryAfterSeconds), endpoint)) }
    }

    /// Faults still queued.
    public var pendingFaults: Int { state.withLock { $0.faults.count } }

    /// Requests received on `endpoint` (faulted and refused ones included).
    public func requestCount(_ endpoint: FakeHubSpotEndpoint) -> Int {
        state.withLock { $0.counts[endpoint] ?? 0 }
    }

    /// Requests received on every endpoint.
    public var requestCount: Int { state.withLock { $0.counts.values.reduce(0, +) } }

    /// Forgets the request counts (e.g. after seeding through the connector).
    public func resetRequestCounts() {
        state.withLock { $0.counts = [:] }
    }
}
