import FakeSlack
import Foundation
import GRDB
import Synchronization
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("Crash safety: SIGKILL mid-burst, restart on the same database", .serialized)
struct CrashSafetyTests {
    static let secret = "crash-test-secret"

    @Test func acknowledgedRegistrationsSurviveAndQueuedMessagesAreDeliveredAfterRestart() async throws {
        let bed = try await ProcessTestBed.start(secret: Self.secret, extraConfiguration: "roles:\n  marketing: [UMKTCRASH1]")
        defer { Task { await bed.tearDown() } }
        let (binary, slack, databasePath) = (bed.binary, bed.slack, bed.databasePath)
        do {
            let database = try AppDatabase.open(path: databasePath)
            _ = try await database.upsertPartnerOrgs(try ProcessTestBed.organisations(20, prefix: "Crash"), now: Date())
        }
        let environment = bed.environment
        let server = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await server.start()
        let (http, send) = bed.sender()
        defer { http.shutDown() }
        let broadcast = await send(
            SlashCommand(command: "/announce", text: "q3-takeout-spiff", teamID: "TVENDOR", channelID: "C1", userID: "UMKTCRASH1"), server.port)
        #expect(broadcast?.contains("organisation(s)") == true)

        let acknowledged = LinesBox()
        let port = server.port
        // Killed by the task that sees the 60th acknowledgement, with the rest of the burst in
        // flight or still to send (a polling task could come too late).
        await ProcessTestBed.registrationBurst(count: 400, orgs: 20, prefix: "Crash", send: send, port: { _ in port }) { customer in
            if acknowledged.append(customer) == 60 { server.kill() }
        }
        let acked = acknowledged.all
        #expect(acked.count >= 60)
        #expect(acked.count < 400, "the server was killed mid-burst")

        let restarted = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await restarted.start()
        defer { restarted.terminate() }
        let reader = try AppDatabase.open(path: databasePath)
        let names = Set(try await reader.writer.read { db in try String.fetchAll(db, sql: "SELECT customer_name FROM deal") })
        let missing = acked.filter { !names.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        let duplicates = try await reader.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT customer_key FROM deal GROUP BY customer_key HAVING COUNT(*) > 1)")
        }
        #expect(duplicates == 0)
        var drained = false
        for _ in 0..<600 {
            let status = try await reader.outboxStatus(now: Date())
            if (status.counts[.pending] ?? 0) + (status.counts[.sending] ?? 0) == 0 {
                drained = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(drained, "every queued message is delivered after the restart")
        let rows = try await reader.outboxRecords()
        #expect(rows.allSatisfy { $0.state == .sent })
        let delivered = Set(slack.accepted.map { "\($0.channel)|\($0.text)" })
        #expect(Set(ProcessTestBed.posts(rows)).isSubset(of: delivered))
        #expect(rows.contains { $0.dedupeKey.hasPrefix("ann:q3-takeout-spiff") })
        // Every registration committed before the kill got its manager's review, dispatched after the restart if need be.
        let dealIDs = try await reader.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM deal") }
        let reviewed = Set(rows.map(\.dedupeKey).filter { $0.hasSuffix(":review:manager") })
        #expect(dealIDs.allSatisfy { reviewed.contains("deal:\($0):review:manager") })
    }
}
