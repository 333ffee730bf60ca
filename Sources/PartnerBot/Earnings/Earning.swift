import Foundation
import GRDB
import SlackPlatform

/// One row of the earnings ledger.
public struct Earning: Sendable, Equatable, FetchableRecord, Decodable {
    public var id: Int64
    public var org: String
    public var source: String
    public var reference: String
    public var amountMinor: Int64
    public var currency: String
    public var state: String
    public var detail: String?
    public var createdAt: Date

    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }

    enum CodingKeys: String, CodingKey {
        case id, org, source, reference, currency, state, detail
        case amountMinor = "amount_minor"
        case createdAt = "created_at"
    }
}

/// What partners read about their earnings.
enum EarningText {
    static func notice(_ earning: Earning) -> MessageReply {
        let what = earning.source == "commission" ? "Commission on \(earning.reference)" : "\(earning.source.uppercased()) \(earning.reference)"
        let text: String =
            switch earning.state {
            case "earned": "💰 \(what): \(earning.amount) earned (\(earning.detail ?? "")). `/earnings` shows what your organisation earns."
            case "approved": "✅ \(what): \(earning.amount) approved for payment."
            case "paid": "🏦 \(what): \(earning.amount) paid."
            default: "↩️ \(what): \(earning.amount) reversed (\(earning.detail ?? ""))."
            }
        return MessageReply(text: text, blocks: [.section(text: text)], visibility: .inChannel)
    }
}
