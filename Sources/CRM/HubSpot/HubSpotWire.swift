/// The JSON bodies the connector exchanges with HubSpot's CRM API, only the fields it uses
/// (unknown fields in answers are ignored).
enum HubSpotWire {
    /// `POST /crm/v3/objects/deals/batch/upsert`.
    struct UpsertRequest: Encodable {
        struct Input: Encodable {
            var idProperty: String
            var id: String
            var properties: [String: String]
        }

        var inputs: [Input]
    }

    /// A CRM record as HubSpot returns it (`id` is a string; property values may be `null`).
    struct Record: Decodable {
        var id: String
        var properties: [String: String?]?
        /// Batch upsert only: whether the record was created by this call.
        var new: Bool?

        /// A property's value; `nil` when absent or `null`.
        func property(_ name: String) -> String? {
            properties?[name] ?? nil
        }
    }

    /// A batch answer (`batch/upsert`, `batch/read`): results, plus errors on a 207 multi-status.
    struct BatchResponse: Decodable {
        var status: String?
        var results: [Record]
        var errors: [ErrorBody]?
    }

    /// `POST /crm/v3/objects/{type}/search`.
    struct SearchRequest: Encodable {
        struct Filter: Encodable {
            var propertyName: String
            var `operator`: String
            var value: String
        }

        struct FilterGroup: Encodable {
            var filters: [Filter]
        }

        struct Sort: Encodable {
            var propertyName: String
            var direction: String
        }

        var filterGroups: [FilterGroup]
        var sorts: [Sort]
        var properties: [String]
        var limit: Int
    }

    /// The search answer.
    struct SearchResponse: Decodable {
        var total: Int?
        var results: [Record]
    }

    /// `POST /crm/v3/objects/companies`.
    struct CreateRequest: Encodable {
        var properties: [String: String]
    }

    /// `POST /crm/v3/objects/deals/batch/read`.
    struct BatchReadRequest: Encodable {
        struct Input: Encodable {
            var id: String
        }

        var properties: [String]
        var inputs: [Input]
    }

    /// One page of `GET /crm/v4/objects/{type}/{id}/associations/{toType}`.
    struct AssociationsPage: Decodable {
        struct Association: Decodable {
            var toObjectId: FlexibleID
        }

        struct Paging: Decodable {
            struct Next: Decodable {
                var after: String
            }

            var next: Next?
        }

        var results: [Association]
        var paging: Paging?
    }

    /// HubSpot's error body (every field optional, as its docs advise), rate-limit fields included.
    struct ErrorBody: Decodable {
        var status: String?
        var message: String?
        var category: String?
        var correlationId: String?
        var errorType: String?
        var policyName: String?
    }

    /// An object id HubSpot sends as a JSON number (v4 associations) or string (v3 objects).
    struct FlexibleID: Decodable {
        var value: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = String(number)
            } else {
                value = try container.decode(String.self)
            }
        }
    }
}
