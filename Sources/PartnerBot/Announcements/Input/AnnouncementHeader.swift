import Foundation
import Yams

/// The validated front matter of an announcement file.
///
/// Lines in its errors are lines of the YAML text (1 = the line after the opening `---`); line 0
/// stands for the opening `---` itself, used for keys that are missing altogether.
/// ``AnnouncementParser`` turns them into file lines.
struct AnnouncementHeader: Equatable {
    var id: String
    var idLine: Int?
    var title: String
    var audience: AnnouncementAudience
    var deliverTo: AnnouncementDelivery
    var requiresAck: Bool
    var remindAfter: Duration?
    var expires: CalendarDate?
    var requiresCertification: String?
    var incentive: SpiffTerms?

    /// The keys an announcement's front matter may have.
    static let keys: Set<String> = [
        "id", "title", "audience", "deliver_to", "requires_ack", "remind_after", "expires", "requires_certification", "incentive",
    ]
    /// The keys of `audience`.
    static let audienceKeys: Set<String> = ["types", "tiers", "regions", "orgs"]
    /// The longest title (a Slack header block's limit).
    static let maximumTitleLength = 150

    /// Validates the YAML between the delimiters.
    /// - Throws: `YAMLFileError` with a YAML-relative line (see the type's note).
    static func parse(yaml: String, file: String, rules: AnnouncementRules) throws(YAMLFileError) -> AnnouncementHeader {
        let root: YAMLValue
        do {
            root = try YAMLValue.parse(yaml, file: file)
        } catch {
            var located = error
            located.line = located.line ?? duplicateKeyLine(in: yaml) ?? 0
            throw located
        }
        let keys = try root.mapping(allowed: Self.keys)
        func present(_ key: String) -> YAMLValue? { keys[key].flatMap { $0.isNull ? nil : $0 } }
        guard let idValue = present("id") else { throw missing("id", in: root, example: "id: q3-takeout-spiff") }
        guard let titleValue = present("title") else { throw missing("title", in: root, example: "title: \"Q3 takeout SPIFF\"") }
        var header = AnnouncementHeader(
            id: try id(idValue), idLine: idValue.line, title: try title(titleValue), audience: .everyone, deliverTo: .channel, requiresAck: true)
        if let value = keys["audience"] {
            header.audience = try audience(value, keyLine: keyLine("audience", in: root), rules: rules)
        }
        if let value = present("deliver_to") { header.deliverTo = try delivery(value) }
        if let value = present("requires_ack") {
            guard let flag = value.node.bool else {
                throw value.error("must be true or false, got \"\(echo(value.node.string ?? "a list or mapping"))\"")
            }
            header.requiresAck = flag
        }
        if let value = present("remind_after") { header.remindAfter = try reminder(value, requiresAck: header.requiresAck) }
        if let value = present("expires") { header.expires = try expiry(value, rules: rules) }
        if let value = present("requires_certification") { header.requiresCertification = try certification(value, rules: rules) }
        if let value = present("incentive") { header.incentive = try incentive(value) }
        return header
    }

    private static func id(_ value: YAMLValue) throws(YAMLFileError) -> String {
        let id = try value.string()
        guard ConfigurationLoader.isSlug(id) else {
            throw value.error("bad id \"\(echo(id))\": use 1–64 lowercase letters, digits, - or _, e.g. q3-takeout-spiff")
        }
        return id
    }

    private static func title(_ value: YAMLValue) throws(YAMLFileError) -> String {
        let title = try value.string().trimmingWhitespace()
        guard !title.isEmpty else { throw value.error("the title must not be empty") }
        guard !title.contains(where: \.isNewline) else { throw value.error("the title must be one line") }
        let titleLength = title.unicodeScalars.count
        guard titleLength <= maximumTitleLength else {
            throw value.error("the title is \(titleLength) characters; Slack headers allow at most \(maximumTitleLength): shorten it")
        }
        return title
    }

    private static func delivery(_ value: YAMLValue) throws(YAMLFileError) -> AnnouncementDelivery {
        let text = try value.string()
        guard let delivery = AnnouncementDelivery(rawValue: text.lowercased()) else {
            throw value.error(
                "must be channel (each organisation's shared channel) or members (a direct message to each member), got \"\(echo(text))\"")
        }
        return delivery
    }

    private static func reminder(_ value: YAMLValue, requiresAck: Bool) throws(YAMLFileError) -> Duration {
        let text = try value.string()
        guard let duration = DurationText.parse(text) else {
            throw value.error("bad duration \"\(echo(text))\": write a duration such as 72h, 3d, 1w or 90m (or combined, like 1d12h)")
        }
        guard requiresAck else {
            throw value.error("a reminder goes to targets that have not acknowledged, so it needs requires_ack: true; remove remind_after or set requires_ack: true")
        }
        return duration
    }

