/// A message the outbox renders when it sends it, from the database as it is then, instead of
/// storing a ready-made payload. Stored in `outbox.template` as its raw value.
public enum MessageTemplate: Sendable, Equatable {
    /// The managers' review of a deal registration (`deal-review:<id>`): its details, the
    /// decision buttons while it awaits one, the conflict and recommendation while in conflict.
    case dealReview(Int64)
    /// An announcement as one organisation sees it (`announcement:<id>/<org>`): who of it has
    /// acknowledged so far. Its edits after acknowledgements coalesce into one pending row.
    case announcement(id: String, org: String)

    /// Parses a stored template; `nil` for an unknown one.
    public init?(rawValue: String) {
        let parts = rawValue.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "deal-review":
            guard let id = Int64(parts[1]), id > 0 else { return nil }
            self = .dealReview(id)
        case "announcement":
            let names = parts[1].split(separator: "/")
            guard names.count == 2 else { return nil }
            self = .announcement(id: String(names[0]), org: String(names[1]))
        default: return nil
        }
    }

    /// The stored form.
    public var rawValue: String {
        switch self {
        case .dealReview(let id): "deal-review:\(id)"
        case .announcement(let id, let org): "announcement:\(id)/\(org)"
        }
    }
}
