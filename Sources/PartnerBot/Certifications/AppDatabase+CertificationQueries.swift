import Foundation
import GRDB

/// How many people of an organisation hold each track validly.
public struct CertificationCoverage: Sendable, Equatable {
    /// Track id → number of people with a valid (active or expiring) certification.
    public var holders: [String: Int]

    /// Whether the organisation counts as certified on any track.
    public var isCertified: Bool { holders.values.contains { $0 > 0 } }

    /// `sales-pro ×2, product-fundamentals ×3`, or `none`.
    public func summary(tracks: [CertificationTrack]) -> String {
        let parts = tracks.compactMap { track in holders[track.id].flatMap { $0 > 0 ? "\(track.id) ×\($0)" : nil } }
        return parts.isEmpty ? "no active certifications" : parts.joined(separator: ", ")
    }
}

extension AppDatabase {
    /// One certification.
    public func certification(id: Int64) async throws -> Certification? {
        try await store.read { db in try Certification.fetchOne(db, key: id) }
    }

    /// A person's certifications, oldest first.
    public func certifications(userID: String, teamID: String) async throws -> [Certification] {
        try await store.read { db in
            try Certification.fetchAll(db, sql: "SELECT * FROM certification WHERE user_id = ? AND team_id = ? ORDER BY id", arguments: [userID, teamID])
        }
    }

    /// An organisation's certifications, by person then track.
    public func certifications(org: String) async throws -> [Certification] {
        try await store.read { db in
            try Certification.fetchAll(db, sql: "SELECT * FROM certification WHERE org = ? ORDER BY user_id, track, id", arguments: [org])
        }
    }

    /// Valid certifications expiring before `until` (exclusive) in organisations `caller` manages, soonest first.
    public func certificationsExpiring(before until: CalendarDate, today: CalendarDate, for caller: Caller) async throws -> [Certification] {
        try await store.read { db in
            try Certification.fetchAll(
                db, sql: "SELECT * FROM certification WHERE state = 'active' AND expires_on > ? AND expires_on < ? ORDER BY expires_on, id",
                arguments: [today.description, until.description]
            ).filter { caller.canManage(org: $0.org) }
        }
    }

    /// Claims waiting for verification in organisations `caller` manages.
    public func openCertificationClaims(for caller: Caller) async throws -> [Certification] {
        try await store.read { db in
            try Certification.fetchAll(db, sql: "SELECT * FROM certification WHERE state = 'claimed' ORDER BY id").filter { caller.canManage(org: $0.org) }
        }
    }

    /// Per-track counts of people holding a valid certification.
    public func certificationCoverage(org: String, today: CalendarDate) async throws -> CertificationCoverage {
        try await store.read { db in try Self.coverage(org: org, today: today, db: db) }
    }

    static func coverage(org: String, today: CalendarDate, db: any SQLDatabase) throws -> CertificationCoverage {
        var holders: [String: Int] = [:]
        for row in try SQLRow.fetchAll(
            db, sql: "SELECT track, COUNT(DISTINCT user_id) AS n FROM certification WHERE org = ? AND state = 'active' AND expires_on > ? GROUP BY track",
            arguments: [org, today.description])
        {
            holders[row["track"]] = row["n"]
        }
        return CertificationCoverage(holders: holders)
    }

    /// Imports an LMS export: idempotent upserts by person, track and earned date, all or nothing.
    /// - Throws: `DirectoryImportError` for rows whose person is not in the directory.
    public func importCertifications(_ rows: [CertificationImportRow], tracks: [CertificationTrack], now: Date) async throws -> (inserted: Int, updated: Int) {
        try await store.write { db in
            var problems: [DirectoryImportError.Problem] = []
            var inserted = 0
            var updated = 0
            for row in rows {
                var org = try String.fetchOne(db, sql: "SELECT org FROM member WHERE team_id = ? AND user_id = ?", arguments: [row.teamID, row.userID])
                if org == nil { org = try String.fetchOne(db, sql: "SELECT org FROM partner_org WHERE team_id = ?", arguments: [row.teamID]) }
                guard let org else {
                    problems.append(.init(row: row.line, column: "user_id", message: "\(row.userID) in \(row.teamID) is not in the partner directory"))
                    continue
                }
                guard let track = tracks.first(where: { $0.id == row.track }) else { continue }
                guard let earned = row.earned else {
                    let exists = try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND state = 'in_progress')",
                        arguments: [row.teamID, row.userID, row.track]) ?? false
                    if !exists {
                        var progress = Certification(
                            id: nil, teamID: row.teamID, userID: row.userID, org: org, track: row.track, state: .inProgress, earnedOn: nil,
                            expiresOn: nil, credential: row.credential, decidedBy: "import", reason: nil, createdAt: now, updatedAt: now)
                        try progress.insert(db)
                        try self.auditCertification(progress, actor: "import", action: "in_progress", detail: nil, now: now, db: db)
                        inserted += 1
                    }
                    continue
                }
                let expires = row.expires ?? Certification.expiry(earned: earned, validMonths: track.validMonths)
                if var existing = try Certification.fetchOne(
                    db, sql: "SELECT * FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND earned_on = ? AND state IN ('active', 'revoked')",
                    arguments: [row.teamID, row.userID, row.track, earned.description])
                {
                    if existing.expiresOn != expires.description || existing.credential != row.credential || existing.org != org {
                        existing.expiresOn = expires.description
                        existing.credential = row.credential
                        existing.org = org
                        existing.updatedAt = now
                        try existing.update(db)
                        try self.auditCertification(existing, actor: "import", action: "updated", detail: "expires \(expires)", now: now, db: db)
                        updated += 1
                    }
                } else {
                    var certification = Certification(
                        id: nil, teamID: row.teamID, userID: row.userID, org: org, track: row.track, state: .active, earnedOn: earned.description,
                        expiresOn: expires.description, credential: row.credential, decidedBy: "import", reason: nil, createdAt: now, updatedAt: now)
                    try certification.insert(db)
                    try self.auditCertification(certification, actor: "import", action: "imported", detail: "earned \(earned)", now: now, db: db)
                    try db.execute(
                        sql: "DELETE FROM certification WHERE team_id = ? AND user_id = ? AND track = ? AND state = 'in_progress'",
                        arguments: [row.teamID, row.userID, row.track])
                    inserted += 1
                }
            }
            if !problems.isEmpty { throw DirectoryImportError(errors: problems) }
            return (inserted, updated)
        }
    }
}
