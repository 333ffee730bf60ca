import Foundation
import SlackPlatform

/// What inviting one person to an organisation's shared channel did.
public struct PartnerInviteResult: Sendable, Equatable {
    /// The address as given.
    public var email: String
    /// Slack's invite id, when it was sent.
    public var inviteID: String?
    /// Why not, when it was not (Slack's error code or a validation reason).
    public var failure: String?
}

/// Why no invitation could be sent at all.
public enum PartnerInviteError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOrganisation(String)
    case noSharedChannel(String)

    public var description: String {
        switch self {
        case .unknownOrganisation(let org): "\(org) is not an organisation (`partnerbot partners list` shows them)"
        case .noSharedChannel(let org): "\(org) has no shared channel yet: set channel_id in partners.csv and import it"
        }
    }
}

/// Invites partner people to their organisation's Slack Connect channel by email, one call per
/// address (Slack takes one at a time), as full members (`external_limited: false`): post-only
/// members could not click the panel's buttons or fill in its forms.
public enum PartnerInvites {
    /// Sends the invitations.
    /// - Throws: `PartnerInviteError` when the organisation or its channel is missing.
    public static func invite(org slug: String, emails: [String], database: AppDatabase, client: any SlackWebAPIClient) async throws -> [PartnerInviteResult] {
        guard let org = try await database.partnerOrg(slug) else { throw PartnerInviteError.unknownOrganisation(slug) }
        guard let channel = org.channelID else { throw PartnerInviteError.noSharedChannel(slug) }
        var results: [PartnerInviteResult] = []
        for email in emails {
            guard let address = CustomerIdentity.normalizedEmail(email) else {
                results.append(PartnerInviteResult(email: email, failure: "not an email address"))
                continue
            }
            do {
                let response = try await client.inviteShared(channel: channel, email: address, externalLimited: false)
                let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
                results.append(PartnerInviteResult(email: address, inviteID: json?["invite_id"] as? String))
            } catch {
                results.append(PartnerInviteResult(email: address, failure: error.logDescription))
            }
        }
        return results
    }
}
