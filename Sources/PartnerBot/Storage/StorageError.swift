/// A storage failure.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)

    /// A user-facing message (what to do next).
    public var userMessage: String {
        switch self {
        case .cannotOpen: "The bot's storage is unavailable right now; nothing was saved. Please try again in a minute."
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        }
    }
}
