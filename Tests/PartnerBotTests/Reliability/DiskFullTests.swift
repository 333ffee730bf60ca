import Foundation
import GRDB
import HummingbirdTesting
import SlackPlatform
import Testing
@testable import PartnerBot

/// A database that cannot grow (SQLite's `max_page_count`: the same `SQLITE_FULL` a full disk
/// gives): registrations are answered, never lost, `/health` says why, and the bot recovers by
/// itself once there is room.
@Suite("Disk full")
struct DiskFullTests {
    @Test func aFullDatabaseRefusesClearlyReportsItAndRecovers() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let app = try await TestApp.program(database: try AppDatabase.open(path: directory.appendingPathComponent("bot.sqlite").path))
        let ann = ProgramFixture.ann
        try await app.test(.router) { client in
            #expect(try await client.command("/register", "First Customer amount:10k", user: ann.user, team: ann.team).replyText.contains("DR-1"))
            let pages = try await app.database.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
            try await app.database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }

            var registered: [String] = []
            var refused = 0
            for index in 0..<200 {
                let reply = try await client.command("/register", "Full Disk Customer \(index) amount:10k note:\"\(String(repeating: "x", count: 400))\"", user: ann.user, team: ann.team)
                #expect(reply.status == .ok)
                if reply.replyText.contains("could not be saved, so nothing was registered") {
                    refused += 1
                } else {
                    #expect(reply.replyText.contains("DR-"), "either registered or told it was not: \(reply.replyText)")
                    registered.append("Full Disk Customer \(index)")
                }
            }
            #expect(refused > 0, "the database filled up")
            // The registration form: the answer goes under its first field, and the form stays open.
            let form = ViewSubmission(
                user: InteractionUser(id: ann.user, teamID: ann.team),
                view: .init(callbackID: "register_form", privateMetadata: "CACME00001", values: ["company": ["company_input": "Form While Full"], "note": ["note_input": String(repeating: "y", count: 900)]]))
            let submitted = try await client.send(client.builder.viewSubmission(form, timestamp: client.timestamp))
            #expect(submitted.status == .ok)
            #expect(submitted.json?["response_action"] as? String == "errors")
            #expect(((submitted.json?["errors"] as? [String: String])?["company"])?.contains("could not be saved, so nothing was registered") == true, "\(submitted.text)")
            let health = try await client.client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            #expect(health.status == .serviceUnavailable)
            #expect(String(buffer: health.body).contains("database or disk is full"))

            try await app.database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
            let recovered = try await client.client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            #expect(recovered.status == .ok, "the probe write succeeds once there is room")
            #expect(try await client.command("/register", "After The Storm amount:10k", user: ann.user, team: ann.team).replyText.contains("DR-"))
            let stored = try await app.database.writer.read { db in try String.fetchSet(db, sql: "SELECT customer_name FROM deal") }
            #expect(Set(registered + ["First Customer", "After The Storm"]) == stored, "every acknowledged registration, and only those")
        }
    }
}
