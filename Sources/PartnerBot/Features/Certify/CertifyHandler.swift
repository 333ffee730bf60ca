import Foundation
import SlackPlatform

/// `/certify`: partners track and claim certifications; managers verify, grant, revoke and follow expiry.
struct CertifyHandler: Sendable {
    func handle(_ command: CertifyCommand, slash: SlashCommand, services: BotServices) async throws -> MessageReply {
        let caller = try await services.caller(slash.actingUser)
        return try await handle(command, caller: caller, services: services)
    }

    func handle(_ command: CertifyCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = command.permission.refusal(for: caller) { return refusal }
        let now = services.clock.now()
        let today = services.today
        let program = services.program
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .tracks:
            return CertificationReplies.catalogue(program.tracks)
        case .mine:
            guard let org = caller.partnerOrg else {
                return .ephemeral("Certifications belong to partner people. Managers: `/certify claims`, `/certify status org:<slug>`, `/certify expiring`.")
            }
            let mine = try await services.database.certifications(userID: caller.userID, teamID: caller.teamID)
            let coverage = try await services.database.certificationCoverage(org: org, today: today)
            return CertificationReplies.mine(mine, coverage: coverage, tracks: program.tracks, today: today)
        case .claim(let trackID, let credential):
            guard let org = caller.partnerOrg else { return AccessReplies.notEnrolled }
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return CertificationReplies.reply(
                try await services.database.claimCertification(
                    track: track, credential: credential, teamID: caller.teamID, userID: caller.userID, org: org, settings: program, now: now), tracks: program.tracks)
        case .verify(let id):
            return CertificationReplies.reply(try await services.database.decideCertificationClaim(id: id, verify: true, reason: nil, by: caller, settings: program, now: now), tracks: program.tracks, id: id)
        case .reject(let id, let reason):
            return CertificationReplies.reply(try await services.database.decideCertificationClaim(id: id, verify: false, reason: reason, by: caller, settings: program, now: now), tracks: program.tracks, id: id)
        case .grant(let user, let trackID, let earned):
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return CertificationReplies.reply(try await services.database.grantCertification(userID: user, track: track, earned: earned, by: caller, settings: program, now: now), tracks: program.tracks)
        case .revoke(let user, let trackID, let reason):
            guard let track = program.track(trackID) else { return CertificationReplies.unknownTrack(trackID, tracks: program.tracks) }
            return CertificationReplies.reply(try await services.database.revokeCertification(userID: user, track: track, reason: reason, by: caller, now: now), tracks: program.tracks)
        case .status(let org):
            guard caller.canManage(org: org), let partner = try await services.database.partnerOrg(org) else {
                return .ephemeral("I don't know an organisation `\(SlackText.echo(org))` that you manage.")
            }
            let certifications = try await services.database.certifications(org: org)
            return CertificationReplies.orgStatus(partner, certifications: certifications, tracks: program.tracks, today: today)
        case .expiring(let days):
            let expiring = try await services.database.certificationsExpiring(before: today.adding(days: days + 1), today: today, for: caller)
            return CertificationReplies.expiring(expiring, days: days, tracks: program.tracks, today: today)
        case .claims:
            return CertificationReplies.claims(try await services.database.openCertificationClaims(for: caller), tracks: program.tracks)
        }
    }
}
