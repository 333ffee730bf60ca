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
        return try await store.groupWrite { db in
            let mine = try Certification.fetchAll(
                db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? ORDER BY id", arguments: [teamID, userID])
            let required = track.prerequisite.flatMap { settings.track($0) }
            if let blocker = track.claimBlocker(held: mine, required: required, today: today) { return blocker }
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
            return .changed(claim, .claimed)
        }
    }

    /// A manager verifies or rejects a claim.
    public func decideCertificationClaim(
        id: Int64, verify: Bool, reason: String?, by caller: Caller, settings: ProgramSettings, now: Date
    ) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await store.groupWrite { db in
            guard let stored = try Certification.fetchOne(db, key: id) else { return .notFound }
            let decision: ClaimDecision = verify ? .verify : .reject(reason: reason ?? "")
            let outcome = stored.decide(decision, by: caller, track: settings.track(stored.track), today: today, now: now)
            guard case .changed(let claim, _) = outcome, let track = settings.track(claim.track) else { return outcome }
            if verify, try self.hasEarned(claim, db: db) { return .refused(.duplicateOfToday(id)) }
            try claim.update(db)
            let auditID = try self.auditCertification(claim, actor: caller.userID, action: verify ? "verified" : "rejected", detail: reason, now: now, db: db)
            let orgRecord = try PartnerOrg.find(claim.org, db: db)
            if let target = try String.fetchOne(db, sql: "SELECT target FROM outbox_message WHERE dedupe_key = ?", arguments: ["cert:\(id):review"]) {
                try self.enqueue(
                    .update(CertificationNotices.review(claim, track: track, org: orgRecord), of: "cert:\(id):review", channel: target, dedupeKey: "cert:\(id):review:update:\(auditID)"),
                    in: db, now: now)
            }
            try self.enqueue(
                .post(CertificationNotices.outcome(claim, track: track), to: claim.userID, dedupeKey: "cert:\(id):outcome:\(auditID)"), in: db, now: now)
            return outcome
        }
    }

    /// A manager records a certification directly (e.g. earned elsewhere).
    public func grantCertification(
        userID: String, track: CertificationTrack, earned: CalendarDate?, by caller: Caller, settings: ProgramSettings, now: Date
    ) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await store.groupWrite { db in
            guard let person = try SQLRow.fetchOne(db, sql: "SELECT team_id, org FROM member WHERE user_id = ? ORDER BY created_at LIMIT 1", arguments: [userID]) else {
                return .refused(.unknownPerson(userID))
            }
            let org: String = person["org"]
            let teamID: String = person["team_id"]
            guard caller.canManage(org: org) else { return .notFound }
            let earnedOn = earned ?? today
            guard earnedOn <= today else { return .refused(.earnedInFuture(earnedOn)) }
            if let prerequisite = track.prerequisite, let required = settings.track(prerequisite) {
                let held = try Certification.fetchAll(
                    db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? AND track = ?", arguments: [teamID, userID, prerequisite]
                ).contains { $0.status(on: today, recertWindowDays: required.recertWindowDays).isValid }
                guard held else { return .refused(.grantNeedsPrerequisite(user: userID, track: track.id, required: required.id)) }
            }
            var certification = Certification(
                id: nil, teamID: teamID, userID: userID, org: org, track: track.id, state: .active, earnedOn: earnedOn.description,
                expiresOn: Certification.expiry(earned: earnedOn, validMonths: track.validMonths).description, credential: nil,
                decidedBy: caller.userID, reason: nil, createdAt: now, updatedAt: now)
            if let existing = try Certification.fetchOne(
                db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND earned_on = ? AND state = 'active'",
                arguments: [teamID, userID, track.id, earnedOn.description])
            {
                return .unchanged(existing, .alreadyHeld)
            }
            try certification.insert(db)
            let auditID = try self.auditCertification(certification, actor: caller.userID, action: "granted", detail: "earned \(earnedOn)", now: now, db: db)
            try db.execute(sql: "UPDATE certification SET state = 'rejected', reason = 'superseded by a grant', updated_at = ? WHERE team_id = ? AND user_id = ? AND track = ? AND state = 'claimed'",
                           arguments: [now, teamID, userID, track.id])
            try self.enqueue(
                .post(CertificationNotices.outcome(certification, track: track), to: userID, dedupeKey: "cert:\(certification.id!):outcome:\(auditID)"), in: db, now: now)
            return .changed(certification, .granted)
        }
    }

    /// A manager revokes a person's valid certification on a track.
    public func revokeCertification(userID: String, track: CertificationTrack, reason: String, by caller: Caller, now: Date) async throws -> CertificationOutcome {
        let today = CalendarDate(now)
        return try await store.groupWrite { db in
            let rows = try Certification.fetchAll(
                db, sql: "SELECT * FROM certification WHERE user_id = ? AND track = ? AND state = 'active' ORDER BY id", arguments: [userID, track.id])
            let valid = rows.filter { $0.status(on: today, recertWindowDays: track.recertWindowDays).isValid && caller.canManage(org: $0.org) }
            guard !valid.isEmpty else {
                return .refused(.nothingToRevoke(user: userID, track: track.id))
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
            return .changed(last!, .revoked)
        }
    }

    private func hasEarned(_ certification: Certification, db: any SQLDatabase) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND earned_on = ? AND state IN ('active', 'revoked') AND id != ?",
            arguments: [certification.teamID, certification.userID, certification.track, certification.earnedOn, certification.id]) ?? 0 > 0
    }

    @discardableResult
    func auditCertification(_ certification: Certification, actor: String, action: String, detail: String?, now: Date, db: any SQLDatabase) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO certification_audit (certification_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [certification.id, now, actor, action, detail])
        return try db.lastInsertedID()
    }
}
