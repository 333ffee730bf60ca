/// What partnerbot knows about a deal that can be written to a CRM property: the keys of
/// `crm.fields` in the configuration (anything else there is refused at start-up).
public enum CRMField: String, Sendable, CaseIterable, Comparable {
    /// `Customer (DR-12)`: a deal name that is unique and readable in the CRM.
    case dealName = "deal_name"
    /// The customer as the partner typed it.
    case customer
    /// The customer's domain.
    case domain
    /// The registration's status (pending, needs_info, approved, declined, conflict, won, lost, expired).
    case status
    /// The pipeline stage, through `crm.stages` (won and lost deals: the stages named `won` and `lost`).
    case stage
    /// The amount (a decimal number).
    case amount
    /// The amount's ISO currency.
    case currency
    /// Expected close; without one, the end of protection.
    case closeDate = "close_date"
    /// The partner organisation's id.
    case partnerOrg = "partner_org"
    /// The partner organisation's name.
    case partnerName = "partner_name"
    /// The partner's tier.
    case partnerTier = "partner_tier"
    /// Sales motion.
    case motion
    /// Sourced or influenced.
    case source
    /// The Slack user who registered it.
    case registeredBy = "registered_by"
    /// When it was registered.
    case registeredAt = "registered_at"
    /// When protection started.
    case protectionStart = "protection_start"
    /// When protection ends.
    case protectionEnd = "protection_end"
    /// Extensions granted.
    case extensions
    /// Who decided (approved or declined), a Slack user or `CRM`.
    case decidedBy = "decided_by"
    /// The decline or loss reason.
    case reason
    /// The open question to the partner.
    case question
    /// Whether another organisation holds the customer (a conflict for managers).
    case conflict
    /// The conflicting registration's reference.
    case conflictWith = "conflict_with"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
