import Foundation

/// The v3 objects endpoints: deal batch upsert and read, search, company create.
extension FakeHubSpotServer {
    enum ObjectType {
        case deal, company

        init?(_ name: String?) {
            switch name?.lowercased() {
            case "deals", "deal", "0-3": self = .deal
            case "companies", "company", "0-2": self = .company
            default: return nil
            }
        }
    }

    static func upsert(_ state: inout State, type: String?, body: [UInt8]) -> FakeHubSpotAnswer {
        guard ObjectType(type) == .deal else { return unsupported(type) }
        guard let input = decode(FakeHubSpotJSON.UpsertBody.self, body) else { return invalidJSON() }
        let behaviour = state.behaviour
        for item in input.inputs where item.idProperty != behaviour.idProperty {
            let name = item.idProperty ?? "hs_object_id"
            return .error(.badRequest, category: "VALIDATION_ERROR", "\(name) is not a unique identifier property; upsert needs one (\(behaviour.idProperty))")
        }
        let problems = input.inputs.flatMap { FakeHubSpotStore.validateDeal($0.properties, known: behaviour.dealProperties, idProperty: behaviour.idProperty) }
        guard problems.isEmpty else { return invalidProperties(problems) }
        let objects = input.inputs.map { item in
            let (deal, created) = state.store.upsertDeal(
                idProperty: behaviour.idProperty, value: item.id, properties: item.properties, closedStages: behaviour.closedDealStages)
            return object(id: deal.id, properties: deal.properties, requested: nil, new: created)
        }
        let now = FakeHubSpotJSON.now()
        return .json(.ok, FakeHubSpotJSON.Batch(results: objects, startedAt: now, completedAt: now))
    }

    static func batchRead(_ state: State, type: String?, body: [UInt8]) -> FakeHubSpotAnswer {
        guard ObjectType(type) == .deal else { return unsupported(type) }
        guard let input = decode(FakeHubSpotJSON.BatchReadBody.self, body) else { return invalidJSON() }
        var results: [FakeHubSpotJSON.Object] = []
        var missing: [String] = []
        for item in input.inputs {
            guard let deal = state.store.deal(id: item.id) else {
                missing.append(item.id)
                continue
            }
            results.append(object(id: deal.id, properties: deal.properties, requested: input.properties ?? ["dealname", "amount", "dealstage"], new: nil))
        }
        let now = FakeHubSpotJSON.now()
        guard missing.isEmpty else {
            let error = FakeHubSpotJSON.ErrorBody(
                message: "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.", category: "OBJECT_NOT_FOUND")
            let batch = FakeHubSpotJSON.Batch(results: results, errors: [error], numErrors: 1, startedAt: now, completedAt: now)
            return .json(.init(code: 207, reasonPhrase: "Multi-Status"), batch)
        }
        return .json(.ok, FakeHubSpotJSON.Batch(results: results, startedAt: now, completedAt: now))
    }

    static func search(_ state: State, type: String?, body: [UInt8]) -> FakeHubSpotAnswer {
        guard let objectType = ObjectType(type) else { return unsupported(type) }
        guard let input = decode(FakeHubSpotJSON.SearchBody.self, body) else { return invalidJSON() }
        let operators: Set<String> = ["EQ", "NEQ", "HAS_PROPERTY", "NOT_HAS_PROPERTY"]
        for group in input.filterGroups ?? [] {
            for filter in group.filters where !operators.contains(filter.operator) {
                return .error(.badRequest, category: "VALIDATION_ERROR", "the fake does not support operator \(filter.operator)")
            }
        }
        let records: [(id: String, properties: [String: String])] =
            objectType == .deal ? state.store.deals.map { ($0.id, $0.properties) } : state.store.companies.map { ($0.id, $0.properties) }
        let matching = records.filter { matches($0.properties, input.filterGroups ?? []) }
        let limit = min(max(input.limit ?? 10, 1), 200)
        let requested = input.properties ?? (objectType == .deal ? ["dealname", "amount", "dealstage"] : ["name", "domain"])
        let objects = matching.prefix(limit).map { object(id: $0.id, properties: $0.properties, requested: requested, new: nil) }
        return .json(.ok, FakeHubSpotJSON.SearchResults(total: matching.count, results: Array(objects)))
    }

    static func create(_ state: inout State, type: String?, body: [UInt8]) -> FakeHubSpotAnswer {
        guard ObjectType(type) == .company else { return unsupported(type) }
        guard let input = decode(FakeHubSpotJSON.CreateBody.self, body) else { return invalidJSON() }
        let company = state.store.createCompany(input.properties)
        return .json(.created, object(id: company.id, properties: company.properties, requested: nil, new: nil))
    }

    /// A record as returned: `requested` properties (null when unset) or all of them, plus `hs_object_id`.
    static func object(id: String, properties: [String: String], requested: [String]?, new: Bool?) -> FakeHubSpotJSON.Object {
        var shown: [String: String?] = [:]
        for name in requested ?? Array(properties.keys) {
            shown[name] = .some(properties[name])
        }
        shown["hs_object_id"] = id
        let now = FakeHubSpotJSON.now()
        return FakeHubSpotJSON.Object(id: id, properties: shown, createdAt: now, updatedAt: now, new: new)
    }

    static func decode<Body: Decodable>(_ type: Body.Type, _ body: [UInt8]) -> Body? {
        try? JSONDecoder().decode(type, from: Data(body))
    }

    static func invalidJSON() -> FakeHubSpotAnswer {
        .error(.badRequest, category: "VALIDATION_ERROR", "Invalid input JSON: the body does not match the endpoint's schema")
    }

    static func unsupported(_ type: String?) -> FakeHubSpotAnswer {
        .error(.badRequest, category: "VALIDATION_ERROR", "Unable to infer object type from: \(type ?? "")")
    }

    private static func invalidProperties(_ problems: [FakeHubSpotStore.Invalid]) -> FakeHubSpotAnswer {
        let details = problems.map { problem in
            ["isValid": false, "message": problem.message, "error": problem.error, "name": problem.name, "localizedErrorMessage": problem.message] as [String: Any]
        }
        let data = (try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])) ?? Data()
        return .error(.badRequest, category: "VALIDATION_ERROR", "Property values were not valid: " + String(decoding: data, as: UTF8.self))
    }

    /// HubSpot's search semantics: any group matches, every filter of a group matches; `EQ` on
    /// text ignores case.
    private static func matches(_ properties: [String: String], _ groups: [FakeHubSpotJSON.SearchBody.Group]) -> Bool {
        guard !groups.isEmpty else { return true }
        return groups.contains { group in
            group.filters.allSatisfy { filter in
                let value = properties[filter.propertyName]
                switch filter.operator {
                case "EQ": return value?.lowercased() == filter.value?.lowercased()
                case "NEQ": return value?.lowercased() != filter.value?.lowercased()
                case "HAS_PROPERTY": return value != nil
                default: return value == nil
                }
            }
        }
    }
}
