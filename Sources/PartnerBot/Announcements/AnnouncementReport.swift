import Foundation
import GRDB

/// Delivery and read receipts of one announcement.
public struct AnnouncementReport: Sendable, Equatable {
    /// Counts for one segment value (a tier, a type or a region).
    public struct Segment: Sendable, Equatable {
        /// `tier`, `type` or `region`.
        public var dimension: String
        /// The value, e.g. `elite`.
        public var value: String
        /// Organisations targeted in it.
        public var targeted: Int
        /// Of those, organisations with at least one acknowledgement.
        public var acknowledged: Int
    }

    public var id: String
    public var title: String
    public var requiresAck: Bool
    public var expires: String?
    /// Organisations targeted.
    public var targetedOrgs: Int
    /// Messages to deliver (channels or member DMs).
    public var targets: Int
    /// Originals delivered.
    public var delivered: Int
    /// Originals that failed for good, plus targeted organisations that could not be reached
    /// (no shared channel, or no known members for DM delivery).
    public var failed: Int
    /// Originals still queued.
    public var pending: Int
    /// Organisations with at least one acknowledgement.
    public var acknowledgedOrgs: Int
    /// People who acknowledged.
    public var acknowledgedPeople: Int
    /// People reached: the targeted members for DM delivery, the known members of targeted
    /// organisations for channel delivery (at least everyone who acknowledged).
    public var reachedPeople: Int
    /// By tier, type and region.
    public var segments: [Segment]
    /// Targeted organisations without any acknowledgement, by slug.
    public var notAcknowledged: [String]

    /// Acknowledged organisations / targeted organisations.
    public var orgReadRate: Double { targetedOrgs == 0 ? 0 : Double(acknowledgedOrgs) / Double(targetedOrgs) }
    /// People who acknowledged / people reached.
    public var peopleReadRate: Double { reachedPeople == 0 ? 0 : Double(acknowledgedPeople) / Double(reachedPeople) }

    /// A readable report (Slack mrkdwn-friendly plain text).
    public var text: String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var lines = [
            "*\(title)* (`\(id)`)\(expires.map { " · open until \($0)" } ?? "")",
            "Targeted: \(targetedOrgs) organisation(s), \(targets) message(s) · delivered \(delivered) · failed \(failed) · queued \(pending)",
        ]
        if requiresAck {
            lines.append("Acknowledged: \(acknowledgedOrgs)/\(targetedOrgs) organisations (\(percent(orgReadRate))) · \(acknowledgedPeople)/\(reachedPeople) people (\(percent(peopleReadRate)))")
            for dimension in ["tier", "type", "region"] {
                let parts = segments.filter { $0.dimension == dimension }.map { "\($0.value) \($0.acknowledged)/\($0.targeted)" }
                if !parts.isEmpty { lines.append("By \(dimension): " + parts.joined(separator: " · ")) }
            }
            lines.append(notAcknowledged.isEmpty ? "Every targeted organisation has acknowledged." : "Not yet acknowledged (\(notAcknowledged.count)): " + notAcknowledged.joined(separator: ", "))
        } else {
            lines.append("No acknowledgement requested.")
        }
        return lines.joined(separator: "\n")
    }
}

extension AppDatabase {
    /// The report of one announcement.
    public func announcementReport(id: String) async throws -> AnnouncementReport {
        try await store.read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT title, requires_ack, expires, deliver_to FROM announcement WHERE id = ?", arguments: [id]) else {
                throw AnnouncementError.notFound(id)
            }
            let targets = try AnnouncementTarget.fetchAll(db, sql: "SELECT * FROM announcement_target WHERE announcement_id = ?", arguments: [id])
            let audience = try SQLRow.fetchAll(db, sql: "SELECT org, reachable FROM announcement_org WHERE announcement_id = ?", arguments: [id])
            let orgSlugs = Set(audience.map { $0["org"] as String })
            let unreachable = audience.filter { !($0["reachable"] as Bool) }.count
            let orgs = try PartnerOrg.fetchAll(db, keys: Array(orgSlugs))
            let states = try SQLRow.fetchAll(
                db, sql: "SELECT o.state AS state, COUNT(*) AS n FROM announcement_target t JOIN outbox o ON o.dedupe_key = t.message_key WHERE t.announcement_id = ? GROUP BY o.state",
                arguments: [id])
            var byState: [String: Int] = [:]
            for state in states { byState[state["state"]] = state["n"] }
            let acks = try SQLRow.fetchAll(db, sql: "SELECT org, user_id FROM announcement_ack WHERE announcement_id = ?", arguments: [id])
            let ackedOrgs = Set(acks.map { $0["org"] as String })
            let ackers = Set(acks.map { $0["user_id"] as String })
            var reached: Int
            if (row["deliver_to"] as String) == AnnouncementDelivery.members.rawValue {
                reached = Set(targets.compactMap(\.userID)).union(ackers).count
            } else {
                let members = try String.fetchSet(
                    db, sql: "SELECT user_id FROM member WHERE org IN (SELECT org FROM announcement_org WHERE announcement_id = ?)", arguments: [id])
                reached = members.union(ackers).count
            }
            var segments: [AnnouncementReport.Segment] = []
            for (dimension, value) in [("tier", \PartnerOrg.tier), ("type", \PartnerOrg.type.rawValue), ("region", \PartnerOrg.region)] {
                for (key, group) in Dictionary(grouping: orgs, by: { $0[keyPath: value] }).sorted(by: { $0.key < $1.key }) {
                    segments.append(.init(dimension: dimension, value: key, targeted: group.count, acknowledged: group.filter { ackedOrgs.contains($0.org) }.count))
                }
            }
            reached = max(reached, ackers.count)
            return AnnouncementReport(
                id: id, title: row["title"], requiresAck: row["requires_ack"], expires: row["expires"], targetedOrgs: orgSlugs.count, targets: targets.count,
                delivered: byState["sent"] ?? 0, failed: (byState["dead"] ?? 0) + unreachable, pending: (byState["pending"] ?? 0) + (byState["sending"] ?? 0),
                acknowledgedOrgs: ackedOrgs.intersection(orgSlugs).count, acknowledgedPeople: ackers.count, reachedPeople: reached, segments: segments,
                notAcknowledged: orgSlugs.subtracting(ackedOrgs).sorted())
        }
    }

    /// Ids of announcements sent so far, newest first.
    public func sentAnnouncements() async throws -> [(id: String, title: String, firstSent: Date)] {
        try await store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, title, first_sent_at FROM announcement ORDER BY first_sent_at DESC, id").map {
                (id: $0["id"], title: $0["title"], firstSent: $0["first_sent_at"])
            }
        }
    }
}
