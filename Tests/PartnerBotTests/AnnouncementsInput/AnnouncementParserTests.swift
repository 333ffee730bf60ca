import Testing
@testable import PartnerBot

extension AnnouncementsInput {
    @Suite("AnnouncementParser.parse")
    struct Parsing {
        @Test func parsesAFullFileExactly() throws {
            let text = """
                ---
                id: q3-takeout-spiff
                title: "Q3 competitive takeout SPIFF: $1,000 per displaced competitor"
                audience:
                  types: [reseller, si]          # PartnerOrg.Kind values
                  tiers: [select, elite]
                  regions: [emea, na]
                  orgs: [acme-resell]
                deliver_to: members
                requires_ack: true
                remind_after: 1d12h
                expires: 2027-03-31
                requires_certification: sales-pro
                ---

                *Body* in Slack mrkdwn
                • with a list

                """
            let announcement = try AnnouncementsInput.parse(text, file: "Announcements/q3.md")
            let expected = Announcement(
                id: "q3-takeout-spiff", title: "Q3 competitive takeout SPIFF: $1,000 per displaced competitor",
                audience: AnnouncementAudience(types: [.reseller, .si], tiers: ["select", "elite"], regions: ["emea", "na"], orgs: ["acme-resell"]),
                deliverTo: .members, requiresAck: true, remindAfter: .seconds(36 * 3_600),
                expires: AnnouncementsInput.date(2027, 3, 31), requiresCertification: "sales-pro",
                body: "*Body* in Slack mrkdwn\n• with a list", file: "Announcements/q3.md")
            #expect(announcement == expected)
            #expect(announcement.audience.summary == "types reseller or si · tiers elite or select · regions emea or na · orgs acme-resell")
        }

        @Test func appliesTheDefaults() throws {
            let announcement = try AnnouncementsInput.parse(AnnouncementsInput.document(AnnouncementsInput.minimal))
            #expect(announcement.deliverTo == .channel)
            #expect(announcement.requiresAck == true)
            #expect(announcement.remindAfter == nil)
            #expect(announcement.expires == nil)
            #expect(announcement.requiresCertification == nil)
            #expect(announcement.audience == .everyone)
            #expect(announcement.audience.isEveryone)
            #expect(announcement.audience.summary == "all partners")
            #expect(announcement.body == "*Hello* partners.")
        }

        @Test func emptyOptionalValuesMeanTheirDefaults() throws {
            let text = AnnouncementsInput.document(
                AnnouncementsInput.minimal + ["deliver_to:", "requires_ack:", "remind_after:", "expires:", "requires_certification: ~"])
            let announcement = try AnnouncementsInput.parse(text)
            #expect(announcement == Announcement(id: "portal-news", title: "Portal news", body: "*Hello* partners.", file: "Announcements/test.md"))
        }

        @Test(arguments: [
            (["audience:", "  types: reseller"], AnnouncementAudience(types: [.reseller])),
            (["audience:", "  types: [Reseller, SI, reseller]"], AnnouncementAudience(types: [.reseller, .si])),
            (["audience:", "  tiers: [Elite]", "  regions: [APAC]"], AnnouncementAudience(tiers: ["elite"], regions: ["apac"])),
            (["audience:", "  types: []", "  orgs:", "    - acme-resell", "    - bolt_si"], AnnouncementAudience(orgs: ["acme-resell", "bolt_si"])),
            (["audience: {regions: [emea]}"], AnnouncementAudience(regions: ["emea"])),
        ])
        func parsesAudiences(lines: [String], expected: AnnouncementAudience) throws {
            let announcement = try AnnouncementsInput.parse(AnnouncementsInput.document(AnnouncementsInput.minimal + lines))
            #expect(announcement.audience == expected)
        }

        @Test(arguments: [
            (["requires_ack: false"], false),
            (["requires_ack: true", "remind_after: 90m"], true),
        ])
        func readsRequiresAck(lines: [String], expected: Bool) throws {
            #expect(try AnnouncementsInput.parse(AnnouncementsInput.document(AnnouncementsInput.minimal + lines)).requiresAck == expected)
        }

