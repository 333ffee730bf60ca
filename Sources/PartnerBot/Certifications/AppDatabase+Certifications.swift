import Foundation
import GRDB
import SlackPlatform

extension AppDatabase {
    /// A partner claims a certification; their organisation's manager is asked to verify it.
    public func claimCertification(
        track: CertificationTrack, credential: String?, teamID: String, userID: String, org: String,
        settings: ProgramSettings, now: Date
    ) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await groupCommit.write { db in
            let mine = try Certification.fetchAll(
                db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? ORDER BY id", arguments: [teamID, userID])
            if let prerequisite = track.prerequisite, let required = settings.track(prerequisite) {
                let held = mine.contains { $0.track == prerequisite && $0.status(on: today, recertWindowDays: required.recertWindowDays).isValid }
                guard held else {
                    return .refused("\(track.name) requires \(required.name) first: claim it with `/certify claim \(required.id)`. Nothing was claimed.")
                }
            }
            let onTrack = mine.filter { $0.track == track.id }
            if let open = onTrack.first(where: { $0.state == .claimed }) {
                return .unchanged(open, summary: "You already claimed \(track.name) (\(open.reference)); your partner manager has been asked to verify it.")
            }
            if let current = onTrack.first(where: { $0.status(on: today, recertWindowDays: track.recertWindowDays) == .active }), let expires = current.expiresOn {
                let opens = CalendarDate(iso: expires).map { $0.adding(days: -track.recertWindowDays).description } ?? expires
                return .refused("You are certified on \(track.name) until \(expires); recertification opens on \(opens).")
            }
            var claim = Certification(
                id: nil, teamID: teamID, userID: userID, org: org, track: track.id, state: .claimed, earnedOn: nil, expiresOn: nil,
                credential: credential, decidedBy: nil, reason: nil, createdAt: now, updatedAt: now)
            try claim.insert(db)
            try self.auditCertification(claim, actor: userID, action: "claimed", detail: credential, now: now, db: db)
            let orgRecord = try PartnerOrg.find(org, db: db)
            let review = CertificationNotices.review(claim, track: track, org: orgRecord)
            let target = orgRecord?.manager ?? settings.deals.managersChannel
            if let target {
                try self.enqueue(.post(review, to: target, dedupeKey: "cert:\(claim.id!):review"), in: db, now: now)
            }
            return .changed(claim, summary: "Claimed \(track.name) (\(claim.reference)). Your partner manager will verify it; you'll be told the outcome.")
        }
    }

