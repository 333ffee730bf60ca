/// One HTTP request for the curl transport: everything a worker thread needs, as plain values.
struct HTTPTransfer: Sendable {
    /// The method: `POST` unless said otherwise (`GET` sends no body).
    var method: String = "POST"
    /// The absolute URL, already validated.
    var url: String
    /// Header lines (`Name: value`), already checked for line breaks.
    var headerLines: [String]
    /// The request body.
    var body: [UInt8]
    /// Connect timeout in milliseconds.
    var connectTimeoutMilliseconds: Int
    /// Whole-transfer timeout in milliseconds.
    var totalTimeoutMilliseconds: Int
    /// The largest response body accepted.
    var maxResponseBytes: Int = 8 << 20

    /// Whether a body goes with the request (every method but `GET`).
    var sendsBody: Bool { method != "GET" }

    /// Converts a duration to whole milliseconds for curl, at least 1 and at most one day.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let oneDay: Int64 = 86_400_000
        guard seconds < oneDay / 1000 else { return Int(oneDay) }
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(min(max(total, 1), oneDay))
    }
}

/// The answer a transfer received: status, headers and body.
struct HTTPTransferResponse: Sendable, Equatable {
    /// The HTTP status code.
    var status: Int
    /// Header fields of the final response, in order, names as received.
    var headers: [(name: String, value: String)]
    /// The body bytes (decoded if the server used a content encoding).
    var body: [UInt8]

    /// The first value of a header, the name compared case-insensitively.
    func headerValue(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// Why a transfer produced no HTTP answer.
enum HTTPTransferError: Error, Sendable, Equatable {
    /// The connect or the total timeout expired.
    case timeout
    /// The connection failed; the message comes from curl.
    case connection(String)
    /// The calling task was cancelled and the transfer abandoned.
    case cancelled
    /// The response body exceeded ``HTTPTransfer/maxResponseBytes``.
    case responseTooLarge
}
