extension HubSpotConnector {
    /// The id of the company matching `company`, creating it (name and domain) when none does.
    func findOrCreateCompany(_ company: CRMCompany) async throws(CRMFailure) -> String {
        if let id = try await findCompany(company) { return id }
        var properties = ["name": company.name]
        if let domain = company.domain, !domain.isEmpty { properties["domain"] = domain }
        let response = try await send(.post, "/crm/v3/objects/companies", json: HubSpotWire.CreateRequest(properties: properties))
        return try decode(HubSpotWire.Record.self, from: response, what: "the company create").id
    }

    /// The oldest company whose `domain` equals the domain (when given), else whose `name` equals
    /// the name; `nil` when none does.
    func findCompany(_ company: CRMCompany) async throws(CRMFailure) -> String? {
        let filter: HubSpotWire.SearchRequest.Filter
        if let domain = company.domain, !domain.isEmpty {
            filter = .init(propertyName: "domain", operator: "EQ", value: domain)
        } else {
            filter = .init(propertyName: "name", operator: "EQ", value: company.name)
        }
        let search = HubSpotWire.SearchRequest(
            filterGroups: [.init(filters: [filter])], sorts: [.init(propertyName: "createdate", direction: "ASCENDING")],
            properties: ["name", "domain"], limit: 1)
        let response = try await send(.post, "/crm/v3/objects/companies/search", json: search)
        return try decode(HubSpotWire.SearchResponse.self, from: response, what: "the company search").results.first?.id
    }

    /// Associates the deal with the company with the default (unlabeled) association; HubSpot
    /// keeps one association per pair, so repeating it changes nothing.
    func associate(dealID: String, companyID: String) async throws(CRMFailure) {
        let path = "/crm/v4/objects/deals/\(Self.pathSegment(dealID))/associations/default/companies/\(Self.pathSegment(companyID))"
        _ = try await send(.put, path)
    }
}
