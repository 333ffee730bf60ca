import Logging
import Synchronization

/// Work that one instance at a time does among several sharing a database: the scheduler's
/// alert pass and outbox pruning. The alert ledger's unique keys already keep every alert exactly
/// once, so two passes at once would be wasted work and serialization conflicts, not duplicates.
///
/// On SQLite it always holds (its instances are the processes of one host). On PostgreSQL it is
/// a session-level advisory lock on a connection of its own (``PostgresLeaderLock``): the server
/// releases it when that connection ends, so when the holding instance dies, or is cut off from
/// the database, another takes the work over at its next try.
public final class SingletonLock: Sendable {
    /// The kinds of singleton work, each its own advisory lock key.
    public enum Work: Int64, Sendable {
        /// The alert pass and report rollup fold ("pbalerts" in ASCII).
        case alertPass = 0x7062_616C_6572_7473
        /// Pruning sent messages ("pbprune\0").
        case outboxPruning = 0x7062_7072_756E_6500
    }

    private let work: Work
    private let postgres: PostgresLeaderLock?
    private let logger: Logger
    private let holding = Atomic<Bool>(false)

    init(work: Work, postgres url: PostgresURL?, logger: Logger) {
        self.work = work
        self.postgres = url.map { PostgresLeaderLock(url: $0, key: work.rawValue, logger: logger) }
        self.logger = logger
    }

    /// Whether this instance does the work now: it keeps the lock while its connection lives,
    /// else tries to take it without waiting. A database that cannot be reached answers `false`.
    public func holds() async -> Bool {
        guard let postgres else { return true }
        let now: Bool
        do {
            now = try await postgres.acquire()
        } catch {
            logger.warning("cannot reach the database to take the \(work) lock", metadata: ["error": "\(AppDatabase.connectionFailure(error))"])
            now = false
        }
        if holding.exchange(now, ordering: .relaxed) != now {
            logger.notice(now ? "this instance now runs the \(work) for every instance" : "another instance runs the \(work) now")
        }
        return now
    }

    /// Gives the work up (at shutdown), so another instance takes it at once.
    public func release() async {
        await postgres?.release()
        holding.store(false, ordering: .relaxed)
    }
}

extension SingletonLock.Work: CustomStringConvertible {
    public var description: String {
        switch self {
        case .alertPass: "alert pass"
        case .outboxPruning: "outbox pruning"
        }
    }
}

extension AppDatabase {
    /// The lock that keeps `work` to one instance at a time on this database.
    public func singletonLock(_ work: SingletonLock.Work, logger: Logger) -> SingletonLock {
        SingletonLock(work: work, postgres: (store as? PostgresStore)?.url, logger: logger)
    }
}
