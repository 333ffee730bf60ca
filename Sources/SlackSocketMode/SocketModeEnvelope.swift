/// One envelope Slack sends over a Socket Mode connection (SLACK.md §6b): an Events API
/// callback, an interaction or a slash command, to acknowledge within 3 seconds.
public struct SocketModeEnvelope: Sendable, Equatable {
    /// What the envelope carries.
    public enum Kind: String, Sendable, Equatable {
        /// `events_api`: `payload` is an Events API body (`event_callback`).
        case eventsAPI = "events_api"
        /// `interactive`: `payload` is an interaction (`block_actions`, `view_submission`, shortcuts…).
        case interactive
        /// `slash_commands`: `payload` is the slash command's fields as a JSON object.
        case slashCommands = "slash_commands"
    }

    /// The id the acknowledgement names.
    public var envelopeID: String
    /// What `payload` is.
    public var kind: Kind
    /// The envelope's `payload`, as the JSON bytes received.
    public var payload: [UInt8]
    /// Whether the acknowledgement may carry a response payload (a slash command's reply, a
    /// modal's `response_action`).
    public var acceptsResponsePayload: Bool
    /// 0 for a first delivery; Slack's retry count otherwise.
    public var retryAttempt: Int
    /// Why Slack retried (`timeout`, …), when it did.
    public var retryReason: String?

    /// Creates an envelope.
    public init(
        envelopeID: String, kind: Kind, payload: [UInt8], acceptsResponsePayload: Bool, retryAttempt: Int = 0, retryReason: String? = nil
    ) {
        self.envelopeID = envelopeID
        self.kind = kind
        self.payload = payload
        self.acceptsResponsePayload = acceptsResponsePayload
        self.retryAttempt = retryAttempt
        self.retryReason = retryReason
    }
}

/// Answers an envelope: the JSON object to send back as the acknowledgement's `payload`, or
/// `nil` for a plain acknowledgement. Called once per delivery (retries included); it must
/// return well within Slack's 3 seconds.
public typealias SocketModeHandler = @Sendable (SocketModeEnvelope) async -> [UInt8]?
