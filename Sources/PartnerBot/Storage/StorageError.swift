/// A storage failure at start-up (the CLI prints its description; request handlers answer
/// `AccessReplies.storageUnavailable` for failures while serving).
public enum StorageError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        }
    }
}
