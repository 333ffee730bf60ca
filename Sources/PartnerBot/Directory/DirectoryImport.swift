import Foundation

/// Every problem of an import, each with its row, column and why. Nothing is imported when any exists.
public struct DirectoryImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line in the file (1 is the header).
        public var row: Int
        /// The column at fault, when one is.
        public var column: String?
        /// Why.
        public var message: String

        public var description: String {
            "row \(row)\(column.map { ", column \($0)" } ?? ""): \(message)"
        }
    }

    /// The problems, in file order.
    public var errors: [Problem]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A validated row of `partners.csv`.
public struct PartnerOrgImportRow: Sendable, Equatable {
    public var line: Int
    public var org: String
    public var name: String
    public var type: PartnerOrg.Kind
    public var tier: String
    public var region: String
    public var teamID: String?
    public var channelID: String?
    public var manager: String?
}

/// A validated row of `members.csv`.
public struct MemberImportRow: Sendable, Equatable {
    public var line: Int
    public var org: String
    public var teamID: String
    public var userID: String
    public var role: String
}

/// Validates directory CSV files (pure: no I/O).
public enum DirectoryImport {
    /// The partners file header.
    public static let partnersHeader = ["org", "name", "type", "tier", "region", "team_id", "channel_id", "manager"]
    /// The members file header.
    public static let membersHeader = ["org", "team_id", "user_id", "role"]

    /// Parses and validates `partners.csv`.
    /// - Throws: `DirectoryImportError` listing every bad row.
    public static func partners(csv text: String, tiers: [String]) throws(DirectoryImportError) -> [PartnerOrgImportRow] {
        let table = try CSVTable(parsing: text)
        try table.requireHeader(partnersHeader)
        var problems: [DirectoryImportError.Problem] = []
        var rows: [PartnerOrgImportRow] = []
        var seen: [String: Int] = [:]
        var teams: [String: Int] = [:]
        for (line, fields) in table.rows {
            func problem(_ column: String?, _ message: String) { problems.append(.init(row: line, column: column, message: message)) }
            guard fields.count == partnersHeader.count else {
                problem(nil, "expected \(partnersHeader.count) columns, found \(fields.count)")
                continue
            }
            let (org, name, type, tier, region) = (fields[0].lowercased(), fields[1], fields[2].lowercased(), fields[3].lowercased(), fields[4].lowercased())
            let (team, channel, manager) = (optional(fields[5]), optional(fields[6]), optional(fields[7]))
            var valid = true
            if !isSlug(org) { problem("org", "\"\(fields[0])\" is not a slug (lowercase letters, digits, - and _, up to 64)"); valid = false }
            if let first = seen[org] { problem("org", "\"\(org)\" appears again (first on row \(first))"); valid = false }
            if name.isEmpty || name.count > 200 || name.contains(where: { $0.isNewline }) { problem("name", "the name must be 1–200 characters on one line"); valid = false }
            let kind = PartnerOrg.Kind(rawValue: type)
            if kind == nil { problem("type", "\"\(fields[2])\" is not a partner type (\(PartnerOrg.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"); valid = false }
            if !tiers.contains(tier) { problem("tier", "\"\(fields[3])\" is not a tier (\(tiers.joined(separator: ", ")))"); valid = false }
            if !isSlug(region) { problem("region", "\"\(fields[4])\" is not a region name (e.g. emea, na, apac)"); valid = false }
            if let team, !isSlackID(team, prefixes: ["T", "E"]) { problem("team_id", "\"\(team)\" is not a Slack workspace id (like T012ABCDE)"); valid = false }
            if let team, let first = teams[team] { problem("team_id", "workspace \(team) is already the workspace of row \(first)"); valid = false }
            if let channel, !isSlackID(channel, prefixes: ["C", "G", "D"]) { problem("channel_id", "\"\(channel)\" is not a Slack channel id (like C012ABCDE)"); valid = false }
            if let manager, !isSlackID(manager, prefixes: ["U", "W"]) { problem("manager", "\"\(manager)\" is not a Slack user id (like U012ABCDE)"); valid = false }
            seen[org] = seen[org] ?? line
            if let team { teams[team] = teams[team] ?? line }
            if valid, let kind {
                rows.append(.init(line: line, org: org, name: name, type: kind, tier: tier, region: region, teamID: team, channelID: channel, manager: manager))
            }
        }
        guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
        return rows
    }

    /// Parses and validates `members.csv`.
    /// - Throws: `DirectoryImportError` listing every bad row.
    public static func members(csv text: String) throws(DirectoryImportError) -> [MemberImportRow] {
        let table = try CSVTable(parsing: text)
        try table.requireHeader(membersHeader)
        var problems: [DirectoryImportError.Problem] = []
        var rows: [MemberImportRow] = []
        var seen: [String: Int] = [:]
        for (line, fields) in table.rows {
            func problem(_ column: String?, _ message: String) { problems.append(.init(row: line, column: column, message: message)) }
            guard fields.count == membersHeader.count else {
                problem(nil, "expected \(membersHeader.count) columns, found \(fields.count)")
                continue
            }
            let (org, team, user) = (fields[0].lowercased(), fields[1], fields[2])
            let role = fields[3].isEmpty ? "member" : fields[3].lowercased()
            var valid = true
            if !isSlug(org) { problem("org", "\"\(fields[0])\" is not an organisation slug"); valid = false }
            if !isSlackID(team, prefixes: ["T", "E"]) { problem("team_id", "\"\(team)\" is not a Slack workspace id (like T012ABCDE)"); valid = false }
            if !isSlackID(user, prefixes: ["U", "W"]) { problem("user_id", "\"\(user)\" is not a Slack user id (like U012ABCDE)"); valid = false }
            if !isSlug(role) { problem("role", "\"\(fields[3])\" is not a role name (e.g. member, admin, sales)"); valid = false }
            let key = team + "/" + user
            if let first = seen[key] { problem("user_id", "\(user) in \(team) appears again (first on row \(first))"); valid = false }
            seen[key] = seen[key] ?? line
            if valid { rows.append(.init(line: line, org: org, teamID: team, userID: user, role: role)) }
        }
        guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
        return rows
    }

    static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func isSlug(_ text: String) -> Bool { ConfigurationLoader.isSlug(text) }

    static func isSlackID(_ text: String, prefixes: Set<Character>) -> Bool {
        guard let first = text.first, prefixes.contains(first), (3...32).contains(text.count) else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
