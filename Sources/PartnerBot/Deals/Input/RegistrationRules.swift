import Foundation

/// The per-field checks shared by the inline and modal forms, and the messages they give.
///
/// `style` only changes how examples are written: `amount:50k` inline, `50k` in the modal.
struct RegistrationRules: Sendable {
    /// How the partner is entering the registration.
    enum Style: Sendable {
        /// `/register Acme amount:50k`: examples are written as options.
        case inline
        /// The modal: examples are written as field values.
        case form
    }

    /// The day the registration is made.
    var today: CalendarDate
    /// How examples are written.
    var style: Style

    /// The longest company name, in characters.
    static let maximumCompanyLength = 200
    /// The longest note, in characters.
    static let maximumNoteLength = 1_000

    /// A close date 90 days out, used in examples.
    var exampleCloseDate: CalendarDate { today.adding(days: 90) }
    /// The latest close date accepted (two years out, inclusive).
    var latestCloseDate: CalendarDate { today.adding(months: 24) }

    /// Validates every field (blank or missing values are absent), returning all problems in
    /// `RegistrationField.allCases` order.
    func request(from values: [RegistrationField: String]) -> Result<RegistrationRequest, RegistrationErrors> {
        var errors: [RegistrationError] = []
        func check<Value>(_ field: RegistrationField, _ rule: (String) -> Result<Value, RegistrationError>) -> Value? {
            guard let raw = values[field], !Self.isBlank(raw) else { return nil }
            switch rule(raw) {
            case .success(let value): return value
            case .failure(let error):
                errors.append(error)
                return nil
            }
        }
        if values[.company].map(Self.isBlank) ?? true { errors.append(missingCompany()) }
        let company = check(.company, companyName)
        let request = RegistrationRequest(
            company: company ?? "",
            domain: check(.domain, domain),
            amount: check(.amount, amount),
            closeDate: check(.close, closeDate),
            contact: check(.contact, contact),
            motion: check(.motion, motion),
            source: check(.source, source),
            note: check(.note, note)
        )
        return errors.isEmpty ? .success(request) : .failure(RegistrationErrors(errors))
    }

    // MARK: - Fields

    func companyName(_ raw: String) -> Result<String, RegistrationError> {
        let name = Self.collapsingWhitespace(raw)
        if let tooLong = lengthProblem(name, limit: Self.maximumCompanyLength, field: .company, example: "Acme Corp") { return .failure(tooLong) }
        let printable = Self.isPrintableASCII(name)  // no controls, no U+FFFD: skip the scalar checks
        if !printable, let bad = name.unicodeScalars.first(where: isForbiddenScalar) {
            return fail(.company, "The company name contains an invisible control character (\(codePoint(bad))): type it as plain text, e.g. \(example(.company, "Acme Corp")).")
        }
        if !printable, name.unicodeScalars.contains("\u{FFFD}") {
            return fail(.company, "The company name `\(SlackText.echo(name))` contains an unreadable character (�), which usually means the text was garbled on the way: type the name again, e.g. \(example(.company, "Acme Corp")).")
        }
        if CustomerIdentity.key(for: name).isEmpty {
            return fail(.company, "The company name `\(SlackText.echo(name))` has no letters or digits: use the customer's real name, e.g. \(example(.company, "Acme Corp")).")
        }
        return .success(name)
    }

    func domain(_ raw: String) -> Result<String, RegistrationError> {
        if let domain = CustomerIdentity.normalizedDomain(raw) { return .success(domain) }
        let shown = SlackText.echo(Self.trim(raw))
        if raw.contains("@"), !raw.contains("://") {
            let contactPlace = style == .inline ? "`contact:`" : "the contact field"
            return fail(.domain, "The domain `\(shown)` looks like an email address: put the email in \(contactPlace) and just the domain here, e.g. \(example(.domain, "acme.com")).")
        }
        return fail(.domain, "The domain `\(shown)` isn't a valid web domain: use the customer's domain name, e.g. \(example(.domain, "acme.com")).")
    }

