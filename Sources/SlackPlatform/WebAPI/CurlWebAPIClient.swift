import Logging

/// The live Slack Web API client, over libcurl.
///
/// Each call is a `POST {baseURL}{method}` with `Authorization: Bearer <token>` and a JSON body
/// (or a body of the request's ``WebAPIRequest/contentType``). The token is the configured one
/// unless the request names another (``WebAPIRequest/authorization``: a workspace
/// installation's token, the app's client credentials for `oauth.v2.access`, or none).
/// Transfers run on a small pool of dedicated OS threads (see ``maxConcurrentTransfers``), never
/// on Swift's cooperative thread pool; each thread reuses one curl handle, so connections are kept
/// alive and HTTP/2 is used where the server offers it over TLS. TLS certificates and host
/// names are always verified, and the usual proxy environment variables are honoured.
///
/// ```swift
/// let client = CurlWebAPIClient(configuration: .init(token: botToken), logger: logger)
/// let posted = try await client.postMessage(channel: "C123", text: "Deal approved")
/// ```
///
/// The token is never logged, never put in a URL or body, and never part of a failure's text.
/// Bodies are not logged either.
public final class CurlWebAPIClient: SlackWebAPIClient {
    private let configuration: WebAPIClientConfiguration
    private let pool: CurlTransferPool
    private let responseURLPolicy: ResponseURLPolicy
    private let logger: Logger

    /// The most transfers this client runs at once.
    public var maxConcurrentTransfers: Int { max(1, configuration.maxConcurrentTransfers) }

    /// The normalised Web API base URL this client calls.
    public var baseURL: String { configuration.baseURL }

    /// Creates a client; worker threads start with the first calls.
    ///
    /// - Parameters:
    ///   - configuration: Base URL, token, timeouts, concurrency and allowed `response_url` hosts.
    ///   - logger: Receives debug lines per call (method, status, outcome; never token or body).
    public init(
        configuration: WebAPIClientConfiguration,
        logger: Logger = Logger(label: "partnerbot.webapi", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.pool = CurlTransferPool(maxThreads: configuration.maxConcurrentTransfers)
        self.responseURLPolicy = ResponseURLPolicy(
            allowedHosts: configuration.allowedResponseURLHosts,
            baseURL: configuration.baseURL
        )
        self.logger = logger
    }

    deinit {
        pool.shutDown()
    }

    /// Calls a Web API method.
    ///
    /// - Parameter request: The method name (letters, digits and dots) and its JSON body.
    /// - Returns: The parsed response when Slack answered HTTP 200 with `ok: true`.
    /// - Throws: ``WebAPIFailure``: `rateLimited` for 429 or `ratelimited`, `apiError` for
    ///   `ok:false`, `httpStatus` for other statuses, `timeout`, `connection`, `invalidResponse`.
    ///   An invalid method name fails as `apiError("unknown_method")` and a token with line breaks
    ///   or spaces (or an empty one) as `apiError("invalid_auth")`, both without a network call.
    public func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse {
        guard Self.isValidMethodName(request.method) else {
            throw .apiError(code: "unknown_method")
        }
        let authorization = try authorizationHeader(request.authorization)
        let contentType = Self.isValidHeaderValue(request.contentType) ? request.contentType : WebAPIRequest.jsonContentType
        let headers = authorization.map { [$0] } ?? []
        let answer = try await send(
            url: configuration.baseURL + request.method, headers: headers + commonHeaders(contentType: contentType), body: request.body,
            secrets: Self.secrets(of: request.authorization))
        do {
            let response = try WebAPIResponseParser.parseCallAnswer(
                status: answer.status,
                retryAfter: answer.headerValue("Retry-After"),
                body: answer.body
            )
            logger.debug(
                "Web API call succeeded",
                metadata: ["slack.method": "\(request.method)", "slack.warning": "\(response.warning ?? "")"]
            )
            return response
        } catch {
            logger.debug(
                "Web API call failed",
                metadata: ["slack.method": "\(request.method)", "error": "\(error.logDescription)"]
            )
            throw error
        }
    }

    /// Posts a JSON message to an interaction's `response_url`, without the bot token.
    ///
    /// - Parameters:
    ///   - url: The `response_url`; see ``WebAPIClientConfiguration/allowedResponseURLHosts``.
    ///   - body: The JSON message.
    /// - Throws: ``WebAPIFailure/forbiddenURL(_:)`` without any network call when the URL is not
    ///   allowed; `rateLimited`, `httpStatus` (non-2xx), `apiError` (2xx JSON with `ok:false`),
    ///   `timeout` or `connection` otherwise.
    public func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure) {
        let target: String
        do {
            target = try responseURLPolicy.validatedURL(url)
        } catch {
            logger.debug("response_url refused", metadata: ["error": "\(error.logDescription)"])
            throw error
        }
        let answer = try await send(url: target, headers: commonHeaders(contentType: WebAPIRequest.jsonContentType), body: body, secrets: [])
        do {
            try WebAPIResponseParser.parseResponseURLAnswer(
                status: answer.status,
                retryAfter: answer.headerValue("Retry-After"),
                body: answer.body
            )
            logger.debug("response_url post succeeded")
        } catch {
            logger.debug("response_url post failed", metadata: ["error": "\(error.logDescription)"])
            throw error
        }
    }

