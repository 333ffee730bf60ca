import Synchronization

/// How many deliveries the worker may still start: its loop takes a slot per claimed row and a
/// finished delivery gives it back. Taking never blocks: the loop only claims as many rows as
/// there are free slots.
final class DeliverySlots: Sendable {
    private let count: Mutex<Int>

    init(_ value: Int) {
        count = Mutex(value)
    }

    var available: Int { count.withLock { $0 } }

    func acquire() { count.withLock { $0 -= 1 } }

    func release() { count.withLock { $0 += 1 } }
}
