import SlackPlatform

/// partnerbot's HubSpot connector (CRM API v3 objects, v4 associations, private app token).
///
/// An upsert is one `POST /crm/v3/objects/deals/batch/upsert` keyed by the unique
/// ``HubSpotSettings/idProperty`` (the endpoint that creates *or* updates: `PATCH …?idProperty=`
/// only updates existing records), then, with a company, a company search, a company create when
/// none matched, and one default deal→company association (`PUT`, idempotent): 1, 3 or 4 calls.
///
/// ```swift
/// let hubspot = HubSpotConnector(settings: HubSpotSettings(token: HubSpotAccessToken(token)), client: CurlRESTClient())
/// let result = try await hubspot.upsert(CRMRecord(registrationID: "DR-12", properties: ["dealname": .text("Acme rollout")]))
/// ```
public struct HubSpotConnector: CRMConnector {
    /// The account and token.
    public let settings: HubSpotSettings
    let client: any RESTClient

    /// The deal properties `openOpportunities(for:)` reads.
    static let opportunityProperties = ["dealname", "dealstage", "hs_is_closed", "hubspot_owner_id", "pipeline"]

    /// Creates a connector.
    /// - Parameters:
    ///   - settings: The account, token and id property.
    ///   - client: The HTTP client (the live `CurlRESTClient`, or one pointed at a fake).
    public init(settings: HubSpotSettings, client: any RESTClient) {
        self.settings = settings
        self.client = client
    }

    public var provider: CRMProvider { .hubspot }

    /// Creates or updates the deal whose ``HubSpotSettings/idProperty`` is `record.registrationID`
    /// (that property is always sent too), then associates it with `record.company`, found by
    /// domain (else by exact name) or created.
    /// - Returns: The HubSpot deal id, and whether this call created the deal.
    /// - Throws: `CRMFailure` (see ``HubSpotErrors``); a bad `.date` is rejected before any call.
    public func upsert(_ record: CRMRecord) async throws(CRMFailure) -> CRMUpsertResult {
        let properties = try HubSpotPropertyEncoding.properties(of: record, idProperty: settings.idProperty)
        let request = HubSpotWire.UpsertRequest(inputs: [.init(idProperty: settings.idProperty, id: record.registrationID, properties: properties)])
        let response = try await send(.post, "/crm/v3/objects/deals/batch/upsert", json: request)
        let batch = try decode(HubSpotWire.BatchResponse.self, from: response, what: "the deal upsert")
        guard let deal = batch.results.first else {
            if let error = batch.errors?.first { throw HubSpotErrors.failure(for: error, token: settings.token) }
            throw .unavailable("the deal upsert answered no result")
        }
        if let company = record.company {
            let companyID = try await findOrCreateCompany(company)
            try await associate(dealID: deal.id, companyID: companyID)
        }
        return CRMUpsertResult(crmID: deal.id, created: deal.new ?? false)
    }

    /// Open deals of the customer's company that partnerbot did not create: the company found by
    /// domain (else exact name), its associated deals, keeping those not closed (`hs_is_closed`
    /// not `true` and `dealstage` neither `closedwon` nor `closedlost`) whose id property is empty.
    /// - Returns: The opportunities in deal id order; `[]` when no company matches.
    public func openOpportunities(for customer: CRMCompany) async throws(CRMFailure) -> [CRMOpportunity] {
        guard let companyID = try await findCompany(customer) else { return [] }
        let dealIDs = try await associatedDealIDs(companyID: companyID)
        let deals = try await readDeals(ids: dealIDs)
        return deals.filter(isDirectSalesOpportunity).map(Self.opportunity).sorted(by: Self.idOrder)
    }

    private func isDirectSalesOpportunity(_ deal: HubSpotWire.Record) -> Bool {
        let closed = deal.property("hs_is_closed") == "true" || ["closedwon", "closedlost"].contains(deal.property("dealstage") ?? "")
        let registration = deal.property(settings.idProperty) ?? ""
        return !closed && registration.isEmpty
    }

    private static func opportunity(_ deal: HubSpotWire.Record) -> CRMOpportunity {
        let owner = deal.property("hubspot_owner_id").flatMap { $0.isEmpty ? nil : $0 }
        return CRMOpportunity(id: deal.id, name: deal.property("dealname") ?? "", stage: deal.property("dealstage"), owner: owner)
    }

    private static func idOrder(_ lhs: CRMOpportunity, _ rhs: CRMOpportunity) -> Bool {
        (lhs.id.count, lhs.id) < (rhs.id.count, rhs.id)
    }
}
