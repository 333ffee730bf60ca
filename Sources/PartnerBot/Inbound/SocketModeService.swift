import Foundation
import Logging
import ServiceLifecycle
import SlackPlatform
import SlackSocketMode

/// Socket Mode, the second transport: Slack's envelopes arrive over WebSockets the bot opens
/// (no public URL), are turned into the same ``InboundRequest`` values the HTTP routes make, and
/// are acknowledged with the same answer the routes would send (a slash command's reply, a
/// modal's errors) within Slack's 3 seconds. A redelivered event is processed once, by its
/// `event_id`, exactly as HTTP retries are.
struct SocketModeService: Service {
    let client: SocketModeClient

    init(appToken: String, apiBaseURL: String, dispatch: InboundDispatch, logger: Logger) {
        let configuration = SocketModeConfiguration(appToken: appToken, apiBaseURL: apiBaseURL)
        client = SocketModeClient(configuration: configuration, handler: { envelope in await Self.answer(envelope, dispatch: dispatch, logger: logger) }, logger: logger)
    }

    func run() async throws {
        try await client.run()
    }

    /// The acknowledgement's payload for one envelope (`nil`: a plain acknowledgement).
    static func answer(_ envelope: SocketModeEnvelope, dispatch: InboundDispatch, logger: Logger) async -> [UInt8]? {
        let request: InboundRequest
        do {
            request = try Self.request(from: envelope)
        } catch {
            logger.warning("malformed Socket Mode payload acknowledged", metadata: ["type": "\(envelope.kind.rawValue)", "reason": "\(error.logDescription)"])
            return nil
        }
        do {
            switch try await dispatch.answer(request, logger: logger) {
            case .empty: return nil
            case .json(let body): return envelope.acceptsResponsePayload ? body : nil
            }
        } catch {
            logger.error("Socket Mode envelope failed", metadata: ["type": "\(envelope.kind.rawValue)", "error": "\(error)"])
            return nil
        }
    }

    /// The typed value an envelope carries. A slash command's payload is its fields as a JSON
    /// object (over HTTP, a form body); interactions and events are the same JSON as over HTTP.
    static func request(from envelope: SocketModeEnvelope) throws(PayloadError) -> InboundRequest {
        switch envelope.kind {
        case .slashCommands:
            return .command(try SlashCommand(jsonObject: envelope.payload))
        case .interactive:
            return .interaction(try Interaction(payloadJSON: String(decoding: envelope.payload, as: UTF8.self)))
        case .eventsAPI:
            return .event(try EventEnvelope(json: envelope.payload), retry: envelope.retryAttempt > 0 ? envelope.retryAttempt : nil)
        }
    }
}
