import Foundation

/// Whether the instances that claimed work (outbox deliveries, CRM pushes and lookups) still
/// run, as one instance can tell when it looks for abandoned claims.
///
/// On SQLite the processes share a host: the claimer's pid and start time tell. On PostgreSQL
/// instances run anywhere: one runs while it has a connection open to the database, each named
/// with its ``DeliveryOwner/applicationName`` (a killed process's connections close with it, so
/// its claims are released at the next look, not after a lease).
struct ClaimLiveness: Sendable {
    /// The instances with a connection to PostgreSQL now; `nil` on SQLite.
    var connected: Set<String>?

    /// Reads who is connected, in the caller's transaction.
    static func current(_ db: any SQLDatabase) throws -> ClaimLiveness {
        guard db.dialect == .postgres else { return ClaimLiveness(connected: nil) }
        let names = try String.fetchAll(
            db, sql: "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE ?",
            arguments: [DeliveryOwner.applicationNamePrefix + "%"])
        return ClaimLiveness(connected: Set(names.map { String($0.dropFirst(DeliveryOwner.applicationNamePrefix.count)) }))
    }

    /// Whether a claim is abandoned: no owner (or one not of ``DeliveryOwner``'s form), an owner
    /// known to be gone, or, when that cannot be told (another host, SQLite), one that claimed
    /// more than `lease` ago.
    func isAbandoned(owner: String?, claimedAt: Date?, now: Date, lease: Duration) -> Bool {
        guard let owner, let claimer = DeliveryOwner(stored: owner) else { return true }
        switch isRunning(claimer) {
        case .some(true): return false
        case .some(false): return true
        case .none:
            guard let claimedAt else { return true }
            return now.timeIntervalSince(claimedAt) > lease.seconds
        }
    }

    private func isRunning(_ claimer: DeliveryOwner) -> Bool? {
        if let connected, !claimer.isThisProcess { return connected.contains(claimer.instance) }
        return claimer.isRunning
    }
}
