/// The token endpoint's success answer (`token_type`, `issued_at`, `signature`, `id` unused; it
/// has no `expires_in`).
struct SalesforceTokenResponse: Decodable {
    var accessToken: String
    var instanceURL: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case instanceURL = "instance_url"
    }
}

/// A create or upsert result: `{"id", "success", "errors", "created"}`.
struct SalesforceSaveResult: Decodable {
    var id: String?
    var success: Bool?
    var created: Bool?
    var errors: [SalesforceFailures.APIError]?
}

/// A record read for its id only.
struct SalesforceRecordID: Decodable {
    var id: String

    enum CodingKeys: String, CodingKey {
        case id = "Id"
    }
}

/// One page of a SOQL query: `{totalSize, done, records, nextRecordsUrl}`.
struct SalesforceQueryPage<Row: Decodable>: Decodable {
    var totalSize: Int?
    var done: Bool
    var records: [Row]
    var nextRecordsUrl: String?
}

/// An Account row of the connector's account queries.
struct SalesforceAccountRow: Decodable, Sendable {
    var id: String
    var name: String?
    var website: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case website = "Website"
    }
}

/// An Opportunity row of the open-opportunities query.
struct SalesforceOpportunityRow: Decodable, Sendable {
    struct Owner: Decodable, Sendable {
        var name: String?

        enum CodingKeys: String, CodingKey {
            case name = "Name"
        }
    }

    struct Account: Decodable, Sendable {
        var website: String?

        enum CodingKeys: String, CodingKey {
            case website = "Website"
        }
    }

    var id: String
    var name: String?
    var stageName: String?
    var ownerID: String?
    var owner: Owner?
    var account: Account?

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case stageName = "StageName"
        case ownerID = "OwnerId"
        case owner = "Owner"
        case account = "Account"
    }
}
