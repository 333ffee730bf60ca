import GRDB
import Synchronization

/// Runs concurrent write operations in shared transactions ("group commit").
///
/// The batch commits once, so a burst of requests pays for one durable `fsync` instead of one
/// each. A failing operation never takes others down with it: the batch first runs without
/// savepoints (a savepoint per operation copies every page it touches into SQLite's
/// sub-journal); if any operation throws, that attempt is rolled back whole and the batch runs
/// again with each operation in its own savepoint, so only the failing one is undone.
/// Every caller resumes only after the commit that holds its operation: a reply that says
/// "saved" is as durable as with one transaction per request.
///
/// Batches run on the database's writer queue itself: while one batch commits, the next one
/// gathers. After each commit the next batch is queued behind whatever other writes are waiting
/// (the outbox worker, imports), so a sustained burst of requests never starves them.
final class GroupCommitWriter: Sendable {
    private struct Job {
        let operation: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct State {
        var queue: [Job] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    private let maxBatch: Int

    init(writer: any DatabaseWriter, maxBatch: Int = 512) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `operation` in a savepoint of the next batch transaction and returns after it commits.
    func write<T: Sendable>(_ operation: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(Job(operation: { try operation($0) }, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                writer.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
        guard let typed = value as? T else { preconditionFailure("group commit returned a value of the wrong type") }
        return typed
    }

    /// Commits one batch, then schedules the next if more jobs wait. Runs on the writer queue,
    /// outside any transaction.
    private func drain(_ db: Database) {
        let jobs = state.withLock { state -> [Job] in
            let batch = Array(state.queue.prefix(maxBatch))
            state.queue.removeFirst(batch.count)
            if batch.isEmpty { state.draining = false }
            return batch
        }
        if jobs.isEmpty { return }
        commit(jobs, db: db)
        writer.asyncWriteWithoutTransaction { db in self.drain(db) }
    }

    private func commit(_ jobs: [Job], db: Database) {
        let results: [Result<any Sendable, any Error>]
        do {
            results = try Self.runOptimistically(jobs, db: db) ?? Self.runIsolated(jobs, db: db)
        } catch {
            // The commit failed: nothing in the batch was saved.
            for job in jobs { job.continuation.resume(throwing: error) }
            return
        }
        for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
    }

    private struct OperationFailed: Error {}

    /// Every operation in one transaction without savepoints; `nil` (and nothing saved) when
    /// one of them threw.
    private static func runOptimistically(_ jobs: [Job], db: Database) throws -> [Result<any Sendable, any Error>]? {
        var results: [Result<any Sendable, any Error>] = []
        results.reserveCapacity(jobs.count)
        do {
            try db.inTransaction(.immediate) {
                for job in jobs {
                    do {
                        results.append(.success(try job.operation(db)))
                    } catch {
                        throw OperationFailed()
                    }
                }
                return .commit
            }
        } catch is OperationFailed {
            return nil
        }
        return results
    }

    /// Every operation in its own savepoint of one transaction: a failure undoes that operation alone.
    private static func runIsolated(_ jobs: [Job], db: Database) throws -> [Result<any Sendable, any Error>] {
        var results: [Result<any Sendable, any Error>] = []
        results.reserveCapacity(jobs.count)
        try db.inTransaction(.immediate) {
            for job in jobs {
                results.append(Self.run(job.operation, db: db))
            }
            return .commit
        }
        return results
    }

    /// Runs one operation in its own savepoint: a failure rolls back that operation alone.
    private static func run(_ operation: @Sendable (Database) throws -> any Sendable, db: Database) -> Result<any Sendable, any Error> {
        var value: (any Sendable)?
        do {
            try db.inSavepoint {
                value = try operation(db)
                return .commit
            }
            return .success(value!)
        } catch {
            return .failure(error)
        }
    }
}
