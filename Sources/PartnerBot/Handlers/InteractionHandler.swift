import SlackPlatform

/// What an interaction asks the HTTP layer to answer.
public enum InteractionReply: Sendable, Equatable {
    /// 200 with an empty body (acknowledged; closes a modal).
    case acknowledge
    /// 200 with a message JSON (replaces nothing unless stated).
    case message(MessageReply)
    /// 200 with `{"response_action":"errors","errors":{...}}` for a modal.
    case viewErrors([String: String])
}

/// Answers button clicks and modal submissions.
public struct InteractionHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Handles one verified interaction.
    public func handle(_ interaction: Interaction, context: BotContext) async -> InteractionReply {
        switch interaction {
        case .blockActions(let actions):
            for action in actions.actions {
                context.logger.notice("unhandled action acknowledged", metadata: ["action_id": "\(action.actionID)", "user": "\(actions.user.id)"])
            }
            return .acknowledge
        case .viewSubmission(let submission):
            context.logger.notice("unhandled view submission acknowledged", metadata: ["callback_id": "\(submission.view.callbackID)"])
            return .acknowledge
        case .unsupported(let type):
            context.logger.notice("unsupported interaction type acknowledged", metadata: ["type": "\(type)"])
            return .acknowledge
        }
    }
}
