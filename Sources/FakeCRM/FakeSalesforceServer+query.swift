import CRM
import Foundation

extension FakeSalesforceServer {
    /// `GET /query?q=…`: runs the SOQL on the fake's data and answers the first page.
    func query(_ parameters: FakeSalesforceParameters) -> FakeSalesforceAnswer {
        guard let soql = parameters.soql, !soql.isEmpty else { return .error(400, "MALFORMED_QUERY", "A query string has to be specified") }
        let parsed: FakeSOQLQuery
        do {
            parsed = try FakeSOQLQuery.parse(soql)
        } catch {
            return .error(400, "MALFORMED_QUERY", error.message)
        }
        return state.withLock { state in
            let rows: [FakeSalesforceJSON]
            switch evaluate(parsed, version: parameters.version, state: state) {
            case .success(let found): rows = found
            case .failure(let refusal): return refusal.answer
            }
            return page(rows, total: rows.count, version: parameters.version, state: &state)
        }
    }

    /// `GET /query/{locator}`: the next page.
    func queryMore(_ parameters: FakeSalesforceParameters) -> FakeSalesforceAnswer {
        state.withLock { state in
            guard let rows = state.cursors.removeValue(forKey: parameters.locator) else {
                return .error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
            }
            let total = Int(parameters.locator.split(separator: "-").last ?? "") ?? 0
            return page(rows, total: total + rows.count, version: parameters.version, state: &state)
        }
    }

    /// One page of rows; the rest is kept under a new locator.
    private func page(_ rows: [FakeSalesforceJSON], total: Int, version: String, state: inout State) -> FakeSalesforceAnswer {
        let size = max(1, state.configuration.queryPageSize)
        var answer: [String: FakeSalesforceJSON] = ["totalSize": .number(String(total)), "records": .array(Array(rows.prefix(size)))]
        if rows.count > size {
            state.counter += 1
            let locator = "01gFAKE\(state.counter)-\(total - rows.count + size)"
            state.cursors[locator] = Array(rows.dropFirst(size))
            answer["done"] = .bool(false)
            answer["nextRecordsUrl"] = .string("/services/data/\(version)/query/\(locator)")
        } else {
            answer["done"] = .bool(true)
        }
        return FakeSalesforceAnswer(status: 200, body: .object(answer))
    }

    struct QueryRefusal: Error {
        var answer: FakeSalesforceAnswer
    }

    /// The query's rows, projected on its fields as Salesforce nests them (`Owner.Name` →
    /// `{"Owner": {"Name": …}}`).
    private func evaluate(_ query: FakeSOQLQuery, version: String, state: State) -> Result<[FakeSalesforceJSON], QueryRefusal> {
        let object = query.object.caseInsensitiveCompare("Account") == .orderedSame ? "Account" : state.configuration.object
        guard query.object.caseInsensitiveCompare(object) == .orderedSame else {
            return .failure(QueryRefusal(answer: .error(400, "INVALID_TYPE", "sObject type '\(query.object)' is not supported.")))
        }
        let named = query.fields + query.conditions.map(\.field) + (query.orderBy.map { [$0.field] } ?? [])
        if let unknown = named.first(where: { !Self.isKnownField($0, object: object, configuration: state.configuration) }) {
            return .failure(QueryRefusal(answer: Self.noSuchColumn(unknown, object)))
        }
        let rows = FakeSalesforceRows(object: object, state: state)
        var matching = rows.records.filter { record in query.conditions.allSatisfy { rows.holds($0, for: record) } }
        if let order = query.orderBy {
            matching.sort { lhs, rhs in
                let (left, right) = (rows.sortKey(order.field, lhs), rows.sortKey(order.field, rhs))
                return order.ascending ? left < right : left > right
            }
        }
        if let limit = query.limit { matching = Array(matching.prefix(limit)) }
        return .success(matching.map { rows.project($0, fields: query.fields, version: version) })
    }

    static func noSuchColumn(_ field: String, _ object: String) -> FakeSalesforceAnswer {
        .error(400, "INVALID_FIELD", "No such column '\(field)' on entity '\(object)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.")
    }
}
