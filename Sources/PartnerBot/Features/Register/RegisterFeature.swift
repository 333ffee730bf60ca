/// Deal registration: `/register` (inline or the form) and the form's submission.
struct RegisterFeature: Feature {
    /// Who may register.
    static let permission = Permission.partners("Registering deals")

    var commands: [CommandRoute] {
        [CommandRoute(.register, parse: RegisterCommand.parse, handle: { try await RegisterHandler().handle($0, slash: $1, services: $2) })]
    }

    var submissions: [SubmissionRoute] {
        [SubmissionRoute(.registerForm, handle: { try await RegisterHandler().submitForm($0, services: $1) })]
    }
}

extension CallbackID {
    /// The registration form (`/register` alone).
    public static let registerForm = CallbackID(rawValue: "register_form")
}
