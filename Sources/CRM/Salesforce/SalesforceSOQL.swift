import Foundation

/// The SOQL the connector sends, with every customer-supplied value escaped as SOQL requires:
/// `'` and `\` are reserved in string literals, line breaks have their own escapes, and in `LIKE`
/// patterns `%` and `_` are wildcards unless escaped as `\%` and `\_`.
enum SalesforceSOQL {
    /// The most account candidates a domain lookup reads (narrowed in the connector).
    static let accountCandidateLimit = 200

    /// A string literal, quotes included: `O'Brien \ Sons` → `'O\'Brien \\ Sons'`.
    static func literal(_ value: String) -> String {
        "'" + escaped(value) + "'"
    }

    /// A `LIKE` pattern matching values that contain `value`: `%acme.com%`, with the value's own
    /// `%` and `_` escaped so they match literally.
    static func containsPattern(_ value: String) -> String {
        var inner = ""
        for character in escaped(value) {
            switch character {
            case "%": inner += "\\%"
            case "_": inner += "\\_"
            default: inner.append(character)
            }
        }
        return "'%" + inner + "%'"
    }

    /// The value with SOQL's string escapes applied (no quotes).
    static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default: out.append(character)
            }
        }
        return out
    }

    /// Accounts whose website contains the domain (the connector then keeps exact host matches).
    static func accountsByWebsite(_ domain: String) -> String {
        "SELECT Id, Name, Website FROM Account WHERE Website LIKE \(containsPattern(domain)) "
            + "ORDER BY CreatedDate ASC LIMIT \(accountCandidateLimit)"
    }

    /// Accounts named exactly `name` (SOQL `=` on text is case-insensitive).
    static func accountsByName(_ name: String) -> String {
        "SELECT Id, Name, Website FROM Account WHERE Name = \(literal(name)) ORDER BY CreatedDate ASC LIMIT 1"
    }

    /// How the open-opportunities query matches the customer's Accounts.
    enum AccountMatch: Equatable {
        /// The Account's website contains the domain (the connector then keeps exact host matches).
        case website(String)
        /// The Account is named exactly so (case-insensitively).
        case name(String)
    }

    /// Open opportunities partnerbot did not create (the external id field is empty) of Accounts
    /// matching the customer, oldest first.
    static func openOpportunities(object: String, externalIDField: String, account: AccountMatch) -> String {
        let accountCondition =
            switch account {
            case .website(let domain): "Account.Website LIKE \(containsPattern(domain))"
            case .name(let name): "Account.Name = \(literal(name))"
            }
        return "SELECT Id, Name, StageName, OwnerId, Owner.Name, Account.Website FROM \(object) "
            + "WHERE IsClosed = false AND \(externalIDField) = null AND \(accountCondition) ORDER BY CreatedDate ASC"
    }
}

extension SalesforceSOQL {
    /// Whether `name` is a plain API name (`Opportunity`, `Partnerbot_Registration_Id__c`).
    static func isAPIName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }
}
