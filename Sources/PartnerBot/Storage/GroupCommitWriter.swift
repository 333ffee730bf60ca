import Foundation
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
    /// One queued operation, type-erased without boxing its result: `run` performs it and
    /// returns what resumes its caller once the batch has committed.
    private struct Job {
        let run: @Sendable (any SQLDatabase) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    private let maxBatch: Int
    private let committedBatches = Atomic<Int>(0)
    private let committedOperations = Atomic<Int>(0)
    private let failure = Mutex<WriteFailure?>(nil)

    /// Since when writes fail because of the storage itself (a full disk, a read-only or
    /// unreachable file), and why; `nil` once a commit succeeds again.
    var writeFailure: WriteFailure? { failure.withLock { $0 } }

    /// Batches and operations committed so far (operations that failed alone are not counted).
    var statistics: GroupCommitStatistics {
        GroupCommitStatistics(
            commits: committedBatches.load(ordering: .relaxed), operations: committedOperations.load(ordering: .relaxed))
    }

    init(writer: any DatabaseWriter, maxBatch: Int = 512) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `operation` in the next batch transaction and returns after it commits.
    func write<T: Sendable>(_ operation: @escaping @Sendable (any SQLDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    let value = try operation(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) })
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                writer.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
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
        let outcomes: [Outcome]
        do {
            outcomes = try Self.runOptimistically(jobs, db: db) ?? Self.runIsolated(jobs, db: db)
        } catch {
            // The commit failed: nothing in the batch was saved.
            noteStorage(error)
            for job in jobs { job.fail(error) }
            return
        }
        var storageError: (any Error)?
        for case .failure(let error) in outcomes where WriteFailure.isStorage(error) { storageError = error }
        noteStorage(storageError)
        committedBatches.add(1, ordering: .relaxed)
        committedOperations.add(outcomes.count { if case .success = $0 { true } else { false } }, ordering: .relaxed)
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .success(let resume): resume()
            case .failure(let error): job.fail(error)
            }
        }
    }

    /// Remembers a storage failure (keeping when it began), or clears it after a clean commit.
    private func noteStorage(_ error: (any Error)?) {
        guard let error, WriteFailure.isStorage(error) else {
            if error == nil { failure.withLock { $0 = nil } }
            return
        }
        let message = (error as? DatabaseError)?.message ?? "\(error)"
        failure.withLock { $0 = WriteFailure(since: $0?.since ?? Date(), message: message) }
    }

    private typealias Outcome = Result<@Sendable () -> Void, any Error>

    private struct OperationFailed: Error {}

    /// Every operation in one transaction without savepoints; `nil` (and nothing saved) when
    /// one of them threw.
    private static func runOptimistically(_ jobs: [Job], db: Database) throws -> [Outcome]? {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(jobs.count)
        let database = SQLiteDatabase(db)
        do {
            try db.inTransaction(.immediate) {
                for job in jobs {
                    do {
                        outcomes.append(.success(try job.run(database)))
                    } catch {
                        throw OperationFailed()
                    }
                }
                return .commit
            }
        } catch is OperationFailed {
            return nil
        }
        return outcomes
    }

    /// Every operation in its own savepoint of one transaction: a failure undoes that operation alone.
    private static func runIsolated(_ jobs: [Job], db: Database) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(jobs.count)
        let database = SQLiteDatabase(db)
        try db.inTransaction(.immediate) {
            for job in jobs {
                var resume: (@Sendable () -> Void)?
                do {
                    try db.inSavepoint {
                        resume = try job.run(database)
                        return .commit
                    }
                    outcomes.append(.success(resume!))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return .commit
        }
        return outcomes
    }
}

/// How well concurrent writes share commits: `operations / commits` is the mean batch size.
public struct GroupCommitStatistics: Sendable, Equatable {
    /// Committed transactions.
    public var commits: Int
    /// Operations committed in them.
    public var operations: Int
}

/// Writes failing because of the storage, not the data: what `/health` reports.
public struct WriteFailure: Sendable, Equatable, Codable {
    /// The first failure of the current run of failures.
    public var since: Date
    /// SQLite's words, e.g. `database or disk is full`.
    public var message: String

    /// A full disk or database, a read-only, unreachable or failing file.
    static func isStorage(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode)
    }
}
