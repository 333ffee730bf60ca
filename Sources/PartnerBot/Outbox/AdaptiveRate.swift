/// A Web API method's call rate, learned from the platform's answers: no configuration.
///
/// Until a first 429 calls are not paced (beyond the per-channel interval). The first 429 shows
/// the ceiling: what the workspace accepted in the second before it; the rate drops to 97 % of
/// that, then climbs by 0.1 % a clean second and drops by 3 % at each later 429. It holds just
/// under the ceiling and meets it about every half minute: each meeting costs a `Retry-After`.
/// A 429 while the method is not busy (under 10 calls in the last second, or under half the
/// rate) changes nothing but the `Retry-After` wait.
struct AdaptiveRate: Sendable {
    /// Calls per second; `nil` until a first 429.
    private(set) var rate: Double?
    /// When the next call may start.
    private var nextSlot: ContinuousClock.Instant = .now
    /// Successful calls, oldest first; those of the last second start at `acceptedStart`.
    private var accepted: [ContinuousClock.Instant] = []
    private var acceptedStart = 0
    private var lastDecrease: ContinuousClock.Instant?
    private var lastIncrease: ContinuousClock.Instant = .now

    /// The start time reserved for one call, not before `notBefore` (a `Retry-After`): calls
    /// waiting out a block resume one slot apart, not all at once.
    mutating func reserve(now: ContinuousClock.Instant, notBefore: ContinuousClock.Instant? = nil) -> ContinuousClock.Instant {
        let earliest = max(now, notBefore ?? now)
        guard let rate else { return earliest }
        let start = max(earliest, nextSlot)
        nextSlot = start + .nanoseconds(Int64(1_000_000_000 / rate))
        return start
    }

    mutating func succeeded(at now: ContinuousClock.Instant) {
        trim(now)
        accepted.append(now)
        guard let current = rate, now - lastIncrease >= .seconds(1) else { return }
        let seconds = Double((now - lastIncrease).components.seconds)
        rate = current * (1 + Self.increasePerSecond * seconds)
        lastIncrease = now
    }

    mutating func limited(at now: ContinuousClock.Instant) {
        trim(now)
        // The calls in flight that meet the same limit do not lower it again.
        if let lastDecrease, now - lastDecrease < .seconds(1) { return }
        // The first 429 ends an unpaced burst: what was accepted in the second before it is the
        // ceiling. Later ones come while paced just under it: a little less than the rate then.
        // A 429 while the method is not busy (a channel's own limit, a hiccup) says nothing about
        // a ceiling: it only gets its Retry-After.
        let measured = Double(accepted.count - acceptedStart)
        if let rate { guard measured >= rate * 0.5 else { return } } else { guard measured >= Self.busy else { return } }
        let basis = rate ?? measured
        rate = max(1, basis * Self.decrease)
        lastDecrease = now
        lastIncrease = now
    }

    /// Calls accepted in the last second that make a first 429 a ceiling.
    static let busy = 10.0
    /// After a 429 the rate falls to 97 % (of the burst's accepted calls, or of the rate).
    static let decrease = 0.97
    /// Each clean second raises it by 0.1 %: from 97 % back to the ceiling in about 30 s.
    static let increasePerSecond = 0.001

    /// Drops the calls older than a second: constant time per call on average (the array is
    /// compacted only once half of it is stale).
    private mutating func trim(_ now: ContinuousClock.Instant) {
        let windowStart = now - .seconds(1)
        while acceptedStart < accepted.count, accepted[acceptedStart] <= windowStart { acceptedStart += 1 }
        if acceptedStart > 64, acceptedStart * 2 > accepted.count {
            accepted.removeFirst(acceptedStart)
            acceptedStart = 0
        }
    }
}
