import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SlackPlatform

/// The three Slack endpoints: each turns a verified request into an ``InboundRequest``, hands it
/// to the shared ``InboundDispatch`` and turns its answer back into a response.
struct SlackRoutes: Sendable {
    let dispatch: InboundDispatch

    static let retryNumberHeader = HTTPField.Name("X-Slack-Retry-Num")!

    func register(on router: some RouterMethods<SlackRequestContext>) {
        router.post("commands") { _, context in try await answer(Self.command(context), context: context) }
        router.post("interactions") { _, context in try await answer(Self.interaction(context), context: context) }
        router.post("events") { request, context in
            let retry = request.headers[Self.retryNumberHeader].flatMap { Int($0) }
            return try await answer(Self.event(context, retry: retry), context: context)
        }
    }

    private func answer(_ decoded: Result<InboundRequest, PayloadError>, context: SlackRequestContext) async throws -> Response {
        switch decoded {
        case .failure(let error):
            return Self.badRequest(error, context: context)
        case .success(let request):
            // The user is named in the handlers' own log lines (setting logger metadata per
            // request costs more than the registration's parsing).
            switch try await dispatch.answer(request, logger: context.logger) {
            case .empty: return Response(status: .ok)
            case .json(let body): return Self.json(body)
            }
        }
    }

    static func command(_ context: SlackRequestContext) -> Result<InboundRequest, PayloadError> {
        Result { () throws(PayloadError) in .command(try SlashCommand(form: form(context))) }
    }

    static func interaction(_ context: SlackRequestContext) -> Result<InboundRequest, PayloadError> {
        Result { () throws(PayloadError) in
            guard let payload = form(context)["payload"] else { throw .missingField("payload") }
            return .interaction(try Interaction(payloadJSON: payload))
        }
    }

    static func event(_ context: SlackRequestContext, retry: Int?) -> Result<InboundRequest, PayloadError> {
        Result { () throws(PayloadError) in
            .event(try EventEnvelope(json: context.verifiedBody.map { Array($0.readableBytesView) } ?? []), retry: retry)
        }
    }

    static func form(_ context: SlackRequestContext) -> FormBody {
        guard let body = context.verifiedBody else { return FormBody(fields: []) }
        return body.withUnsafeReadableBytes { FormBody($0) }
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func badRequest(_ error: PayloadError, context: SlackRequestContext) -> Response {
        context.logger.warning("malformed payload", metadata: ["reason": "\(error.logDescription)"])
        return Response(
            status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: error.logDescription + "\n")))
    }
}