    func amount(_ raw: String) -> Result<Money, RegistrationError> {
        let problem: MoneyProblem
        switch MoneyText.parse(raw) {
        case .success(let money): return .success(money)
        case .failure(let failure): problem = failure
        }
        let shown = SlackText.echo(Self.trim(raw))
        let examples = "\(example(.amount, "50k")), \(example(.amount, "$50,000")) or \(example(.amount, "€40k"))"
        let message: String
        switch problem {
        case .empty, .malformed:
            message = "The amount `\(shown)` isn't a number I can read: write it like \(examples)."
        case .noNumber:
            message = "The amount `\(shown)` has a currency but no number: write both, e.g. \(example(.amount, "$50k"))."
        case .negative:
            message = "The amount `\(shown)` is negative: give the expected deal size as a positive number, e.g. \(example(.amount, "50k"))."
        case .zero:
            message = "The amount `\(shown)` is zero: give the expected deal size, e.g. \(example(.amount, "50k"))."
        case .tooPrecise:
            message = "The amount `\(shown)` has fractions of a cent: use at most two decimals, e.g. \(example(.amount, "$50,000.50"))."
        case .tooLarge:
            message = "The amount `\(shown)` is over the limit of \(grouped(Money.maximumMajorUnits)): check the zeros, e.g. \(example(.amount, "1.2m")) for 1,200,000."
        case .unknownCurrency(let code):
            let codes = Money.supportedCurrencies.dropLast().joined(separator: ", ") + " or " + (Money.supportedCurrencies.last ?? "")
            message = "The amount `\(shown)` is in \(SlackText.echo(code)), a currency I don't know: use \(codes), e.g. \(example(.amount, "40k EUR"))."
        case .conflictingCurrencies:
            message = "The amount `\(shown)` names two different currencies: use one, e.g. \(example(.amount, "€40k"))."
        }
        return fail(.amount, message)
    }

    func closeDate(_ raw: String) -> Result<CalendarDate, RegistrationError> {
        let text = Self.trim(raw)
        var shown: String { SlackText.echo(text) }
        var suggestion: String { example(.close, exampleCloseDate.description) }
        guard let date = CalendarDate(iso: text) else {
            if let meant = Self.lenientDate(text) {
                let fixed = meant > today && meant <= latestCloseDate ? meant : exampleCloseDate
                return fail(.close, "The close date `\(shown)` must be written as YYYY-MM-DD (four-digit year, two-digit month and day), e.g. \(example(.close, fixed.description)).")
            }
            if Self.hasDateShape(text) {
                return fail(.close, "The close date `\(shown)` isn't a real day on the calendar: use a date in YYYY-MM-DD form, e.g. \(suggestion).")
            }
            return fail(.close, "The close date `\(shown)` isn't a date in YYYY-MM-DD form: write it like \(suggestion).")
        }
        if date == today {
            return fail(.close, "The close date `\(date)` is today: use a date after today, e.g. \(suggestion).")
        }
        if date < today {
            return fail(.close, "The close date `\(date)` is in the past: use a future date such as \(suggestion).")
        }
        if date > latestCloseDate {
            return fail(.close, "The close date `\(date)` is more than two years away: use a date up to `\(latestCloseDate)`, e.g. \(suggestion).")
        }
        return .success(date)
    }

    func contact(_ raw: String) -> Result<String, RegistrationError> {
        if let email = CustomerIdentity.normalizedEmail(raw) { return .success(email) }
        let shown = SlackText.echo(Self.trim(raw))
        return fail(.contact, "The contact `\(shown)` isn't a valid email address: give the customer contact's email, e.g. \(example(.contact, "ann@acme.com")).")
    }

    func motion(_ raw: String) -> Result<DealMotion, RegistrationError> {
        if let motion = DealMotion(rawValue: Self.trim(raw).lowercased()) { return .success(motion) }
        let names = DealMotion.allCases.map { "`\($0.rawValue)`" }
        let list = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        return fail(.motion, "The motion `\(SlackText.echo(Self.trim(raw)))` isn't one I know: use \(list), e.g. \(example(.motion, "resale")).")
    }

