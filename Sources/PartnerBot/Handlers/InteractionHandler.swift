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

/// Answers button clicks and modal submissions.
public struct InteractionHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Handles one verified interaction.
    public func handle(_ interaction: Interaction, context: BotContext) async -> InteractionReply {
        do {
            switch interaction {
            case .blockActions(let actions):
                return try await handleActions(actions, context: context)
            case .viewSubmission(let submission):
                return try await handleSubmission(submission, context: context)
            case .unsupported(let type):
                context.logger.notice("unsupported interaction type acknowledged", metadata: ["type": "\(type)"])
                return .acknowledge
            }
        } catch let error as DealStoreError {
            return .message(.ephemeral(error.userMessage))
        } catch {
            context.logger.error("interaction failed", metadata: ["error": "\(error)"])
            return .message(AccessReplies.storageUnavailable)
        }
    }

    private func handleActions(_ payload: BlockActions, context: BotContext) async throws -> InteractionReply {
        guard let action = payload.actions.first else { return .acknowledge }
        let actor = try await context.actor(userID: payload.user.id, teamID: payload.actingTeamID ?? "")
        let reply: MessageReply
        switch action.actionID {
        case DealNotices.Action.approve, DealNotices.Action.extend, DealNotices.Action.decline, DealNotices.Action.needInfo, DealNotices.Action.answer:
            guard let id = action.value.flatMap(Deal.id(fromReference:)) else {
                return .message(.ephemeral("That button is out of date; use `/deal status` instead."))
            }
            reply = try await dealButton(action.actionID, id: id, actor: actor, trigger: payload.triggerID, context: context)
        case AnnouncementMessages.acknowledgeAction:
            reply = try await acknowledge(payload, announcement: action.value ?? "", actor: actor, context: context)
        case CertificationNotices.Action.verify, CertificationNotices.Action.reject:
            guard let id = action.value.flatMap(Certification.id(fromReference:)) else {
                return .message(.ephemeral("That button is out of date; use `/certify claims` instead."))
            }
            reply = try await certificationButton(action.actionID, id: id, actor: actor, trigger: payload.triggerID, context: context)
        default:
            context.logger.notice("unhandled action acknowledged", metadata: ["action_id": "\(action.actionID)", "user": "\(payload.user.id)"])
            return .acknowledge
        }
        if reply.text.isEmpty { return .acknowledge }
        if let url = payload.responseURL {
            let key = "click:\(payload.user.id):\(action.actionID):\(action.value ?? ""):\(Int(context.clock.now().timeIntervalSince1970 * 1000))"
            try await context.database.enqueue([.responseURL(reply, url: url, dedupeKey: key)], now: context.clock.now())
        }
        return .message(reply)
    }

    private func dealButton(_ actionID: String, id: Int64, actor: Actor, trigger: String?, context: BotContext) async throws -> MessageReply {
        guard actor.isEnrolled else { return AccessReplies.notEnrolled }
        let settings = context.program.deals
        let now = context.clock.now()
        switch actionID {
        case DealNotices.Action.approve, DealNotices.Action.extend:
            guard actor.isManager else { return AccessReplies.managersOnly("decide registrations") }
            let action: DealAction = actionID == DealNotices.Action.approve ? .approve : .extend
            return DealHandler.reply(try await context.database.applyDealAction(action, to: id, by: actor, settings: settings, now: now), id: id)
        case DealNotices.Action.decline, DealNotices.Action.needInfo:
            guard actor.isManager else { return AccessReplies.managersOnly("decide registrations") }
            guard let deal = try await context.database.deal(id: id), actor.canManage(org: deal.org) else { return AccessReplies.dealNotFound(id) }
            guard deal.status.awaitsDecision else {
                return .ephemeral("\(deal.reference) is already \(deal.status.label)\(deal.decidedBy.map { " (decided by <@\($0)>)" } ?? "").")
            }
            let decline = actionID == DealNotices.Action.decline
            let view = Modals.dealText(
                callbackID: decline ? Modals.Callback.decline : Modals.Callback.needInfo, deal: deal.reference,
                title: decline ? "Decline \(deal.reference)" : "Question on \(deal.reference)",
                label: decline ? "Reason (the partner sees it)" : "Your question to the partner", submit: decline ? "Decline" : "Send")
            return try await openOrExplain(view, trigger: trigger, fallback: decline ? "`/deal decline \(deal.reference) <reason>`" : "`/deal needinfo \(deal.reference) <question>`", context: context)
        default:
            guard actor.partnerOrg != nil else { return AccessReplies.partnersOnly("Answering a manager's question") }
            guard let deal = try await context.database.deal(id: id), deal.org == actor.partnerOrg else { return AccessReplies.dealNotFound(id) }
            guard deal.status == .needsInfo else { return .ephemeral("\(deal.reference) has no open question (it is \(deal.status.label)).") }
            let view = Modals.dealText(
                callbackID: Modals.Callback.answer, deal: deal.reference, title: "Answer on \(deal.reference)",
                label: Mrkdwn.escape(String((deal.question ?? "Your answer").prefix(1900))), submit: "Send")
            return try await openOrExplain(view, trigger: trigger, fallback: "`/deal answer \(deal.reference) <your answer>`", context: context)
        }
    }

    private func acknowledge(_ payload: BlockActions, announcement: String, actor: Actor, context: BotContext) async throws -> MessageReply {
        guard actor.isEnrolled else { return AccessReplies.notEnrolled }
        let outcome = try await context.database.acknowledge(
            announcement: announcement, userID: actor.userID, teamID: actor.teamID, org: actor.partnerOrg,
            channel: payload.container?.channelID ?? payload.channel?.id, messageTS: payload.container?.messageTS ?? payload.message?.ts,
            now: context.clock.now())
        switch outcome {
        case .recorded(let title): return .ephemeral("Thanks, <@\(actor.userID)> — your acknowledgement of “\(Mrkdwn.escape(title))” is recorded.")
        case .already(let title): return .ephemeral("You already acknowledged “\(Mrkdwn.escape(title))”. Thanks!")
        case .expired(let title): return .ephemeral("“\(Mrkdwn.escape(title))” has closed, so acknowledgements are no longer recorded. Thanks for reading it!")
        case .notTargeted: return .ephemeral("This announcement is for the partner organisations it was sent to; your click was not counted.")
        case .notFound: return .ephemeral("That announcement no longer exists.")
        }
    }

    private func certificationButton(_ actionID: String, id: Int64, actor: Actor, trigger: String?, context: BotContext) async throws -> MessageReply {
        guard actor.isEnrolled else { return AccessReplies.notEnrolled }
        guard actor.isManager else { return AccessReplies.managersOnly("verify certifications") }
        if actionID == CertificationNotices.Action.verify {
            return try await CertifyHandler().handle(.verify(id), actor: actor, context: context)
        }
        guard let claim = try await context.database.certification(id: id), actor.canManage(org: claim.org) else {
            return CertifyHandler.reply(.notFound, id: id)
        }
        guard claim.state == .claimed else { return CertifyHandler.reply(.unchanged(claim, summary: "\(claim.reference) was already decided."), id: id) }
        let view = Modals.dealText(
            callbackID: Modals.Callback.rejectCertification, deal: claim.reference, title: "Reject \(claim.reference)",
            label: "Reason (the partner sees it)", submit: "Reject")
        return try await openOrExplain(view, trigger: trigger, fallback: "`/certify reject \(claim.reference) <reason>`", context: context)
    }

    private func openOrExplain(_ view: ModalView, trigger: String?, fallback: String, context: BotContext) async throws -> MessageReply {
        guard let trigger, await Modals.open(view, trigger: trigger, context: context) == .opened else {
            return .ephemeral("I couldn't open the form; use \(fallback) instead.")
        }
        return MessageReply(text: "")
    }

    private func handleSubmission(_ submission: ViewSubmission, context: BotContext) async throws -> InteractionReply {
        switch submission.view.callbackID {
        case Modals.Callback.register:
            return try await RegisterHandler().submitForm(submission, context: context)
        case Modals.Callback.rejectCertification:
            let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
            guard !text.isEmpty else { return .viewErrors(["text": "Please give a reason: the partner sees it."]) }
            guard let id = submission.view.privateMetadata.flatMap(Certification.id(fromReference:)) else { return .acknowledge }
            let actor = try await context.actor(userID: submission.user.id, teamID: submission.actingTeamID ?? "")
            guard actor.isManager else { return .viewErrors(["text": AccessReplies.managersOnly("reject certification claims").text]) }
            let outcome = try await context.database.decideCertificationClaim(
                id: id, verify: false, reason: String(text.prefix(1000)), by: actor, settings: context.program, now: context.clock.now())
            switch outcome {
            case .changed, .unchanged: return .acknowledge
            case .refused, .notFound: return .viewErrors(["text": CertifyHandler.reply(outcome, id: id).text])
            }
        case Modals.Callback.decline, Modals.Callback.needInfo, Modals.Callback.answer:
            let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
            guard !text.isEmpty else { return .viewErrors(["text": "Please write something: the partner sees it."]) }
            guard let id = submission.view.privateMetadata.flatMap(Deal.id(fromReference:)) else { return .acknowledge }
            let action: DealAction = switch submission.view.callbackID {
            case Modals.Callback.decline: .decline(reason: String(text.prefix(1000)))
            case Modals.Callback.needInfo: .needInfo(question: String(text.prefix(1000)))
            default: .answer(text: String(text.prefix(2000)))
            }
            let actor = try await context.actor(userID: submission.user.id, teamID: submission.actingTeamID ?? "")
            let allowed = action.isManagerAction ? actor.isManager : actor.partnerOrg != nil
            guard allowed else { return .viewErrors(["text": AccessReplies.managersOnly("decide registrations").text]) }
            let outcome = try await context.database.applyDealAction(
                action, to: id, by: actor, settings: context.program.deals, now: context.clock.now())
            switch outcome {
            case .changed, .unchanged: return .acknowledge
            case .notFound, .invalid: return .viewErrors(["text": DealHandler.reply(outcome, id: id).text])
            }
        default:
            context.logger.notice("unhandled view submission acknowledged", metadata: ["callback_id": "\(submission.view.callbackID)"])
            return .acknowledge
        }
    }
}