        @Test func expiresMayBeToday() throws {
            let text = AnnouncementsInput.document(AnnouncementsInput.minimal + ["expires: 2026-11-22"])
            let announcement = try AnnouncementsInput.parse(text)
            #expect(announcement.expires == AnnouncementsInput.today)
        }

        @Test func acceptsWindowsLineEndingsAndAByteOrderMark() throws {
            let text = "\u{FEFF}---\r\nid: portal-news\r\ntitle: Portal news\r\n---\r\nLine one\r\nLine two\r\n"
            let announcement = try AnnouncementsInput.parse(text)
            #expect(announcement.body == "Line one\nLine two")
            let unix = try AnnouncementsInput.parse("---\nid: portal-news\ntitle: Portal news\n---\nLine one\nLine two\n")
            #expect(announcement.contentHash == unix.contentHash)
        }

        @Test func trimsTheTitleAndBodyButKeepsInnerBlankLines() throws {
            let text = AnnouncementsInput.document(["id: x", "title: '  Spaced  '"], body: "\n\n  First\n\nSecond  \n\n")
            let announcement = try AnnouncementsInput.parse(text)
            #expect(announcement.title == "Spaced")
            #expect(announcement.body == "First\n\nSecond")
        }

        @Test func onlyTheFirstDelimiterClosesTheFrontMatter() throws {
            let text = AnnouncementsInput.document(AnnouncementsInput.minimal, body: "Above\n---\nBelow")
            #expect(try AnnouncementsInput.parse(text).body == "Above\n---\nBelow")
        }

        @Test func aBodyOfExactlyTheLimitIsAccepted() throws {
            let body = String(repeating: "é", count: AnnouncementParser.maximumBodyLength)
            #expect(try AnnouncementsInput.parse(AnnouncementsInput.document(AnnouncementsInput.minimal, body: body)).body == body)
        }

        @Test func isExpiredOnlyAfterTheLastValidDay() throws {
            let text = AnnouncementsInput.document(AnnouncementsInput.minimal + ["expires: 2027-01-31"])
            let announcement = try AnnouncementsInput.parse(text)
            #expect(!announcement.isExpired(on: AnnouncementsInput.date(2027, 1, 30)))
            #expect(!announcement.isExpired(on: AnnouncementsInput.date(2027, 1, 31)))
            #expect(announcement.isExpired(on: AnnouncementsInput.date(2027, 2, 1)))
            let forever = try AnnouncementsInput.parse(AnnouncementsInput.document(AnnouncementsInput.minimal))
            #expect(!forever.isExpired(on: AnnouncementsInput.date(9999, 12, 31)))
        }
    }

    @Suite("Announcement.contentHash")
    struct ContentHash {
        static let base = Announcement(id: "a", title: "Title", body: "Body", file: "a.md")

        @Test func isTheSHA256OfTitleNewlineBody() {
            #expect(Self.base.contentHash == "b93e9074bf0f60db9ff2f517fe8ce3ce2f29aec3e00989a2c1a8a727005bffc2")
        }

        @Test(arguments: [
            ("Title", "Body changed"),
            ("Title changed", "Body"),
            ("Title\nBody", ""),
            ("Title ", "Body"),
        ])
        func changesWithTheText(title: String, body: String) {
            #expect(Announcement(id: "a", title: title, body: body, file: "a.md").contentHash != Self.base.contentHash)
        }

        @Test func ignoresEverythingButTheText() throws {
            let other = Announcement(
                id: "b", title: "Title", audience: AnnouncementAudience(types: [.msp], regions: ["emea"]), deliverTo: .members,
                requiresAck: false, remindAfter: nil, expires: AnnouncementsInput.date(2027, 1, 1), requiresCertification: "sales-pro",
                body: "Body", file: "b.md")
            #expect(other.contentHash == Self.base.contentHash)
            let parsedA = try AnnouncementsInput.parse(AnnouncementsInput.document(["id: a", "title: Title", "audience:", "  types: [si]"], body: "Body"))
            let parsedB = try AnnouncementsInput.parse(AnnouncementsInput.document(["id: a", "title: Title", "audience:", "  tiers: [elite]"], body: "Body"))
            #expect(parsedA.contentHash == parsedB.contentHash)
            #expect(parsedA.contentHash == Self.base.contentHash)
        }
    }
}
