import CCurl

// The only file that touches libcurl and its unsafe pointers. Everything here runs on the
// dedicated worker thread that owns the handle; nothing unsafe escapes this file.

/// `curl_global_init`, run exactly once per process before the first handle is created.
enum CurlGlobal {
    /// Whether libcurl initialised; computed once, thread-safely, by Swift's lazy globals.
    static let isInitialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// A reusable libcurl easy handle, owned by one worker thread.
///
/// Reusing the handle keeps its connection cache, so keep-alive connections (and HTTP/2 where the
/// server offers it) survive from one transfer to the next. Not thread-safe: use it from the
/// thread that created it only.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a handle, or returns nil when libcurl cannot be initialised.
    init?() {
        guard CurlGlobal.isInitialised, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs one request, blocking the calling thread until it completes.
    ///
    /// - Parameters:
    ///   - transfer: The request.
    ///   - isCancelled: Polled while the transfer runs; returning true aborts it.
    /// - Returns: The response, or why there is none.
    func perform(
        _ transfer: HTTPTransfer,
        isCancelled: @escaping () -> Bool
    ) -> Result<HTTPTransferResponse, HTTPTransferError> {
        let context = TransferContext(maxBodyBytes: transfer.maxResponseBytes, isCancelled: isCancelled)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for line in transfer.headerLines {
            guard let extended = curl_slist_append(headerList, line) else {
                return .failure(.connection("could not allocate request headers"))
            }
            headerList = extended
        }

        // Unretained is enough: `context` outlives the transfer, which ends before we return.
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()
        let code: CURLcode = withExtendedLifetime(context) {
            curl_easy_reset(handle)  // keeps live connections, DNS and TLS session caches
            errorBuffer[0] = 0
            let setup = configure(transfer, headerList: headerList, context: contextPointer)
            guard setup == CURLE_OK else { return setup }
            return curl_easy_perform(handle)
        }

        guard code == CURLE_OK else {
            return .failure(failure(for: code, context: context))
        }
        var status = 0
        _ = pb_curl_get_response_code(handle, &status)
        guard status > 0 else {
            return .failure(.connection("no HTTP status received"))
        }
        return .success(HTTPTransferResponse(status: status, headers: context.headers, body: context.body))
    }

    /// Sets every option of one transfer; returns the first failure.
    private func configure(
        _ transfer: HTTPTransfer,
        headerList: UnsafeMutablePointer<curl_slist>?,
        context: UnsafeMutableRawPointer
    ) -> CURLcode {
        let steps: [() -> CURLcode] = [
            { pb_curl_set_pointer(self.handle, CURLOPT_ERRORBUFFER, self.errorBuffer) },
            { pb_curl_set_string(self.handle, CURLOPT_URL, transfer.url) },
            { pb_curl_set_string(self.handle, CURLOPT_PROTOCOLS_STR, "http,https") },
            { pb_curl_set_long(self.handle, CURLOPT_NOSIGNAL, 1) },
            { pb_curl_set_long(self.handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)) },
            { pb_curl_set_long(self.handle, CURLOPT_CONNECTTIMEOUT_MS, transfer.connectTimeoutMilliseconds) },
            { pb_curl_set_long(self.handle, CURLOPT_TIMEOUT_MS, transfer.totalTimeoutMilliseconds) },
            { pb_curl_set_long(self.handle, CURLOPT_TCP_KEEPALIVE, 1) },
            { pb_curl_set_long(self.handle, CURLOPT_FOLLOWLOCATION, 0) },
            { pb_curl_set_string(self.handle, CURLOPT_ACCEPT_ENCODING, "") },  // all built-in encodings
            { pb_curl_set_long(self.handle, transfer.sendsBody ? CURLOPT_POST : CURLOPT_HTTPGET, 1) },
            { ["GET", "POST"].contains(transfer.method) ? CURLE_OK : pb_curl_set_string(self.handle, CURLOPT_CUSTOMREQUEST, transfer.method) },
            { pb_curl_set_slist(self.handle, CURLOPT_HTTPHEADER, headerList) },
            {
                guard transfer.sendsBody else { return CURLE_OK }
                return transfer.body.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies, so the buffer only has to live for this call.
                    pb_curl_set_post_body(self.handle, bytes.baseAddress ?? UnsafeRawPointer(self.errorBuffer), bytes.count)
                }
            },
            { pb_curl_set_write_callback(self.handle, curlWriteCallback, context) },
            { pb_curl_set_header_callback(self.handle, curlHeaderCallback, context) },
            { pb_curl_set_progress_callback(self.handle, curlProgressCallback, context) },
        ]
        for step in steps {
            let code = step()
            guard code == CURLE_OK else { return code }
        }
        return CURLE_OK
    }

    /// Maps a failed `curl_easy_perform` to a transfer error.
    private func failure(for code: CURLcode, context: TransferContext) -> HTTPTransferError {
        if code == CURLE_OPERATION_TIMEDOUT {
            return .timeout
        }
        if code == CURLE_ABORTED_BY_CALLBACK, context.wasCancelled {
            return .cancelled
        }
        if code == CURLE_WRITE_ERROR, context.bodyTooLarge {
            return .responseTooLarge
        }
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        return .connection(detail.isEmpty ? summary : detail)
    }
}

/// What the callbacks of one transfer collect; reached through curl's `void *` context.
private final class TransferContext {
    let maxBodyBytes: Int
    let isCancelled: () -> Bool
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var bodyTooLarge = false
    var wasCancelled = false

    init(maxBodyBytes: Int, isCancelled: @escaping () -> Bool) {
        self.maxBodyBytes = maxBodyBytes
        self.isCancelled = isCancelled
    }

    /// Records one raw header line; a status line starts a new header block (e.g. after `100`).
    func addHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingWhitespace()
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        guard !name.isEmpty else { return }
        headers.append((name: name, value: value))
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// CURLOPT_WRITEFUNCTION: appends body bytes; returning less than given aborts the transfer.
private let curlWriteCallback: pb_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return length }
    guard transfer.body.count + length <= transfer.maxBodyBytes else {
        transfer.bodyTooLarge = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }
    return length
}

/// CURLOPT_HEADERFUNCTION: called once per complete header line.
private let curlHeaderCallback: pb_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return length }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        transfer.addHeaderLine(UnsafeBufferPointer(start: bytes, count: length))
    }
    return length
}

/// CURLOPT_XFERINFOFUNCTION: returning non-zero aborts a transfer whose task was cancelled.
private let curlProgressCallback: pb_curl_progress_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    let transfer = Unmanaged<TransferContext>.fromOpaque(context).takeUnretainedValue()
    guard transfer.isCancelled() else { return 0 }
    transfer.wasCancelled = true
    return 1
}
