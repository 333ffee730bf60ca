/// What a certification operation did: typed, so texts are written once (`CertificationText`).
public enum CertificationOutcome: Sendable, Equatable {
    /// Changed: the certification as it is now, and what happened.
    case changed(Certification, CertificationEvent)
    /// Nothing to do (a double click, a repeated claim or grant).
    case unchanged(Certification, CertificationUnchanged)
    /// Not allowed, and why.
    case refused(CertificationRefusal)
    /// No such claim or person visible to the caller.
    case notFound
}

/// What changed.
public enum CertificationEvent: String, Sendable, Equatable {
    case claimed, verified, rejected, granted, revoked
}

/// Why nothing changed.
public enum CertificationUnchanged: Sendable, Equatable {
    /// The person's claim on the track is still open.
    case alreadyClaimed
    /// The claim was already verified or rejected.
    case alreadyDecided
    /// The person already holds the track from that day.
    case alreadyHeld
}

/// Why a certification operation is refused.
public enum CertificationRefusal: Sendable, Equatable {
    /// The track requires another first (track ids).
    case prerequisiteMissing(track: String, required: String)
    /// The person is certified on the track until `until`; recertification opens on `opens`.
    case stillCertified(track: String, until: String, opens: String)
    /// The claim's track is no longer in the catalogue.
    case retiredTrack(String)
    /// Verifying would record the same certification twice for one day (claim id).
    case duplicateOfToday(Int64)
    /// A rejection needs a reason (claim id).
    case reasonMissing(Int64)
    /// The person is not in the directory yet.
    case unknownPerson(String)
    /// A grant's earned date lies in the future.
    case earnedInFuture(CalendarDate)
    /// A grant needs the person to hold the prerequisite (track ids).
    case grantNeedsPrerequisite(user: String, track: String, required: String)
    /// Nothing valid on the track to revoke among the organisations the caller manages.
    case nothingToRevoke(user: String, track: String)
}

/// A validated row of an LMS export (`team_id,user_id,track,earned,expires,credential`).
public struct CertificationImportRow: Sendable, Equatable {
    public var line: Int
    public var teamID: String
    public var userID: String
    public var track: String
    public var earned: CalendarDate?
    public var expires: CalendarDate?
    public var credential: String?
}
