import Foundation
import Logging
import SlackPlatform
import Synchronization

/// Salesforce, as partnerbot uses it: deals upserted by the registration reference into the
/// external id field (`PATCH /sobjects/{Object}/{Field}/{DR-n}`), associated with an Account
/// found by website (or exact name) or created, and open opportunities of direct sales found
/// with SOQL.
///
/// One access token is shared by all calls. It is requested on first use, again shortly before
/// ``SalesforceSettings/sessionLifetime`` elapses, and again when Salesforce answers 401
/// `INVALID_SESSION_ID` (the request is then retried once). Concurrent calls that need a new
/// token wait for the same token request. Tokens and secrets never appear in errors or logs.
///
/// ```swift
/// let crm = SalesforceConnector(settings: settings, client: CurlRESTClient())
/// let result = try await crm.upsert(CRMRecord(registrationID: "DR-12", properties: fields, company: customer))
/// ```
public final class SalesforceConnector: CRMConnector {
    /// `.salesforce`.
    public let provider = CRMProvider.salesforce
    let settings: SalesforceSettings
    let client: any RESTClient
    let now: @Sendable () -> Date
    let logger: Logger
    let failures: SalesforceFailures
    let sessions = Mutex(SessionState())

    /// The most pages of query results read (2,000 records each at most).
    static let maxQueryPages = 10

    /// Creates a connector.
    /// - Parameters:
    ///   - settings: Login URL, API version, object, external id field and credentials.
    ///   - client: Sends the HTTP requests (the libcurl client in production).
    ///   - now: The clock that ages tokens and dates JWT assertions.
    ///   - logger: Token refreshes and retries, at debug level; never a token or secret.
    public init(
        settings: SalesforceSettings, client: any RESTClient, now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "partnerbot.crm.salesforce", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.settings = settings
        self.client = client
        self.now = now
        self.logger = logger
        self.failures = SalesforceFailures(rateLimitRetryAfter: settings.rateLimitRetryAfter, secrets: settings.auth.secrets)
    }

    /// Creates or updates the record whose external id field holds `record.registrationID`.
    ///
    /// The body carries `record.properties` as JSON types (never the external id field, which is
    /// in the URL) and, when `record.company` is given, `AccountId` of the customer's Account.
    /// - Throws: `CRMFailure`; `.rejected` with Salesforce's `errorCode: message` for invalid
    ///   fields, missing required fields or validation rules.
    public func upsert(_ record: CRMRecord) async throws(CRMFailure) -> CRMUpsertResult {
        try checkConfiguredNames()
        guard !record.registrationID.isEmpty else { throw .rejected("the registration id is empty") }
        var fields = record.properties.filter { $0.key.caseInsensitiveCompare(settings.externalIDField) != .orderedSame }
        if let company = record.company {
            fields["AccountId"] = .text(try await accountID(for: company))
        }
        let body: [UInt8]
        do {
            body = try SalesforceJSONBody.object(fields)
        } catch {
            throw .rejected("\(error.field): \(error.reason)")
        }
        let response = try await authorized { session in
            RESTRequest(method: .patch, url: self.recordURL(session, registrationID: record.registrationID), headers: self.headers(session, json: true), body: body)
        }
        return try await upsertResult(response, registrationID: record.registrationID)
    }

    /// Open opportunities without a registration reference whose Account matches the customer:
    /// the domain in the Account's website (when known), and the Account's exact name (many
    /// Accounts have no website).
    /// - Returns: Id, name, stage (`StageName`) and owner (`Owner.Name`, else `OwnerId`): website
    ///   matches, then name matches, each oldest first, each opportunity once.
    public func openOpportunities(for customer: CRMCompany) async throws(CRMFailure) -> [CRMOpportunity] {
        try checkConfiguredNames()
        var rows: [SalesforceOpportunityRow] = []
        if let domain = customer.domain.flatMap(SalesforceWebsite.normalizedDomain) {
            let byWebsite: [SalesforceOpportunityRow] = try await query(openOpportunitiesSOQL(.website(domain)))
            rows = byWebsite.filter { SalesforceWebsite.matches($0.account?.website, domain: domain) }
        }
        let name = customer.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !name.isEmpty {
            let byName: [SalesforceOpportunityRow] = try await query(openOpportunitiesSOQL(.name(name)))
            let found = Set(rows.map(\.id))
            rows += byName.filter { !found.contains($0.id) }
        }
        return rows.map { CRMOpportunity(id: $0.id, name: $0.name ?? "", stage: $0.stageName, owner: $0.owner?.name ?? $0.ownerID) }
    }

    private func openOpportunitiesSOQL(_ account: SalesforceSOQL.AccountMatch) -> String {
        SalesforceSOQL.openOpportunities(object: settings.object, externalIDField: settings.externalIDField, account: account)
    }

    /// Refuses object and field names that are not Salesforce API names (they go into URLs and SOQL).
    func checkConfiguredNames() throws(CRMFailure) {
        for name in [settings.object, settings.externalIDField] where !SalesforceSOQL.isAPIName(name) {
            throw .rejected("\(name) is not a Salesforce API name (letters, digits and underscores)")
        }
        guard settings.apiVersion.hasPrefix("v"), Double(settings.apiVersion.dropFirst()) != nil else {
            throw .rejected("API version \(settings.apiVersion) is not vXX.X")
        }
    }
}
