import Foundation
import SlackPlatform

extension CommandName {
    /// `/tier`.
    public static let tier = CommandName(rawValue: "tier")
}

/// A parsed `/tier` command.
public enum TierCommand: FeatureCommand {
    /// `/tier`: the caller's organisation.
    case mine
    /// `/tier org:<slug>`: managers, any organisation they manage.
    case org(String)
    case usage(String)

    /// Parses the text after `/tier` (already known not to be `help`).
    public static func parse(_ text: String) -> TierCommand? {
        let words = text.splitOnWhitespace().map { $0.lowercased() }
        guard let first = words.first else { return .mine }
        guard first.hasPrefix("org:") else { return nil }
        let slug = String(first.dropFirst(4))
        guard words.count == 1, ConfigurationLoader.isSlug(slug) else { return .usage("Usage: `/tier` for your organisation; managers: `/tier org:<slug>`.") }
        return .org(slug)
    }

    public static let summaryKeys: Set<String> = ["org"]

    public var summary: [String: String] {
        switch self {
        case .mine: ["action": "mine"]
        case .org(let org): ["action": "org", "org": org]
        case .usage(let message): ["action": "usage", "text": message]
        }
    }
}

/// Tier scorecards: `/tier`, and the quarterly review's Apply / Keep buttons.
struct TierFeature: Feature {
    var commands: [CommandRoute] {
        [CommandRoute(.tier, parse: { text, _ in TierCommand.parse(text) }, handle: { try await TierHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2) })]
    }

    var actions: [ActionRoute] {
        [
            ActionRoute(.tierApply) { try await Self.decide($0, apply: true, services: $1) },
            ActionRoute(.tierKeep) { try await Self.decide($0, apply: false, services: $1) },
        ]
    }

    static func decide(_ click: ButtonClick, apply: Bool, services: BotServices) async throws -> MessageReply {
        let parts = (click.value ?? "").split(separator: "|").map(String.init)
        guard parts.count == 4 else { return .ephemeral("That button is out of date.") }
        let (org, to, from, quarter) = (parts[0], parts[1], parts[2], parts[3])
        guard click.caller.canManage(org: org) else { return .ephemeral("Only the organisation's partner managers decide its tier.") }
        let outcome = try await services.database.decideTier(
            org: org, to: to, from: from, quarter: quarter, apply: apply, by: click.caller.userID, now: services.clock.now())
        switch outcome {
        case .applied(_, let tier): return .ephemeral("`\(org)` is now *\(tier)*; the partner has been told.")
        case .kept(_, let tier): return .ephemeral("`\(org)` keeps *\(tier)* this quarter.")
        case .alreadyDecided(let decision, let by, let tier): return .ephemeral("Already decided: <@\(by)> \(decision == "applied" ? "applied" : "kept") *\(tier)* for `\(org)` (\(quarter)).")
        case .stale(let current): return .ephemeral("`\(org)` is *\(current)* now, not \(from): nothing changed.")
        case .notFound: return .ephemeral("There is no organisation `\(SlackText.echo(org))`.")
        }
    }
}

/// `/tier`: partners see their own organisation's scorecard, managers any they manage.
struct TierHandler: Sendable {
    func handle(_ command: TierCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        let org: String
        switch command {
        case .usage(let message): return .ephemeral(message)
        case .mine:
            guard let own = caller.partnerOrg else {
                return caller.isManager ? .ephemeral("Name the organisation: `/tier org:<slug>`.") : AccessReplies.notEnrolled
            }
            org = own
        case .org(let slug):
            guard caller.canManage(org: slug) else {
                // The same answer whether the organisation exists or not: no probing.
                return .ephemeral(caller.partnerOrg == nil ? "Only partner managers can see another organisation's tier." : "You can see your own organisation's tier: `/tier`.")
            }
            org = slug
        }
        guard let card = try await services.database.tierScorecard(org: org, settings: services.program, now: services.clock.now()) else {
            return .ephemeral("There is no organisation `\(SlackText.echo(org))`.")
        }
        return TierText.scorecard(card)
    }
}
