import Foundation

/// A partner's SPIFF claim or MDF request, as stored. A SPIFF claim is decided once (approved:
/// its earning is recorded). An MDF request is approved first (the budget is reserved), then
/// claimed with proof after the activity, and the claim approved (its earning is recorded).
public struct Claim: Sendable, Equatable, SQLFetchable {
    public enum Kind: String, Sendable, Codable {
        case spiff, mdf
    }

    public enum State: String, Sendable, Codable {
        /// Waiting for a manager: a SPIFF claim, or an MDF request.
        case submitted
        /// A SPIFF claim paid out as an earning; an MDF request approved (waiting for its claim).
        case approved
        /// Refused, with a reason.
        case rejected
        /// An MDF request's claim (proof after the activity), waiting for a manager.
        case claimed
        /// An MDF claim approved: its earning is recorded.
        case completed
    }

    public var id: Int64
    public var kind: Kind
    public var org: String
    public var announcementID: String?
    public var dealID: Int64?
    public var amountMinor: Int64
    public var currency: String
    public var activity: String?
    public var activityDate: String?
    public var budgetQuarter: String?
    public var proof: String?
    public var note: String?
    public var state: State
    public var reason: String?
    public var submittedBy: String
    public var decidedBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// `SC-12` (a SPIFF claim) or `MDF-12`.
    public var reference: String { ClaimReference(kind: kind, id: id).text }
    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
    /// Whether a manager is expected to decide now.
    public var isWaiting: Bool { state == .submitted || state == .claimed }
}

/// What `/claims approve|reject|paid` names: a SPIFF claim, an MDF request, or a won deal's commission.
public enum ClaimReference: Sendable, Hashable {
    case spiff(Int64)
    case mdf(Int64)
    /// The commission earned on deal `DR-n`.
    case commission(dealID: Int64)

    init(kind: Claim.Kind, id: Int64) {
        self = kind == .spiff ? .spiff(id) : .mdf(id)
    }

    /// `SC-12`, `MDF-3` or `DR-7` (any case).
    public static func parse(_ text: String) -> ClaimReference? {
        let upper = text.trimmingWhitespace().uppercased()
        let prefixes: [(String, (Int64) -> ClaimReference)] = [("SC-", { .spiff($0) }), ("MDF-", { .mdf($0) }), ("DR-", { .commission(dealID: $0) })]
        guard let (prefix, make) = prefixes.first(where: { upper.hasPrefix($0.0) }) else { return nil }
        let digits = upper.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(digits), id > 0 else { return nil }
        return make(id)
    }

    public var text: String {
        switch self {
        case .spiff(let id): "SC-\(id)"
        case .mdf(let id): "MDF-\(id)"
        case .commission(let id): "DR-\(id)"
        }
    }

    /// The ledger row's source and reference for this claim.
    var earningKey: (source: String, reference: String) {
        switch self {
        case .spiff: ("spiff", text)
        case .mdf: ("mdf", text)
        case .commission: ("commission", text)
        }
    }
}
