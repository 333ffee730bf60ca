import CRM
import Foundation

/// An Account in the fake Salesforce.
public struct FakeSalesforceAccount: Sendable, Equatable {
    /// The record id (`001…`).
    public var id: String
    /// `Name`.
    public var name: String
    /// `Website`, when set.
    public var website: String?
}

/// Which Salesforce endpoint a request went to.
public enum FakeSalesforceEndpoint: String, Sendable, CaseIterable {
    /// `POST /services/oauth2/token`.
    case token
    /// `PATCH /sobjects/{Object}/{Field}/{value}`: upsert by external id.
    case upsert
    /// `GET /sobjects/{Object}/{Field}/{value}`: read by external id.
    case readByExternalID
    /// `POST /sobjects/{Object}`: create (Accounts).
    case create
    /// `GET /query?q=…`.
    case query
    /// `GET /query/{locator}`: the next page of a query.
    case queryMore
}

/// A request the fake received.
public struct FakeSalesforceRequest: Sendable {
    /// The endpoint.
    public var endpoint: FakeSalesforceEndpoint
    /// The HTTP method.
    public var method: String
    /// The path, percent-encoded as sent.
    public var path: String
    /// The body, as text.
    public var body: String
    /// The SOQL of a query, decoded.
    public var soql: String?
    /// The bearer token it carried.
    public var bearerToken: String?
}

/// An opportunity (or the configured object's record) in the fake.
struct FakeSalesforceRecord: Sendable {
    var id: String
    var sequence: Int
    var fields: [String: FakeSalesforceJSON]

    /// A field by name, compared case-insensitively as Salesforce does.
    func field(_ name: String) -> FakeSalesforceJSON? {
        if let exact = fields[name] { return exact }
        return fields.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// How the fake Salesforce behaves: credentials it accepts and the object model it enforces.
public struct FakeSalesforceConfiguration: Sendable {
    /// The consumer key both flows must present.
    public var clientID = "fake-consumer-key"
    /// The consumer secret of the client credentials flow.
    public var clientSecret = "fake-consumer-secret"
    /// The username the JWT bearer flow must assert (`sub`).
    public var username = "integration@partnerbot.test"
    /// The PEM public key JWT bearer assertions must be signed with; `nil` refuses the flow.
    public var jwtPublicKeyPEM: String?
    /// The audience (`aud`) assertions must name; `nil` means the fake's own base URL.
    public var jwtAudience: String?
    /// The object deals are upserted into.
    public var object = "Opportunity"
    /// Its external id field.
    public var externalIDField = "Partnerbot_Registration_Id__c"
    /// Fields the object accepts in bodies (others: 400 `INVALID_FIELD`): Opportunity's standard
    /// fields partnerbot maps, the `Partnerbot_…__c` custom fields docs/crm-salesforce.md lists, and
    /// a few more for tests.
    public var allowedFields: Set<String> = [
        "Name", "StageName", "CloseDate", "Amount", "AccountId", "Description", "Probability", "Type", "LeadSource",
        "NextStep", "Partnerbot_Status__c", "Partnerbot_Partner__c", "Partnerbot_Source__c", "Partnerbot_Protection_End__c",
        "Partnerbot_Reason__c", "Partner_Name__c", "Partner_Registered_At__c", "Partner_Seats__c", "Partner_Exclusive__c",
    ]
    /// Fields a new record must have (missing: 400 `REQUIRED_FIELD_MISSING`), Opportunity's.
    public var requiredOnCreate = ["Name", "StageName", "CloseDate"]
    /// Stages for which `IsClosed` is true.
    public var closedStages: Set<String> = ["Closed Won", "Closed Lost"]
    /// When true, an update by external id answers 204 without a body (API versions before 46.0)
    /// instead of 200 with `{"created": false}`.
    public var answersUpdatesWithNoContent = false
    /// Records per query page (Salesforce: up to 2,000).
    public var queryPageSize = 2000
    /// The fake's clock (JWT `exp` checks).
    public var now: @Sendable () -> Date = Date.init

    /// Defaults.
    public init() {}
}
