import Foundation

/// Reads one row's fields, collecting a problem per bad field.
struct DealImportFields {
    let line: Int
    let fields: [String]
    let orgs: Set<String>
    let stages: [String]
    var problems: [DirectoryImportError.Problem] = []

    init(line: Int, fields: [String], orgs: Set<String>, stages: [String]) {
        self.line = line
        self.fields = fields
        self.orgs = orgs
        self.stages = stages
    }

    mutating func problem(_ column: String, _ message: String) {
        problems.append(.init(row: line, column: column, message: message))
    }

    func field(_ column: String) -> String? {
        guard let index = DealImport.header.firstIndex(of: column), !fields[index].isEmpty else { return nil }
        return fields[index]
    }

    /// The row, or `nil` when a field the rest depends on is missing.
    mutating func row() -> DealImportRow? {
        let reference = field("reference")
        if let reference, reference.count > 64 || reference.contains(where: \.isWhitespace) {
            problem("reference", "a reference is up to 64 characters without spaces")
        }
        let org = field("org")?.lowercased() ?? ""
        if org.isEmpty { problem("org", "the organisation is required") } else if !orgs.contains(org) {
            problem("org", "\"\(org)\" is not an organisation of the directory (import partners first)")
        }
        let customer = field("customer") ?? ""
        if customer.isEmpty || customer.count > 200 { problem("customer", "the customer must be 1–200 characters") }
        var domain: String?
        if let text = field("domain") {
            domain = CustomerIdentity.normalizedDomain(text)
            if domain == nil { problem("domain", "\"\(text)\" is not a domain like acme.com") }
        }
        let amount = money()
        let motion = field("motion").flatMap { text in DealMotion(rawValue: text.lowercased()) ?? invalid("motion", text, DealMotion.allCases.map(\.rawValue)) }
        let source = field("source").flatMap { text in DealSourcing(rawValue: text.lowercased()) ?? invalid("source", text, DealSourcing.allCases.map(\.rawValue)) }
        guard let submitted = time("submitted", required: true) else { return nil }
        let decided = time("decided", required: false)
        if let decided, decided < submitted { problem("decided", "the decision comes before the submission") }
        guard let status = status(decided: decided) else { return nil }
        let closed = outcomeDate(status: status, after: decided ?? submitted)
        let stage = field("stage").map { $0.lowercased() }
        if let stage, !stages.contains(stage) { problem("stage", "\"\(stage)\" is not a stage (\(stages.joined(separator: ", ")))") }
        return DealImportRow(
            line: line, reference: reference, org: org, customer: customer, domain: domain, amount: amount, motion: motion, source: source,
            submitted: submitted, decided: decided, status: status, stage: stage, closed: closed, reason: field("reason"))
    }

    private mutating func invalid<T>(_ column: String, _ text: String, _ known: [String]) -> T? {
        problem(column, "\"\(text)\" is not one of \(known.joined(separator: ", "))")
        return nil
    }

    private mutating func money() -> Money? {
        let currency = field("currency")?.uppercased() ?? Money.defaultCurrency
        if !Money.supportedCurrencies.contains(currency) {
            problem("currency", "\"\(currency)\" is not a supported currency (\(Money.supportedCurrencies.joined(separator: ", ")))")
        }
        guard let text = field("amount") else { return nil }
        guard let money = Money.parse("\(currency) \(text)"), money.minorUnits > 0 else {
            problem("amount", "\"\(text)\" is not a positive amount like 50000 or 50k")
            return nil
        }
        return money
    }

    mutating func time(_ column: String, required: Bool) -> Date? {
        guard let text = field(column) else {
            if required { problem(column, "a date (YYYY-MM-DD) or time (ISO 8601) is required") }
            return nil
        }
        guard let date = ISO8601Time.parse(text) else {
            problem(column, "\"\(text)\" is not a date (YYYY-MM-DD) or time (ISO 8601)")
            return nil
        }
        return date
    }
}