    private static func expiry(_ value: YAMLValue, rules: AnnouncementRules) throws(YAMLFileError) -> CalendarDate {
        let text = try value.string()
        guard let date = CalendarDate(iso: text) else {
            throw value.error("bad date \"\(echo(text))\": write the last valid day as YYYY-MM-DD, e.g. 2027-09-30")
        }
        guard date >= rules.today else {
            throw value.error("\(date) is in the past (today is \(rules.today)); a past expires would never be delivered: use today or a later day, or retire the file")
        }
        return date
    }

    private static func certification(_ value: YAMLValue, rules: AnnouncementRules) throws(YAMLFileError) -> String {
        let track = try value.string()
        guard rules.tracks.contains(track) else {
            let known = rules.tracks.isEmpty ? "no tracks are configured" : "known tracks: \(rules.tracks.joined(separator: ", "))"
            throw value.error("unknown certification track \"\(echo(track))\" (\(known))")
        }
        return track
    }

    /// Validates `audience`: each key a list (or a single value), at least one non-empty.
    private static func audience(_ value: YAMLValue, keyLine: Int?, rules: AnnouncementRules) throws(YAMLFileError) -> AnnouncementAudience {
        let empty = YAMLFileError(
            file: value.file, line: keyLine ?? value.line, key: "audience",
            message: "empty audience: list at least one of types, tiers, regions or orgs, or remove audience to target all partners")
        if value.isNull { throw empty }
        let fields = try value.mapping(allowed: audienceKeys)
        var audience = AnnouncementAudience()
        for item in try items(fields["types"]) {
            let text = try item.string()
            guard let kind = PartnerOrg.Kind(rawValue: text.lowercased()) else {
                let known = PartnerOrg.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw item.error("unknown partner type \"\(echo(text))\" (known types: \(known))")
            }
            audience.types.insert(kind)
        }
        let tiers = rules.tiers.map { $0.lowercased() }
        for item in try items(fields["tiers"]) {
            let text = try item.string()
            guard tiers.contains(text.lowercased()) else {
                throw item.error("unknown tier \"\(echo(text))\" (known tiers: \(tiers.joined(separator: ", ")))")
            }
            audience.tiers.insert(text.lowercased())
        }
        for item in try items(fields["regions"]) {
            let text = try item.string().lowercased()
            guard ConfigurationLoader.isSlug(text) else {
                throw item.error("\"\(echo(text))\" is not a region slug (lowercase letters, digits, - and _, e.g. emea)")
            }
            audience.regions.insert(text)
        }
        for item in try items(fields["orgs"]) {
            let text = try item.string().lowercased()
            guard ConfigurationLoader.isSlug(text) else {
                throw item.error("\"\(echo(text))\" is not an organisation slug (lowercase letters, digits, - and _, e.g. acme-resell)")
            }
            audience.orgs.insert(text)
        }
        guard !audience.isEveryone else { throw empty }
        return audience
    }

    /// A list's items; a single value counts as a list of one, and an empty value as no items.
    private static func items(_ value: YAMLValue?) throws(YAMLFileError) -> [YAMLValue] {
        guard let value, !value.isNull else { return [] }
        if case .scalar = value.node { return [value] }
        return try value.array()
    }

    /// The line of `key` itself in a mapping (a value's own line can differ, e.g. when empty).
    private static func keyLine(_ key: String, in value: YAMLValue) -> Int? {
        guard case .mapping(let mapping) = value.node else { return nil }
        return mapping.first { $0.key.string == key }?.key.mark?.line
    }

    /// `YAMLValue` reports duplicated keys without a line; Yams' error has the key's mark.
    private static func duplicateKeyLine(in yaml: String) -> Int? {
        do {
            _ = try Yams.compose(yaml: yaml)
        } catch let YamlError.duplicatedKeysInMapping(_, context) {
            return context.mark.line
        } catch {}
        return nil
    }

    /// A required key that is empty (reported on its line) or absent (on the opening `---`, line 0).
    private static func missing(_ key: String, in root: YAMLValue, example: String) -> YAMLFileError {
        YAMLFileError(
            file: root.file, line: keyLine(key, in: root) ?? 0, key: key,
            message: "missing \(key): add a line such as `\(example)` to the front matter")
    }

    /// A value quoted in a message, cut to a readable length.
    static func echo(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
