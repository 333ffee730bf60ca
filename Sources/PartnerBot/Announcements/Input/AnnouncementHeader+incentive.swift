import Foundation

extension AnnouncementHeader {
    static let incentiveKeys: Set<String> = ["amount", "percent", "currency", "start", "end", "motions", "minimum_deal", "proof", "cap_per_org"]

    /// `incentive:` — `amount: USD 1000` or `percent: 5` with `currency: USD`; `start`/`end`
    /// (the deal must be won between them); optional `motions`, `minimum_deal`, `proof: [note,
    /// link]`, `cap_per_org` (a number of claims or an amount).
    static func incentive(_ value: YAMLValue) throws(YAMLFileError) -> SpiffTerms {
        let fields = try value.mapping(allowed: incentiveKeys)
        let payout = try payout(fields, in: value)
        guard let startValue = fields["start"], let endValue = fields["end"] else {
            throw value.error("needs start and end: the days between which a deal must be won (YYYY-MM-DD)")
        }
        let (start, end) = (try day(startValue), try day(endValue))
        guard start <= end else { throw endValue.error("the end (\(end)) is before the start (\(start))") }
        var terms = SpiffTerms(payout: payout, start: start, end: end)
        if let list = fields["motions"] {
            for item in try list.array() {
                let text = try item.string().lowercased()
                guard let motion = DealMotion(rawValue: text) else {
                    throw item.error("\"\(text)\" is not a motion (\(DealMotion.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                terms.motions.append(motion)
            }
        }
        if let minimum = fields["minimum_deal"] { terms.minimumDeal = try money(minimum) }
        if let proof = fields["proof"] {
            for item in try proof.array() {
                switch try item.string().lowercased() {
                case "note": terms.requiresNote = true
                case "link": terms.requiresLink = true
                case let other: throw item.error("\"\(other)\" is not a proof (note, link)")
                }
            }
        }
        if let cap = fields["cap_per_org"] {
            if let count = cap.node.int {
                guard count >= 1 else { throw cap.error("must be at least 1 claim or an amount like USD 5000") }
                terms.cap = .claims(count)
            } else {
                terms.cap = .amount(try money(cap))
            }
        }
        return terms
    }

    private static func payout(_ fields: [String: YAMLValue], in value: YAMLValue) throws(YAMLFileError) -> SpiffTerms.Payout {
        switch (fields["amount"], fields["percent"]) {
        case (let amount?, nil):
            return .fixed(try money(amount))
        case (nil, let percent?):
            let text = try percent.string()
            guard let number = Decimal(string: text), number > 0, number <= 100 else { throw percent.error("must be a percentage above 0 and at most 100, got \"\(text)\"") }
            guard let currencyValue = fields["currency"] else { throw value.error("a percentage needs the currency it pays in, e.g. currency: USD") }
            let currency = try currencyValue.string().uppercased()
            guard Money.supportedCurrencies.contains(currency) else { throw currencyValue.error("\"\(currency)\" is not a supported currency") }
            return .percent(basisPoints: NSDecimalNumber(decimal: number * 100).intValue, currency: currency)
        case (_?, _?):
            throw value.error("give amount (a fixed amount per deal) or percent, not both")
        case (nil, nil):
            throw value.error("needs amount (e.g. USD 1000 per deal) or percent (with currency)")
        }
    }

    private static func money(_ value: YAMLValue) throws(YAMLFileError) -> Money {
        let text = try value.string()
        guard let money = Money.parse(text), money.minorUnits > 0 else { throw value.error("must be an amount with its currency, like USD 1000, got \"\(text)\"") }
        return money
    }

    private static func day(_ value: YAMLValue) throws(YAMLFileError) -> CalendarDate {
        let text = try value.string()
        guard let day = CalendarDate(iso: text) else { throw value.error("must be a date YYYY-MM-DD, got \"\(text)\"") }
        return day
    }
}
