extension CommandName {
    /// `/certify`.
    public static let certify = CommandName(rawValue: "certify")
}

/// A parsed `/certify` command.
public enum CertifyCommand: FeatureCommand {
    /// `/certify`: my certifications and my organisation's coverage.
    case mine
    /// `tracks`: the catalogue.
    case tracks
    /// `claim <track> [credential:<id or https URL>]`.
    case claim(track: String, credential: String?)
    /// `verify C-n` (managers).
    case verify(Int64)
    /// `reject C-n <reason>` (managers).
    case reject(Int64, reason: String)
    /// `grant <@user> <track> [earned:YYYY-MM-DD]` (managers).
    case grant(user: String, track: String, earned: CalendarDate?)
    /// `revoke <@user> <track> <reason>` (managers).
    case revoke(user: String, track: String, reason: String)
    /// `status org:<slug>` (managers).
    case status(org: String)
    /// `expiring [days]` (managers), default 30.
    case expiring(days: Int)
    /// `claims`: claims waiting for verification (managers).
    case claims
    /// A known subcommand used wrongly: the message says how to use it.
    case usage(String)

    /// Parses the text after `/certify` (already known not to be `help`).
    /// - Returns: `nil` when the first word is not a `/certify` subcommand.
    public static func parse(_ text: String, today: CalendarDate) -> CertifyCommand? {
        let decoded = SlackText.unwrapLinks(text)
        let parts = decoded.splitOnWhitespace(maxSplits: 3).map(String.init)
        guard let head = parts.first?.lowercased() else { return .mine }
        let arguments = Array(parts.dropFirst())
        switch head {
        case "mine", "me":
            return .mine
        case "tracks", "catalog", "catalogue":
            return .tracks
        case "claims", "pending":
            return .claims
        case "claim":
            return claim(CommandText(String(decoded.dropFirst(parts[0].count))))
        case "verify", "approve":
            guard let id = arguments.first.flatMap(Certification.id(fromReference:)) else {
                return .usage("`/certify verify` needs a claim reference like `C-12`.")
            }
            return .verify(id)
        case "reject":
            return reject(arguments)
        case "grant":
            return grant(arguments, today: today)
        case "revoke":
            guard arguments.count >= 3, let user = userID(arguments[0]) else {
                return .usage("Usage: `/certify revoke @user <track> <reason>` — the reason is required.")
            }
            return .revoke(user: user, track: arguments[1].lowercased(), reason: String(SlackText.unescape(arguments[2]).prefix(1000)))
        case "status":
            guard let first = arguments.first, first.lowercased().hasPrefix("org:"), first.count > 4 else {
                return .usage("Usage: `/certify status org:<slug>`. Your own certifications: `/certify`.")
            }
            return .status(org: String(first.dropFirst(4)).lowercased())
        case "expiring":
            guard let first = arguments.first else { return .expiring(days: 30) }
            guard let days = Int(first), (1...730).contains(days) else { return .usage("Usage: `/certify expiring [days]` with 1 to 730 days.") }
            return .expiring(days: days)
        default:
            return nil
        }
    }

    private static func claim(_ words: CommandText) -> CertifyCommand {
        guard let track = words.words.first?.lowercased() else {
            return .usage("Name the track: `/certify claim <track> [credential:<id or https URL>]` — `/certify tracks` lists them.")
        }
        var credential: String?
        for token in words.tokens {
            guard case .option(let key, let value) = token else { continue }
            guard key == "credential" else { return .usage("`\(key):` is not an option of `/certify claim`; use `credential:<id or https URL>`.") }
            credential = value
        }
        if let value = credential {
            guard let checked = checkCredential(value) else {
                return .usage("The credential must be an id (letters, digits, - _ . /) or an https URL, e.g. `credential:ABC-123`.")
            }
            credential = checked
        }
        return .claim(track: track, credential: credential)
    }

    private static func reject(_ arguments: [String]) -> CertifyCommand {
        guard let id = arguments.first.flatMap(Certification.id(fromReference:)) else {
            return .usage("`/certify reject` needs a claim reference like `C-12`: `/certify reject C-12 <reason>`.")
        }
        let reason = SlackText.unescape(arguments.dropFirst().joined(separator: " ")).trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { return .usage("Give the partner a reason: `/certify reject C-\(id) <reason>`.") }
        return .reject(id, reason: String(reason.prefix(1000)))
    }

    private static func grant(_ arguments: [String], today: CalendarDate) -> CertifyCommand {
        guard arguments.count >= 2, let user = userID(arguments[0]) else {
            return .usage("Usage: `/certify grant @user <track> [earned:YYYY-MM-DD]`.")
        }
        var earned: CalendarDate?
        if arguments.count > 2 {
            let option = arguments[2]
            guard option.lowercased().hasPrefix("earned:"), let day = CalendarDate(iso: String(option.dropFirst(7))) else {
                return .usage("The earned date is written `earned:YYYY-MM-DD`, e.g. `earned:\(today)`.")
            }
            guard day <= today else { return .usage("The earned date \(day) is in the future.") }
            earned = day
        }
        return .grant(user: user, track: arguments[1].lowercased(), earned: earned)
    }

    /// `<@U123|ann>`, `<@U123>`, `@U123` or `U123` → `U123`.
    static func userID(_ text: String) -> String? {
        var rest = Substring(text)
        if rest.hasPrefix("<@") { rest = rest.dropFirst(2) } else if rest.hasPrefix("@") { rest = rest.dropFirst() }
        if let end = rest.firstIndex(where: { $0 == "|" || $0 == ">" }) { rest = rest[..<end] }
        let id = String(rest)
        return ConfigurationLoader.isUserID(id) ? id : nil
    }

    static func checkCredential(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.count <= 300 else { return nil }
        if value.lowercased().hasPrefix("https://") {
            return value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) ? nil : value
        }
        if value.contains("://") { return nil }
        return value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) } ? value : nil
    }
}
