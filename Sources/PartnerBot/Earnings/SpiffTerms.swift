import Foundation

/// A SPIFF's terms, from its announcement's `incentive:` block: what a qualifying deal earns,
/// when, which deals qualify, the proof a claim needs, and the cap per organisation.
public struct SpiffTerms: Sendable, Equatable {
    public enum Payout: Sendable, Equatable {
        /// A fixed amount per qualifying deal.
        case fixed(Money)
        /// Hundredths of a percent of the deal's amount, paid in `currency` (deals in it only).
        case percent(basisPoints: Int, currency: String)
    }

    public enum Cap: Sendable, Equatable {
        /// At most this many approved claims per organisation.
        case claims(Int)
        /// At most this much per organisation.
        case amount(Money)
    }

    public var payout: Payout
    /// The deal must be won between these days (both included).
    public var start: CalendarDate
    public var end: CalendarDate
    /// Eligible motions; empty: any.
    public var motions: [DealMotion] = []
    /// The least deal amount that qualifies.
    public var minimumDeal: Money?
    /// Whether a claim needs a note, an https link.
    public var requiresNote = false
    public var requiresLink = false
    public var cap: Cap?

    /// What a deal of `amount` earns under the terms (nil when it earns nothing).
    public func earning(for amount: Money?) -> Money? {
        switch payout {
        case .fixed(let money): return money
        case .percent(let basisPoints, let currency):
            guard let amount, amount.currency == currency else { return nil }
            let minor = (amount.minorUnits * Int64(basisPoints) + 5_000) / 10_000
            return minor > 0 ? Money(minorUnits: minor, currency: currency) : nil
        }
    }
}

extension SpiffTerms {
    /// The currency an amount cap counts in.
    var capCurrency: String {
        if case .amount(let money) = cap { return money.currency }
        switch payout {
        case .fixed(let money): return money.currency
        case .percent(_, let currency): return currency
        }
    }
}
