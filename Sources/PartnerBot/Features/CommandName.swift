/// A slash command the bot answers, e.g. `deal` for `/deal`. Each feature declares its own
/// (`extension CommandName { static let deal = … }`); the list comes from `FeatureRegistry`.
public struct CommandName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name without the slash, lowercased.
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The command as typed, e.g. `/register`.
    public var slash: String { "/" + rawValue }

    public var description: String { slash }

    public static func < (lhs: CommandName, rhs: CommandName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every command of the bot, in order.
    public static var allCases: [CommandName] { FeatureRegistry.commandNames }
}
