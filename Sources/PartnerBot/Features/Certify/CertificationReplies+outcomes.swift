import SlackPlatform

extension CertificationReplies {
    /// What a certification operation did, told to whoever asked for it.
    /// - Parameters:
    ///   - outcome: The typed outcome.
    ///   - tracks: The catalogue, for track names.
    ///   - id: The claim id the caller named (for "not found").
    static func reply(_ outcome: CertificationOutcome, tracks: [CertificationTrack], id: Int64? = nil) -> MessageReply {
        let name = { (track: String) in tracks.first { $0.id == track }?.name ?? track }
        switch outcome {
        case .changed(let certification, let event):
            return .ephemeral(changed(certification, event, trackName: name(certification.track)))
        case .unchanged(let certification, let why):
            return .ephemeral(unchanged(certification, why, trackName: name(certification.track)))
        case .refused(let why):
            return .ephemeral(refusal(why, name: name))
        case .notFound:
            return .ephemeral("I can't find a certification claim \(id.map { "C-\($0)" } ?? "") that you manage. `/certify claims` lists open claims.")
        }
    }

    private static func changed(_ certification: Certification, _ event: CertificationEvent, trackName: String) -> String {
        let person = "<@\(certification.userID)>"
        return switch event {
        case .claimed: "Claimed \(trackName) (\(certification.reference)). Your partner manager will verify it; you'll be told the outcome."
        case .verified: "Verified \(certification.reference): \(person) is certified on \(trackName) until \(certification.expiresOn ?? "?")."
        case .rejected: "Rejected \(certification.reference) for \(person); they were told why."
        case .granted: "Granted \(trackName) to \(person): valid until \(certification.expiresOn ?? "?")."
        case .revoked: "Revoked \(trackName) of \(person): \(Mrkdwn.escape(certification.reason ?? ""))."
        }
    }

    private static func unchanged(_ certification: Certification, _ why: CertificationUnchanged, trackName: String) -> String {
        switch why {
        case .alreadyClaimed:
            "You already claimed \(trackName) (\(certification.reference)); your partner manager has been asked to verify it."
        case .alreadyDecided:
            "\(certification.reference) was already \(certification.state == .active ? "verified" : certification.state.rawValue)\(certification.decidedBy.map { " by <@\($0)>" } ?? "")."
        case .alreadyHeld:
            "<@\(certification.userID)> already holds \(trackName) earned on \(certification.earnedOn ?? "?")."
        }
    }

    private static func refusal(_ why: CertificationRefusal, name: (String) -> String) -> String {
        switch why {
        case .prerequisiteMissing(let track, let required):
            "\(name(track)) requires \(name(required)) first: claim it with `/certify claim \(required)`. Nothing was claimed."
        case .stillCertified(let track, let until, let opens):
            "You are certified on \(name(track)) until \(until); recertification opens on \(opens)."
        case .retiredTrack(let track): "\(track) is no longer a track in the catalogue."
        case .duplicateOfToday(let id): "C-\(id) duplicates a certification already recorded for today."
        case .reasonMissing(let id): "Give the partner a reason: `/certify reject C-\(id) <reason>`."
        case .unknownPerson(let user):
            "I don't know <@\(user)> yet: they need to be in the partner directory (`partnerbot members import`) or to have used the bot once."
        case .earnedInFuture(let date): "The earned date \(date) is in the future."
        case .grantNeedsPrerequisite(let user, let track, let required):
            "<@\(user)> must hold \(name(required)) before \(name(track)): grant that first."
        case .nothingToRevoke(let user, let track): "<@\(user)> holds no valid \(name(track)) certification that you manage."
        }
    }
}
