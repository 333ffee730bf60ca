import Foundation

extension FakeSOQLQuery.Condition {
    /// The field the condition tests.
    var field: String {
        switch self {
        case .equals(let field, _), .like(let field, _): field
        }
    }
}

extension FakeSalesforceServer {
    /// Whether SOQL may name the field on the object (names compare case-insensitively).
    static func isKnownField(_ field: String, object: String, configuration: FakeSalesforceConfiguration) -> Bool {
        let known: Set<String> =
            if object == "Account" {
                accountFields.union(["Id", "CreatedDate"])
            } else {
                configuration.allowedFields.union([
                    "Id", "CreatedDate", "IsClosed", "OwnerId", "Owner.Name", "Account.Id", "Account.Name", "Account.Website",
                    configuration.externalIDField,
                ])
            }
        return known.contains { $0.caseInsensitiveCompare(field) == .orderedSame }
    }
}

/// The records of one object as SOQL sees them: stored fields plus the derived ones (`Id`,
/// `IsClosed`, `CreatedDate`, `Owner.Name`, `Account.*`).
struct FakeSalesforceRows {
    let object: String
    let records: [FakeSalesforceRecord]
    let accounts: [FakeSalesforceRecord]
    let closedStages: Set<String>
    let owners: [String: String]

    init(object: String, state: FakeSalesforceServer.State) {
        self.object = object
        self.records = object == "Account" ? state.accounts : state.records
        self.accounts = state.accounts
        self.closedStages = state.configuration.closedStages
        self.owners = state.owners
    }

    /// The value of a field path (`null` when unset).
    func value(_ field: String, of record: FakeSalesforceRecord) -> FakeSalesforceJSON {
        switch field.lowercased() {
        case "id": return .string(record.id)
        case "createddate": return .string(String(format: "2024-01-01T00:00:%02d.000+0000", record.sequence % 60))
        case "isclosed" where object != "Account": return .bool(closedStages.contains(record.field("StageName")?.stringValue ?? ""))
        case "owner.name" where object != "Account":
            return record.field("OwnerId")?.stringValue.flatMap { owners[$0] }.map(FakeSalesforceJSON.string) ?? .null
        case let path where path.hasPrefix("account.") && object != "Account":
            guard let accountID = record.field("AccountId")?.stringValue, let account = accounts.first(where: { $0.id == accountID }) else { return .null }
            let name = String(field.dropFirst("account.".count))
            return name.lowercased() == "id" ? .string(account.id) : account.field(name) ?? .null
        default: return record.field(field) ?? .null
        }
    }

    /// Whether the record meets the condition: `=` compares text case-insensitively, `LIKE`
    /// matches `%` and `_` wildcards case-insensitively; `null` equals only `= null`.
    func holds(_ condition: FakeSOQLQuery.Condition, for record: FakeSalesforceRecord) -> Bool {
        let actual = value(condition.field, of: record)
        switch condition {
        case .equals(_, .null): return actual == .null
        case .equals(_, .bool(let flag)): return actual == .bool(flag)
        case .equals(_, .text(let elements)):
            guard let text = actual.stringValue else { return false }
            return text.lowercased() == String(elements.compactMap { if case .character(let c) = $0 { c } else { nil } }).lowercased()
        case .like(_, let pattern):
            guard let text = actual.stringValue else { return false }
            return Self.like(Array(text.lowercased()), pattern.map(Self.lowercased))
        }
    }

    /// The order of `ORDER BY`: creation for `CreatedDate`, else the value's text.
    func sortKey(_ field: String, _ record: FakeSalesforceRecord) -> String {
        field.lowercased() == "createddate" ? String(format: "%012d", record.sequence) : value(field, of: record).description
    }

    /// The record as a query row: `attributes`, then each field, relationship paths nested.
    func project(_ record: FakeSalesforceRecord, fields: [String], version: String) -> FakeSalesforceJSON {
        var row: [String: FakeSalesforceJSON] = ["attributes": attributes(object, id: record.id, version: version)]
        for field in fields {
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                row[field] = value(field, of: record)
                continue
            }
            let relationship = parts[0].lowercased() == "owner" ? "Owner" : "Account"
            let value = value(field, of: record)
            if case .object(var nested)? = row[relationship] {
                nested[parts[1]] = value
                row[relationship] = .object(nested)
            } else if relationship == "Account", record.field("AccountId")?.stringValue == nil {
                row[relationship] = .null
            } else {
                let type = relationship == "Owner" ? "User" : "Account"
                row[relationship] = .object(["attributes": attributes(type, id: "", version: version), parts[1]: value])
            }
        }
        return .object(row)
    }

    private func attributes(_ type: String, id: String, version: String) -> FakeSalesforceJSON {
        .object(["type": .string(type), "url": .string("/services/data/\(version)/sobjects/\(type)/\(id)")])
    }

    private static func lowercased(_ element: FakeSOQLQuery.Element) -> FakeSOQLQuery.Element {
        if case .character(let character) = element {
            let lowered = character.lowercased()
            return .character(lowered.count == 1 ? Character(lowered) : character)
        }
        return element
    }

    /// Wildcard matching (`%`: any run, `_`: one character).
    static func like(_ text: [Character], _ pattern: [FakeSOQLQuery.Element]) -> Bool {
        var matches = Array(repeating: false, count: text.count + 1)
        matches[0] = true
        for element in pattern {
            var next = Array(repeating: false, count: text.count + 1)
            for index in 0...text.count {
                switch element {
                case .anyMany: next[index] = matches[index] || (index > 0 && next[index - 1])
                case .anyOne: next[index] = index > 0 && matches[index - 1]
                case .character(let character): next[index] = index > 0 && matches[index - 1] && text[index - 1] == character
                }
            }
            matches = next
        }
        return matches[text.count]
    }
}
