import Foundation
import SlackPlatform

extension CommandName {
    /// `/earnings`.
    public static let earnings = CommandName(rawValue: "earnings")
}

/// A parsed `/earnings` command: an optional period and, for managers, `org:<slug>`.
public enum EarningsCommand: FeatureCommand {
    case show(org: String?, period: ReportPeriod.Spec?)
    case usage(String)

    public static func parse(_ text: String) -> EarningsCommand? {
        var org: String?
        var words: [String] = []
        for word in text.splitOnWhitespace().map(String.init) {
            if word.lowercased().hasPrefix("org:") {
                let slug = String(word.dropFirst(4)).lowercased()
                guard ConfigurationLoader.isSlug(slug) else { return .usage("`org:` takes an organisation's slug, e.g. org:acme-resell.") }
                org = slug
            } else {
                words.append(word)
            }
        }
        guard !words.isEmpty else { return .show(org: org, period: nil) }
        if case .failure = ReportPeriod.Spec.parse(words), !["this", "last", "ytd", "from:"].contains(where: { words[0].lowercased().hasPrefix($0) }) {
            return nil
        }
        switch ReportPeriod.Spec.parse(words) {
        case .success(let spec): return .show(org: org, period: spec)
        case .failure(let error): return .usage(error.userMessage)
        }
    }

    public static let summaryKeys: Set<String> = ["org", "period"]

    public var summary: [String: String] {
        switch self {
        case .show(let org, let period):
            var summary = ["action": "show"]
            if let org { summary["org"] = org }
            if let period { summary["period"] = period.text }
            return summary
        case .usage(let message): return ["action": "usage", "text": message]
        }
    }
}

/// What partners earn: `/earnings`.
struct EarningsFeature: Feature {
    var commands: [CommandRoute] {
        [CommandRoute(.earnings, parse: { text, _ in EarningsCommand.parse(text) }, handle: { try await EarningsHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2) })]
    }
}

struct EarningsHandler: Sendable {
    func handle(_ command: EarningsCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        switch command {
        case .usage(let message): return .ephemeral(message)
        case .show(let requested, let spec):
            let org: String
            if let requested {
                guard caller.canManage(org: requested) else {
                    return .ephemeral(caller.partnerOrg == nil ? "Only partner managers can see another organisation's earnings." : "You can see your own organisation's earnings: `/earnings`.")
                }
                org = requested
            } else if let own = caller.partnerOrg {
                org = own
            } else {
                return caller.isManager ? .ephemeral("Name the organisation: `/earnings org:<slug>`.") : AccessReplies.notEnrolled
            }
            let period = spec.map { ReportPeriod($0, asOf: services.clock.now()) }
            let summary = try await services.database.earnings(org: org, start: period?.start, end: period?.end)
            let name = try await services.database.partnerOrg(org)?.name ?? org
            return EarningText.summary(summary, name: name, period: period?.label)
        }
    }
}

extension EarningText {
    static func summary(_ summary: EarningsSummary, name: String, period: String?) -> MessageReply {
        let title = "*Earnings of \(Mrkdwn.escape(name))*" + (period.map { " · \($0)" } ?? "")
        guard !summary.lines.isEmpty else {
            return MessageReply(text: "Earnings of \(name): nothing yet.", blocks: [.section(text: title + "\nNothing yet: commission is earned when a deal is won; SPIFF and MDF claims count once approved.")])
        }
        let lines = summary.lines.map { line in
            let money = { (minor: Int64) in Money(minorUnits: minor, currency: line.currency).description }
            return "• *\(line.source)* (\(line.currency)): earned \(money(line.earned)) · approved \(money(line.approved)) · paid \(money(line.paid))"
                + " · *pending \(money(line.pending))*" + (line.reversed > 0 ? " · reversed \(money(line.reversed))" : "")
        }
        let recent = summary.recent.map { "• \($0.reference): \($0.amount) \($0.state)" + ($0.detail.map { " — \(Mrkdwn.escape($0))" } ?? "") }
        let text = ([title] + lines + (recent.isEmpty ? [] : ["*Latest*"] + recent)).joined(separator: "\n")
        return MessageReply(text: text, blocks: Block.sections(title: title.replacingOccurrences(of: "*", with: ""), lines: lines + (recent.isEmpty ? [] : ["*Latest*"] + recent)))
    }
}
