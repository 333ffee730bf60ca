import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SlackPlatform

/// The three Slack endpoints. Each turns a verified request into a typed inbound value, hands it to
/// a handler, and turns the handler's reply back into a response.
struct SlackRoutes: Sendable {
    /// The services of a request, as the installation it came through.
    let services: @Sendable (Logger, InstallationKey?) -> BotServices
    let commands: CommandHandler
    let interactions: InteractionHandler
    let events: EventHandler

    static let retryNumberHeader = HTTPField.Name("X-Slack-Retry-Num")!

    func register(on router: some RouterMethods<SlackRequestContext>) {
        router.post("commands") { request, context in try await command(request, context: context) }
        router.post("interactions") { request, context in try await interaction(request, context: context) }
        router.post("events") { request, context in try await event(request, context: context) }
    }

    func command(_ request: Request, context: SlackRequestContext) async throws -> Response {
        let form = Self.form(context)
        let command: SlashCommand
        do {
            command = try SlashCommand(form: form)
        } catch {
            return Self.badRequest(error, context: context)
        }
        // The user is named in the handler's own log lines (setting logger metadata per request
        // costs more than the registration's parsing).
        let reply = await commands.handle(command, services: services(context.logger, command.installation))
        if reply.text.isEmpty && reply.blocks.isEmpty { return Response(status: .ok) }
        return Self.json(reply.json)
    }

    func interaction(_ request: Request, context: SlackRequestContext) async throws -> Response {
        let form = Self.form(context)
        guard let payload = form["payload"] else { return Self.badRequest(PayloadError.missingField("payload"), context: context) }
        let interaction: Interaction
        do {
            interaction = try Interaction(payloadJSON: payload)
        } catch {
            return Self.badRequest(error, context: context)
        }
        switch await interactions.handle(interaction, services: services(context.logger, interaction.installation)) {
        case .acknowledge:
            return Response(status: .ok)
        case .message(let reply):
            return Self.json(reply.json)
        case .viewErrors(let errors):
            let body = try JSONSerialization.data(withJSONObject: ["response_action": "errors", "errors": errors], options: [.sortedKeys])
            return Self.json(Array(body))
        }
    }

    func event(_ request: Request, context: SlackRequestContext) async throws -> Response {
        let body = context.verifiedBody.map { Array($0.readableBytesView) } ?? []
        let envelope: EventEnvelope
        do {
            envelope = try EventEnvelope(json: body)
        } catch {
            return Self.badRequest(error, context: context)
        }
        switch envelope {
        case .urlVerification(let challenge):
            let json = try JSONSerialization.data(withJSONObject: ["challenge": challenge])
            return Self.json(Array(json))
        case .callback(let event):
            let retry = request.headers[Self.retryNumberHeader].flatMap { Int($0) }
            _ = try await events.handle(event, retryNumber: retry, services: services(context.logger, event.installation))
            return Response(status: .ok)
        case .unsupported(let type):
            context.logger.notice("unsupported event envelope acknowledged", metadata: ["type": "\(type)"])
            return Response(status: .ok)
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
