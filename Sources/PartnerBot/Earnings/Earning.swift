import Foundation
import SlackPlatform

/// One row of the earnings ledger.
public struct Earning: Sendable, Equatable, SQLFetchable {
    public var id: Int64
    public var org: String
    public var source: String
    public var reference: String
    public var amountMinor: Int64
    public var currency: String
    public var state: String
    public var detail: String?
    /// Finance's reference of the payment, once paid.
    public var paymentReference: String?
    public var createdAt: Date

    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}

/// What partners read about their earnings.
enum EarningText {
    /// - Parameter change: What the change says (a reversal's reason).
    static func notice(_ earning: Earning, change: String?) -> MessageReply {
        let what =
            switch earning.source {
            case "commission": "Commission on \(earning.reference)"
            case "spiff": "SPIFF claim \(earning.reference)"
            default: "Market-development funds \(earning.reference)"
            }
        let text: String =
            switch earning.state {
            case "earned": "💰 \(what): \(earning.amount) earned (\(earning.detail ?? "")). `/earnings` shows what your organisation earns."
            case "approved": "✅ \(what): \(earning.amount) approved for payment" + (earning.source == "commission" ? "." : " (\(earning.detail ?? "")).")
            case "paid": "🏦 \(what): \(earning.amount) paid" + (earning.paymentReference.map { " (payment \($0))." } ?? ".")
            default: "↩️ \(what): \(earning.amount) reversed (\(change ?? earning.detail ?? ""))."
            }
        return MessageReply(text: text, blocks: [.section(text: text)], visibility: .inChannel)
    }
}
