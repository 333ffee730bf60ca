import Foundation

/// One certification of one person on one track (a claim, an earned certificate, or a revoked one).
public struct Certification: Sendable, Equatable, SQLFetchable, SQLAutoIncremented {
    /// What is stored; the status people see is derived from it and the date.
    public enum State: String, Codable, Sendable {
        case inProgress = "in_progress"
        case claimed, active, rejected, revoked
    }

    /// The status people see, derived from the state, the dates and today.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        case inProgress = "in_progress"
        case claimed, active, expiring, expired, revoked, rejected

        /// Counts as certified (for gating, tiebreaks and coverage).
        public var isValid: Bool { self == .active || self == .expiring }

        /// Words for people.
        public var label: String {
            switch self {
            case .inProgress: "in progress"
            case .claimed: "claimed, awaiting verification"
            default: rawValue
            }
        }

        /// Ranks statuses to pick a person's best certification on a track.
        var rank: Int {
            switch self {
            case .active: 6
            case .expiring: 5
            case .claimed: 4
            case .inProgress: 3
            case .expired: 2
            case .revoked: 1
            case .rejected: 0
            }
        }
    }

    public static let databaseTableName = "certification"

    /// Row id; the reference is `C-<id>`.
    public var id: Int64?
    /// The person's workspace.
    public var teamID: String
    /// The person.
    public var userID: String
    /// Their organisation.
    public var org: String
    /// The track id.
    public var track: String
    /// Stored state.
    public var state: State
    /// When earned.
    public var earnedOn: String?
    /// First day it is no longer valid.
    public var expiresOn: String?
    /// Credential id or https URL.
    public var credential: String?
    /// Who verified, granted, rejected or revoked it.
    public var decidedBy: String?
    /// Reject or revoke reason.
    public var reason: String?
    /// Created.
    public var createdAt: Date
    /// Last changed.
    public var updatedAt: Date

    /// `C-<id>`.
    public var reference: String { "C-\(id ?? 0)" }

    /// The status on `today`, given the track's recertification window.
    public func status(on today: CalendarDate, recertWindowDays: Int) -> Status {
        switch state {
        case .inProgress: return .inProgress
        case .claimed: return .claimed
        case .rejected: return .rejected
        case .revoked: return .revoked
        case .active:
            guard let expires = expiresOn.flatMap(CalendarDate.init(iso:)) else { return .active }
            if today >= expires { return .expired }
            if today >= expires.adding(days: -recertWindowDays) { return .expiring }
            return .active
        }
    }

    /// The expiry of a certification earned on `earned` for a track valid `months` months:
    /// the same day of month, clamped to the month's end (earned Jan 31 + 1 month → Feb 28/29).
    public static func expiry(earned: CalendarDate, validMonths months: Int) -> CalendarDate {
        earned.adding(months: months)
    }

    /// Parses `C-12`, `c-12` or `12`.
    public static func id(fromReference text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.uppercased().hasPrefix("C-") { rest = rest.dropFirst(2) }
        guard !rest.isEmpty, rest.count <= 15, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(rest), id > 0 else { return nil }
        return id
    }
}
