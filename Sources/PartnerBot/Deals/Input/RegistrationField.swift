/// A field of a deal registration, in the order problems are reported.
///
/// The raw value is the inline option key (`amount` in `amount:50k`) and a natural modal block id.
public enum RegistrationField: String, Sendable, CaseIterable, Codable {
    /// The customer's company name (bare words inline; required).
    case company
    /// The customer's web domain, e.g. `acme.com`.
    case domain
    /// The expected deal size, e.g. `50k`.
    case amount
    /// The expected close date, `YYYY-MM-DD`.
    case close
    /// The customer contact's email.
    case contact
    /// The deal motion (``DealMotion``).
    case motion
    /// Sourced or influenced (``DealSourcing``).
    case source
    /// Free text for the reviewer.
    case note

    /// What people call the field in messages, e.g. "close date".
    public var label: String {
        switch self {
        case .company: "company name"
        case .domain: "domain"
        case .amount: "amount"
        case .close: "close date"
        case .contact: "contact"
        case .motion: "motion"
        case .source: "source"
        case .note: "note"
        }
    }
}
