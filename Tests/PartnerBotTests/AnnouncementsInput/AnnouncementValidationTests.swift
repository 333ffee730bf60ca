import Testing
@testable import PartnerBot

extension AnnouncementsInput {
    @Suite("AnnouncementParser.parse errors")
    struct Validation {
        /// A file that must be refused, with where and why.
        struct Invalid: Sendable, CustomTestStringConvertible {
            var name: String
            var text: String
            var line: Int
            var key: String?
            var fragments: [String]

            var testDescription: String { name }

            /// A file of these front-matter lines (line `i + 2` each) and a body.
            init(_ name: String, _ frontMatter: [String], body: String = "Body", line: Int, key: String?, _ fragments: [String]) {
                self.init(name, text: AnnouncementsInput.document(frontMatter, body: body), line: line, key: key, fragments)
            }

            init(_ name: String, text: String, line: Int, key: String?, _ fragments: [String]) {
                self.name = name
                self.text = text
                self.line = line
                self.key = key
                self.fragments = fragments
            }
        }

        static let valid = AnnouncementsInput.minimal

        static let cases: [Invalid] = [
            // The delimiters.
            Invalid("no front matter", text: "id: x\ntitle: T\n---\nBody", line: 1, key: nil, ["missing front matter", "`---`"]),
            Invalid("empty file", text: "", line: 1, key: nil, ["missing front matter"]),
            Invalid("indented delimiter", text: " ---\nid: x\n---\nBody", line: 1, key: nil, ["missing front matter"]),
            Invalid("unterminated", text: "---\nid: x\ntitle: T\nBody", line: 1, key: nil, ["unterminated front matter", "line 1"]),
            // The YAML.
            // libyaml notices the unclosed list where the YAML ends: at the closing `---`.
            Invalid("unclosed list", valid + ["audience:", "  types: [reseller, si"], line: 6, key: nil, ["not valid YAML", "did not find expected"]),
            Invalid("bad indentation", ["id: x", "title: T", "  deliver_to: channel"], line: 4, key: nil, ["not valid YAML"]),
            Invalid("duplicated key", ["id: x", "title: T", "id: y"], line: 2, key: nil, ["not valid YAML", "duplicated keys: id"]),
            Invalid("not a mapping", ["- id: x"], line: 2, key: nil, ["expected a mapping"]),
            // Keys.
            Invalid("unknown key", valid + ["remind: 72h"], line: 4, key: "remind", ["unknown key", "remind_after"]),
            Invalid("unknown audience key", valid + ["audience:", "  types: [si]", "  tier: [elite]"], line: 6, key: "audience.tier", ["unknown key", "tiers"]),
            Invalid("missing id", ["title: T"], line: 1, key: "id", ["missing id", "id: q3-takeout-spiff"]),
            Invalid("empty id", ["id:", "title: T"], line: 2, key: "id", ["missing id"]),
            Invalid("empty front matter", [], line: 1, key: "id", ["missing id"]),
            Invalid("missing title", ["id: x"], line: 1, key: "title", ["missing title"]),
            Invalid("empty title", ["id: x", "title: \"  \""], line: 3, key: "title", ["must not be empty"]),
            Invalid("two-line title", ["id: x", "title: \"one\\ntwo\""], line: 3, key: "title", ["one line"]),
            Invalid("long title", ["id: x", "title: " + String(repeating: "t", count: 151)], line: 3, key: "title", ["151 characters", "at most 150"]),
            // id.
            Invalid("id with spaces", ["id: Q3 Takeout", "title: T"], line: 2, key: "id", ["bad id", "\"Q3 Takeout\"", "lowercase letters, digits, - or _"]),
            Invalid("id upper case", ["id: Q3-takeout", "title: T"], line: 2, key: "id", ["bad id"]),
            Invalid("id too long", ["id: " + String(repeating: "a", count: 65), "title: T"], line: 2, key: "id", ["bad id", "1–64"]),
            Invalid("id a list", ["id: [a, b]", "title: T"], line: 2, key: "id", ["expected text"]),
            // audience.
            Invalid("unknown type", valid + ["audience:", "  types: [reseller, vars]"], line: 5, key: "audience.types[1]",
                ["unknown partner type \"vars\"", "known types: referral, reseller, marketplace, si, msp, tech"]),
            Invalid("unknown tier", valid + ["audience:", "  tiers:", "    - select", "    - platinum"], line: 7, key: "audience.tiers[1]",
                ["unknown tier \"platinum\"", "known tiers: registered, select, elite"]),
            Invalid("bad region", valid + ["audience:", "  regions: [emea, north america]"], line: 5, key: "audience.regions[1]", ["not a region slug"]),
            Invalid("bad org", valid + ["audience:", "  orgs: \"acme resell\""], line: 5, key: "audience.orgs", ["not an organisation slug"]),
            Invalid("null audience", valid + ["audience:", "deliver_to: channel"], line: 4, key: "audience", ["empty audience", "remove audience"]),
            Invalid("empty lists", valid + ["audience:", "  types: []", "  tiers: []"], line: 4, key: "audience", ["empty audience"]),
            Invalid("empty mapping", valid + ["audience: {}"], line: 4, key: "audience", ["empty audience"]),
            Invalid("audience a list", valid + ["audience: [reseller]"], line: 4, key: "audience", ["expected a mapping"]),
            // deliver_to and requires_ack.
            Invalid("deliver_to email", valid + ["deliver_to: email"], line: 4, key: "deliver_to", ["channel", "members", "\"email\""]),
            Invalid("requires_ack maybe", valid + ["requires_ack: maybe"], line: 4, key: "requires_ack", ["true or false", "\"maybe\""]),
            // remind_after.
            Invalid("bad duration", valid + ["remind_after: soon"], line: 4, key: "remind_after", ["bad duration \"soon\"", "72h", "3d", "1w", "90m"]),
            Invalid("duration without unit", valid + ["remind_after: 72"], line: 4, key: "remind_after", ["bad duration"]),
            Invalid("zero duration", valid + ["remind_after: 0h"], line: 4, key: "remind_after", ["bad duration"]),
            Invalid("reminder without ack", valid + ["requires_ack: false", "remind_after: 72h"], line: 5, key: "remind_after", ["requires_ack: true"]),
            // expires.
            Invalid("past expires", valid + ["expires: 2026-11-21"], line: 4, key: "expires", ["2026-11-21 is in the past", "today is 2026-11-22", "a past expires"]),
            Invalid("unpadded date", valid + ["expires: 2027-9-30"], line: 4, key: "expires", ["bad date \"2027-9-30\"", "YYYY-MM-DD"]),
            Invalid("day-first date", valid + ["expires: 30/09/2027"], line: 4, key: "expires", ["bad date"]),
            Invalid("impossible date", valid + ["expires: 2027-02-29"], line: 4, key: "expires", ["bad date"]),
            // requires_certification.
            Invalid("unknown track", valid + ["requires_certification: sales-expert"], line: 4, key: "requires_certification",
                ["unknown certification track \"sales-expert\"", "known tracks: product-fundamentals, sales-pro, technical-associate, technical-professional"]),
            // The body.
            Invalid("no body", text: "---\nid: x\ntitle: T\n---", line: 4, key: "body", ["empty body"]),
            Invalid("blank body", valid, body: "\n   \n\t\n", line: 4, key: "body", ["empty body"]),
            Invalid("long body", valid, body: "\n\n" + String(repeating: "x", count: 3_001), line: 7, key: "body", ["3001 characters", "at most 3000"]),
        ]

