import Testing
@testable import PartnerBot

/// Pure announcement-file input: front matter, validation, audiences, durations, and the real
/// files in `Announcements/`. The suites are nested here so `swift test --filter
/// AnnouncementsInput` runs exactly them.
@Suite("Announcements input")
struct AnnouncementsInput {
    /// The fixed "today" every test uses.
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// The default configuration's tiers and certification tracks.
    static let rules = AnnouncementRules(
        tiers: ["registered", "select", "elite"],
        tracks: ["product-fundamentals", "sales-pro", "technical-associate", "technical-professional"],
        today: today)

    /// A date from literal parts known to be valid.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    /// A file with these front-matter lines and body: `frontMatter[i]` is on file line `i + 2`.
    static func document(_ frontMatter: [String], body: String = "*Hello* partners.") -> String {
        (["---"] + frontMatter + ["---", body]).joined(separator: "\n")
    }

    /// The smallest valid front matter.
    static let minimal = ["id: portal-news", "title: Portal news"]

    static func parse(_ text: String, file: String = "Announcements/test.md") throws(YAMLFileError) -> Announcement {
        try AnnouncementParser.parse(text, file: file, rules: rules)
    }
}