    func source(_ raw: String) -> Result<DealSourcing, RegistrationError> {
        if let source = DealSourcing(rawValue: Self.trim(raw).lowercased()) { return .success(source) }
        return fail(.source, "The source `\(SlackText.echo(Self.trim(raw)))` isn't one I know: use `sourced` (you found the deal) or `influenced` (you helped a deal we already knew), e.g. \(example(.source, "sourced")).")
    }

    func note(_ raw: String) -> Result<String, RegistrationError> {
        let text = Self.trim(raw)
        if let tooLong = lengthProblem(text, limit: Self.maximumNoteLength, field: .note, example: "met at summit") { return .failure(tooLong) }
        if let bad = text.unicodeScalars.first(where: { isForbiddenScalar($0) && !"\n\r\t".unicodeScalars.contains($0) }) {
            return fail(.note, "The note contains an invisible control character (\(codePoint(bad))): type it as plain text, e.g. \(example(.note, "met at summit")).")
        }
        return .success(text)
    }

    // MARK: - Messages

    /// The company is required.
    func missingCompany() -> RegistrationError {
        switch style {
        case .inline:
            RegistrationError(field: .company, message: "The company name is missing: start with the customer's name, e.g. `Acme Corp amount:50k close:\(exampleCloseDate)`.")
        case .form:
            RegistrationError(field: .company, message: "The company name is missing: type the customer's company name, e.g. `Acme Corp`.")
        }
    }

    /// A correct example of a field, as the partner would type it: `` `amount:50k` `` or `` `50k` ``.
    func example(_ field: RegistrationField, _ value: String) -> String {
        switch style {
        case .form: return "`\(value)`"
        case .inline:
            if field == .company { return "`\(value)`" }
            let quoted = value.contains(" ") ? "\"\(value)\"" : value
            return "`\(field.rawValue):\(quoted)`"
        }
    }

    /// Text over `limit` characters, or over four code points per allowed character (so a few
    /// "characters" made of thousands of combining marks are refused too).
    private func lengthProblem(_ text: String, limit: Int, field: RegistrationField, example value: String) -> RegistrationError? {
        let scalars = text.unicodeScalars.count
        if scalars <= limit { return nil }
        let characters = text.count
        if characters > limit {
            return RegistrationError(field: field, message: "The \(field.label) is \(grouped(characters)) characters long, over the limit of \(grouped(limit)): shorten it, e.g. \(example(field, value)).")
        }
        if scalars > limit * 4 {
            return RegistrationError(field: field, message: "The \(field.label) is made of \(grouped(scalars)) Unicode code points, over the limit of \(grouped(limit * 4)): shorten it, e.g. \(example(field, value)).")
        }
        return nil
    }

    private func fail<Value>(_ field: RegistrationField, _ message: String) -> Result<Value, RegistrationError> {
        .failure(RegistrationError(field: field, message: message))
    }

    /// Control characters (other than whitespace, which is collapsed) and bidirectional overrides.
    private func isForbiddenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && !scalar.properties.isWhitespace
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `10240` → `10,240`.
    private func grouped<Number: BinaryInteger>(_ value: Number) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// Without leading and trailing whitespace.
    private static func trim(_ text: String) -> String {
        text.trimmingWhitespace()
    }

    /// Empty, or only whitespace characters.
    static func isBlank(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) } }
        return text.allSatisfy(\.isWhitespace)
    }

    /// Every byte a printable ASCII character (space to `~`).
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Runs of whitespace made one space, none at the ends.
    static func collapsingWhitespace(_ text: String) -> String {
        guard isPrintableASCII(text) else { return text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let bytes = text.utf8
        if bytes.first != 0x20, bytes.last != 0x20, !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) {
            return text
        }
        return text.split(separator: " ").joined(separator: " ")
    }

    // MARK: - Dates typed loosely

    /// `2027-3-31` or `2027/03/31` → the date it clearly means (year first only, to stay unambiguous).
    static func lenientDate(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// `2027-02-30`: digits in the YYYY-MM-DD shape, whether or not the day exists.
    static func hasDateShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}

