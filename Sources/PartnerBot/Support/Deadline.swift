import Synchronization

/// Waits for work up to a deadline (e.g. a `views.open` that must not delay the 3-second ack).
enum Deadline {
    /// Returns the work's result, or `nil` when `timeout` passed first.
    ///
    /// Whichever finishes first wins. When the work wins, the timer is cancelled at once. When
    /// the deadline wins, the work is left to finish in the background rather than cancelled: a
    /// Web API call already sent cannot be taken back, and its outcome is still logged.
    /// - Parameter sleep: How the timer waits (tests observe its cancellation).
    static func race<T: Sendable>(
        _ timeout: Duration, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        _ work: @escaping @Sendable () async -> T
    ) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let race = Race(continuation)
            race.start(timer: Task {
                guard (try? await sleep(timeout)) != nil else { return }
                race.finish(nil)
            })
            Task { race.finish(await work()) }
        }
    }

    /// Resumes the continuation with the first value offered and cancels the timer.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T?, Never>?
            var timer: Task<Void, Never>?
        }

        private let state: Mutex<State>

        init(_ continuation: CheckedContinuation<T?, Never>) {
            state = Mutex(State(continuation: continuation))
        }

        func start(timer: Task<Void, Never>) {
            let finished = state.withLock { state in
                state.timer = timer
                return state.continuation == nil
            }
            if finished { timer.cancel() }
        }

        func finish(_ value: T?) {
            let (continuation, timer) = state.withLock { state in
                defer { state.continuation = nil }
                return (state.continuation, state.timer)
            }
            guard let continuation else { return }
            timer?.cancel()
            continuation.resume(returning: value)
        }
    }
}
