/// The fake HubSpot's records and their rules: unique id property on deals, computed
/// `hs_is_closed`, one association per deal/company pair, property validation on deal writes.
struct FakeHubSpotStore: Sendable {
    var companies: [FakeHubSpotCompany] = []
    var deals: [FakeHubSpotDeal] = []
    var associations: [FakeHubSpotAssociation] = []
    private var nextCompanyID = 5_000_001
    private var nextDealID = 9_000_001

    /// A validation problem, in HubSpot's per-property error shape.
    struct Invalid: Sendable, Equatable {
        var name: String
        var error: String
        var message: String
    }

    func dealIndex(unique value: String, property: String) -> Int? {
        deals.firstIndex { $0.properties[property] == value }
    }

    func deal(id: String) -> FakeHubSpotDeal? { deals.first { $0.id == id } }

    func company(id: String) -> FakeHubSpotCompany? { companies.first { $0.id == id } }

    /// Creates or updates the deal whose `idProperty` is `value` ("" clears a property).
    mutating func upsertDeal(idProperty: String, value: String, properties: [String: String], closedStages: Set<String>) -> (FakeHubSpotDeal, created: Bool) {
        var incoming = properties
        incoming[idProperty] = value
        if let index = dealIndex(unique: value, property: idProperty) {
            deals[index].properties = Self.merged(deals[index].properties, incoming, closedStages: closedStages)
            return (deals[index], false)
        }
        let deal = FakeHubSpotDeal(id: takeDealID(), properties: Self.merged([:], incoming, closedStages: closedStages))
        deals.append(deal)
        return (deal, true)
    }

    /// Adds a deal as-is (a "direct sales" deal a test seeds).
    mutating func addDeal(_ properties: [String: String], idProperty: String, closedStages: Set<String>) throws(FakeHubSpotError) -> String {
        if let value = properties[idProperty], !value.isEmpty, dealIndex(unique: value, property: idProperty) != nil {
            throw .duplicateUniqueValue(value)
        }
        let deal = FakeHubSpotDeal(id: takeDealID(), properties: Self.merged([:], properties, closedStages: closedStages))
        deals.append(deal)
        return deal.id
    }

    /// Changes a deal's properties (a stage move made in HubSpot's UI).
    mutating func updateDeal(id: String, _ properties: [String: String], idProperty: String, closedStages: Set<String>) throws(FakeHubSpotError) {
        guard let index = deals.firstIndex(where: { $0.id == id }) else { throw .unknownDeal(id) }
        if let value = properties[idProperty], !value.isEmpty, let other = dealIndex(unique: value, property: idProperty), other != index {
            throw .duplicateUniqueValue(value)
        }
        deals[index].properties = Self.merged(deals[index].properties, properties, closedStages: closedStages)
    }

    mutating func createCompany(_ properties: [String: String]) -> FakeHubSpotCompany {
        let company = FakeHubSpotCompany(id: String(nextCompanyID), properties: Self.merged([:], properties, closedStages: nil))
        nextCompanyID += 1
        companies.append(company)
        return company
    }

    /// Associates a deal and a company; `false` when either does not exist.
    mutating func associate(dealID: String, companyID: String) -> Bool {
        guard deal(id: dealID) != nil, company(id: companyID) != nil else { return false }
        let association = FakeHubSpotAssociation(dealID: dealID, companyID: companyID)
        if !associations.contains(association) { associations.append(association) }
        return true
    }

    /// Problems HubSpot would report for these deal property values.
    static func validateDeal(_ properties: [String: String], known: Set<String>?, idProperty: String) -> [Invalid] {
        var problems: [Invalid] = []
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            if let known, name != idProperty, !known.contains(name) {
                problems.append(Invalid(name: name, error: "PROPERTY_DOESNT_EXIST", message: "Property \"\(name)\" does not exist"))
            } else if name == "hs_is_closed" {
                problems.append(Invalid(name: name, error: "READ_ONLY_VALUE", message: "\"\(name)\" is a read only property; its value cannot be set."))
            } else if !value.isEmpty, name == "closedate", !isMidnightUTC(value) {
                problems.append(Invalid(name: name, error: "INVALID_DATE", message: "\(value) is not a valid date: send midnight UTC in milliseconds, or YYYY-MM-DD"))
            } else if !value.isEmpty, name == "amount", !isDecimal(value) {
                problems.append(Invalid(name: name, error: "INVALID_FLOAT", message: "\(value) was not a valid number."))
            }
        }
        return problems
    }

    private mutating func takeDealID() -> String {
        defer { nextDealID += 1 }
        return String(nextDealID)
    }

    /// `old` updated with `new` ("" removes), `hs_is_closed` recomputed for deals.
    private static func merged(_ old: [String: String], _ new: [String: String], closedStages: Set<String>?) -> [String: String] {
        var result = old
        for (name, value) in new where name != "hs_is_closed" {
            result[name] = value.isEmpty ? nil : value
        }
        if let closedStages { result["hs_is_closed"] = closedStages.contains(result["dealstage"] ?? "") ? "true" : "false" }
        return result
    }

    /// Midnight UTC in epoch milliseconds, or `YYYY-MM-DD` (both documented for date properties).
    private static func isMidnightUTC(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        let isDigit: (UInt8) -> Bool = { (48...57).contains($0) }
        if bytes.count == 10, bytes[4] == 45, bytes[7] == 45 {
            return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || isDigit($0.element) }
        }
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit), let milliseconds = Int64(value) else { return false }
        return milliseconds % 86_400_000 == 0
    }

    private static func isDecimal(_ value: String) -> Bool {
        var digits = Substring(value)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }
    }
}
