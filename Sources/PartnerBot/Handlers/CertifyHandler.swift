import Foundation
import SlackPlatform

/// `/certify`: partners track and claim certifications; managers verify, grant, revoke and follow expiry.
struct CertifyHandler: Sendable {
    func handle(_ command: CertifyCommand, slash: SlashCommand, context: BotContext) async throws -> MessageReply {
        let actor = try await context.actor(userID: slash.userID, teamID: slash.teamID)
        guard actor.isEnrolled else { return AccessReplies.notEnrolled }
        return try await handle(command, actor: actor, context: context)
    }

    func handle(_ command: CertifyCommand, actor: Actor, context: BotContext) async throws -> MessageReply {
        let now = context.clock.now()
        let today = context.today
        let program = context.program
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .tracks:
            return CertificationReplies.catalogue(program.tracks)
        case .mine:
            guard let org = actor.partnerOrg else {
                return .ephemeral("Certifications belong to partner people. Managers: `/certify claims`, `/certify status org:<slug>`, `/certify expiring`.")
            }
            let mine = try await context.database.certifications(userID: actor.userID, teamID: actor.teamID)
            let coverage = try await context.database.certificationCoverage(org: org, today: today)
            return CertificationReplies.mine(mine, coverage: coverage, tracks: program.tracks, today: today)
        case .claim(let trackID, let credential):
            guard let org = actor.partnerOrg else { return AccessReplies.partnersOnly("Claiming a certification") }
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return Self.reply(
                try await context.database.claimCertification(
                    track: track, credential: credential, teamID: actor.teamID, userID: actor.userID, org: org, settings: program, now: now))
        case .verify(let id):
            guard actor.isManager else { return AccessReplies.managersOnly("verify certifications") }
            return Self.reply(try await context.database.decideCertificationClaim(id: id, verify: true, reason: nil, by: actor, settings: program, now: now), id: id)
        case .reject(let id, let reason):
            guard actor.isManager else { return AccessReplies.managersOnly("reject certification claims") }
            return Self.reply(try await context.database.decideCertificationClaim(id: id, verify: false, reason: reason, by: actor, settings: program, now: now), id: id)
        case .grant(let user, let trackID, let earned):
            guard actor.isManager else { return AccessReplies.managersOnly("grant certifications") }
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return Self.reply(try await context.database.grantCertification(userID: user, track: track, earned: earned, by: actor, settings: program, now: now))
        case .revoke(let user, let trackID, let reason):
            guard actor.isManager else { return AccessReplies.managersOnly("revoke certifications") }
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return Self.reply(try await context.database.revokeCertification(userID: user, track: track, reason: reason, by: actor, now: now))
        case .status(let org):
            guard actor.isManager else { return AccessReplies.managersOnly("see another organisation's people") }
            guard actor.canManage(org: org), let partner = try await context.database.partnerOrg(org) else {
                return .ephemeral("I don't know an organisation `\(SlackText.echo(org))` that you manage.")
            }
            let certifications = try await context.database.certifications(org: org)
            return CertificationReplies.orgStatus(partner, certifications: certifications, tracks: program.tracks, today: today)
        case .expiring(let days):
            guard actor.isManager else { return AccessReplies.managersOnly("see expiring certifications") }
            let expiring = try await context.database.certificationsExpiring(before: today.adding(days: days + 1), today: today, for: actor)
            return CertificationReplies.expiring(expiring, days: days, tracks: program.tracks, today: today)
        case .claims:
            guard actor.isManager else { return AccessReplies.managersOnly("see certification claims") }
            return CertificationReplies.claims(try await context.database.openCertificationClaims(for: actor), tracks: program.tracks)
        }
    }

    static func reply(_ outcome: CertificationOutcome, id: Int64? = nil) -> MessageReply {
        switch outcome {
        case .changed(_, let summary), .unchanged(_, let summary): .ephemeral(summary)
        case .refused(let message): .ephemeral(message)
        case .notFound: .ephemeral("I can't find a certification claim \(id.map { "C-\($0)" } ?? "") that you manage. `/certify claims` lists open claims.")
        }
    }
}
