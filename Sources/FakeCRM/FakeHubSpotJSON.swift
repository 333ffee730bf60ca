import Foundation

/// The JSON the fake HubSpot reads and writes, written from HubSpot's API reference independently
/// of the connector's own types (so a shared mistake cannot hide).
enum FakeHubSpotJSON {
    struct UpsertBody: Decodable {
        struct Input: Decodable {
            var id: String
            var idProperty: String?
            var properties: [String: String]
        }

        var inputs: [Input]
    }

    struct CreateBody: Decodable {
        var properties: [String: String]
    }

    struct BatchReadBody: Decodable {
        struct Input: Decodable {
            var id: String
        }

        var properties: [String]?
        var inputs: [Input]
    }

    struct SearchBody: Decodable {
        struct Filter: Decodable {
            var propertyName: String
            var `operator`: String
            var value: String?
        }

        struct Group: Decodable {
            var filters: [Filter]
        }

        var filterGroups: [Group]?
        var properties: [String]?
        var limit: Int?
    }

    /// A record as the v3 objects API returns it.
    struct Object: Encodable {
        var id: String
        var properties: [String: String?]
        var createdAt: String
        var updatedAt: String
        var archived = false
        var new: Bool?
    }

    struct Batch: Encodable {
        var status = "COMPLETE"
        var results: [Object]
        var errors: [ErrorBody]?
        var numErrors: Int?
        var startedAt: String
        var completedAt: String
    }

    struct SearchResults: Encodable {
        var total: Int
        var results: [Object]
    }

    struct AssociationList: Encodable {
        struct AssociationType: Encodable {
            var category = "HUBSPOT_DEFINED"
            var typeId: Int
            var label: String?
        }

        struct Result: Encodable {
            var toObjectId: Int64
            var associationTypes: [AssociationType]
        }

        struct Paging: Encodable {
            struct Next: Encodable {
                var after: String
                var link: String
            }

            var next: Next
        }

        var results: [Result]
        var paging: Paging?
    }

    struct DefaultAssociation: Encodable {
        struct Ref: Encodable {
            var id: String
        }

        struct Spec: Encodable {
            var associationCategory = "HUBSPOT_DEFINED"
            var associationTypeId: Int
        }

        struct Result: Encodable {
            var from: Ref
            var to: Ref
            var associationSpec: Spec
        }

        var status = "COMPLETE"
        var results: [Result]
        var startedAt: String
        var completedAt: String
    }

    /// HubSpot's error body (rate-limit answers add `errorType`, `policyName`, `requestId`).
    struct ErrorBody: Encodable {
        var status = "error"
        var message: String
        var correlationId = UUID().uuidString.lowercased()
        var category: String?
        var errorType: String?
        var policyName: String?
        var requestId: String?
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map(Array.init) ?? Array(#"{"status":"error","message":"encoding failed"}"#.utf8)
    }

    static func now() -> String {
        Date.now.formatted(.iso8601)
    }
}
