/// A storage failure at start-up (the CLI prints its description; request handlers answer
/// `AccessReplies.storageUnavailable` for failures while serving).
public enum StorageError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// The database cannot be written: a read-only file or file system, or a full disk. It may
    /// become writable again without a restart (`serve` waits for it).
    case unwritable(path: String, reason: String)
    /// The PostgreSQL server does not answer (down, restarting, out of reach). It may answer
    /// again without a restart (`serve` waits for it).
    case unreachable(location: String, reason: String)
    /// A row holds a value this build cannot read (written by a newer build, or edited by hand).
    case corruptRow(table: String, reason: String)
    /// An update named a row that does not exist (deleted meanwhile).
    case recordNotFound(table: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write database \(path): \(reason)"
        case .unreachable(let location, let reason): "cannot reach database \(location): \(reason)"
        case .corruptRow(let table, let reason): "unreadable \(table) row: \(reason)"
        case .recordNotFound(let table): "the \(table) row to update no longer exists"
        }
    }
}
