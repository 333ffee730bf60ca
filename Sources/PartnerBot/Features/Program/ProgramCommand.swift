import Foundation

extension CommandName {
    /// `/program`.
    public static let program = CommandName(rawValue: "program")
}

/// A parsed `/program` command.
public enum ProgramCommand: FeatureCommand {
    /// `report [period] [by:partner|tier|region|type] [page:n]`.
    case report(ReportPeriod.Spec, by: ProgramReport.Breakdown?, page: Int)
    /// A known subcommand used wrongly.
    case usage(String)

    /// Parses the text after `/program` (already known not to be empty or `help`).
    /// - Returns: `nil` when the first word is not a subcommand.
    public static func parse(_ text: String) -> ProgramCommand? {
        let words = text.splitOnWhitespace().map(String.init)
        guard let head = words.first?.lowercased(), head == "report" || head == "reports" else { return nil }
        return report(Array(words.dropFirst()))
    }

    private static func report(_ words: [String]) -> ProgramCommand {
        var breakdown: ProgramReport.Breakdown?
        var page = 1
        var periodWords: [String] = []
        for word in words {
            let lower = word.lowercased()
            if lower.hasPrefix("by:") {
                guard let value = ProgramReport.Breakdown(rawValue: String(lower.dropFirst(3))) else {
                    return .usage(ReportInputError.unknownBreakdown(word).userMessage)
                }
                breakdown = value
            } else if lower.hasPrefix("page:") {
                guard let number = Int(lower.dropFirst(5)), number >= 1 else { return .usage("`page:` takes a page number, e.g. page:2.") }
                page = number
            } else {
                periodWords.append(word)
            }
        }
        switch ReportPeriod.Spec.parse(periodWords) {
        case .success(let spec): return .report(spec, by: breakdown, page: page)
        case .failure(let error): return .usage(error.userMessage)
        }
    }

    public static let summaryKeys: Set<String> = ["period", "by", "page"]

    public var summary: [String: String] {
        switch self {
        case .report(let spec, let by, let page):
            var summary = ["action": "report", "period": spec.text, "page": String(page)]
            if let by { summary["by"] = by.rawValue }
            return summary
        case .usage(let message): return ["action": "usage", "text": message]
        }
    }

    /// The command's text, for a button that shows another page of the same report.
    func text(page: Int) -> String {
        guard case .report(let spec, let by, _) = self else { return "" }
        return (["report", spec.text] + [by.map { "by:\($0.rawValue)" }, "page:\(page)"].compactMap { $0 }).joined(separator: " ")
    }
}

extension ReportPeriod.Spec {
    /// The words that ask for this period (`ReportPeriod.Spec.parse` reads them back).
    public var text: String {
        switch self {
        case .thisQuarter: "this quarter"
        case .lastQuarter: "last quarter"
        case .yearToDate: "ytd"
        case .lastDays(let days): "last \(days)d"
        case .range(let from, let to): "from:\(from) to:\(to)"
        }
    }
}
