import Foundation
import Testing
@testable import PartnerBot

extension AnnouncementsInput {
    @Suite("Announcement files")
    struct Files {
        /// The repository's `Announcements/` folder.
        static let directory = TestSupport.path("Announcements")

        /// Every `*.md` in it, listed when the tests are defined so each runs as its own case.
        static let repositoryFiles: [String] =
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".md") }.sorted()

        @Test func theFolderHasTheExamples() {
            #expect(Self.repositoryFiles.contains("q3-competitive-takeout-spiff.md"))
            #expect(Self.repositoryFiles.contains("partner-portal-refresh.md"))
        }

        @Test(arguments: repositoryFiles)
        func everyRepositoryFileParses(name: String) throws {
            let path = (Self.directory as NSString).appendingPathComponent(name)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let announcement = try AnnouncementParser.parse(text, file: path, rules: AnnouncementsInput.rules)
            #expect(announcement.file == path)
            #expect(!announcement.isExpired(on: AnnouncementsInput.today))
        }

        @Test func loadAllReadsTheRepositoryFolderWithoutErrors() {
            let result = AnnouncementParser.loadAll(directory: Self.directory, rules: AnnouncementsInput.rules)
            #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
            #expect(result.announcements.count == Self.repositoryFiles.count)
        }

        @Test func theTakeoutSPIFFTargetsSelectAndEliteResellersAndSIs() throws {
            let result = AnnouncementParser.loadAll(directory: Self.directory, rules: AnnouncementsInput.rules)
            let spiff = try #require(result.announcements.first { $0.id == "q3-takeout-spiff" })
            #expect(spiff.file.hasSuffix("Announcements/q3-competitive-takeout-spiff.md"))
            #expect(spiff.audience == AnnouncementAudience(types: [.reseller, .si], tiers: ["select", "elite"]))
            #expect(spiff.deliverTo == .channel)
            #expect(spiff.requiresAck)
            #expect(spiff.remindAfter == .seconds(72 * 3_600))
            #expect(spiff.expires == AnnouncementsInput.date(2027, 9, 30))
            for words in ["$1,000", "Proof", "Guardrails", "How to claim", "/claim q3-takeout-spiff DR-"] {
                #expect(spiff.body.contains(words), "the SPIFF must state its \(words)")
            }
            let portal = try #require(result.announcements.first { $0.id == "partner-portal-refresh" })
            #expect(portal.audience.isEveryone)
        }

        @Test func loadAllCollectsEveryFilesErrorAndRefusesDuplicateIDs() throws {
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            func write(_ name: String, _ text: String) throws {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try write("b-first.md", AnnouncementsInput.document(["id: shared", "title: First"]))
            try write("a-bad.md", AnnouncementsInput.document(["id: bad", "title: Bad", "remind_after: soon"]))
            try write("c-second.md", AnnouncementsInput.document(["title: Second", "id: shared"]))
            try write("d-other.md", AnnouncementsInput.document(["id: other", "title: Other", "deliver_to: email"]))
            try write("e-fine.md", AnnouncementsInput.document(["id: fine", "title: Fine"]))
            try write("notes.txt", "not an announcement")
            try write(".draft.md", "not front matter")

            let directory = folder.path
            let result = AnnouncementParser.loadAll(directory: directory, rules: AnnouncementsInput.rules)
            func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

            #expect(result.announcements.map(\.id) == ["shared", "fine"])
            #expect(result.announcements.map(\.file) == [path("b-first.md"), path("e-fine.md")])
            #expect(result.errors.map(\.file) == [path("a-bad.md"), path("c-second.md"), path("d-other.md")])
            #expect(result.errors.map(\.key) == ["remind_after", "id", "deliver_to"])
            #expect(result.errors.map(\.line) == [4, 3, 4])
            let duplicate = result.errors[1]
            #expect(duplicate.message.contains("duplicate id shared"))
            #expect(duplicate.message.contains(path("b-first.md")))
            #expect(duplicate.description.contains(path("c-second.md")))
        }

        @Test func loadAllReportsAMissingFolder() {
            let result = AnnouncementParser.loadAll(directory: "/nonexistent/announcements", rules: AnnouncementsInput.rules)
            #expect(result.announcements.isEmpty)
            #expect(result.errors.map(\.file) == ["/nonexistent/announcements"])
        }
    }
}
