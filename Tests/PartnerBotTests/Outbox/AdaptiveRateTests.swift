import Testing
@testable import PartnerBot

/// The learned rate: what a 429 teaches, and how calls are spaced.
@Suite("Adaptive rate")
struct AdaptiveRateTests {
    @Test func aBusyMethodsFirst429SetsTheRateAQuietOnesDoesNot() {
        let start = ContinuousClock.now
        var quiet = AdaptiveRate()
        for i in 0..<3 { quiet.succeeded(at: start + .milliseconds(i * 100)) }
        quiet.limited(at: start + .milliseconds(400))
        #expect(quiet.rate == nil, "a 429 with 3 calls in the last second is not a ceiling")
        #expect(quiet.reserve(now: start + .seconds(1)) == start + .seconds(1), "still unpaced")

        var busy = AdaptiveRate()
        for i in 0..<40 { busy.succeeded(at: start + .milliseconds(i * 20)) }
        busy.limited(at: start + .milliseconds(800))
        #expect(busy.rate == 40 * AdaptiveRate.decrease)
        busy.limited(at: start + .milliseconds(900))
        #expect(busy.rate == 40 * AdaptiveRate.decrease, "calls in flight meeting the same limit lower it once")

        // Calls resume one slot apart after a Retry-After, not all at once.
        let blockEnd = start + .seconds(2)
        let slots = (0..<3).map { _ in busy.reserve(now: start + .seconds(1), notBefore: blockEnd) }
        #expect(slots[0] == blockEnd)
        #expect(slots[1] > slots[0] && slots[2] > slots[1])
        #expect(abs((slots[2] - slots[0]).seconds - 2 / (40 * AdaptiveRate.decrease)) < 0.001)
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
