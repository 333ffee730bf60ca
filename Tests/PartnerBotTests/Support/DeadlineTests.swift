import Synchronization
import Testing
@testable import PartnerBot

@Suite("Deadline.race")
struct DeadlineTests {
    /// A timer that never fires by itself and records whether it was cancelled.
    final class Timer: Sendable {
        let cancelled = Mutex(false)
        private let stream = AsyncStream.makeStream(of: Void.self)

        func sleep(_ duration: Duration) async throws {
            await withTaskCancellationHandler {
                for await _ in stream.stream { break }
            } onCancel: {
                self.cancelled.withLock { $0 = true }
                self.stream.continuation.finish()
            }
            throw CancellationError()
        }
    }

    @Test func workThatWinsCancelsTheTimer() async throws {
        let timer = Timer()
        let value = await Deadline.race(.seconds(3600), sleep: timer.sleep) { 42 }
        #expect(value == 42)
        let cancelled = await eventually { timer.cancelled.withLock { $0 } }
        #expect(cancelled, "the losing timer does not live on")
    }

    @Test func aDeadlineThatWinsAnswersNilAndLetsTheWorkFinish() async throws {
        let finished = Mutex(false)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let value = await Deadline.race(.milliseconds(1)) {
            for await _ in stream { break }
            finished.withLock { $0 = true }
            return 1
        }
        #expect(value == nil)
        continuation.yield()
        #expect(await eventually { finished.withLock { $0 } }, "the work goes on after the deadline")
    }

    private func eventually(_ condition: @Sendable () -> Bool) async -> Bool {
        for _ in 0..<10_000 {
            if condition() { return true }
            await Task.yield()
        }
        return condition()
    }
}
