import Foundation
import SlackPlatform

/// The bot's modals and how they are opened.
enum Modals {
    /// A one-field modal (a decline reason, a question, an answer) about the deal or claim `reference`.
    static func oneField(callback: CallbackID, reference: String, title: String, label: String, submit: String) -> ModalView {
        ModalView(
            callback: callback, title: title, submit: submit, privateMetadata: reference,
            blocks: [.input(Input(blockID: "text", label: label, element: .text(actionID: "text_input", placeholder: nil, multiline: true)))])
    }

    /// Whether a modal opened.
    enum OpenResult {
        case opened
        case failed
    }

    /// Opens a modal within the trigger's 3-second life; gives up waiting after 2 s so the
    /// request is still acknowledged in time.
    static func open(_ view: ModalView, trigger: String, services: BotServices) async -> OpenResult {
        let client = services.webAPI
        let logger = services.logger
        let outcome = await Deadline.race(.seconds(2)) {
            do throws(WebAPIFailure) {
                _ = try await client.openView(triggerID: trigger, view: view.json)
                return OpenResult.opened
            } catch {
                logger.warning("views.open failed", metadata: ["error": "\(error.logDescription)"])
                return OpenResult.failed
            }
        }
        return outcome ?? .opened
    }

    /// Opens a modal, or says which command does the same when it cannot be opened.
    /// - Returns: An empty reply once the modal is open (the click needs no other answer).
    static func openOrExplain(_ view: ModalView, trigger: String?, fallback: String, services: BotServices) async throws -> MessageReply {
        guard let trigger, await open(view, trigger: trigger, services: services) == .opened else {
            return .ephemeral("I couldn't open the form; use \(fallback) instead.")
        }
        return MessageReply(text: "")
    }
}
