import Foundation

/// Which CRM a connector speaks to.
public enum CRMProvider: String, Sendable, Equatable, CaseIterable {
    case hubspot
    case salesforce
}

/// One CRM's API, as partnerbot uses it: deals are upserted by their registration reference (an
/// idempotent write: sending the same record twice leaves one deal), and open opportunities are
/// looked up by customer before a registration is accepted. Implementations talk HTTP through an
/// injected `RESTClient` and never log a token or secret.
public protocol CRMConnector: Sendable {
    /// The CRM.
    var provider: CRMProvider { get }

    /// Creates or updates the deal whose external id is `record.registrationID`, with exactly the
    /// given properties, associated with `record.company` when given.
    /// - Throws: `CRMFailure`: rate limited, unavailable (retry), unauthorized, or rejected (permanent,
    ///   with the CRM's own error text).
    func upsert(_ record: CRMRecord) async throws(CRMFailure) -> CRMUpsertResult

    /// Open opportunities (not closed won or lost) for a customer, matched by domain (when given)
    /// or by company name, that partnerbot did not create (no registration reference): direct
    /// sales' pipeline.
    func openOpportunities(for customer: CRMCompany) async throws(CRMFailure) -> [CRMOpportunity]
}

/// What a deal looks like in the CRM: its registration reference and its properties, already
/// mapped to the CRM's property (field) names.
public struct CRMRecord: Sendable, Equatable {
    /// `DR-<n>`: the external id (HubSpot: the unique id property; Salesforce: the external id field).
    public var registrationID: String
    /// CRM property name → value.
    public var properties: [String: CRMValue]
    /// The customer company, to associate the deal with (found by domain, else created).
    public var company: CRMCompany?

    /// Creates a record.
    public init(registrationID: String, properties: [String: CRMValue], company: CRMCompany? = nil) {
        self.registrationID = registrationID
        self.properties = properties
        self.company = company
    }
}

/// A customer company.
public struct CRMCompany: Sendable, Equatable {
    /// The name as the partner typed it.
    public var name: String
    /// The normalized domain (`acme.com`), when known.
    public var domain: String?

    /// Creates a company reference.
    public init(name: String, domain: String?) {
        self.name = name
        self.domain = domain
    }
}

/// A property value. Each connector encodes it the way its API wants (HubSpot: strings, dates as
/// midnight UTC milliseconds or `YYYY-MM-DD`; Salesforce: JSON types, dates `YYYY-MM-DD`).
public enum CRMValue: Sendable, Equatable {
    /// Text.
    case text(String)
    /// A decimal number (amounts: never a binary floating point).
    case decimal(Decimal)
    /// A whole number.
    case integer(Int)
    /// A calendar date, `YYYY-MM-DD`.
    case date(String)
    /// An instant.
    case timestamp(Date)
    /// A boolean.
    case bool(Bool)
    /// Clears the property.
    case null
}

/// What an upsert did.
public struct CRMUpsertResult: Sendable, Equatable {
    /// The CRM's own id of the deal (HubSpot deal id, Salesforce record id).
    public var crmID: String
    /// Whether it was created (else updated).
    public var created: Bool

    /// Creates a result.
    public init(crmID: String, created: Bool) {
        self.crmID = crmID
        self.created = created
    }
}

/// An open opportunity found in the CRM.
public struct CRMOpportunity: Sendable, Equatable {
    /// The CRM's id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its stage, as the CRM names it.
    public var stage: String?
    /// Its owner (user id or name), when the CRM says.
    public var owner: String?

    /// Creates an opportunity.
    public init(id: String, name: String, stage: String?, owner: String?) {
        self.id = id
        self.name = name
        self.stage = stage
        self.owner = owner
    }
}

/// Why a CRM call did not succeed.
public enum CRMFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Rate limited (HTTP 429, Salesforce `REQUEST_LIMIT_EXCEEDED`): wait `retryAfter` (when the
    /// CRM said) and try again; not counted as a failed attempt.
    case rateLimited(retryAfter: Duration?)
    /// A transient failure (5xx, timeout, dropped connection): retried with backoff.
    case unavailable(String)
    /// The credentials were refused even after getting a fresh token: retried with backoff (an
    /// operator may be rotating them), reported in `crm status`.
    case unauthorized(String)
    /// The CRM refused the request (bad mapping, missing field permission, validation): permanent;
    /// the CRM's own error text.
    case rejected(String)

    /// Whether retrying the same request can succeed.
    public var isPermanent: Bool {
        if case .rejected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .rateLimited(let after): "rate limited" + (after.map { " (retry after \($0))" } ?? "")
        case .unavailable(let why): "unavailable: \(why)"
        case .unauthorized(let why): "unauthorized: \(why)"
        case .rejected(let why): "rejected: \(why)"
        }
    }
}
