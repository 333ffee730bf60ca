import SlackPlatform

/// One alert a pass decided to send.
public struct Alert: Sendable, Equatable {
    /// Kinds of alert.
    public enum Kind: String, Sendable, CaseIterable {
        case protectionExpiry = "protection_expiry"
        case protectionEnded = "protection_ended"
        case approvalSLA = "approval_sla"
        case conflictUnresolved = "conflict_unresolved"
        case certificationExpiry = "certification_expiry"
        case certificationExpired = "certification_expired"
        case quietPartners = "quiet_partners"
        case announcementReminder = "announcement_reminder"
        case tierCheck = "tier_check"
        case tierNudge = "tier_nudge"
        case tierReview = "tier_review"
    }

    /// Who receives a message.
    public enum Recipient: Sendable, Hashable {
        /// A manager's DM (counts toward their digest).
        case manager(String)
        /// The managers' channel (counts toward its digest).
        case managersChannel(String)
        /// A partner organisation's shared channel.
        case partnerChannel(String)
        /// A person's DM.
        case person(String)
        /// The managers' channel, never folded into a digest (the message carries buttons).
        case managersDecision(String)

        /// The Slack channel or user id.
        public var target: String {
            switch self {
            case .manager(let id), .managersChannel(let id), .partnerChannel(let id), .person(let id), .managersDecision(let id): id
            }
        }

        /// Whether the recipient is on the vendor's side (digests apply).
        var isManagerSide: Bool {
            switch self {
            case .manager, .managersChannel: true
            case .partnerChannel, .person, .managersDecision: false
            }
        }
    }

    /// What it is about, e.g. `deal:12` or `cert:4`.
    public var subject: String
    /// Its kind.
    public var kind: Kind
    /// Which threshold it is (e.g. `1d@2027-04-15`): exactly once per subject, kind and threshold.
    public var threshold: String
    /// Messages by recipient.
    public var messages: [(recipient: Recipient, reply: MessageReply)]
    /// One line for digests and the CLI report.
    public var summary: String

    public static func == (lhs: Alert, rhs: Alert) -> Bool {
        lhs.subject == rhs.subject && lhs.kind == rhs.kind && lhs.threshold == rhs.threshold
    }

    /// The ledger key (unique: each one fires once).
    var ledgerKey: String { "\(subject)|\(kind.rawValue)|\(threshold)" }
}

/// What one pass did (or, in a dry run, would do).
public struct AlertPassReport: Sendable {
    /// The alerts sent (or due in a dry run).
    public var fired: [Alert]
    /// Deals whose protection ended and were marked expired.
    public var expiredDeals: [String]
    /// Digests sent instead of single alerts, by recipient.
    public var digests: [String: Int]
    /// Whether nothing was written.
    public var dryRun: Bool
    /// Which moment the pass evaluated and when it ran.
    public var time: AlertPassTime
    /// The outbox rows the pass enqueued (ranges of row ids; empty for a dry run), all deliverable
    /// from `time.ranAt`: what `partnerbot alerts run` delivers before it exits.
    public var enqueued: [ClosedRange<Int64>] = []

    /// How many outbox rows the pass enqueued.
    public var enqueuedCount: Int { enqueued.reduce(0) { $0 + $1.count } }

    /// Lines for `partnerbot alerts run`.
    public var lines: [String] {
        // Reminders are threaded under each target's original message: their summary says so.
        var lines = fired.map { alert in
            let targets = alert.messages.map(\.recipient.target).joined(separator: ", ")
            return "\(dryRun ? "would send" : "sent") \(alert.kind.rawValue) [\(alert.threshold)] \(alert.subject): \(alert.summary)\(targets.isEmpty ? "" : " → \(targets)")"
        }
        lines += expiredDeals.map { "\(dryRun ? "would expire" : "expired") \($0)" }
        lines += digests.sorted { $0.key < $1.key }.map { "digest of \($0.value) alerts → \($0.key)" }
        if lines.isEmpty { lines.append("nothing due") }
        return lines
    }
}
