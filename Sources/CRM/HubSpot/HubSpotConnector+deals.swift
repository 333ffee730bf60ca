extension HubSpotConnector {
    /// The most association pages read for one company (500 ids a page).
    static let maximumAssociationPages = 20
    /// The most deals `batch/read` takes per call.
    static let batchReadLimit = 100

    /// The ids of the deals associated with a company, every page.
    func associatedDealIDs(companyID: String) async throws(CRMFailure) -> [String] {
        var ids: [String] = []
        var after: String?
        for _ in 0..<Self.maximumAssociationPages {
            var path = "/crm/v4/objects/companies/\(Self.pathSegment(companyID))/associations/deals?limit=500"
            if let after { path += "&after=\(Self.queryValue(after))" }
            let response = try await send(.get, path)
            let page = try decode(HubSpotWire.AssociationsPage.self, from: response, what: "the company's deal associations")
            ids += page.results.map(\.toObjectId.value)
            guard let next = page.paging?.next?.after else { break }
            after = next
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The deals with these ids, with the opportunity properties and the id property (ids HubSpot
    /// no longer has are left out).
    func readDeals(ids: [String]) async throws(CRMFailure) -> [HubSpotWire.Record] {
        var deals: [HubSpotWire.Record] = []
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(start + Self.batchReadLimit, ids.count)]
            let request = HubSpotWire.BatchReadRequest(
                properties: Self.opportunityProperties + [settings.idProperty], inputs: chunk.map { .init(id: $0) })
            let response = try await send(.post, "/crm/v3/objects/deals/batch/read", json: request)
            deals += try decode(HubSpotWire.BatchResponse.self, from: response, what: "the deal batch read").results
            start += Self.batchReadLimit
        }
        return deals
    }
}
