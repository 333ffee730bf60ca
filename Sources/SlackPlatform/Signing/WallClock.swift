import Foundation

/// The source of "now". Injected everywhere: nothing reads the wall clock directly.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

extension WallClock {
    /// The current Unix time in whole seconds.
    public var unixTime: Int64 { Int64(now().timeIntervalSince1970.rounded(.down)) }
}

/// The system clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock tests and the `--as-of` option can pin and move.
public final class ManualWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Creates a clock pinned at `date`.
    public init(_ date: Date) {
        self.current = date
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    /// Moves the clock to `date`.
    public func set(_ date: Date) {
        lock.withLock { current = date }
    }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
