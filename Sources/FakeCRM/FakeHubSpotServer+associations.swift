/// The v4 association endpoints: create the default association, list a record's associations.
extension FakeHubSpotServer {
    /// HubSpot's default association type ids (deal→company 341, company→deal 342).
    static let dealToCompanyTypeID = 341
    static let companyToDealTypeID = 342

    static func associate(_ state: inout State, from: String?, fromID: String?, to: String?, toID: String?) -> FakeHubSpotAnswer {
        let pair: (deal: String, company: String)
        switch (ObjectType(from), ObjectType(to)) {
        case (.deal, .company): pair = (fromID ?? "", toID ?? "")
        case (.company, .deal): pair = (toID ?? "", fromID ?? "")
        default: return .error(.badRequest, category: "VALIDATION_ERROR", "the fake only associates deals and companies")
        }
        guard state.store.associate(dealID: pair.deal, companyID: pair.company) else {
            return .error(.notFound, category: "OBJECT_NOT_FOUND", "No deal \(pair.deal) or no company \(pair.company)")
        }
        typealias Result = FakeHubSpotJSON.DefaultAssociation.Result
        let results = [
            Result(from: .init(id: pair.deal), to: .init(id: pair.company), associationSpec: .init(associationTypeId: dealToCompanyTypeID)),
            Result(from: .init(id: pair.company), to: .init(id: pair.deal), associationSpec: .init(associationTypeId: companyToDealTypeID)),
        ]
        let now = FakeHubSpotJSON.now()
        return .json(.ok, FakeHubSpotJSON.DefaultAssociation(results: results, startedAt: now, completedAt: now))
    }

    static func listAssociations(_ state: State, from: String?, fromID: String?, to: String?, limit: Int?, after: String?) -> FakeHubSpotAnswer {
        let ids: [String]
        let typeID: Int
        switch (ObjectType(from), ObjectType(to)) {
        case (.company, .deal):
            ids = state.store.associations.filter { $0.companyID == fromID }.map(\.dealID)
            typeID = companyToDealTypeID
        case (.deal, .company):
            ids = state.store.associations.filter { $0.dealID == fromID }.map(\.companyID)
            typeID = dealToCompanyTypeID
        default:
            return .error(.badRequest, category: "VALIDATION_ERROR", "the fake only lists deal/company associations")
        }
        let start = after.flatMap(Int.init) ?? 0
        let pageSize = min(max(limit ?? 500, 1), state.behaviour.associationPageSize)
        let page = ids.dropFirst(start).prefix(pageSize)
        let results = page.map {
            FakeHubSpotJSON.AssociationList.Result(toObjectId: Int64($0) ?? 0, associationTypes: [.init(typeId: typeID)])
        }
        let end = start + page.count
        let paging = end < ids.count
            ? FakeHubSpotJSON.AssociationList.Paging(next: .init(after: String(end), link: "?after=\(end)")) : nil
        return .json(.ok, FakeHubSpotJSON.AssociationList(results: results, paging: paging))
    }
}
