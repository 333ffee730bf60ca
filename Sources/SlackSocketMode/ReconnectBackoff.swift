/// Exponential backoff with jitter between attempts to open a connection.
///
/// After the `n`th consecutive failure the nominal delay is `base · 2^(n-1)`, capped at `max`;
/// the actual delay is drawn uniformly from the upper half of it (`[d/2, d]`), so clients that
/// lost their connections together do not come back in lockstep.
///
/// ```swift
/// let backoff = ReconnectBackoff(base: .milliseconds(500), max: .seconds(20))
/// var random = SystemRandomNumberGenerator()
/// let pause = backoff.delay(afterFailures: 3, using: &random)   // between 1 s and 2 s
/// ```
public struct ReconnectBackoff: Sendable, Equatable, CustomStringConvertible {
    /// The nominal delay after the first failure.
    public var base: Duration
    /// The largest nominal delay.
    public var max: Duration

    /// Creates a backoff.
    ///
    /// - Parameters:
    ///   - base: The nominal delay after the first failure (default 1 s).
    ///   - max: The largest nominal delay (default 30 s).
    public init(base: Duration = .seconds(1), max: Duration = .seconds(30)) {
        self.base = base
        self.max = max
    }

    /// The nominal (un-jittered) delay after `failures` consecutive failures; zero for none.
    public func nominalDelay(afterFailures failures: Int) -> Duration {
        guard failures > 0, base > .zero else { return .zero }
        let ceiling = Swift.max(base, max)
        var delay = base
        for _ in 1..<Swift.min(failures, 62) {
            delay = delay * 2
            if delay >= ceiling { return ceiling }
        }
        return Swift.min(delay, ceiling)
    }

    /// The delay to wait after `failures` consecutive failures: uniformly in the upper half of
    /// the nominal delay, and never less than `minimum` (a `Retry-After`).
    ///
    /// - Parameters:
    ///   - failures: Consecutive failures so far (0 gives zero, unless `minimum` says otherwise).
    ///   - minimum: A floor, such as the server's `Retry-After`.
    ///   - random: The jitter's source.
    public func delay(
        afterFailures failures: Int, atLeast minimum: Duration = .zero, using random: inout some RandomNumberGenerator
    ) -> Duration {
        let nominal = nominalDelay(afterFailures: failures)
        let nanoseconds = Self.nanoseconds(nominal)
        let jittered = nanoseconds < 2 ? nanoseconds : Int64.random(in: (nanoseconds / 2)...nanoseconds, using: &random)
        return Swift.max(.nanoseconds(jittered), minimum)
    }

    /// The backoff as text, for logs.
    public var description: String { "ReconnectBackoff(base: \(base), max: \(max))" }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64.max / 1_000_000_000 else { return Int64.max }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
