/// A Web API method's call rate, learned from the platform's answers: no configuration. Until a
/// first 429 calls are not paced (beyond the per-channel interval). A 429 sets the rate just
/// under what the workspace accepted in the second before it (the ceiling it found); clean
/// seconds then raise it slowly, so it holds just under the ceiling and meets it again rarely.
struct AdaptiveRate: Sendable {
    /// Calls per second; `nil` until a first 429.
    private(set) var rate: Double?
    /// When the next call may start.
    private var nextSlot: ContinuousClock.Instant = .now
    /// Successful calls of the last second, oldest first.
    private var accepted: [ContinuousClock.Instant] = []
    private var lastDecrease: ContinuousClock.Instant?
    private var lastIncrease: ContinuousClock.Instant = .now

    /// After a 429: the rate falls to 97 % of what was accepted in the last second (once per
    /// second: the calls in flight that meet the same limit do not lower it again).
    static let decrease = 0.97
    /// Each clean second raises the rate by 0.2 %.
    static let increasePerSecond = 0.002

    /// The start time reserved for one call (`now` while unpaced).
    mutating func reserve(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let rate else { return now }
        let start = max(now, nextSlot)
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
        if let lastDecrease, now - lastDecrease < .seconds(1) { return }
        let found = Double(max(1, accepted.count))
        rate = max(1, min(rate ?? found, found) * Self.decrease)
        lastDecrease = now
        lastIncrease = now
    }

    private mutating func trim(_ now: ContinuousClock.Instant) {
        let windowStart = now - .seconds(1)
        if let keep = accepted.firstIndex(where: { $0 > windowStart }) { accepted.removeFirst(keep) } else { accepted.removeAll() }
    }
}