    /// A manager verifies or rejects a claim.
    public func decideCertificationClaim(
        id: Int64, verify: Bool, reason: String?, by caller: Caller, settings: ProgramSettings, now: Date
    ) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await groupCommit.write { db in
            guard var claim = try Certification.fetchOne(db, key: id), caller.canManage(org: claim.org) else { return .notFound }
            guard let track = settings.track(claim.track) else { return .refused("\(claim.track) is no longer a track in the catalogue.") }
            guard claim.state == .claimed else {
                let already = claim.state == .active ? "verified" : claim.state.rawValue
                return .unchanged(claim, summary: "\(claim.reference) was already \(already)\(claim.decidedBy.map { " by <@\($0)>" } ?? "").")
            }
            if verify {
                claim.state = .active
                claim.earnedOn = today.description
                claim.expiresOn = Certification.expiry(earned: today, validMonths: track.validMonths).description
                if try self.hasEarned(claim, db: db) {
                    return .refused("\(claim.reference) duplicates a certification already recorded for today.")
                }
            } else {
                guard let reason, !reason.isEmpty else { return .refused("Give the partner a reason: `/certify reject \(claim.reference) <reason>`.") }
                claim.state = .rejected
                claim.reason = reason
            }
            claim.decidedBy = caller.userID
            claim.updatedAt = now
            try claim.update(db)
            let auditID = try self.auditCertification(claim, actor: caller.userID, action: verify ? "verified" : "rejected", detail: reason, now: now, db: db)
            let orgRecord = try PartnerOrg.find(claim.org, db: db)
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?", arguments: ["cert:\(id):review"]) == 1 {
                let target = try String.fetchOne(db, sql: "SELECT target FROM outbox WHERE dedupe_key = ?", arguments: ["cert:\(id):review"]) ?? ""
                try self.enqueue(
                    .update(CertificationNotices.review(claim, track: track, org: orgRecord), of: "cert:\(id):review", channel: target, dedupeKey: "cert:\(id):review:update:\(auditID)"),
                    in: db, now: now)
            }
            try self.enqueue(
                .post(CertificationNotices.outcome(claim, track: track), to: claim.userID, dedupeKey: "cert:\(id):outcome:\(auditID)"), in: db, now: now)
            let summary = verify
                ? "Verified \(claim.reference): <@\(claim.userID)> is certified on \(track.name) until \(claim.expiresOn ?? "?")."
                : "Rejected \(claim.reference) for <@\(claim.userID)>; they were told why."
            _ = today
            return .changed(claim, summary: summary)
        }
    }

    /// A manager records a certification directly (e.g. earned elsewhere).
    public func grantCertification(
        userID: String, track: CertificationTrack, earned: CalendarDate?, by caller: Caller, settings: ProgramSettings, now: Date
    ) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await groupCommit.write { db in
            guard let person = try Row.fetchOne(db, sql: "SELECT team_id, org FROM member WHERE user_id = ? ORDER BY created_at LIMIT 1", arguments: [userID]) else {
                return .refused("I don't know <@\(userID)> yet: they need to be in the partner directory (`partnerbot members import`) or to have used the bot once.")
            }
            let org: String = person["org"]
            let teamID: String = person["team_id"]
            guard caller.canManage(org: org) else { return .notFound }
            let earnedOn = earned ?? today
            guard earnedOn <= today else { return .refused("The earned date \(earnedOn) is in the future.") }
            if let prerequisite = track.prerequisite, let required = settings.track(prerequisite) {
                let held = try Certification.fetchAll(
                    db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? AND track = ?", arguments: [teamID, userID, prerequisite]
                ).contains { $0.status(on: today, recertWindowDays: required.recertWindowDays).isValid }
                guard held else { return .refused("<@\(userID)> must hold \(required.name) before \(track.name): grant that first.") }
            }
            var certification = Certification(
                id: nil, teamID: teamID, userID: userID, org: org, track: track.id, state: .active, earnedOn: earnedOn.description,
                expiresOn: Certification.expiry(earned: earnedOn, validMonths: track.validMonths).description, credential: nil,
                decidedBy: caller.userID, reason: nil, createdAt: now, updatedAt: now)
            if let existing = try Certification.fetchOne(
                db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND earned_on = ? AND state = 'active'",
                arguments: [teamID, userID, track.id, earnedOn.description])
            {
                return .unchanged(existing, summary: "<@\(userID)> already holds \(track.name) earned on \(earnedOn).")
            }
            try certification.insert(db)
            let auditID = try self.auditCertification(certification, actor: caller.userID, action: "granted", detail: "earned \(earnedOn)", now: now, db: db)
            try db.execute(sql: "UPDATE certification SET state = 'rejected', reason = 'superseded by a grant', updated_at = ? WHERE team_id = ? AND user_id = ? AND track = ? AND state = 'claimed'",
                           arguments: [now, teamID, userID, track.id])
            try self.enqueue(
                .post(CertificationNotices.outcome(certification, track: track), to: userID, dedupeKey: "cert:\(certification.id!):outcome:\(auditID)"), in: db, now: now)
            return .changed(certification, summary: "Granted \(track.name) to <@\(userID)>: valid until \(certification.expiresOn ?? "?").")
        }
    }

    /// A manager revokes a person's valid certification on a track.
    public func revokeCertification(userID: String, track: CertificationTrack, reason: String, by caller: Caller, now: Date) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await groupCommit.write { db in
            let rows = try Certification.fetchAll(
                db, sql: "SELECT * FROM certification WHERE user_id = ? AND track = ? AND state = 'active' ORDER BY id", arguments: [userID, track.id])
            let valid = rows.filter { $0.status(on: today, recertWindowDays: track.recertWindowDays).isValid && caller.canManage(org: $0.org) }
            guard !valid.isEmpty else {
                return .refused("<@\(userID)> holds no valid \(track.name) certification that you manage.")
            }
            var last: Certification?
            for var certification in valid {
                certification.state = .revoked
                certification.reason = reason
                certification.decidedBy = caller.userID
                certification.updatedAt = now
                try certification.update(db)
                let auditID = try self.auditCertification(certification, actor: caller.userID, action: "revoked", detail: reason, now: now, db: db)
                try self.enqueue(
                    .post(CertificationNotices.outcome(certification, track: track), to: userID, dedupeKey: "cert:\(certification.id!):outcome:\(auditID)"), in: db, now: now)
                last = certification
            }
            return .changed(last!, summary: "Revoked \(track.name) of <@\(userID)>: \(Mrkdwn.escape(reason)).")
        }
    }

    private func hasEarned(_ certification: Certification, db: Database) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND earned_on = ? AND state IN ('active', 'revoked') AND id != ?",
            arguments: [certification.teamID, certification.userID, certification.track, certification.earnedOn, certification.id]) ?? 0 > 0
    }

    @discardableResult
    func auditCertification(_ certification: Certification, actor: String, action: String, detail: String?, now: Date, db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO certification_audit (certification_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [certification.id, now, actor, action, detail])
        return db.lastInsertedRowID
    }
}
