/// Turns what a partner typed into a validated ``RegistrationRequest``. Pure: no I/O, and "today"
/// is a parameter, never read from a clock.
public enum RegistrationParser {
    /// Parses an inline registration: `/register <company words…> [domain:x] [amount:x]
    /// [close:YYYY-MM-DD] [contact:email] [motion:x] [source:x] [note:"free text"]`.
    ///
    /// Tokens come from ``CommandText``: bare words, in any position, form the company name
    /// (joined by single spaces); quotes group words; option keys are case-insensitive.
    /// `company:"Acme Corp"` is also accepted instead of bare words. Slack's escaping is undone
    /// first: links (`<mailto:ann@acme.com|ann@acme.com>`, `<http://acme.com>`) are unwrapped and
    /// `&amp;`, `&lt;`, `&gt;` unescaped. A currency code written after the amount as its own word
    /// (`amount:40k EUR`) belongs to the amount.
    ///
    /// Problems are reported one at a time: an unknown option (with the known ones and, when
    /// there is one, a suggestion), then a repeated or empty option, then the first invalid
    /// field in ``RegistrationField/allCases`` order (a missing company name first).
    ///
    /// ```swift
    /// RegistrationParser.parse("Acme Corp amount:50k close:2027-03-31", today: today)
    /// // .success(RegistrationRequest(company: "Acme Corp", amount: $50,000, closeDate: 2027-03-31))
    /// ```
    /// - Parameters:
    ///   - text: The slash command's text, as Slack sent it.
    ///   - today: The day of registration (close dates must be after it, within two years).
    /// - Returns: The request, or the first problem.
    public static func parse(_ text: String, today: CalendarDate) -> Result<RegistrationRequest, RegistrationError> {
        let rules = RegistrationRules(today: today, style: .inline)
        let tokens = CommandText(text).tokens
        var words: [String] = []
        var values: [RegistrationField: String] = [:]
        var index = tokens.startIndex
        while index < tokens.endIndex {
            defer { index += 1 }
            guard case .option(let key, var value) = tokens[index] else {
                if case .word(let word) = tokens[index] { words.append(word) }
                continue
            }
            guard let field = RegistrationField(rawValue: key) else {
                return .failure(unknownOption(key, rules: rules))
            }
            if field == .amount, index + 1 < tokens.endIndex, case .word(let next) = tokens[index + 1],
                MoneyText.isCurrencyOnly(next) || MoneyText.isCurrencyOnly(value)
            {
                value += " " + next
                index += 1
            }
            let decoded = SlackText.decode(value)
            if let previous = values[field] {
                return .failure(repeatedOption(field, previous, decoded, rules: rules))
            }
            if RegistrationRules.isBlank(decoded) {
                return .failure(emptyOption(field, rules: rules))
            }
            values[field] = decoded
        }
        if !words.isEmpty {
            let name = SlackText.decode(words.joined(separator: " "))
            if values[.company] != nil {
                return .failure(RegistrationError(field: .company, message: "The company name is given twice, as words (`\(SlackText.echo(name))`) and as `company:`: give it once, e.g. `Acme Corp amount:50k`."))
            }
            values[.company] = name
        }
        return rules.request(from: values).mapError { $0[0] }
    }

    /// Validates the modal's fields: raw texts keyed by field, where a missing key, an empty or a
    /// blank string means "not given". Values are taken as typed (modal input is not escaped).
    ///
    /// - Parameters:
    ///   - fields: The submitted values.
    ///   - today: The day of registration.
    /// - Returns: The request, or every problem in ``RegistrationField/allCases`` order, to show
    ///   next to each field.
    public static func validate(fields: [RegistrationField: String], today: CalendarDate) -> Result<RegistrationRequest, RegistrationErrors> {
        RegistrationRules(today: today, style: .form).request(from: fields)
    }

    // MARK: - Option problems

