import Foundation

/// The report as text: the terminal table of `partnerbot report`, and the lines the Slack
/// message is made of.
extension ProgramReport {
    /// A plain-text table (fixed-width columns), for a terminal.
    public var table: String {
        var lines = ["Program report: \(period.label) (\(ISO.day(period.start)) – \(ISO.day(period.end.addingTimeInterval(-1)))), as of \(ISO.time(asOf))", ""]
        lines += summaryLines(totals).map { "  " + $0 }
        lines.append("  Decisions: \(decisionLine)")
        if let days = medianDaysToWin { lines.append("  Median days from registration to won: \(Self.fixed(days, 1))") }
        lines += moneyLines(totals).map { "  " + $0 }
        if !topPartners.isEmpty {
            lines += ["", "Top partners by won amount:"]
            lines += topPartners.map { "  \($0.name) (\($0.org)): \(Money(minorUnits: $0.wonMinor, currency: $0.currency)) in \($0.wonDeals) deal(s)" }
        }
        if !partnersWithoutWin.isEmpty {
            lines += ["", "Partners with registrations but no win:"]
            lines += partnersWithoutWin.map { "  \($0.name) (\($0.org)): \($0.registrations) registration(s)" }
        }
        if let breakdown, !groups.isEmpty {
            lines += ["", "By \(breakdown.rawValue):"]
            let header = [breakdown.rawValue, "submitted", "approved", "won", "lost", "win rate", "pipeline", "won amount"]
            let rows = groups.map { group in
                [group.name, "\(group.figures.submitted)", "\(group.figures.approved)", "\(group.figures.won)", "\(group.figures.lost)",
                 Self.percent(group.figures.winRate), Self.money(group.figures.pipeline), Self.money(group.figures.wonAmounts)]
            }
            lines += TextTable.render([header] + rows).map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counts and conversion, one line each.
    func summaryLines(_ f: Figures) -> [String] {
        [
            "Registrations: \(f.submitted) submitted, \(f.approved) approved, \(f.declined) declined, \(f.conflict) in conflict, \(f.expired) expired",
            "Conversion: registered → approved \(Self.percent(f.approvalRate)), approved → won \(Self.percent(f.wonOfApproved)); win rate \(Self.percent(f.winRate)) (\(f.won) won, \(f.lost) lost)",
        ]
    }

    var decisionLine: String {
        guard decisions.decided > 0 else { return "none decided yet" }
        return "\(decisions.decided) decided, median \(Self.hours(decisions.medianSeconds)), 90th percentile \(Self.hours(decisions.p90Seconds)), "
            + "\(Self.percent(decisions.withinSLAShare)) within the SLA"
    }

    /// Pipeline and won amounts per currency, split sourced / influenced.
    func moneyLines(_ f: Figures) -> [String] {
        var lines: [String] = []
        for (title, list) in [("Pipeline (open, approved)", f.pipeline), ("Won", f.wonAmounts)] {
            if list.isEmpty { lines.append("\(title): none"); continue }
            for amounts in list {
                var parts = ["sourced \(Money(minorUnits: amounts.sourcedMinor, currency: amounts.currency))",
                             "influenced \(Money(minorUnits: amounts.influencedMinor, currency: amounts.currency))"]
                if amounts.unspecifiedMinor != 0 { parts.append("unspecified \(Money(minorUnits: amounts.unspecifiedMinor, currency: amounts.currency))") }
                lines.append("\(title) \(amounts.currency): \(Money(minorUnits: amounts.totalMinor, currency: amounts.currency)) (\(parts.joined(separator: ", ")))")
            }
        }
        return lines
    }

    static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    static func hours(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return seconds < 172_800 ? "\(fixed(seconds / 3600, 1)) h" : "\(fixed(seconds / 86_400, 1)) d"
    }

    static func money(_ list: [Amounts]) -> String {
        list.isEmpty ? "–" : list.map { Money(minorUnits: $0.totalMinor, currency: $0.currency).description }.joined(separator: " + ")
    }

    /// `▇▇▇▇▁▁`: a share as a bar of `width` cells.
    static func bar(_ share: Double?, width: Int = 10) -> String {
        let filled = Int(((share ?? 0) * Double(width)).rounded())
        return String(repeating: "▇", count: max(0, min(width, filled))) + String(repeating: "▁", count: max(0, width - filled))
    }
}

/// Left-aligned columns padded to their widest cell.
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
