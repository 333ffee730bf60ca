import Foundation

/// The report as JSON: field names in snake_case, amounts in minor units (exact integers),
/// rates as fractions, absent values `null` (README, "Program reports").
extension ProgramReport {
    public var json: String {
        var object: [String: Any] = [
            "period": ["label": period.label, "start": ISO.time(period.start), "end": ISO.time(period.end),
                       "first_day": ISO.day(period.start), "last_day": ISO.day(period.end.addingTimeInterval(-1))],
            "as_of": ISO.time(asOf),
            "totals": Self.json(totals),
            "decisions": [
                "decided": decisions.decided, "within_sla": decisions.withinSLA, "within_sla_share": Self.orNull(decisions.withinSLAShare),
                "median_seconds": Self.orNull(decisions.medianSeconds), "p90_seconds": Self.orNull(decisions.p90Seconds),
            ] as [String: Any],
            "median_days_to_win": Self.orNull(medianDaysToWin),
            "top_partners": topPartners.map { ["org": $0.org, "name": $0.name, "currency": $0.currency, "won_minor": $0.wonMinor, "won_deals": $0.wonDeals] },
            "partners_without_win": partnersWithoutWin.map { ["org": $0.org, "name": $0.name, "registrations": $0.registrations] },
            "group_by": breakdown.map { $0.rawValue as Any } ?? NSNull(),
        ]
        object["groups"] = groups.map { group -> [String: Any] in
            var entry = Self.json(group.figures)
            entry["key"] = group.key
            entry["name"] = group.name
            return entry
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func json(_ figures: Figures) -> [String: Any] {
        var object: [String: Any] = [:]
        for (name, count) in figures.counts { object[name] = count }
        for (name, rate) in figures.rates { object[name] = orNull(rate) }
        object["pipeline"] = figures.pipeline.map(json)
        object["won_amount"] = figures.wonAmounts.map(json)
        return object
    }

    static func json(_ amounts: Amounts) -> [String: Any] {
        var object: [String: Any] = ["currency": amounts.currency]
        for (source, minor) in amounts.bySource { object["\(source)_minor"] = minor }
        return object
    }

    static func orNull(_ value: Double?) -> Any { value.map { ($0 * 1_000_000).rounded() / 1_000_000 } ?? NSNull() }
}
