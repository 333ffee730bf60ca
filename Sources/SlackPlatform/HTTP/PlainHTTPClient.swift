/// A minimal HTTP POST client on the libcurl transport, for the dev tools (`partnerbot send`,
/// `click`, the demo and benchmarks) that talk to the bot's own server.
public final class PlainHTTPClient: Sendable {
    /// An HTTP answer.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The body bytes.
        public var body: [UInt8]
    }

    /// Why no answer arrived.
    public enum Failure: Error, Sendable, Equatable {
        /// Connect or total timeout.
        case timeout
        /// The connection failed (refused, reset, DNS).
        case connection(String)
        /// A header contained a line break.
        case invalidHeader
    }

    private let pool: CurlTransferPool
    private let timeout: Duration

    /// Creates a client.
    /// - Parameters:
    ///   - maxConcurrentRequests: The most requests in flight (each on its own thread and connection).
    ///   - timeout: Total time allowed per request.
    public init(maxConcurrentRequests: Int = 4, timeout: Duration = .seconds(10)) {
        self.pool = CurlTransferPool(maxThreads: maxConcurrentRequests, threadNamePrefix: "partnerbot-http")
        self.timeout = timeout
    }

    /// Posts a body with headers.
    /// - Throws: `Failure` when no HTTP answer arrived.
    public func post(url: String, headers: [(name: String, value: String)], body: [UInt8]) async throws(Failure) -> Response {
        var lines: [String] = []
        for header in headers {
            guard !header.name.contains(where: \.isNewline), !header.value.contains(where: \.isNewline) else { throw .invalidHeader }
            lines.append("\(header.name): \(header.value)")
        }
        let transfer = HTTPTransfer(
            url: url, headerLines: lines, body: body,
            connectTimeoutMilliseconds: HTTPTransfer.milliseconds(timeout),
            totalTimeoutMilliseconds: HTTPTransfer.milliseconds(timeout))
        switch await pool.perform(transfer) {
        case .success(let response):
            return Response(status: response.status, body: response.body)
        case .failure(.timeout):
            throw .timeout
        case .failure(.connection(let message)):
            throw .connection(message)
        case .failure(.cancelled):
            throw .connection("cancelled")
        case .failure(.responseTooLarge):
            throw .connection("response too large")
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

extension PlainHTTPClient.Failure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .connection(let message): message
        case .invalidHeader: "a header contains a line break"
        }
    }
}
