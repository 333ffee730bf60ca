import GRDB
import Synchronization

/// Runs concurrent write operations in shared transactions ("group commit").
///
/// Each operation runs in its own savepoint, so one failing operation rolls back alone; the
/// batch commits once, so a burst of requests pays for one durable `fsync` instead of one each.
/// Every caller resumes only after the commit that holds its operation: a reply that says
/// "saved" is as durable as with one transaction per request.
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
                Task { await self.drain() }
            }
        }
        guard let typed = value as? T else { preconditionFailure("group commit returned a value of the wrong type") }
        return typed
    }

    private func drain() async {
        while true {
            let jobs = state.withLock { state -> [Job] in
                let batch = Array(state.queue.prefix(maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if jobs.isEmpty { return }
            let operations = jobs.map(\.operation)
            do {
                let results: [Result<any Sendable, any Error>] = try await writer.write { db in
                    operations.map { operation in
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
                for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
            } catch {
                for job in jobs { job.continuation.resume(throwing: error) }
            }
        }
    }
}
