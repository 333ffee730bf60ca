import Foundation
import Logging
import SlackPlatform

/// What a transport received from Slack once it is trusted (HTTP: its signature checked; Socket
/// Mode: it came over the app's own authenticated connection), as a typed value.
enum InboundRequest: Sendable {
    /// A slash command.
    case command(SlashCommand)
    /// A click, a modal submission or a shortcut.
    case interaction(Interaction)
    /// An Events API body (`retry` is Slack's retry count, when it retried).
    case event(EventEnvelope, retry: Int?)

    /// The installation it came through (whose token answers it), when the payload names one.
    var installation: InstallationKey? {
        switch self {
        case .command(let command): command.installation
        case .interaction(let interaction): interaction.installation
        case .event(.callback(let event), _): event.installation
        case .event: nil
        }
    }
}

/// What goes back to Slack: nothing (an acknowledgement), or a JSON body (a slash command's
/// reply, a modal's `response_action`, the `url_verification` challenge).
enum InboundAnswer: Sendable, Equatable {
    case empty
    case json([UInt8])
}

/// The one dispatch both transports share: the HTTP routes and the Socket Mode service turn what
/// they receive into an ``InboundRequest`` and send back the ``InboundAnswer`` this returns, so a
/// reply is the same whichever way it travels.
struct InboundDispatch: Sendable {
    /// The services of a request, as the installation it came through.
    let services: @Sendable (Logger, InstallationKey?) -> BotServices
    let commands = CommandHandler()
    let interactions = InteractionHandler()
    let events = EventHandler()

    func answer(_ request: InboundRequest, logger: Logger) async throws -> InboundAnswer {
        let services = self.services(logger, request.installation)
        switch request {
        case .command(let command):
            let reply = await commands.handle(command, services: services)
            return reply.text.isEmpty && reply.blocks.isEmpty ? .empty : .json(reply.json)
        case .interaction(let interaction):
            switch await interactions.handle(interaction, services: services) {
            case .acknowledge: return .empty
            case .message(let reply): return .json(reply.json)
            case .viewErrors(let errors):
                return .json(Array(try JSONSerialization.data(withJSONObject: ["response_action": "errors", "errors": errors], options: [.sortedKeys])))
            }
        case .event(.urlVerification(let challenge), _):
            return .json(Array(try JSONSerialization.data(withJSONObject: ["challenge": challenge])))
        case .event(.callback(let event), let retry):
            _ = try await events.handle(event, retryNumber: retry, services: services)
            return .empty
        case .event(.unsupported(let type), _):
            logger.notice("unsupported event envelope acknowledged", metadata: ["type": "\(type)"])
            return .empty
        }
    }
}
