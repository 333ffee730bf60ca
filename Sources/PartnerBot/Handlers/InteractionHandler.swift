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
    public func handle(_ interaction: Interaction, services: BotServices) async -> InteractionReply {
        do {
            switch interaction {
            case .blockActions(let actions):
                return try await handleActions(actions, services: services)
            case .viewSubmission(let submission):
                return try await handleSubmission(submission, services: services)
            case .unsupported(let type):
                services.logger.notice("unsupported interaction type acknowledged", metadata: ["type": "\(type)"])
                return .acknowledge
            }
        } catch let error as DealStoreError {
            return .message(.ephemeral(error.userMessage))
        } catch {
            services.logger.error("interaction failed", metadata: ["error": "\(error)"])
            return .message(AccessReplies.storageUnavailable)
        }
    }

    private func handleActions(_ payload: BlockActions, services: BotServices) async throws -> InteractionReply {
        guard let action = payload.actions.first else { return .acknowledge }
        let caller = try await services.caller(userID: payload.user.id, teamID: payload.actingTeamID ?? "")
        let reply: MessageReply
        switch ActionID(rawValue: action.actionID) {
        case .dealApprove, .dealExtend, .dealDecline, .dealNeedInfo, .dealAnswer:
            guard let id = action.value.flatMap(Deal.id(fromReference:)) else {
                return .message(.ephemeral("That button is out of date; use `/deal status` instead."))
            }
            reply = try await dealButton(ActionID(rawValue: action.actionID), id: id, caller: caller, trigger: payload.triggerID, services: services)
        case .announcementAcknowledge:
            reply = try await acknowledge(payload, announcement: action.value ?? "", caller: caller, services: services)
        case .certificationVerify, .certificationReject:
            guard let id = action.value.flatMap(Certification.id(fromReference:)) else {
                return .message(.ephemeral("That button is out of date; use `/certify claims` instead."))
            }
            reply = try await certificationButton(ActionID(rawValue: action.actionID), id: id, caller: caller, trigger: payload.triggerID, services: services)
        default:
            services.logger.notice("unhandled action acknowledged", metadata: ["action_id": "\(action.actionID)", "user": "\(payload.user.id)"])
            return .acknowledge
        }
        if reply.text.isEmpty { return .acknowledge }
        if let url = payload.responseURL {
            let key = "click:\(payload.user.id):\(action.actionID):\(action.value ?? ""):\(Int(services.clock.now().timeIntervalSince1970 * 1000))"
            try await services.database.enqueue([.responseURL(reply, url: url, dedupeKey: key)], now: services.clock.now())
        }
        return .message(reply)
    }

    private func dealButton(_ actionID: ActionID, id: Int64, caller: Caller, trigger: String?, services: BotServices) async throws -> MessageReply {
        guard caller.isEnrolled else { return AccessReplies.notEnrolled }
        let settings = services.program.deals
        let now = services.clock.now()
        switch actionID {
        case .dealApprove, .dealExtend:
            guard caller.isManager else { return AccessReplies.managersOnly("decide registrations") }
            let action: DealAction = actionID == .dealApprove ? .approve : .extend
            return DealHandler.reply(try await services.database.applyDealAction(action, to: id, by: caller, settings: settings, now: now), id: id)
        case .dealDecline, .dealNeedInfo:
            guard caller.isManager else { return AccessReplies.managersOnly("decide registrations") }
            guard let deal = try await services.database.deal(id: id), caller.canManage(org: deal.org) else { return AccessReplies.dealNotFound(id) }
            guard deal.status.awaitsDecision else {
                return .ephemeral("\(deal.reference) is already \(deal.status.label)\(deal.decidedBy.map { " (decided by <@\($0)>)" } ?? "").")
            }
            let decline = actionID == .dealDecline
            let view = Modals.dealText(
                callback: decline ? .dealDecline : .dealNeedInfo, deal: deal.reference,
                title: decline ? "Decline \(deal.reference)" : "Question on \(deal.reference)",
                label: decline ? "Reason (the partner sees it)" : "Your question to the partner", submit: decline ? "Decline" : "Send")
            return try await openOrExplain(view, trigger: trigger, fallback: decline ? "`/deal decline \(deal.reference) <reason>`" : "`/deal needinfo \(deal.reference) <question>`", services: services)
        default:
            guard caller.partnerOrg != nil else { return AccessReplies.partnersOnly("Answering a manager's question") }
            guard let deal = try await services.database.deal(id: id), deal.org == caller.partnerOrg else { return AccessReplies.dealNotFound(id) }
            guard deal.status == .needsInfo else { return .ephemeral("\(deal.reference) has no open question (it is \(deal.status.label)).") }
            let view = Modals.dealText(
                callback: .dealAnswer, deal: deal.reference, title: "Answer on \(deal.reference)",
                label: Mrkdwn.escape(String((deal.question ?? "Your answer").prefix(1900))), submit: "Send")
            return try await openOrExplain(view, trigger: trigger, fallback: "`/deal answer \(deal.reference) <your answer>`", services: services)
        }
    }

    private func acknowledge(_ payload: BlockActions, announcement: String, caller: Caller, services: BotServices) async throws -> MessageReply {
        guard caller.isEnrolled else { return AccessReplies.notEnrolled }
        let outcome = try await services.database.acknowledge(
            announcement: announcement, userID: caller.userID, teamID: caller.teamID, org: caller.partnerOrg,
            channel: payload.container?.channelID ?? payload.channel?.id, messageTS: payload.container?.messageTS ?? payload.message?.ts,
            now: services.clock.now())
        switch outcome {
        case .recorded(let title): return .ephemeral("Thanks, <@\(caller.userID)> — your acknowledgement of “\(Mrkdwn.escape(title))” is recorded.")
        case .already(let title): return .ephemeral("You already acknowledged “\(Mrkdwn.escape(title))”. Thanks!")
        case .expired(let title): return .ephemeral("“\(Mrkdwn.escape(title))” has closed, so acknowledgements are no longer recorded. Thanks for reading it!")
        case .notTargeted: return .ephemeral("This announcement is for the partner organisations it was sent to; your click was not counted.")
        case .notFound: return .ephemeral("That announcement no longer exists.")
        }
    }

    private func certificationButton(_ actionID: ActionID, id: Int64, caller: Caller, trigger: String?, services: BotServices) async throws -> MessageReply {
        guard caller.isEnrolled else { return AccessReplies.notEnrolled }
        guard caller.isManager else { return AccessReplies.managersOnly("verify certifications") }
        if actionID == .certificationVerify {
            return try await CertifyHandler().handle(.verify(id), caller: caller, services: services)
        }
        guard let claim = try await services.database.certification(id: id), caller.canManage(org: claim.org) else {
            return CertifyHandler.reply(.notFound, id: id)
        }
        guard claim.state == .claimed else { return CertifyHandler.reply(.unchanged(claim, summary: "\(claim.reference) was already decided."), id: id) }
        let view = Modals.dealText(
            callback: .certificationReject, deal: claim.reference, title: "Reject \(claim.reference)",
            label: "Reason (the partner sees it)", submit: "Reject")
        return try await openOrExplain(view, trigger: trigger, fallback: "`/certify reject \(claim.reference) <reason>`", services: services)
    }

    private func openOrExplain(_ view: ModalView, trigger: String?, fallback: String, services: BotServices) async throws -> MessageReply {
        guard let trigger, await Modals.open(view, trigger: trigger, services: services) == .opened else {
            return .ephemeral("I couldn't open the form; use \(fallback) instead.")
        }
        return MessageReply(text: "")
    }

    private func handleSubmission(_ submission: ViewSubmission, services: BotServices) async throws -> InteractionReply {
        switch CallbackID(rawValue: submission.view.callbackID) {
        case .registerForm:
            return try await RegisterHandler().submitForm(submission, services: services)
        case .certificationReject:
            let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
            guard !text.isEmpty else { return .viewErrors(["text": "Please give a reason: the partner sees it."]) }
            guard let id = submission.view.privateMetadata.flatMap(Certification.id(fromReference:)) else { return .acknowledge }
            let caller = try await services.caller(userID: submission.user.id, teamID: submission.actingTeamID ?? "")
            guard caller.isManager else { return .viewErrors(["text": AccessReplies.managersOnly("reject certification claims").text]) }
            let outcome = try await services.database.decideCertificationClaim(
                id: id, verify: false, reason: String(text.prefix(1000)), by: caller, settings: services.program, now: services.clock.now())
            switch outcome {
            case .changed, .unchanged: return .acknowledge
            case .refused, .notFound: return .viewErrors(["text": CertifyHandler.reply(outcome, id: id).text])
            }
        case .dealDecline, .dealNeedInfo, .dealAnswer:
            let text = (submission.view.values["text"]?["text_input"] ?? "").trimmingWhitespace()
            guard !text.isEmpty else { return .viewErrors(["text": "Please write something: the partner sees it."]) }
            guard let id = submission.view.privateMetadata.flatMap(Deal.id(fromReference:)) else { return .acknowledge }
            let action: DealAction = switch CallbackID(rawValue: submission.view.callbackID) {
            case .dealDecline: .decline(reason: String(text.prefix(1000)))
            case .dealNeedInfo: .needInfo(question: String(text.prefix(1000)))
            default: .answer(text: String(text.prefix(2000)))
            }
            let caller = try await services.caller(userID: submission.user.id, teamID: submission.actingTeamID ?? "")
            let allowed = action.isManagerAction ? caller.isManager : caller.partnerOrg != nil
            guard allowed else { return .viewErrors(["text": AccessReplies.managersOnly("decide registrations").text]) }
            let outcome = try await services.database.applyDealAction(
                action, to: id, by: caller, settings: services.program.deals, now: services.clock.now())
            switch outcome {
            case .changed, .unchanged: return .acknowledge
            case .notFound, .invalid: return .viewErrors(["text": DealHandler.reply(outcome, id: id).text])
            }
        default:
            services.logger.notice("unhandled view submission acknowledged", metadata: ["callback_id": "\(submission.view.callbackID)"])
            return .acknowledge
        }
    }
}
