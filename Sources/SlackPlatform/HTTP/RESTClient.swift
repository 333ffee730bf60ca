/// An HTTP request to a third-party REST API (a CRM), as plain values.
public struct RESTRequest: Sendable {
    /// The HTTP methods the connectors use.
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The method.
    public var method: Method
    /// The absolute `http(s)` URL.
    public var url: String
    /// Header fields (names and values without line breaks).
    public var headers: [(name: String, value: String)]
    /// The body (ignored for `GET`).
    public var body: [UInt8]

    /// Creates a request.
    public init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP answer: status, headers and body.
public struct RESTResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, in order, names as received.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, the name compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body as text (for error messages).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why no HTTP answer arrived.
public enum RESTFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connect or total timeout expired.
    case timeout
    /// The connection failed (refused, reset, DNS, TLS), in curl's words.
    case connection(String)
    /// The request could not be sent as given (a header with a line break, a bad URL).
    case invalidRequest(String)
    /// The calling task was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .connection(let message): message
        case .invalidRequest(let message): "invalid request: \(message)"
        case .cancelled: "cancelled"
        }
    }
}

/// Sends HTTP requests: the live libcurl client, or a test double at the outermost edge.
public protocol RESTClient: Sendable {
    /// Sends one request.
    /// - Throws: `RESTFailure` when no HTTP answer arrived (any status, 5xx included, is an answer).
    func send(_ request: RESTRequest) async throws(RESTFailure) -> RESTResponse
}

/// The live HTTP client on the libcurl transport (dedicated threads, keep-alive, HTTP/2 over TLS).
public final class CurlRESTClient: RESTClient {
    private let pool: CurlTransferPool
    private let connectTimeout: Duration
    private let timeout: Duration

    /// Creates a client.
    /// - Parameters:
    ///   - maxConcurrentRequests: The most requests in flight (each on its own thread and connection).
    ///   - connectTimeout: Time allowed to connect.
    ///   - timeout: Total time allowed per request.
    ///   - threadNamePrefix: Names the worker threads.
    public init(maxConcurrentRequests: Int = 4, connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(15), threadNamePrefix: String = "partnerbot-http") {
        self.pool = CurlTransferPool(maxThreads: maxConcurrentRequests, threadNamePrefix: threadNamePrefix)
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    public func send(_ request: RESTRequest) async throws(RESTFailure) -> RESTResponse {
        guard request.url.hasPrefix("https://") || request.url.hasPrefix("http://") else { throw .invalidRequest("not an http(s) URL") }
        var lines: [String] = []
        for header in request.headers {
            guard !header.name.contains(where: \.isNewline), !header.value.contains(where: \.isNewline) else {
                throw .invalidRequest("header \(header.name) contains a line break")
            }
            lines.append("\(header.name): \(header.value)")
        }
        let transfer = HTTPTransfer(
            method: request.method.rawValue, url: request.url, headerLines: lines, body: request.body,
            connectTimeoutMilliseconds: HTTPTransfer.milliseconds(connectTimeout),
            totalTimeoutMilliseconds: HTTPTransfer.milliseconds(timeout))
        switch await pool.perform(transfer) {
        case .success(let response): return RESTResponse(status: response.status, headers: response.headers, body: response.body)
        case .failure(.timeout): throw .timeout
        case .failure(.connection(let message)): throw .connection(message)
        case .failure(.cancelled): throw .cancelled
        case .failure(.responseTooLarge): throw .connection("response too large")
        }
    }

    /// Stops the worker threads once queued requests finish.
    public func shutDown() {
        pool.shutDown()
    }

    deinit {
        pool.shutDown()
    }
}
