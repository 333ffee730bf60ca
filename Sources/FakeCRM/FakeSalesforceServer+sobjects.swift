import CRM
import Foundation

extension FakeSalesforceServer {
    /// `PATCH /sobjects/{Object}/{Field}/{value}`: updates the record with that external id, or
    /// creates it (201 `created: true`) after checking the required fields.
    func upsert(body: [UInt8], _ parameters: FakeSalesforceParameters) -> FakeSalesforceAnswer {
        state.withLock { state in
            let configuration = state.configuration
            guard parameters.object == configuration.object else { return Self.notFound(parameters.object) }
            guard parameters.field == configuration.externalIDField else {
                return .error(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: \(parameters.field)")
            }
            guard case .object(let fields)? = FakeSalesforceJSON.parse(body) else { return Self.parseError() }
            if let refusal = Self.check(fields, object: configuration.object, allowed: configuration.allowedFields.union([configuration.externalIDField]), state: state) {
                return refusal
            }
            if let index = state.records.firstIndex(where: { $0.field(configuration.externalIDField)?.stringValue == parameters.value }) {
                var merged = state.records[index].fields
                merged.merge(fields) { _, new in new }
                let missing = Self.missing(configuration.requiredOnCreate, in: merged)
                guard missing.isEmpty else { return Self.requiredFieldsMissing(missing) }
                state.records[index].fields = merged
                if configuration.answersUpdatesWithNoContent { return FakeSalesforceAnswer(status: 204, body: nil) }
                return FakeSalesforceAnswer(status: 200, body: Self.saveResult(id: state.records[index].id, created: false))
            }
            let missing = Self.missing(configuration.requiredOnCreate, in: fields)
            guard missing.isEmpty else { return Self.requiredFieldsMissing(missing) }
            let id = state.nextID(prefix: "006")
            var stored = fields
            stored[configuration.externalIDField] = .string(parameters.value)
            stored["OwnerId"] = stored["OwnerId"] ?? .string(Self.integrationUser.id)
            state.records.append(FakeSalesforceRecord(id: id, sequence: state.counter, fields: stored))
            return FakeSalesforceAnswer(status: 201, body: Self.saveResult(id: id, created: true))
        }
    }

    /// `GET /sobjects/{Object}/{Field}/{value}`: the record by external id (all fields, or
    /// those named in `?fields=`).
    func read(_ parameters: FakeSalesforceParameters) -> FakeSalesforceAnswer {
        state.withLock { state in
            let configuration = state.configuration
            guard parameters.object == configuration.object, parameters.field == configuration.externalIDField,
                let record = state.records.first(where: { $0.field(configuration.externalIDField)?.stringValue == parameters.value })
            else { return Self.notFound(parameters.object) }
            var fields = record.fields
            fields["Id"] = .string(record.id)
            fields["attributes"] = .object(["type": .string(configuration.object), "url": .string("/services/data/\(parameters.version)/sobjects/\(configuration.object)/\(record.id)")])
            return FakeSalesforceAnswer(status: 200, body: .object(fields))
        }
    }

    /// `POST /sobjects/Account`: creates an Account (`Name` required).
    func create(body: [UInt8], _ parameters: FakeSalesforceParameters) -> FakeSalesforceAnswer {
        state.withLock { state in
            guard parameters.object == "Account" else { return Self.notFound(parameters.object) }
            guard case .object(let fields)? = FakeSalesforceJSON.parse(body) else { return Self.parseError() }
            if let refusal = Self.check(fields, object: "Account", allowed: Self.accountFields, state: state) { return refusal }
            let missing = Self.missing(["Name"], in: fields)
            guard missing.isEmpty else { return Self.requiredFieldsMissing(missing) }
            let id = state.nextID(prefix: "001")
            state.accounts.append(FakeSalesforceRecord(id: id, sequence: state.counter, fields: fields))
            var result = Self.saveResult(id: id, created: true)
            if case .object(var object) = result {
                object["created"] = nil
                result = .object(object)
            }
            return FakeSalesforceAnswer(status: 201, body: result)
        }
    }

    /// The Account fields the fake knows.
    static let accountFields: Set<String> = ["Name", "Website", "Industry", "Phone", "Type", "Description"]

    /// Unknown fields (`INVALID_FIELD`), nested values (`JSON_PARSER_ERROR`) and `AccountId`s that
    /// name no Account (`INVALID_CROSS_REFERENCE_KEY`).
    static func check(_ fields: [String: FakeSalesforceJSON], object: String, allowed: Set<String>, state: State) -> FakeSalesforceAnswer? {
        let allowedLowercased = Set(allowed.map { $0.lowercased() })
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard allowedLowercased.contains(name.lowercased()) else {
                return .error(400, "INVALID_FIELD", "No such column '\(name)' on sobject of type \(object)")
            }
            switch value {
            case .object, .array: return .error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of \(name) from a nested value")
            default: break
            }
            if name.lowercased() == "accountid", let accountID = value.stringValue, !state.accounts.contains(where: { $0.id == accountID }) {
                return .error(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", fields: ["AccountId"])
            }
        }
        return nil
    }

    static func missing(_ required: [String], in fields: [String: FakeSalesforceJSON]) -> [String] {
        required.filter { name in
            let value = FakeSalesforceRecord(id: "", sequence: 0, fields: fields).field(name)
            return value == nil || value == .null || value == .string("")
        }
    }

    static func requiredFieldsMissing(_ missing: [String]) -> FakeSalesforceAnswer {
        .error(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [\(missing.joined(separator: ", "))]", fields: missing)
    }

    static func notFound(_ object: String) -> FakeSalesforceAnswer {
        .error(404, "NOT_FOUND", "The requested resource does not exist")
    }

    static func parseError() -> FakeSalesforceAnswer {
        .error(400, "JSON_PARSER_ERROR", "The request body is not a JSON object")
    }

    static func saveResult(id: String, created: Bool) -> FakeSalesforceJSON {
        .object(["id": .string(id), "success": .bool(true), "errors": .array([]), "created": .bool(created)])
    }
}
