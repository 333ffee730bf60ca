import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SlackPlatform

/// Collects the raw body once (capped), answers `ssl_check` probes, and verifies the signature
/// before anything parses the body. Failures get 401 with an empty body; only the reason is logged.
struct SlackVerificationMiddleware: RouterMiddleware {
    typealias Context = SlackRequestContext

    let verifier: RequestVerifier
    let clock: any WallClock
    let maxBodyBytes: Int
    let metrics: BotMetrics

    static let timestampHeader = HTTPField.Name("X-Slack-Request-Timestamp")!
    static let signatureHeader = HTTPField.Name("X-Slack-Signature")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: maxBodyBytes)
        if Self.isSSLCheck(body) {
            return Response(status: .ok)
        }
        let failure = verify(body, timestamp: request.headers[Self.timestampHeader], signature: request.headers[Self.signatureHeader])
        if let error = failure {
            metrics.recordSignatureFailure(reason: error.logDescription)
            context.logger.warning("request rejected", metadata: ["reason": "\(error.logDescription)", "path": "\(request.uri.path)"])
            return Response(status: .unauthorized)
        }
        var context = context
        context.verifiedBody = body
        return try await next(request, context)
    }

    private func verify(_ body: ByteBuffer, timestamp: String?, signature: String?) -> SignatureFailure? {
        let now = clock.unixTime
        return body.withUnsafeReadableBytes { (bytes: UnsafeRawBufferPointer) -> SignatureFailure? in
            do throws(SignatureFailure) {
                try verifier.verify(timestamp: timestamp, signature: signature, body: bytes, now: now)
                return nil
            } catch {
                return error
            }
        }
    }

    /// `ssl_check=1` form posts are Slack's certificate probes: answered 200, nothing else.
    static func isSSLCheck(_ body: ByteBuffer) -> Bool {
        guard body.readableBytes < 4096 else { return false }
        return body.withUnsafeReadableBytes { bytes in
            guard bytes.count >= 11, contains(bytes, sslCheckMarker) else { return false }
            return FormBody(bytes)["ssl_check"] == "1"
        }
    }

    private static let sslCheckMarker = Array("ssl_check=".utf8)

    /// A plain byte search, so ordinary requests skip decoding the form twice.
    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
