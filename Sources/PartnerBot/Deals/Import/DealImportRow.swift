import Foundation

/// A validated row of a deals import: a registration from a spreadsheet or a previous PRM.
public struct DealImportRow: Sendable, Equatable {
    public var line: Int
    /// The previous system's reference, when the file has one (re-imports match on it).
    public var reference: String?
    public var org: String
    public var customer: String
    public var domain: String?
    public var amount: Money?
    public var motion: DealMotion?
    public var source: DealSourcing?
    public var submitted: Date
    public var decided: Date?
    /// The status as the history left it: pending, approved, declined, expired, won or lost.
    public var status: Deal.Status
    public var stage: String?
    /// When it was won or lost.
    public var closed: Date?
    public var reason: String?

    /// Whether the registration was approved at some point (protection started at `decided`).
    var wasApproved: Bool { [.approved, .won, .lost, .expired].contains(status) }
}

/// Validates a deals CSV (pure: no I/O). All or nothing: every bad row is named with its
/// column and reason.
public enum DealImport {
    public static let header = [
        "reference", "org", "customer", "domain", "amount", "currency", "motion", "source", "submitted", "decided", "status", "stage",
        "outcome", "outcome_date", "reason",
    ]

    /// Parses and validates the file against the known organisations and stages.
    /// - Throws: `DirectoryImportError` listing every bad row.
    public static func rows(csv text: String, orgs: Set<String>, stages: [String]) throws(DirectoryImportError) -> [DealImportRow] {
        let table = try CSVTable(parsing: text)
        try table.requireHeader(header)
        var problems: [DirectoryImportError.Problem] = []
        var rows: [DealImportRow] = []
        var references: [String: Int] = [:]
        for (line, fields) in table.rows {
            guard fields.count == header.count else {
                problems.append(.init(row: line, column: nil, message: "expected \(header.count) columns, found \(fields.count)"))
                continue
            }
            var reader = DealImportFields(line: line, fields: fields.map { $0.trimmingCharacters(in: .whitespaces) }, orgs: orgs, stages: stages)
            let row = reader.row()
            if let reference = row?.reference {
                if let first = references[reference] {
                    reader.problem("reference", "\"\(reference)\" appears again (first on row \(first))")
                } else {
                    references[reference] = line
                }
            }
            problems += reader.problems
            if let row, reader.problems.isEmpty { rows.append(row) }
        }
        guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
        return rows
    }
}
