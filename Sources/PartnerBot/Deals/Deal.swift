import Foundation

/// A deal registration and its lifecycle.
public struct Deal: Sendable, Equatable, SQLFetchable, SQLAutoIncremented {
    /// Where a registration stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a manager's decision (within the approval SLA).
        case pending
        /// A manager asked the partner a question; their answer returns it to pending.
        case needsInfo = "needs_info"
        /// Approved: the customer is protected for the partner until `protectionEnd`.
        case approved
        /// Declined (with a reason).
        case declined
        /// Another organisation holds the customer; managers decide.
        case conflict
        /// Closed won.
        case won
        /// Closed lost (with a reason).
        case lost
        /// Protection ended before the deal closed.
        case expired

        /// Holds the customer against other organisations.
        public var isActive: Bool { self == .pending || self == .needsInfo || self == .approved }

        /// Awaiting a manager.
        public var awaitsDecision: Bool { self == .pending || self == .needsInfo || self == .conflict }

        /// Words for people.
        public var label: String {
            switch self {
            case .needsInfo: "needs info"
            default: rawValue
            }
        }
    }

    public static let databaseTableName = "deal"

    /// Row id; the reference is `DR-<id>`.
    public var id: Int64?
    /// The registering organisation.
    public var org: String
    /// The customer as typed.
    public var customerName: String
    /// The normalized customer key (uniqueness).
    public var customerKey: String
    /// The customer's domain, normalized.
    public var domain: String?
    /// Amount in minor units.
    public var amountMinor: Int64?
    /// Amount currency.
    public var currency: String?
    /// Expected close (YYYY-MM-DD).
    public var closeDate: String?
    /// Customer contact email.
    public var contact: String?
    /// Sales motion.
    public var motion: String?
    /// Sourced or influenced.
    public var source: String?
    /// Free text from the partner.
    public var note: String?
    /// Lifecycle status.
    public var status: Status
    /// Pipeline stage (approved deals).
    public var stage: String?
    /// Who registered it.
    public var submittedBy: String
    /// Their workspace.
    public var submittedTeam: String
    /// Where it was registered.
    public var channelID: String?
    /// Created.
    public var createdAt: Date
    /// Last changed.
    public var updatedAt: Date
    /// When the decision is due (the approval SLA).
    public var slaDueAt: Date
    /// When decided.
    public var decidedAt: Date?
    /// Who decided.
    public var decidedBy: String?
    /// Decline or loss reason.
    public var reason: String?
    /// Open question to the partner (needs info).
    public var question: String?
    /// Protection start.
    public var protectionStart: Date?
    /// Protection end.
    public var protectionEnd: Date?
    /// Extensions granted.
    public var extensions: Int
    /// The active registration this one conflicts with.
    public var conflictWith: Int64?

    /// `DR-<id>`.
    public var reference: String { "DR-\(id ?? 0)" }

    /// The amount as money, when given.
    public var amount: Money? {
        guard let amountMinor, let currency else { return nil }
        return Money(minorUnits: amountMinor, currency: currency)
    }

    /// The status as of `now`: an approved deal past its protection end reads as expired.
    public func effectiveStatus(at now: Date) -> Status {
        if status == .approved, let protectionEnd, protectionEnd <= now { return .expired }
        return status
    }

    /// The table's columns, as the row code reads and writes them.
    enum Column: String {
        case id, org, domain, currency, contact, motion, source, note, status, stage, reason, question, extensions
        case customerName = "customer_name"
        case customerKey = "customer_key"
        case amountMinor = "amount_minor"
        case closeDate = "close_date"
        case submittedBy = "submitted_by"
        case submittedTeam = "submitted_team"
        case channelID = "channel_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case slaDueAt = "sla_due_at"
        case decidedAt = "decided_at"
        case decidedBy = "decided_by"
        case protectionStart = "protection_start"
        case protectionEnd = "protection_end"
        case conflictWith = "conflict_with"
    }

    /// Parses `DR-12`, `dr-12`, `12` or `#12`.
    public static func id(fromReference text: String) -> Int64? {
        var rest = Substring(text.trimmingWhitespace())
        if rest.uppercased().hasPrefix("DR-") { rest = rest.dropFirst(3) } else if rest.hasPrefix("#") { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 15, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber), let id = Int64(rest), id > 0 else { return nil }
        return id
    }
}

/// One line of a deal's history.
public struct DealAuditEntry: Sendable, Equatable, SQLFetchable {
    /// Row id.
    public var id: Int64
    /// The deal.
    public var dealID: Int64
    /// When.
    public var at: Date
    /// Who (user id, or `system`).
    public var actor: String
    /// What (`registered`, `approved`, …).
    public var action: String
    /// Status before.
    public var fromStatus: String?
    /// Status after.
    public var toStatus: String?
    /// Reason, question, stage…
    public var detail: String?
}
