import SlackPlatform

/// How certifications read in `/certify` replies.
enum CertificationReplies {
    static func catalogue(_ tracks: [CertificationTrack]) -> MessageReply {
        let lines = tracks.map { track in
            var line = "• *\(track.name)* (`\(track.id)`, \(track.type.rawValue)\(track.level.map { ", \($0)" } ?? "")) — valid \(track.validMonths) months, recertify in the last \(track.recertWindowDays) days"
            if let prerequisite = track.prerequisite { line += " · requires `\(prerequisite)`" }
            return line
        }
        let text = (["*Certification tracks*"] + lines + ["Claim one you have passed: `/certify claim <track> credential:<id or https URL>`."]).joined(separator: "\n")
        return MessageReply(text: text, blocks: [.section(text: text)])
    }

    static func unknownTrack(_ id: String, tracks: [CertificationTrack]) -> MessageReply {
        .ephemeral("`\(SlackText.echo(id))` is not a certification track. Tracks: \(tracks.map { "`\($0.id)`" }.joined(separator: ", ")).")
    }

    /// The best certification per track of one person.
    static func best(_ certifications: [Certification], tracks: [CertificationTrack], today: CalendarDate) -> [(track: CertificationTrack, certification: Certification, status: Certification.Status)] {
        tracks.compactMap { track in
            let mine = certifications.filter { $0.track == track.id }
            let ranked = mine.map { ($0, $0.status(on: today, recertWindowDays: track.recertWindowDays)) }
                .max { lhs, rhs in lhs.1.rank != rhs.1.rank ? lhs.1.rank < rhs.1.rank : (lhs.0.expiresOn ?? "") < (rhs.0.expiresOn ?? "") }
            return ranked.map { (track, $0.0, $0.1) }
        }
    }

    static func describe(_ certification: Certification, status: Certification.Status, track: CertificationTrack, today: CalendarDate) -> String {
        let days = certification.expiresOn.flatMap(CalendarDate.init(iso:)).map { today.days(until: $0) }
        switch status {
        case .active: return "active until \(certification.expiresOn ?? "?") (\(days ?? 0) days)"
        case .expiring: return "expiring on \(certification.expiresOn ?? "?") (\(days ?? 0) days): recertify with `/certify claim \(track.id)`"
        case .expired: return "expired on \(certification.expiresOn ?? "?"): recertify with `/certify claim \(track.id)`"
        case .claimed: return "claimed (\(certification.reference)), awaiting verification"
        case .inProgress: return "in progress"
        case .revoked: return "revoked: \(Mrkdwn.escape(certification.reason ?? ""))"
        case .rejected: return "claim rejected: \(Mrkdwn.escape(certification.reason ?? "")); claim again with `/certify claim \(track.id)`"
        }
    }

    static func mine(_ certifications: [Certification], coverage: CertificationCoverage, tracks: [CertificationTrack], today: CalendarDate) -> MessageReply {
        var lines = ["*Your certifications*"]
        let best = best(certifications, tracks: tracks, today: today)
        if best.isEmpty { lines.append("None yet. `/certify tracks` shows the catalogue.") }
        for entry in best {
            lines.append("• *\(entry.track.name)* — \(describe(entry.certification, status: entry.status, track: entry.track, today: today))")
        }
        let held = Set(best.filter { $0.status.isValid }.map(\.track.id))
        let claimed = Set(best.filter { $0.status == .claimed }.map(\.track.id))
        var suggestions: [String] = []
        for track in tracks where !held.contains(track.id) && !claimed.contains(track.id) {
            if let prerequisite = track.prerequisite, !held.contains(prerequisite) {
                suggestions.append("\(track.name): prerequisite `\(prerequisite)` missing")
            } else {
                suggestions.append("\(track.name): `/certify claim \(track.id)`")
            }
        }
        if !suggestions.isEmpty { lines.append("*Next*: " + suggestions.joined(separator: " · ")) }
        lines.append("*Your organisation*: \(coverage.summary(tracks: tracks))")
        let text = lines.joined(separator: "\n")
        return MessageReply(text: text, blocks: [.section(text: text)])
    }

    static func orgStatus(_ org: PartnerOrg, certifications: [Certification], tracks: [CertificationTrack], today: CalendarDate) -> MessageReply {
        var lines = ["*Certifications of \(Mrkdwn.escape(org.name))* (`\(org.org)`)"]
        let people = Dictionary(grouping: certifications, by: \.userID).sorted { $0.key < $1.key }
        if people.isEmpty { lines.append("Nobody is certified yet.") }
        for (user, mine) in people {
            let entries = best(mine, tracks: tracks, today: today).map { "\($0.track.id): \($0.status.label)\($0.certification.expiresOn.map { " (expires \($0))" } ?? "")" }
            lines.append("• <@\(user)> — \(entries.joined(separator: " · "))")
        }
        return MessageReply(text: lines.joined(separator: "\n"), blocks: Block.sections(title: lines[0], lines: Array(lines.dropFirst())))
    }

    static func expiring(_ certifications: [Certification], days: Int, tracks: [CertificationTrack], today: CalendarDate) -> MessageReply {
        guard !certifications.isEmpty else { return .ephemeral("No certification expires in the next \(days) days.") }
        let title = "Certifications expiring in the next \(days) days"
        let lines = certifications.map { certification -> String in
            let name = tracks.first { $0.id == certification.track }?.name ?? certification.track
            let left = certification.expiresOn.flatMap(CalendarDate.init(iso:)).map { today.days(until: $0) } ?? 0
            return "• <@\(certification.userID)> (\(certification.org)) — \(name), expires \(certification.expiresOn ?? "?") (\(left) days)"
        }
        return MessageReply.list(title: title, lines: lines)
    }

    static func claims(_ claims: [Certification], tracks: [CertificationTrack]) -> MessageReply {
        guard !claims.isEmpty else { return .ephemeral("No certification claims are waiting for verification.") }
        let title = "Certification claims waiting for verification"
        let lines = claims.map { claim -> String in
            let name = tracks.first { $0.id == claim.track }?.name ?? claim.track
            return "• \(claim.reference) <@\(claim.userID)> (\(claim.org)) — \(name)\(claim.credential.map { ", credential \(Mrkdwn.escape($0))" } ?? "") · `/certify verify \(claim.reference)`"
        }
        return MessageReply.list(title: title, lines: lines)
    }
}
