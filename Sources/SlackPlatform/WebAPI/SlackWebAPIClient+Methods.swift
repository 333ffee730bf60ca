/// Typed helpers for the Web API methods the bot uses, built on ``SlackWebAPIClient/call(_:)``.
///
/// Block Kit `blocks` and modal/App Home `view`s are passed as pre-encoded JSON bytes (for
/// example from `JSONEncoder`): `blocks` must be a JSON array, `view` a JSON object. They are
/// checked and sent verbatim; invalid JSON throws ``WebAPIFailure/apiError(code:)`` with
/// `invalid_json` (a wrong kind: `invalid_blocks` or `invalid_arguments`) without calling Slack.
///
/// ```swift
/// let blocks = try JSONEncoder().encode(dealBlocks)
/// let posted = try await client.postMessage(channel: "C123", text: "Deal D-42 approved", blocks: Array(blocks))
/// try await client.update(channel: posted.channel ?? "C123", ts: posted.ts ?? "", text: "Deal D-42 closed")
/// ```
extension SlackWebAPIClient {
    /// Posts a message with `chat.postMessage`.
    ///
    /// - Parameters:
    ///   - channel: A channel ID, or a user ID to post in the app's DM with that user.
    ///   - text: The text, or the notification fallback when `blocks` are given (≤ 4,000 chars).
    ///   - blocks: Pre-encoded Block Kit blocks (a JSON array), if any.
    ///   - threadTS: The `ts` of the parent message to reply in its thread, if any.
    /// - Returns: The response; `ts` and `channel` identify the posted message.
    /// - Throws: ``WebAPIFailure``.
    @discardableResult
    public func postMessage(
        channel: String,
        text: String,
        blocks: [UInt8]? = nil,
        threadTS: String? = nil
    ) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("channel", string: channel)
        body.add("text", string: text)
        if let blocks { try body.add("blocks", rawJSON: blocks, kind: .array, wrongKindCode: "invalid_blocks") }
        body.add("thread_ts", string: threadTS)
        return try await call(WebAPIRequest(method: "chat.postMessage", body: body.encoded))
    }

    /// Replaces a message's text and blocks with `chat.update`.
    ///
    /// - Parameters:
    ///   - channel: The channel ID of the message.
    ///   - ts: The message's `ts`.
    ///   - text: The new text or notification fallback.
    ///   - blocks: Pre-encoded Block Kit blocks (a JSON array), if any.
    /// - Returns: The response.
    /// - Throws: ``WebAPIFailure``.
    @discardableResult
    public func update(
        channel: String,
        ts: String,
        text: String,
        blocks: [UInt8]? = nil
    ) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("channel", string: channel)
        body.add("ts", string: ts)
        body.add("text", string: text)
        if let blocks { try body.add("blocks", rawJSON: blocks, kind: .array, wrongKindCode: "invalid_blocks") }
        return try await call(WebAPIRequest(method: "chat.update", body: body.encoded))
    }

    /// Shows a message only to one user in a channel, with `chat.postEphemeral`.
    ///
    /// - Parameters:
    ///   - channel: The channel ID.
    ///   - user: The user ID who sees the message.
    ///   - text: The text or notification fallback.
    ///   - blocks: Pre-encoded Block Kit blocks (a JSON array), if any.
    /// - Returns: The response; `ts` holds Slack's `message_ts`.
    /// - Throws: ``WebAPIFailure``.
    @discardableResult
    public func postEphemeral(
        channel: String,
        user: String,
        text: String,
        blocks: [UInt8]? = nil
    ) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("channel", string: channel)
        body.add("user", string: user)
        body.add("text", string: text)
        if let blocks { try body.add("blocks", rawJSON: blocks, kind: .array, wrongKindCode: "invalid_blocks") }
        return try await call(WebAPIRequest(method: "chat.postEphemeral", body: body.encoded))
    }

    /// Opens (or finds) a direct message or group DM with `conversations.open`.
    ///
    /// - Parameter users: One to eight user IDs.
    /// - Returns: The conversation's channel ID (`channel.id`).
    /// - Throws: ``WebAPIFailure``; `invalidResponse` when Slack's answer has no channel ID.
    public func openConversation(users: [String]) async throws(WebAPIFailure) -> String {
        var body = JSONBody()
        body.add("users", string: users.joined(separator: ","))
        let response = try await call(WebAPIRequest(method: "conversations.open", body: body.encoded))
        guard let channel = response.channel, !channel.isEmpty else {
            throw .invalidResponse("conversations.open answered without a channel id")
        }
        return channel
    }

    /// Opens a modal with `views.open`.
    ///
    /// - Parameters:
    ///   - triggerID: The `trigger_id` of the interaction (valid for 3 s, single use).
    ///   - view: The pre-encoded view (a JSON object).
    /// - Returns: The response; its `body` holds the created view.
    /// - Throws: ``WebAPIFailure``.
    @discardableResult
    public func openView(triggerID: String, view: [UInt8]) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("trigger_id", string: triggerID)
        try body.add("view", rawJSON: view, kind: .object, wrongKindCode: "invalid_arguments")
        return try await call(WebAPIRequest(method: "views.open", body: body.encoded))
    }

    /// Publishes a user's App Home tab with `views.publish`.
    ///
    /// - Parameters:
    ///   - userID: The user whose App Home is updated.
    ///   - view: The pre-encoded view (a JSON object of type `home`).
    /// - Returns: The response.
    /// - Throws: ``WebAPIFailure``.
    @discardableResult
    public func publishView(userID: String, view: [UInt8]) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("user_id", string: userID)
        try body.add("view", rawJSON: view, kind: .object, wrongKindCode: "invalid_arguments")
        return try await call(WebAPIRequest(method: "views.publish", body: body.encoded))
    }
}
