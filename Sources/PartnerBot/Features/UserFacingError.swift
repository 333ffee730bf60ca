/// An error whose message is meant for the person who asked (a rule a write ran into, such as a
/// customer still held by another registration). Dispatch answers it ephemerally; other errors
/// are logged and answered with `AccessReplies.storageUnavailable`.
public protocol UserFacingError: Error, Sendable {
    /// What to tell the person, and what to do next.
    var userMessage: String { get }
}
