import Foundation

/// Renders `partnerbot partners list`.
public enum DirectoryReport {
    /// A fixed-width table of organisations.
    public static func table(_ orgs: [PartnerOrg]) -> String {
        let header = ["org", "name", "type", "tier", "region", "team", "channel", "manager"]
        let rows = orgs.map { [$0.org, $0.name, $0.type.rawValue, $0.tier, $0.region, $0.teamID ?? "-", $0.channelID ?? "-", $0.manager ?? "-"] }
        let widths = header.indices.map { column in ([header] + rows).map { min($0[column].count, 32) }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { String($1.prefix(32)).padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n") + "\n\(orgs.count) organisation(s)"
    }
}
