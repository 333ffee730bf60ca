import Foundation

/// Turns announcement files (Markdown with YAML front matter) into validated ``Announcement``s.
///
/// A file starts with a `---` line, then YAML keys, then a closing `---`, then the body in Slack
/// mrkdwn:
///
/// ```text
/// ---
/// id: q3-takeout-spiff
/// title: "Q3 competitive takeout SPIFF"
/// audience:
///   types: [reseller, si]      # PartnerOrg.Kind values; any when absent
///   tiers: [select, elite]     # configured tiers
///   regions: [emea, na]        # region slugs
///   orgs: [acme-resell]        # organisation slugs
/// deliver_to: channel          # channel (default) | members
/// requires_ack: true           # default true
/// remind_after: 72h            # 90m, 72h, 3d, 1w, 1d12h; no reminder when absent
/// expires: 2027-09-30          # last valid day
/// requires_certification: sales-pro
/// ---
/// *Body* in Slack mrkdwn…
/// ```
///
/// Without `audience` the announcement targets all partners. Within one audience key the values
/// are alternatives; the keys combine. ``parse(_:file:rules:)`` is pure; only
/// ``loadAll(directory:rules:)`` reads files.
public enum AnnouncementParser {
    /// The longest body: Slack's limit for the text of one section block.
    public static let maximumBodyLength = 3_000

    /// Parses one file's text.
    ///
    /// Problems are reported one at a time, in file order of concern: the front matter's
    /// delimiters, the YAML, unknown keys, then `id`, `title`, `audience`, `deliver_to`,
    /// `requires_ack`, `remind_after`, `expires`, `requires_certification`, and the body.
    /// - Parameters:
    ///   - text: The whole file.
    ///   - file: Its path, kept in the announcement and in errors.
    ///   - rules: The tiers, certification tracks and day to validate against.
    /// - Returns: The validated announcement.
    /// - Throws: `YAMLFileError` with the file, the 1-based line in the whole file (the front
    ///   matter's first key is on line 2), the key (dotted, e.g. `audience.tiers[1]`; `body` for
    ///   the body) and a message saying what to write instead. A missing key is reported on its
    ///   own line when it is present but empty, otherwise on line 1.
    public static func parse(_ text: String, file: String, rules: AnnouncementRules) throws(YAMLFileError) -> Announcement {
        try parseLocated(text, file: file, rules: rules).announcement
    }

    /// An announcement with the file line of its `id`, for reporting duplicates.
    struct Located {
        var announcement: Announcement
        var idLine: Int?
    }

    /// ``parse(_:file:rules:)``, also returning the line of the `id`.
    static func parseLocated(_ text: String, file: String, rules: AnnouncementRules) throws(YAMLFileError) -> Located {
        let document = try AnnouncementFrontMatter.split(text, file: file)
        let header: AnnouncementHeader
        do {
            header = try AnnouncementHeader.parse(yaml: document.yaml, file: file, rules: rules)
        } catch {
            var located = error
            located.line = document.fileLine(ofYAMLLine: error.line ?? 0)
            throw located
        }
        let body = document.body.trimmingWhitespace()
        guard !body.isEmpty else {
            throw YAMLFileError(
                file: file, line: document.closingLine, key: "body",
                message: "empty body: write the message, in Slack mrkdwn, after the closing `---`")
        }
        let length = body.unicodeScalars.count
        guard length <= maximumBodyLength else {
            throw YAMLFileError(
                file: file, line: document.bodyFirstLine, key: "body",
                message: "the body is \(length) characters; Slack allows at most \(maximumBodyLength) in one message section: shorten it or link to the details")
        }
        let announcement = Announcement(
            id: header.id, title: header.title, audience: header.audience, deliverTo: header.deliverTo,
            requiresAck: header.requiresAck, remindAfter: header.remindAfter, expires: header.expires,
            requiresCertification: header.requiresCertification, incentive: header.incentive, body: body, file: file)
        return Located(announcement: announcement, idLine: header.idLine.map(document.fileLine(ofYAMLLine:)))
    }

    /// Parses already-read files in order, collecting every file's error. An id already used by
    /// an earlier file is an error on the later file naming both; the earlier one is kept.
    /// - Parameters:
    ///   - files: Each file's path and text.
    ///   - rules: What to validate against.
    static func parseAll(_ files: [(file: String, text: String)], rules: AnnouncementRules) -> (announcements: [Announcement], errors: [YAMLFileError]) {
        var announcements: [Announcement] = []
        var errors: [YAMLFileError] = []
        var fileByID: [String: String] = [:]
        for (file, text) in files {
            do {
                let located = try parseLocated(text, file: file, rules: rules)
                let id = located.announcement.id
                if let first = fileByID[id] {
                    errors.append(
                        YAMLFileError(
                            file: file, line: located.idLine, key: "id",
                            message: "duplicate id \(id): \(first) already uses it; give each announcement its own id"))
                    continue
                }
                fileByID[id] = file
                announcements.append(located.announcement)
            } catch {
                errors.append(error)
            }
        }
        return (announcements, errors)
    }
}
