import Foundation

/// The two times of an alert pass.
///
/// `asOf` decides *what is due* and what the messages say ("7 days left"); `ranAt` is the real
/// clock when the pass runs: the messages it enqueues are deliverable from then (at once), and the
/// ledger, the audit trail and the rows it touches are stamped with it. The server's scheduler
/// runs live passes (both the same); `partnerbot alerts run --as-of T` evaluates T and still
/// delivers now, so a replayed or previewed timeline never schedules messages for a simulated date.
public struct AlertPassTime: Sendable, Equatable {
    /// The moment whose due alerts the pass decides.
    public var asOf: Date
    /// When the pass really runs (the wall clock).
    public var ranAt: Date

    /// Creates a pass time.
    /// - Parameters:
    ///   - asOf: The moment evaluated.
    ///   - ranAt: The real time of the run.
    public init(asOf: Date, ranAt: Date) {
        self.asOf = asOf
        self.ranAt = ranAt
    }

    /// A pass that evaluates the moment it runs.
    public static func live(_ now: Date) -> AlertPassTime {
        AlertPassTime(asOf: now, ranAt: now)
    }

    /// Whether the pass evaluates another moment than the one it runs at.
    public var isReplay: Bool { asOf != ranAt }

    /// What an audit entry written by the pass adds to say which moment it evaluated (empty for a live pass).
    var auditNote: String {
        isReplay ? "alert pass as of \(ISO8601DateFormatter().string(from: asOf))" : ""
    }
}
