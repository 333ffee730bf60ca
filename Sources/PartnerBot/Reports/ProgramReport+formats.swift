import Foundation

/// The report for files and tools: a long-format CSV (one value per row) and JSON, both with
/// stable, documented names (README, "Program reports").
extension ProgramReport {
    /// `period_start,period_end,as_of,group_by,group,metric,currency,source,value`: counts as
    /// integers, rates as decimals (4 places), durations in hours or days (3 places), amounts in
    /// major units (2 places). Totals have an empty `group_by`.
    public var csv: String {
        var lines = ["period_start,period_end,as_of,group_by,group,metric,currency,source,value"]
        let prefix = [ISO.day(period.start), ISO.day(period.end.addingTimeInterval(-1)), ISO.time(asOf)]
        func add(_ groupBy: String, _ group: String, _ metric: String, _ currency: String = "", _ source: String = "", value: String) {
            lines.append((prefix + [groupBy, group, metric, currency, source, value]).map(CSVField.escape).joined(separator: ","))
        }
        func figures(_ groupBy: String, _ group: String, _ f: Figures) {
            for (metric, count) in f.counts { add(groupBy, group, metric, value: String(count)) }
            for (metric, rate) in f.rates { add(groupBy, group, metric, value: rate.map { Self.fixed($0, 4) } ?? "") }
            for (metric, list) in [("pipeline", f.pipeline), ("won_amount", f.wonAmounts)] {
                for amounts in list {
                    for (source, minor) in amounts.bySource { add(groupBy, group, metric, amounts.currency, source, value: Self.major(minor)) }
                }
            }
        }
        figures("", "", totals)
        add("", "", "decided", value: String(decisions.decided))
        add("", "", "decided_within_sla", value: String(decisions.withinSLA))
        add("", "", "within_sla_share", value: decisions.withinSLAShare.map { Self.fixed($0, 4) } ?? "")
        add("", "", "median_decision_hours", value: decisions.medianSeconds.map { Self.fixed($0 / 3600, 3) } ?? "")
        add("", "", "p90_decision_hours", value: decisions.p90Seconds.map { Self.fixed($0 / 3600, 3) } ?? "")
        add("", "", "median_days_to_win", value: medianDaysToWin.map { Self.fixed($0, 3) } ?? "")
        for partner in topPartners { add("partner", partner.org, "top_partner_won_amount", partner.currency, "total", value: Self.major(partner.wonMinor)) }
        for partner in partnersWithoutWin { add("partner", partner.org, "registrations_without_win", value: String(partner.registrations)) }
        for group in groups { figures(breakdown?.rawValue ?? "", group.key, group.figures) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }

    /// Minor units as major units with two decimals, exactly (no floating point).
    static func major(_ minor: Int64) -> String {
        let magnitude = minor.magnitude
        let cents = magnitude % 100
        return (minor < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }
}

extension ProgramReport.Figures {
    /// The counts, named as in the CSV and JSON.
    var counts: [(String, Int)] {
        [("submitted", submitted), ("approved", approved), ("declined", declined), ("conflict", conflict), ("expired", expired), ("won", won), ("lost", lost)]
    }

    /// The rates, named as in the CSV and JSON.
    var rates: [(String, Double?)] { [("approval_rate", approvalRate), ("won_of_approved", wonOfApproved), ("win_rate", winRate)] }
}

extension ProgramReport.Amounts {
    var bySource: [(String, Int64)] {
        [("sourced", sourcedMinor), ("influenced", influencedMinor), ("unspecified", unspecifiedMinor), ("total", totalMinor)]
    }
}

/// ISO 8601 texts in UTC.
enum ISO {
    static func day(_ date: Date) -> String { CalendarDate(date).description }
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break.
public enum CSVField {
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
