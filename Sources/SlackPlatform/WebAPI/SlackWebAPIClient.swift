/// Sends calls to Slack's Web API and messages to interaction `response_url`s.
///
/// ``CurlWebAPIClient`` is the live implementation; ``RecordingWebAPIClient`` records calls in
/// memory for tests. Typed helpers such as ``postMessage(channel:text:blocks:threadTS:)`` are
/// built on ``call(_:)``.
public protocol SlackWebAPIClient: Sendable {
    /// Calls a Web API method.
    ///
    /// - Parameter request: The method name and its JSON body.
    /// - Returns: The parsed response when Slack answered HTTP 200 with `ok: true`.
    /// - Throws: ``WebAPIFailure`` for every other outcome.
    func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse

    /// Posts a JSON message to an interaction's `response_url`.
    ///
    /// Only `https` URLs on an allowed host (by default `hooks.slack.com`), or URLs on the same
    /// origin as the configured base URL, are contacted.
    ///
    /// - Parameters:
    ///   - url: The `response_url` from a slash command or an interaction.
    ///   - body: The JSON message, for example `{"text":"Done","response_type":"ephemeral"}`.
    /// - Throws: ``WebAPIFailure/forbiddenURL(_:)`` without any network call for other URLs, and
    ///   ``WebAPIFailure`` when the post fails.
    func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure)
}