        @Test(arguments: cases)
        func refuses(_ invalid: Invalid) {
            let file = "Announcements/bad.md"
            let error = #expect(throws: YAMLFileError.self) {
                try AnnouncementParser.parse(invalid.text, file: file, rules: AnnouncementsInput.rules)
            }
            guard let error else { return }
            #expect(error.file == file)
            #expect(error.line == invalid.line)
            #expect(error.key == invalid.key)
            for fragment in invalid.fragments {
                #expect(error.message.contains(fragment), "\(error.message) should contain \(fragment)")
            }
        }

        @Test func reportsTheFirstProblemInKeyOrder() {
            let text = AnnouncementsInput.document(["id: x", "title: T", "remind_after: soon", "expires: yesterday"])
            #expect(throws: YAMLFileError(
                file: "Announcements/test.md", line: 4, key: "remind_after",
                message: "bad duration \"soon\": write a duration such as 72h, 3d, 1w or 90m (or combined, like 1d12h)")
            ) {
                try AnnouncementsInput.parse(text)
            }
        }

        @Test func tiersFollowTheRules() throws {
            let rules = AnnouncementRules(tiers: ["Bronze", "Gold"], tracks: [], today: AnnouncementsInput.today)
            let text = AnnouncementsInput.document(AnnouncementsInput.minimal + ["audience:", "  tiers: [gold]"])
            #expect(try AnnouncementParser.parse(text, file: "a.md", rules: rules).audience.tiers == ["gold"])
            let elite = AnnouncementsInput.document(AnnouncementsInput.minimal + ["audience:", "  tiers: [elite]"])
            #expect(throws: YAMLFileError.self) { try AnnouncementParser.parse(elite, file: "a.md", rules: rules) }
            let track = AnnouncementsInput.document(AnnouncementsInput.minimal + ["requires_certification: sales-pro"])
            do {
                _ = try AnnouncementParser.parse(track, file: "a.md", rules: rules)
                Issue.record("an unknown track must be refused")
            } catch {
                #expect(error.message.contains("no tracks are configured"))
            }
        }
    }
}
