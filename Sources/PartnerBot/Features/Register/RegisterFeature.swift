/// Deal registration: `/register` (inline or the form) and the form's submission.
struct RegisterFeature: Feature {
    /// Who may register.
    static let permission = Permission.partners("Registering deals")

    var commands: [CommandRoute] {
        [CommandRoute(.register, notSaved: AccessReplies.registrationNotSaved, parse: RegisterCommand.parse, handle: { try await RegisterHandler().handle($0, slash: $1, services: $2) })]
    }

    var submissions: [SubmissionRoute] {
        [
            SubmissionRoute(
                .registerForm, notSaved: .viewErrors([RegistrationField.company.rawValue: AccessReplies.registrationNotSavedInForm]),
                handle: { try await RegisterHandler().submitForm($0, services: $1) })
        ]
    }

    var shortcuts: [ShortcutRoute] {
        [
            ShortcutRoute(.registerDealShortcut, kind: .global, name: "Register a deal", description: "Register a customer opportunity with the partner program") {
                shortcut, services in
                try await RegisterHandler().openForm(for: shortcut.actingUser, channelID: nil, trigger: shortcut.triggerID, services: services)
            },
            ShortcutRoute(
                .registerDealFromMessage, kind: .message, name: "Register as a deal",
                description: "Open the registration form prefilled from this message; nothing is registered until you submit"
            ) { shortcut, services in
                try await RegisterHandler().openForm(
                    for: shortcut.actingUser, channelID: shortcut.channel?.id, trigger: shortcut.triggerID,
                    prefill: RegistrationGuess.prefill(fromMessage: shortcut.message?.text ?? ""), services: services)
            },
        ]
    }
}

extension CallbackID {
    /// The registration form (`/register` alone).
    public static let registerForm = CallbackID(rawValue: "register_form")
    /// The global shortcut *Register a deal*.
    public static let registerDealShortcut = CallbackID(rawValue: "register_deal")
    /// The message shortcut *Register as a deal*.
    public static let registerDealFromMessage = CallbackID(rawValue: "register_deal_from_message")
}
