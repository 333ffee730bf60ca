extension CommandName {
    /// `/mdf`.
    public static let mdf = CommandName(rawValue: "mdf")
}

/// A parsed `/mdf` command: market-development funds.
public enum MDFCommand: FeatureCommand {
    /// `/mdf`: this quarter's budget, what is used, and the organisation's requests.
    case mine
    /// `request amount:<money> activity:"…" date:YYYY-MM-DD`.
    case request(MDFRequest)
    /// `claim MDF-n proof:<https link> [amount:<money>]`.
    case claim(id: Int64, proof: String, amount: Money?)
    case usage(String)

    static let requestUsage = "Usage: `/mdf request amount:<money> activity:\"…\" date:YYYY-MM-DD`, e.g. `/mdf request amount:USD 5000 activity:\"Joint webinar\" date:2027-02-10`."
    static let claimUsage = "Usage: `/mdf claim MDF-n proof:<https link> [amount:<money spent>]`, after the activity."

    /// Parses the text after `/mdf` (not `help`); `nil` for an unknown first word.
    public static func parse(_ text: String) -> MDFCommand? {
        let command = CommandText(text)
        guard let head = command.head else { return command.tokens.isEmpty ? .mine : .usage(requestUsage) }
        switch head {
        case "mine", "budget", "status": return .mine
        case "request": return request(command)
        case "claim": return claim(command)
        default: return nil
        }
    }

    /// The options, with an amount's currency written as its own word (`amount:5000 EUR`) joined to it.
    /// - Returns: The options' values, and the bare words left (the subcommand first).
    private static func options(_ command: CommandText, allowed: Set<String>) -> Result<(values: [String: String], words: [String]), MDFProblem> {
        var values: [String: String] = [:]
        var words: [String] = []
        var tokens = command.tokens[...]
        while let token = tokens.popFirst() {
            guard case .option(let key, var value) = token else {
                if case .word(let word) = token { words.append(word) }
                continue
            }
            guard allowed.contains(key) else { return .failure(.init("`\(SlackText.echo(key)):` is not an option here.")) }
            if key == "amount", case .word(let next)? = tokens.first, MoneyText.isCurrencyOnly(next) || MoneyText.isCurrencyOnly(value) {
                value += " " + next
                tokens = tokens.dropFirst()
            }
            guard values[key] == nil else { return .failure(.init("`\(key):` is given twice.")) }
            values[key] = SlackText.decode(value).trimmingWhitespace()
        }
        return .success((values, words))
    }

    private static func request(_ command: CommandText) -> MDFCommand {
        let values: [String: String]
        switch options(command, allowed: ["amount", "activity", "date"]) {
        case .success(let found) where found.words.count == 1: values = found.values
        case .success(let found): return .usage("`\(SlackText.echo(found.words[1]))` is not an option. " + requestUsage)
        case .failure(let problem): return .usage(problem.message + " " + requestUsage)
        }
        guard let amountText = values["amount"], let activity = values["activity"], let dateText = values["date"] else { return .usage(requestUsage) }
        guard let amount = Money.parse(amountText), amount.minorUnits > 0 else {
            return .usage("`\(SlackText.echo(amountText))` is not an amount: write it like `USD 5000` or `5,000 EUR`.")
        }
        guard !activity.isEmpty, activity.count <= 200 else { return .usage("Describe the activity in 1 to 200 characters: `activity:\"Joint webinar\"`.") }
        guard let date = CalendarDate(iso: dateText) else { return .usage("The activity's date is written `date:YYYY-MM-DD`, e.g. `date:2027-02-10`.") }
        return .request(MDFRequest(amount: amount, activity: activity, date: date))
    }

    private static func claim(_ command: CommandText) -> MDFCommand {
        let values: [String: String]
        let number: Int64
        switch options(command, allowed: ["proof", "link", "amount"]) {
        case .success(let found):
            guard found.words.count == 2, case .mdf(let id)? = ClaimReference.parse(found.words[1]) else {
                return .usage("Name the request, like `MDF-3`. " + claimUsage)
            }
            (values, number) = (found.values, id)
        case .failure(let problem): return .usage(problem.message + " " + claimUsage)
        }
        guard let proofText = values["proof"] ?? values["link"] else { return .usage("A claim needs proof after the activity. " + claimUsage) }
        guard let proof = ProofLink.check(proofText) else { return .usage(ProofLink.usage) }
        var amount: Money?
        if let text = values["amount"] {
            guard let money = Money.parse(text), money.minorUnits > 0 else { return .usage("`\(SlackText.echo(text))` is not an amount: write it like `USD 4800`.") }
            amount = money
        }
        return .claim(id: number, proof: proof, amount: amount)
    }

    public static let summaryKeys: Set<String> = ["amount", "activity", "date", "reference", "proof"]

    public var summary: [String: String] {
        switch self {
        case .mine: return ["action": "mine"]
        case .request(let request):
            return ["action": "request", "amount": request.amount.description, "activity": request.activity, "date": request.date.description]
        case .claim(let id, let proof, let amount):
            var summary = ["action": "claim", "reference": "MDF-\(id)", "proof": proof]
            summary["amount"] = amount?.description
            return summary
        case .usage(let message): return ["action": "usage", "text": message]
        }
    }
}

/// A problem with `/mdf`'s options.
struct MDFProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
