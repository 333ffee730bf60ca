import SlackPlatform

/// The registration form `/register` opens (and the shortcuts will): one input per field, its
/// submission read back by field.
enum RegistrationForm {
    /// Action id of a registration field's input.
    static func inputID(_ field: RegistrationField) -> String { field.rawValue + "_input" }

    /// What the form opens with (the message shortcut guesses them from a message); the partner
    /// checks and submits, nothing is registered before.
    struct Prefill: Sendable, Equatable {
        var company: String?
        var domain: String?
        var note: String?

        /// The value for a text field, within Slack's limit for an input's initial value.
        func value(for field: RegistrationField) -> String? {
            let value: String? = switch field {
            case .company: company
            case .domain: domain
            case .note: note
            default: nil
            }
            return value.map { String($0.prefix(2900)) }
        }
    }

    /// The registration form.
    /// - Parameters:
    ///   - channelID: Where the confirmation goes (the channel the form was opened from), if any.
    ///   - today: For the close date's hint.
    ///   - prefill: Values the form opens with.
    static func view(channelID: String?, today: CalendarDate, prefill: Prefill = Prefill()) -> ModalView {
        func text(_ field: RegistrationField, _ label: String, placeholder: String, optional: Bool = true, multiline: Bool = false) -> Block {
            let element = InputElement.text(actionID: inputID(field), placeholder: placeholder, multiline: multiline, initialValue: prefill.value(for: field))
            return .input(Input(blockID: field.rawValue, label: label, element: element, optional: optional))
        }
        return ModalView(
            callback: .registerForm, title: "Register a deal", submit: "Register", privateMetadata: channelID ?? "",
            blocks: [
                text(.company, "Customer company", placeholder: "Acme Corp", optional: false),
                text(.domain, "Customer web domain", placeholder: "acme.com"),
                text(.amount, "Estimated amount", placeholder: "50k, $50,000, €40k"),
                .input(Input(blockID: RegistrationField.close.rawValue, label: "Expected close date", element: .date(actionID: inputID(.close)), optional: true,
                             hint: "In the future, within two years (after \(today)).")),
                text(.contact, "Customer contact email", placeholder: "ann@acme.com"),
                .input(Input(blockID: RegistrationField.motion.rawValue, label: "Motion", element: .select(actionID: inputID(.motion), options: DealMotion.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }), optional: true)),
                .input(Input(blockID: RegistrationField.source.rawValue, label: "Source", element: .select(actionID: inputID(.source), options: DealSourcing.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }), optional: true)),
                text(.note, "Note for the partner manager", placeholder: "Anything that helps the decision", multiline: true),
            ])
    }
}
