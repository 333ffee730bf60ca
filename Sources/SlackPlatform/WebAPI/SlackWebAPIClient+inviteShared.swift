extension SlackWebAPIClient {
    /// Invites one person by email to a Slack Connect channel (`conversations.inviteShared`,
    /// scope `conversations.connect:write`; Slack takes one email per call).
    ///
    /// - Parameters:
    ///   - channel: The channel to share.
    ///   - email: Who to invite.
    ///   - externalLimited: `true` makes them post-only; partners need `false` to click buttons
    ///     and fill in forms on the bot's messages (Slack's default is `true`).
    /// - Returns: The response; its body carries `invite_id`.
    /// - Throws: ``WebAPIFailure`` (e.g. `apiError("already_in_channel")`, `apiError("channel_not_found")`).
    @discardableResult
    public func inviteShared(channel: String, email: String, externalLimited: Bool = false) async throws(WebAPIFailure) -> WebAPIResponse {
        var body = JSONBody()
        body.add("channel", string: channel)
        try body.add("emails", rawJSON: JSONBody.stringArray([email]), kind: .array, wrongKindCode: "invalid_arguments")
        try body.add("external_limited", rawJSON: Array((externalLimited ? "true" : "false").utf8), kind: .any, wrongKindCode: "invalid_arguments")
        return try await call(WebAPIRequest(method: "conversations.inviteShared", body: body.encoded))
    }
}

extension JSONBody {
    /// A JSON array of strings, escaped.
    static func stringArray(_ values: [String]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }
}
