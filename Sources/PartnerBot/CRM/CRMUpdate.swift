import Foundation

/// A change the CRM reports for a synced deal (a HubSpot webhook event, a generic webhook body),
/// as partnerbot applies it.
public struct CRMUpdate: Sendable, Equatable {
    /// What changed.
    public enum Change: Sendable, Equatable {
        /// A pipeline stage (partnerbot's name, mapped from the CRM's through `crm.stages`).
        case stage(String)
        /// Closed won.
        case won
        /// Closed lost, with the CRM's reason when it gave one.
        case lost(reason: String?)
    }

    /// Identifies the delivery, so a redelivery changes nothing (`hubspot:<eventId>`, `webhook:<id>`).
    public var eventKey: String
    /// Where it came from (`hubspot`, `webhook`).
    public var source: String
    /// The deal.
    public var dealID: Int64
    /// The change.
    public var change: Change
    /// When it happened in the CRM; an event older than one already applied to the deal is
    /// ignored (deliveries may arrive out of order).
    public var occurredAt: Date?

    /// Creates an update.
    public init(eventKey: String, source: String, dealID: Int64, change: Change, occurredAt: Date?) {
        self.eventKey = eventKey
        self.source = source
        self.dealID = dealID
        self.change = change
        self.occurredAt = occurredAt
    }

    /// The change as a deal action.
    var action: DealAction {
        switch change {
        case .stage(let stage): .stage(stage)
        case .won: .won
        case .lost(let reason): .lost(reason: reason.flatMap { $0.isEmpty ? nil : $0 } ?? "closed lost in the CRM")
        }
    }

    /// Who acts: the CRM, with a program manager's rights (audited as `CRM`).
    static let caller = Caller.system("CRM")
}

/// What applying a CRM update did.
public enum CRMUpdateOutcome: String, Sendable, Equatable {
    /// The deal changed (audited "by CRM", the partner told like after a manager's change).
    case applied
    /// The deal already was so.
    case unchanged
    /// This delivery was applied before.
    case duplicate
    /// A later change from the CRM was already applied.
    case outdated
    /// The deal's state does not allow it (e.g. a stage for a declined registration).
    case refused
    /// No deal has that reference.
    case unknownDeal = "unknown_deal"
}
