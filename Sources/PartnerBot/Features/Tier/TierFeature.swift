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

/// Tier scorecards: `/tier`.
struct TierFeature: Feature {
    var commands: [CommandRoute] {
        [CommandRoute(.tier, parse: { text, _ in TierCommand.parse(text) }, handle: { try await TierHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2) })]
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
