/// The parsed answer of a Web API call that returned HTTP 200 with a JSON object.
///
/// Only the fields every caller needs are parsed; the raw JSON stays in ``body`` for the rest.
public struct WebAPIResponse: Sendable, Equatable {
    /// The `ok` field.
    public var ok: Bool
    /// The `error` code when `ok` is false.
    public var error: String?
    /// The `warning` field Slack may add to successful answers (for example `missing_charset`).
    public var warning: String?
    /// The message timestamp: `ts`, or `message_ts` (chat.postEphemeral) when `ts` is absent.
    public var ts: String?
    /// The channel ID: the `channel` string, or `channel.id` when `channel` is an object
    /// (conversations.open).
    public var channel: String?
    /// The raw JSON body.
    public var body: [UInt8]

    /// Creates a response value.
    ///
    /// - Parameters:
    ///   - ok: The `ok` field.
    ///   - error: The `error` code.
    ///   - warning: The `warning` field.
    ///   - ts: The message timestamp.
    ///   - channel: The channel ID.
    ///   - body: The raw JSON body.
    public init(
        ok: Bool,
        error: String? = nil,
        warning: String? = nil,
        ts: String? = nil,
        channel: String? = nil,
        body: [UInt8] = []
    ) {
        self.ok = ok
        self.error = error
        self.warning = warning
        self.ts = ts
        self.channel = channel
        self.body = body
    }
}
