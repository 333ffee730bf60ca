import SlackPlatform

/// The Web API as one installation: each call carries that installation's token (or the
/// fallback's when none is stored for it). Used for the calls that cannot wait for the
/// outbox, such as `views.open` within a trigger's 3 seconds.
struct InstallationWebAPIClient: SlackWebAPIClient {
    let base: any SlackWebAPIClient
    let tokens: InstallationTokens
    let installation: InstallationKey?

    func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse {
        switch await tokens.resolve(installation) {
        case .defaultToken: return try await base.call(request)
        case .token(let token): return try await base.call(request.using(token: token))
        case .revoked: throw .apiError(code: "token_revoked")
        case .unavailable: throw .apiError(code: "token_expired")
        }
    }

    func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure) {
        try await base.postToResponseURL(url, body: body)
    }
}
