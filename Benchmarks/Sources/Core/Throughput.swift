/// Measures how many times a synchronous operation runs per second on the current thread.
enum Throughput {
    /// The result of a measurement.
    struct Measurement: Sendable {
        /// Operations completed.
        var operations: Int
        /// Time they took.
        var elapsed: Duration
        /// Operations per second.
        var perSecond: Double { Double(operations) / elapsed.seconds }
        /// Mean time of one operation, in nanoseconds.
        var nanosecondsPerOperation: Double { elapsed.seconds * 1e9 / Double(max(1, operations)) }
    }

    /// Runs `operation` in batches until `duration` has passed, after a short warm-up.
    ///
    /// `operation` returns a value derived from its work; the values are folded together and
    /// handed to ``blackHole(_:)`` so the optimizer cannot remove the work.
    /// - Parameters:
    ///   - duration: How long to measure (the warm-up adds a tenth).
    ///   - batch: Operations between two clock reads.
    ///   - operation: One operation; receives the iteration number.
    static func measure(for duration: Duration, batch: Int = 256, _ operation: (Int) -> Int) -> Measurement {
        let clock = ContinuousClock()
        var checksum = 0
        var iteration = 0
        let warmUpEnd = clock.now + duration / 10
        while clock.now < warmUpEnd {
            for _ in 0..<batch {
                checksum &+= operation(iteration)
                iteration &+= 1
            }
        }
        let start = clock.now
        let end = start + duration
        var operations = 0
        var now = start
        repeat {
            for _ in 0..<batch {
                checksum &+= operation(iteration)
                iteration &+= 1
            }
            operations += batch
            now = clock.now
        } while now < end
        blackHole(checksum)
        return Measurement(operations: operations, elapsed: now - start)
    }
}

/// Consumes a value the optimizer cannot see through.
@inline(never)
func blackHole(_ value: Int) {
    if value == 0x5EED_0F_BE_AC4 { print("", terminator: "") }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in (fractional) milliseconds.
    var milliseconds: Double { seconds * 1000 }
}