    /// The `Authorization` header line of a call (`nil` for none).
    /// - Throws: `apiError("invalid_auth")` for a token (or credentials) with spaces or line breaks.
    private func authorizationHeader(_ authorization: WebAPIAuthorization) throws(WebAPIFailure) -> String? {
        let token: String
        switch authorization {
        case .none:
            return nil
        case .configuredToken:
            token = configuration.token
        case .token(let override):
            token = override
        case .clientCredentials(let clientID, let clientSecret):
            guard Self.isValidHeaderValue(clientID), Self.isValidHeaderValue(clientSecret), !clientID.contains(":") else {
                throw .apiError(code: "invalid_client_id")
            }
            return "Authorization: Basic \(Base64.encode(Array("\(clientID):\(clientSecret)".utf8)))"
        }
        guard Self.isValidHeaderValue(token), !token.contains(" ") else {
            throw .apiError(code: "invalid_auth")
        }
        return "Authorization: Bearer \(token)"
    }

    /// The secret texts of a call's authorization, kept out of failure texts.
    private static func secrets(of authorization: WebAPIAuthorization) -> [String] {
        switch authorization {
        case .configuredToken, .none: []
        case .token(let token): [token]
        case .clientCredentials(let clientID, let clientSecret):
            [clientSecret, Base64.encode(Array("\(clientID):\(clientSecret)".utf8))]
        }
    }

    /// Headers of every request except `Authorization`.
    private func commonHeaders(contentType: String) -> [String] {
        let userAgent = Self.isValidHeaderValue(configuration.userAgent)
            ? configuration.userAgent : WebAPIClientConfiguration.defaultUserAgent
        return [
            "Content-Type: \(contentType)",
            "Accept: application/json",
            "User-Agent: \(userAgent)",
            "Expect:",  // no `100-continue` round trip for larger bodies
        ]
    }

    /// Runs one POST on the pool and maps transport failures.
    private func send(url: String, headers: [String], body: [UInt8], secrets: [String]) async throws(WebAPIFailure) -> HTTPTransferResponse {
        let transfer = HTTPTransfer(
            url: url,
            headerLines: headers,
            body: body,
            connectTimeoutMilliseconds: HTTPTransfer.milliseconds(configuration.connectTimeout),
            totalTimeoutMilliseconds: HTTPTransfer.milliseconds(configuration.totalTimeout)
        )
        switch await pool.perform(transfer) {
        case .success(let response):
            return response
        case .failure(.timeout):
            throw .timeout
        case .failure(.cancelled):
            throw .connection("request cancelled")
        case .failure(.responseTooLarge):
            throw .invalidResponse("response body too large")
        case .failure(.connection(let message)):
            throw .connection(redacting(secrets + [configuration.token], in: message))
        }
    }

    /// Removes tokens and secrets from a text, should a server or library ever echo one.
    private func redacting(_ secrets: [String], in text: String) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacing($1, with: "<redacted>") }
    }

    /// Web API method names: letters, digits and dots, for example `chat.postMessage`.
    static func isValidMethodName(_ method: String) -> Bool {
        !method.isEmpty && method.utf8.count <= 100
            && method.utf8.allSatisfy { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == 0x2E || byte == 0x5F
            }
            && !method.hasPrefix(".") && !method.contains("..")
    }

    /// A header value without control characters (no header injection).
    static func isValidHeaderValue(_ value: String) -> Bool {
        !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
