import Synchronization

/// Wakes a background loop once when the current write transaction commits, however many times
/// the transaction arms it (a broadcast enqueues thousands of messages, a registration burst
/// commits many deals in one group commit). Nothing is signalled on rollback.
///
/// One flag suffices: the database has one writer connection.
public final class CommitSignal: Sendable {
    /// What the loop waits on.
    public let signal = WakeSignal()
    private let armed = Mutex(false)

    init() {}

    /// Notifies ``signal`` when the transaction `db` is in commits.
    func notifyOnCommit(_ db: any SQLDatabase) {
        let alreadyArmed = armed.withLock { armed in
            defer { armed = true }
            return armed
        }
        guard !alreadyArmed else { return }
        db.afterNextTransaction(
            onCommit: {
                self.armed.withLock { $0 = false }
                self.signal.notify()
            },
            onRollback: { self.armed.withLock { $0 = false } })
    }
}
