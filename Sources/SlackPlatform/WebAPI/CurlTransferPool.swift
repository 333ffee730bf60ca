import Foundation
import Synchronization

/// Runs blocking curl transfers on dedicated OS threads, never on Swift's cooperative pool.
///
/// Callers suspend on a continuation while a job waits in a FIFO queue guarded by a condition
/// variable. Worker threads are started on demand, up to `maxThreads`; each owns one reused
/// ``CurlEasyHandle`` (so its keep-alive connections are reused), takes a job, performs it and
/// resumes the caller's continuation. At most `maxThreads` transfers therefore run at once.
/// Threads stay for the life of the pool and end after ``shutDown()``.
///
/// Cancelling the calling task removes a queued job at once, or aborts a running transfer
/// through curl's progress callback (within about a second).
final class CurlTransferPool: @unchecked Sendable {
    // @unchecked: every `var` below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var threadCount = 0
    private var idleCount = 0
    private var isShutDown = false
    private let maxThreads: Int
    private let threadNamePrefix: String

    /// Creates a pool; no thread starts before the first transfer.
    ///
    /// - Parameters:
    ///   - maxThreads: The most concurrent transfers (at least 1).
    ///   - threadNamePrefix: Prefix of the worker thread names, for debuggers and crash logs.
    init(maxThreads: Int, threadNamePrefix: String = "partnerbot-curl") {
        self.maxThreads = max(1, maxThreads)
        self.threadNamePrefix = threadNamePrefix
    }

    /// Performs a transfer on a worker thread and suspends until it completes.
    func perform(_ transfer: HTTPTransfer) async -> Result<HTTPTransferResponse, HTTPTransferError> {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                enqueue(Job(transfer: transfer, continuation: continuation, cancellation: cancellation))
            }
        } onCancel: {
            cancellation.cancel()
            removeQueuedJob(cancelledBy: cancellation)
        }
    }

    /// Lets the worker threads finish the queued jobs and exit; later transfers fail at once.
    func shutDown() {
        condition.lock()
        isShutDown = true
        condition.broadcast()
        condition.unlock()
    }

    /// The number of worker threads started so far (for tests).
    var startedThreadCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return threadCount
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        if isShutDown || job.cancellation.isCancelled {
            let shutDown = isShutDown
            condition.unlock()
            job.continuation.resume(returning: .failure(shutDown ? .connection("client shut down") : .cancelled))
            return
        }
        queue.append(job)
        if queue.count > idleCount, threadCount < maxThreads {
            threadCount += 1
            startWorker(number: threadCount)
        }
        condition.signal()
        condition.unlock()
    }

    private func removeQueuedJob(cancelledBy cancellation: CancellationFlag) {
        condition.lock()
        let index = queue.firstIndex { $0.cancellation === cancellation }
        let job = index.map { queue.remove(at: $0) }
        condition.unlock()
        job?.continuation.resume(returning: .failure(.cancelled))
    }

    private func startWorker(number: Int) {
        let thread = Thread { [self] in
            runWorker()
        }
        thread.name = "\(threadNamePrefix)-\(number)"
        thread.start()
    }

    /// The body of a worker thread: take jobs until the pool shuts down and the queue is empty.
    private func runWorker() {
        let handle = CurlEasyHandle()
        while let job = nextJob() {
            let result: Result<HTTPTransferResponse, HTTPTransferError>
            if job.cancellation.isCancelled {
                result = .failure(.cancelled)
            } else if let handle {
                result = handle.perform(job.transfer) { job.cancellation.isCancelled }
            } else {
                result = .failure(.connection("libcurl could not be initialised"))
            }
            job.continuation.resume(returning: result)
        }
    }

    /// Blocks until a job is queued; nil once the pool is shut down and drained.
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !isShutDown {
            idleCount += 1
            condition.wait()
            idleCount -= 1
        }
        guard !queue.isEmpty else {
            threadCount -= 1
            return nil
        }
        return queue.removeFirst()
    }
}

extension CurlTransferPool {
    /// A queued transfer and the continuation of its caller.
    private final class Job: Sendable {
        let transfer: HTTPTransfer
        let continuation: CheckedContinuation<Result<HTTPTransferResponse, HTTPTransferError>, Never>
        let cancellation: CancellationFlag

        init(
            transfer: HTTPTransfer,
            continuation: CheckedContinuation<Result<HTTPTransferResponse, HTTPTransferError>, Never>,
            cancellation: CancellationFlag
        ) {
            self.transfer = transfer
            self.continuation = continuation
            self.cancellation = cancellation
        }
    }

    /// Set when the calling task is cancelled; read by the worker and curl's progress callback.
    private final class CancellationFlag: Sendable {
        private let flag = Atomic<Bool>(false)

        var isCancelled: Bool { flag.load(ordering: .acquiring) }

        func cancel() { flag.store(true, ordering: .releasing) }
    }
}
