import Synchronization

/// Waits for work up to a deadline without cancelling it: the work goes on in the background
/// when the deadline passes (e.g. a `views.open` that must not delay the 3-second ack).
enum Deadline {
    /// Returns the work's result, or `nil` when `timeout` passed first.
    static func race<T: Sendable>(_ timeout: Duration, _ work: @escaping @Sendable () async -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let once = ResumeOnce(continuation)
            Task { once.resume(await work()) }
            Task {
                try? await Task.sleep(for: timeout)
                once.resume(nil)
            }
        }
    }

    /// Resumes a continuation with the first value offered.
    private final class ResumeOnce<T: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<T?, Never>?>

        init(_ continuation: CheckedContinuation<T?, Never>) {
            self.continuation = Mutex(continuation)
        }

        func resume(_ value: T?) {
            let taken = continuation.withLock { current -> CheckedContinuation<T?, Never>? in
                defer { current = nil }
                return current
            }
            taken?.resume(returning: value)
        }
    }
}
