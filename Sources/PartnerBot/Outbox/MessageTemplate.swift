/// A message the outbox renders when it sends it, from the database as it is then, instead of
/// storing a ready-made payload. Stored in `outbox.template` as its raw value.
public enum MessageTemplate: Sendable, Equatable {
    /// The managers' review of a deal registration (`deal-review:<id>`): its details, the
    /// decision buttons while it awaits one, the conflict and recommendation while in conflict.
    case dealReview(Int64)

    /// Parses a stored template; `nil` for an unknown one.
    public init?(rawValue: String) {
        let parts = rawValue.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[1]), id > 0 else { return nil }
        switch parts[0] {
        case "deal-review": self = .dealReview(id)
        default: return nil
        }
    }

    /// The stored form.
    public var rawValue: String {
        switch self {
        case .dealReview(let id): "deal-review:\(id)"
        }
    }
}
