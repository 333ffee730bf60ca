extension CommandName {
    /// `/register`.
    public static let register = CommandName(rawValue: "register")
}

/// A parsed `/register`.
public enum RegisterCommand: FeatureCommand {
    /// `/register` alone: open the registration form.
    case form
    /// `/register <text>`: a valid inline registration.
    case register(RegistrationRequest)
    /// `/register <text>` with a mistake in one field.
    case invalid(RegistrationError)

    /// Parses the text after `/register` (not `help`). Pure.
    public static func parse(_ text: String, today: CalendarDate) -> RegisterCommand {
        if text.isEmpty { return .form }
        switch RegistrationParser.parse(text, today: today) {
        case .success(let request): return .register(request)
        case .failure(let error): return .invalid(error)
        }
    }

    public static let summaryKeys: Set<String> = ["company", "domain", "amount", "close", "contact", "motion", "source", "note", "field"]

    public var summary: [String: String] {
        switch self {
        case .form:
            return ["action": "open_form"]
        case .register(let request):
            var summary = ["action": "register", "company": request.company]
            summary["domain"] = request.domain
            summary["amount"] = request.amount?.description
            summary["close"] = request.closeDate?.description
            summary["contact"] = request.contact
            summary["motion"] = request.motion?.rawValue
            summary["source"] = request.source?.rawValue
            summary["note"] = request.note
            return summary
        case .invalid(let error):
            return ["action": "invalid", "field": error.field.rawValue, "text": error.message]
        }
    }
}
