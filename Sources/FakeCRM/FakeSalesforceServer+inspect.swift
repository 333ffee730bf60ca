import CRM
import Foundation

extension FakeSalesforceServer {
    /// The fields of the record whose external id is `registrationID` (as stored: what the client
    /// sent plus the external id and `OwnerId`), with `Id`; `nil` when there is none.
    public func opportunity(byRegistration registrationID: String) -> [String: FakeSalesforceJSON]? {
        state.withLock { state in
            let field = state.configuration.externalIDField
            guard let record = state.records.first(where: { $0.field(field)?.stringValue == registrationID }) else { return nil }
            return record.fields.merging(["Id": .string(record.id)]) { _, id in id }
        }
    }

    /// How many records of the configured object exist.
    public var opportunityCount: Int { state.withLock { $0.records.count } }

    /// The Accounts, oldest first.
    public var accounts: [FakeSalesforceAccount] {
        state.withLock { state in
            state.accounts.map { FakeSalesforceAccount(id: $0.id, name: $0.field("Name")?.stringValue ?? "", website: $0.field("Website")?.stringValue) }
        }
    }

    /// Access tokens issued so far.
    public var tokensIssued: Int { state.withLock { $0.tokensIssued } }

    /// Every request received, in order.
    public var requests: [FakeSalesforceRequest] { state.withLock { $0.requests } }

    /// How many requests went to an endpoint.
    public func requestCount(_ endpoint: FakeSalesforceEndpoint) -> Int {
        state.withLock { $0.requests.filter { $0.endpoint == endpoint }.count }
    }

    /// Adds an Account (as if created in Salesforce by someone else).
    /// - Returns: Its id.
    @discardableResult
    public func addAccount(name: String, website: String? = nil) -> String {
        state.withLock { state in
            let id = state.nextID(prefix: "001")
            var fields: [String: FakeSalesforceJSON] = ["Name": .string(name)]
            if let website { fields["Website"] = .string(website) }
            state.accounts.append(FakeSalesforceRecord(id: id, sequence: state.counter, fields: fields))
            return id
        }
    }

    /// Adds an opportunity as direct sales would: owned by `ownerName`, without a registration
    /// reference unless `registrationID` is given.
    /// - Returns: Its id.
    @discardableResult
    public func addOpportunity(
        name: String, stage: String, accountID: String?, ownerName: String = "Dana Direct", registrationID: String? = nil
    ) -> String {
        state.withLock { state in
            let ownerID = state.owners.first { $0.value == ownerName }?.key ?? state.nextID(prefix: "005")
            state.owners[ownerID] = ownerName
            let id = state.nextID(prefix: "006")
            var fields: [String: FakeSalesforceJSON] = [
                "Name": .string(name), "StageName": .string(stage), "CloseDate": .string("2030-01-31"), "OwnerId": .string(ownerID),
            ]
            if let accountID { fields["AccountId"] = .string(accountID) }
            if let registrationID { fields[state.configuration.externalIDField] = .string(registrationID) }
            state.records.append(FakeSalesforceRecord(id: id, sequence: state.counter, fields: fields))
            return id
        }
    }

    /// Invalidates every access token: the next REST API calls get 401 `INVALID_SESSION_ID`.
    public func expireAllSessions() {
        state.withLock { $0.tokens.removeAll() }
    }

    /// Queues faults for the next REST API calls (one call each; the token endpoint is not
    /// affected): `rateLimited` answers 429 with `Retry-After`, `serverError` that status (503
    /// `SERVER_UNAVAILABLE`), `dropConnection` breaks the answer off, `expiredToken` expires all
    /// sessions.
    public func enqueue(_ faults: FakeCRMFault...) {
        state.withLock { $0.faults.append(contentsOf: faults.map(FakeSalesforceFault.common)) }
    }

    /// Queues Salesforce's own faults (`REQUEST_LIMIT_EXCEEDED`, any error answer) for the next
    /// REST API calls, one call each.
    public func enqueue(salesforce faults: FakeSalesforceFault...) {
        state.withLock { $0.faults.append(contentsOf: faults) }
    }

    /// Changes the configuration (e.g. the allowed fields) for later requests.
    public func updateConfiguration(_ change: (inout FakeSalesforceConfiguration) -> Void) {
        state.withLock { change(&$0.configuration) }
    }
}
