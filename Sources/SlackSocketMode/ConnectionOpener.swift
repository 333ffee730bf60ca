import Foundation
import SlackPlatform

/// Asks Slack for a WebSocket URL: `POST apps.connections.open` with the app token, over the
/// project's Web API client (libcurl).
struct ConnectionOpener: Sendable {
    /// Why no URL was obtained.
    enum Failure: Error, Sendable, Equatable {
        /// Retrying cannot help: stop.
        case refused(SocketModeError)
        /// Try again later, no sooner than `retryAfter` when given; the text is safe to log.
        case transient(String, retryAfter: Duration?)
    }

    private let client: CurlWebAPIClient

    /// Creates an opener for a configuration's base URL and app token.
    init(configuration: SocketModeConfiguration) {
        client = CurlWebAPIClient(
            configuration: WebAPIClientConfiguration(
                baseURL: configuration.apiBaseURL,
                token: configuration.appToken,
                connectTimeout: min(configuration.openRequestTimeout, .seconds(5)),
                totalTimeout: configuration.openRequestTimeout,
                maxConcurrentTransfers: configuration.connections))
    }

    /// Opens a connection URL.
    ///
    /// - Returns: The `ws://` or `wss://` URL to connect to (it holds a one-time ticket: do not log it).
    /// - Throws: ``Failure/refused(_:)`` for a refused token and other permanent failures;
    ///   ``Failure/transient(_:retryAfter:)`` for rate limits, 5xx, network errors and odd answers.
    func open() async throws(Failure) -> String {
        let request = WebAPIRequest(method: "apps.connections.open", body: [], contentType: WebAPIRequest.formContentType)
        let response: WebAPIResponse
        do {
            response = try await client.call(request)
        } catch {
            throw Self.classify(error)
        }
        guard let url = Self.url(in: response.body) else {
            throw .transient("apps.connections.open answered without a ws:// or wss:// url", retryAfter: nil)
        }
        return url
    }

    /// Sorts a Web API failure into stop or retry.
    static func classify(_ failure: WebAPIFailure) -> Failure {
        switch failure {
        case .apiError(let code) where SocketModeError.tokenErrorCodes.contains(code):
            return .refused(.appTokenRefused(code: code))
        case .rateLimited(let seconds):
            return .transient(failure.logDescription, retryAfter: .seconds(seconds))
        case _ where failure.isPermanent:
            return .refused(.openRefused(failure.logDescription))
        default:
            return .transient(failure.logDescription, retryAfter: nil)
        }
    }

    /// The `url` member of an answer, when it is a WebSocket URL.
    static func url(in body: [UInt8]) -> String? {
        guard let fields = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let url = fields["url"] as? String
        else { return nil }
        let lowered = url.lowercased()
        return lowered.hasPrefix("wss://") || lowered.hasPrefix("ws://") ? url : nil
    }
}

/// The host of a URL, for logs (the full Socket Mode URL carries a one-time ticket).
func hostForLogs(_ url: String) -> String {
    URLComponents(string: url)?.host ?? "?"
}
