import Foundation
import SlackPlatform

/// What an interaction asks the HTTP layer to answer.
public enum InteractionReply: Sendable, Equatable {
    /// 200 with an empty body (acknowledged; closes a modal).
    case acknowledge
    /// 200 with a message JSON (shown by the dev tools; the clicker also gets it through `response_url`).
    case message(MessageReply)
    /// 200 with `{"response_action":"errors","errors":{...}}` for a modal.
    case viewErrors([String: String])
}

/// Answers button clicks and modal submissions by routing them to the feature that owns their
/// `action_id` or `callback_id` (`FeatureRegistry`).
public struct InteractionHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Handles one verified interaction.
    public func handle(_ interaction: Interaction, services: BotServices) async -> InteractionReply {
        do {
            switch interaction {
            case .blockActions(let actions):
                return try await handleActions(actions, services: services)
            case .viewSubmission(let submission):
                return try await handleSubmission(submission, services: services)
            case .shortcut(let shortcut):
                return try await handleShortcut(shortcut, services: services)
            case .unsupported(let type):
                services.logger.notice("unsupported interaction type acknowledged", metadata: ["type": "\(type)"])
                return .acknowledge
            }
        } catch let error as any UserFacingError {
            return .message(.ephemeral(error.userMessage))
        } catch {
            services.logger.error("interaction failed", metadata: ["error": "\(error)"])
            // A modal shows only errors under its fields: the form stays open with what was typed,
            // with its route's own words when it declares them.
            if case .viewSubmission(let submission) = interaction {
                if let declared = FeatureRegistry.submission(CallbackID(rawValue: submission.view.callbackID))?.notSaved { return declared }
                if let field = Self.fieldForErrors(submission) { return .viewErrors([field: AccessReplies.formNotSaved]) }
            }
            return .message(AccessReplies.storageUnavailable)
        }
    }

    /// The input block a modal-wide error goes under: the reason box of the one-field modals,
    /// else the first block by name (Slack sends every input block of the form).
    static func fieldForErrors(_ submission: ViewSubmission) -> String? {
        let blocks = submission.view.values.keys
        return blocks.contains("text") ? "text" : blocks.sorted().first
    }

    private func handleActions(_ payload: BlockActions, services: BotServices) async throws -> InteractionReply {
        guard let action = payload.actions.first else { return .acknowledge }
        guard let route = FeatureRegistry.action(ActionID(rawValue: action.actionID)) else {
            services.logger.notice("unhandled action acknowledged", metadata: ["action_id": "\(action.actionID)", "user": "\(payload.user.id)"])
            return .acknowledge
        }
        let caller = try await services.caller(payload.actingUser)
        let reply: MessageReply
        if let refusal = Permission.enrolled.refusal(for: caller) {
            reply = refusal
        } else {
            reply = try await route.handle(ButtonClick(caller: caller, value: action.value, triggerID: payload.triggerID, payload: payload), services)
        }
        if reply.text.isEmpty { return .acknowledge }
        if let url = payload.responseURL {
            let now = services.clock.now()
            let key = "click:\(payload.user.id):\(action.actionID):\(action.value ?? ""):\(Int(now.timeIntervalSince1970 * 1000))"
            try await services.database.enqueue([.responseURL(reply, url: url, dedupeKey: key)], now: now)
        }
        return .message(reply)
    }

    /// A shortcut's answer reaches the invoker only: through the `response_url` of a message
    /// shortcut, or as a direct message for a global one (it has no channel).
    private func handleShortcut(_ shortcut: Shortcut, services: BotServices) async throws -> InteractionReply {
        let reply: MessageReply
        if let route = FeatureRegistry.shortcut(CallbackID(rawValue: shortcut.callbackID)) {
            reply = try await route.handle(shortcut, services)
        } else {
            services.logger.notice("unknown shortcut answered", metadata: ["callback_id": "\(shortcut.callbackID)", "user": "\(shortcut.user.id)"])
            reply = .ephemeral("I don't know that shortcut (it may come from an older version of the app). Try *Register a deal*, or `/register help`.")
        }
        guard !reply.text.isEmpty else { return .acknowledge }
        let now = services.clock.now()
        let key = "shortcut:\(shortcut.user.id):\(shortcut.callbackID):\(Int64((now.timeIntervalSince1970 * 1000).rounded()))"
        let message: OutboundMessage = shortcut.responseURL.map { .responseURL(reply, url: $0, dedupeKey: key) }
            ?? OutboundMessage.post(reply, to: shortcut.user.id, dedupeKey: key).sent(through: shortcut.installation)
        try await services.database.enqueue([message], now: now)
        return .acknowledge
    }

    private func handleSubmission(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        guard let route = FeatureRegistry.submission(CallbackID(rawValue: submission.view.callbackID)) else {
            services.logger.notice("unhandled view submission acknowledged", metadata: ["callback_id": "\(submission.view.callbackID)"])
            return .acknowledge
        }
        return try await route.handle(submission, services)
    }
}