    /// The options, as listed in messages: `` `domain:`, … and `note:` ``.
    private static var optionList: String {
        let keys = RegistrationField.allCases.filter { $0 != .company }.map { "`\($0.rawValue):`" }
        return keys.dropLast().joined(separator: ", ") + " and " + (keys.last ?? "")
    }

    private static func unknownOption(_ key: String, rules: RegistrationRules) -> RegistrationError {
        let shown = SlackText.echo(key)
        guard let field = suggestion(for: key) else {
            return RegistrationError(
                field: .company,
                message: "I don't know the option `\(shown):`: the options are \(optionList). Words before a colon are read as an option, so if the company name has a colon, put it in quotes, e.g. `\"Re:Invent Labs\" amount:50k`."
            )
        }
        if field == .company {
            return RegistrationError(field: .company, message: "I don't know the option `\(shown):`: type the company name as plain words at the start, e.g. `Acme Corp amount:50k`.")
        }
        return RegistrationError(
            field: field,
            message: "I don't know the option `\(shown):`: did you mean the \(field.label), as in \(rules.example(field, exampleValue(field, rules: rules)))? The options are \(optionList)."
        )
    }

    private static func repeatedOption(_ field: RegistrationField, _ first: String, _ second: String, rules: RegistrationRules) -> RegistrationError {
        RegistrationError(
            field: field,
            message: "The \(field.label) is given twice (`\(SlackText.echo(first))` and `\(SlackText.echo(second))`): give it once, e.g. \(rules.example(field, exampleValue(field, rules: rules)))."
        )
    }

    private static func emptyOption(_ field: RegistrationField, rules: RegistrationRules) -> RegistrationError {
        RegistrationError(
            field: field,
            message: "The \(field.label) is empty: write it right after `\(field.rawValue):` with no space, e.g. \(rules.example(field, exampleValue(field, rules: rules)))."
        )
    }

    /// A correct value for each field, for examples.
    private static func exampleValue(_ field: RegistrationField, rules: RegistrationRules) -> String {
        switch field {
        case .company: "Acme Corp"
        case .domain: "acme.com"
        case .amount: "50k"
        case .close: rules.exampleCloseDate.description
        case .contact: "ann@acme.com"
        case .motion: "resale"
        case .source: "sourced"
        case .note: "met at summit"
        }
    }

    // MARK: - Suggestions

    /// Keys people often type for a field.
    private static let aliases: [String: RegistrationField] = [
        "name": .company, "customer": .company, "account": .company, "client": .company,
        "website": .domain, "site": .domain, "url": .domain, "web": .domain, "host": .domain,
        "amt": .amount, "value": .amount, "size": .amount, "deal_size": .amount, "dealsize": .amount, "price": .amount,
        "arr": .amount, "acv": .amount, "tcv": .amount,
        "date": .close, "closedate": .close, "close_date": .close, "closing": .close, "closes": .close, "due": .close,
        "email": .contact, "mail": .contact, "e_mail": .contact,
        "type": .motion, "kind": .motion,
        "sourcing": .source, "sourced": .source, "influenced": .source, "origin": .source,
        "notes": .note, "comment": .note, "comments": .note, "description": .note, "desc": .note,
    ]

    /// The field an unknown key most likely meant: an alias, a prefix, or a near spelling.
    static func suggestion(for key: String) -> RegistrationField? {
        if let field = aliases[key] { return field }
        guard key.count >= 3, key.count <= 24 else { return nil }
        if let field = RegistrationField.allCases.first(where: { $0.rawValue.hasPrefix(key) || key.hasPrefix($0.rawValue) }) {
            return field
        }
        guard key.count >= 4 else { return nil }
        return RegistrationField.allCases
            .map { (field: $0, distance: editDistance(key, $0.rawValue)) }
            .filter { $0.distance <= 2 }
            .min { $0.distance < $1.distance }?.field
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first), b = Array(second)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
