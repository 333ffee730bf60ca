import CRM
import Foundation
import Synchronization

/// A CRM held in memory: the in-memory implementation of `CRMConnector`, for tests of what the
/// bot pushes (the fake HubSpot and Salesforce servers test the wire). Upserts are idempotent by
/// registration reference like the real ones; failures can be scripted.
public final class InMemoryCRM: CRMConnector, Sendable {
    /// One upsert as received.
    public struct Upsert: Sendable, Equatable {
        public var registrationID: String
        public var properties: [String: CRMValue]
        public var company: CRMCompany?
    }

    private struct State {
        var deals: [String: [String: CRMValue]] = [:]
        var ids: [String: String] = [:]
        var upserts: [Upsert] = []
        var failures: [CRMFailure] = []
        var lookupFailures: [CRMFailure] = []
        var opportunities: [String: [CRMOpportunity]] = [:]
        var lookups: [CRMCompany] = []
        var delay: Duration = .zero
        var lookupDelay: Duration = .zero
        var answeredLookups = 0
    }

    public let provider: CRMProvider
    private let state = Mutex(State())

    /// Creates an empty CRM.
    public init(provider: CRMProvider = .hubspot) {
        self.provider = provider
    }

    public func upsert(_ record: CRMRecord) async throws(CRMFailure) -> CRMUpsertResult {
        let delay = state.withLock { $0.delay }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return try state.withLock { state throws(CRMFailure) -> CRMUpsertResult in
            if !state.failures.isEmpty { throw state.failures.removeFirst() }
            state.upserts.append(Upsert(registrationID: record.registrationID, properties: record.properties, company: record.company))
            let created = state.deals[record.registrationID] == nil
            state.deals[record.registrationID, default: [:]].merge(record.properties) { $1 }
            let id = state.ids[record.registrationID] ?? "\(1000 + state.ids.count + 1)"
            state.ids[record.registrationID] = id
            return CRMUpsertResult(crmID: id, created: created)
        }
    }

    public func openOpportunities(for customer: CRMCompany) async throws(CRMFailure) -> [CRMOpportunity] {
        let delay = state.withLock { $0.lookupDelay }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return try state.withLock { state throws(CRMFailure) -> [CRMOpportunity] in
            state.lookups.append(customer)
            state.answeredLookups += 1
            if !state.lookupFailures.isEmpty { throw state.lookupFailures.removeFirst() }
            return state.opportunities[(customer.domain ?? customer.name).lowercased()] ?? []
        }
    }

    /// The deal as the CRM holds it.
    public func deal(_ registrationID: String) -> [String: CRMValue]? { state.withLock { $0.deals[registrationID] } }
    /// The CRM id given to a registration.
    public func crmID(_ registrationID: String) -> String? { state.withLock { $0.ids[registrationID] } }
    /// Every upsert, in order.
    public var upserts: [Upsert] { state.withLock { $0.upserts } }
    /// Checks answered so far (a slow one counts once its delay is over).
    public var answeredLookups: Int { state.withLock { $0.answeredLookups } }
    /// Every open-opportunity check, in order.
    public var lookups: [CRMCompany] { state.withLock { $0.lookups } }
    /// Makes the next upserts fail, in order.
    public func failNextUpserts(_ failures: [CRMFailure]) { state.withLock { $0.failures += failures } }
    /// Makes the next checks fail, in order.
    public func failNextLookups(_ failures: [CRMFailure]) { state.withLock { $0.lookupFailures += failures } }
    /// Adds an open opportunity of direct sales for a customer's domain (or name).
    public func addOpportunity(_ opportunity: CRMOpportunity, forCustomer key: String) {
        state.withLock { $0.opportunities[key.lowercased(), default: []].append(opportunity) }
    }
    /// Makes every upsert take this long.
    public func setDelay(_ delay: Duration) { state.withLock { $0.delay = delay } }
    /// Makes every open-opportunity check take this long.
    public func setLookupDelay(_ delay: Duration) { state.withLock { $0.lookupDelay = delay } }
}
