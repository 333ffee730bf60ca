/// A company the fake HubSpot holds.
public struct FakeHubSpotCompany: Sendable, Equatable {
    /// HubSpot's id (numeric text).
    public var id: String
    /// Property name → value (cleared properties are absent).
    public var properties: [String: String]

    /// The `name` property.
    public var name: String? { properties["name"] }
    /// The `domain` property.
    public var domain: String? { properties["domain"] }
}

/// A deal the fake HubSpot holds.
public struct FakeHubSpotDeal: Sendable, Equatable {
    /// HubSpot's id (numeric text).
    public var id: String
    /// Property name → value (cleared properties are absent; `hs_is_closed` is computed).
    public var properties: [String: String]
}

/// A deal↔company association (HubSpot keeps at most one default association per pair).
public struct FakeHubSpotAssociation: Sendable, Hashable {
    /// The deal's id.
    public var dealID: String
    /// The company's id.
    public var companyID: String

    /// Creates an association value (to compare with ``FakeHubSpotServer/associations``).
    public init(dealID: String, companyID: String) {
        self.dealID = dealID
        self.companyID = companyID
    }
}

/// The endpoints the fake HubSpot answers, for request counts.
public enum FakeHubSpotEndpoint: String, Sendable, CaseIterable {
    /// `POST /crm/v3/objects/deals/batch/upsert`.
    case dealsBatchUpsert
    /// `POST /crm/v3/objects/deals/batch/read`.
    case dealsBatchRead
    /// `POST /crm/v3/objects/{companies|deals}/search`.
    case search
    /// `POST /crm/v3/objects/companies`.
    case companiesCreate
    /// `PUT /crm/v4/objects/deals/{id}/associations/default/companies/{id}`.
    case associationCreate
    /// `GET /crm/v4/objects/companies/{id}/associations/deals`.
    case associationsList
}

/// Why the fake HubSpot refused a test's own call.
public enum FakeHubSpotError: Error, Sendable, Equatable {
    /// No port was bound.
    case didNotStart
    /// Another deal already has this value of the unique id property.
    case duplicateUniqueValue(String)
    /// No company has this id.
    case unknownCompany(String)
    /// No deal has this id.
    case unknownDeal(String)
}
