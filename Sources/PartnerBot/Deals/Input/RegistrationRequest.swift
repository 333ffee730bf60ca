/// What a partner asked to register, validated and normalized by ``RegistrationParser``.
public struct RegistrationRequest: Sendable, Equatable {
    /// The company name: trimmed, inner whitespace collapsed, 1...200 characters.
    public var company: String
    /// The customer's domain, normalized by ``CustomerIdentity/normalizedDomain(_:)``.
    public var domain: String?
    /// The expected deal size.
    public var amount: Money?
    /// The expected close date: after the day of registration, at most two years later.
    public var closeDate: CalendarDate?
    /// The customer contact's email, normalized by ``CustomerIdentity/normalizedEmail(_:)``.
    public var contact: String?
    /// The deal motion.
    public var motion: DealMotion?
    /// Sourced or influenced.
    public var source: DealSourcing?
    /// Free text for the reviewer, at most 1,000 characters.
    public var note: String?

    /// Creates a request from already-validated values (use ``RegistrationParser`` for user input).
    public init(
        company: String, domain: String? = nil, amount: Money? = nil, closeDate: CalendarDate? = nil,
        contact: String? = nil, motion: DealMotion? = nil, source: DealSourcing? = nil, note: String? = nil
    ) {
        self.company = company
        self.domain = domain
        self.amount = amount
        self.closeDate = closeDate
        self.contact = contact
        self.motion = motion
        self.source = source
        self.note = note
    }

    /// The key that makes this customer unique (see ``CustomerIdentity/key(for:)``).
    public var customerKey: String { CustomerIdentity.key(for: company) }
}

/// One problem with one registration field, for the partner to fix.
///
/// `message` is a complete Slack mrkdwn sentence that names the field, says what was wrong and
/// gives a correct example, e.g. "The close date `2020-01-01` is in the past: use a future date
/// such as `2027-02-20`." Text echoed from the user is shortened and escaped.
public struct RegistrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field the problem is about.
    public var field: RegistrationField
    /// The sentence to show the partner.
    public var message: String

    /// Creates an error.
    public init(field: RegistrationField, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`, for logs.
    public var description: String { "\(field.rawValue): \(message)" }
}

/// Every problem found in a modal submission, in ``RegistrationField/allCases`` order.
///
/// `Result` needs its failure to be an `Error`, which `[RegistrationError]` is not, so the list is
/// wrapped; it is a collection, so `for`, `map`, `first`, `count` and subscripts work as on an
/// array, and `errors` is the plain array.
public struct RegistrationErrors: Error, Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The problems, at least one.
    public var errors: [RegistrationError]

    /// Wraps a list of problems.
    public init(_ errors: [RegistrationError]) {
        self.errors = errors
    }

    /// Wraps the listed problems.
    public init(arrayLiteral elements: RegistrationError...) {
        self.errors = elements
    }

    /// The first position (`0`).
    public var startIndex: Int { errors.startIndex }
    /// One past the last problem.
    public var endIndex: Int { errors.endIndex }
    /// The problem at a position.
    public subscript(position: Int) -> RegistrationError { errors[position] }

    /// The problem for one field, if any (there is at most one per field).
    public subscript(field: RegistrationField) -> RegistrationError? {
        errors.first { $0.field == field }
    }

    /// One `field: message` line per problem, for logs.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
