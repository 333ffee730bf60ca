import Foundation
import Synchronization

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

/// A clock tests and the demo pin and move.
public final class ManualWallClock: WallClock, Sendable {
    private let current: Mutex<Date>

    /// Creates a clock pinned at `date`.
    public init(_ date: Date) {
        self.current = Mutex(date)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
