extension FakeHubSpotServer {
    /// Every company, in creation order.
    public var companies: [FakeHubSpotCompany] { state.withLock { $0.store.companies } }
    /// Every deal, in creation order.
    public var deals: [FakeHubSpotDeal] { state.withLock { $0.store.deals } }
    /// Every deal↔company association, in creation order.
    public var associations: [FakeHubSpotAssociation] { state.withLock { $0.store.associations } }

    /// The properties of the deal whose id property is `registration`.
    public func deal(registration: String) -> [String: String]? {
        dealRecord(registration: registration)?.properties
    }

    /// The deal whose id property is `registration`.
    public func dealRecord(registration: String) -> FakeHubSpotDeal? {
        state.withLock { state in
            state.store.dealIndex(unique: registration, property: state.behaviour.idProperty).map { state.store.deals[$0] }
        }
    }

    /// The properties of the deal with this HubSpot id.
    public func deal(id: String) -> [String: String]? {
        state.withLock { $0.store.deal(id: id)?.properties }
    }

    /// The companies associated with a deal.
    public func companyIDs(ofDeal dealID: String) -> [String] {
        associations.filter { $0.dealID == dealID }.map(\.companyID)
    }

    /// Adds a company, as if created in HubSpot.
    /// - Returns: Its id.
    @discardableResult
    public func addCompany(name: String, domain: String?) -> String {
        var properties = ["name": name]
        if let domain { properties["domain"] = domain }
        return state.withLock { $0.store.createCompany(properties).id }
    }

    /// Adds a deal as direct sales would (no registration reference unless given), associated with
    /// a company when `companyID` is given.
    /// - Returns: Its id.
    /// - Throws: When the id property value is taken, or the company does not exist.
    @discardableResult
    public func addDeal(_ properties: [String: String], companyID: String? = nil) throws(FakeHubSpotError) -> String {
        try state.withLock { state throws(FakeHubSpotError) -> String in
            if let companyID, state.store.company(id: companyID) == nil { throw .unknownCompany(companyID) }
            let id = try state.store.addDeal(properties, idProperty: state.behaviour.idProperty, closedStages: state.behaviour.closedDealStages)
            if let companyID { _ = state.store.associate(dealID: id, companyID: companyID) }
            return id
        }
    }

    /// Changes a deal's properties, as a HubSpot user would ("" clears one).
    public func updateDeal(id: String, properties: [String: String]) throws(FakeHubSpotError) {
        try state.withLock { state throws(FakeHubSpotError) in
            try state.store.updateDeal(id: id, properties, idProperty: state.behaviour.idProperty, closedStages: state.behaviour.closedDealStages)
        }
    }
}
