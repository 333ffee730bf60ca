import Foundation
import SlackPlatform

/// The bot's modals and how they are opened.
enum Modals {
    /// Action id of a registration field's input.
    static func actionID(_ field: RegistrationField) -> String { field.rawValue + "_input" }

    /// The registration form.
    static func registrationForm(channelID: String, today: CalendarDate) -> ModalView {
        func text(_ field: RegistrationField, _ label: String, placeholder: String, optional: Bool = true, multiline: Bool = false) -> Block {
            .input(Input(blockID: field.rawValue, label: label, element: .text(actionID: actionID(field), placeholder: placeholder, multiline: multiline), optional: optional))
        }
        return ModalView(
            callback: .registerForm, title: "Register a deal", submit: "Register", privateMetadata: channelID,
            blocks: [
                text(.company, "Customer company", placeholder: "Acme Corp", optional: false),
                text(.domain, "Customer web domain", placeholder: "acme.com"),
                text(.amount, "Estimated amount", placeholder: "50k, $50,000, €40k"),
                .input(Input(blockID: RegistrationField.close.rawValue, label: "Expected close date", element: .date(actionID: actionID(.close)), optional: true,
                             hint: "In the future, within two years (after \(today)).")),
                text(.contact, "Customer contact email", placeholder: "ann@acme.com"),
                .input(Input(blockID: RegistrationField.motion.rawValue, label: "Motion", element: .select(actionID: actionID(.motion), options: DealMotion.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }), optional: true)),
                .input(Input(blockID: RegistrationField.source.rawValue, label: "Source", element: .select(actionID: actionID(.source), options: DealSourcing.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }), optional: true)),
                text(.note, "Note for the partner manager", placeholder: "Anything that helps the decision", multiline: true),
            ])
    }

    /// A one-field modal for a decline reason, a question or an answer about a deal.
    static func dealText(callback: CallbackID, deal: String, title: String, label: String, submit: String) -> ModalView {
        ModalView(
            callback: callback, title: title, submit: submit, privateMetadata: deal,
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
        let client = services.chatClient
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
}
