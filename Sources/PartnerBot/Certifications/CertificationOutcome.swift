/// What a certification change did.
public enum CertificationOutcome: Sendable, Equatable {
    /// Changed; `summary` tells the caller.
    case changed(Certification, summary: String)
    /// Nothing to do (a double click, a repeated claim).
    case unchanged(Certification, summary: String)
    /// Not allowed, with the reason and what to do.
    case refused(String)
    /// No such claim or person visible to the caller.
    case notFound
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
