import Foundation
import SlackPlatform

/// Builds a `BotConfiguration` from the embedded defaults, a YAML file, the environment and flags.
public struct ConfigurationLoader: Sendable {
    /// Values given on the command line; they win over everything else.
    public struct Overrides: Sendable, Equatable {
        /// `--host`.
        public var host: String?
        /// `--port`.
        public var port: Int?
        /// `--database`: a SQLite file, or a `postgres://` address.
        public var databasePath: String?
        /// `--dev`.
        public var devMode = false

        /// Creates overrides.
        public init(host: String? = nil, port: Int? = nil, databasePath: String? = nil, devMode: Bool = false) {
            self.host = host
            self.port = port
            self.databasePath = databasePath
            self.devMode = devMode
        }
    }

    /// The default location of the YAML file, relative to the working directory.
    public static let defaultPath = "Config/partnerbot.yaml"

    let environment: [String: String]
    private let readFile: @Sendable (String) -> String?

    /// Creates a loader.
    /// - Parameters:
    ///   - environment: The process environment (injected so tests never `setenv`).
    ///   - readFile: Reads a text file, `nil` when it does not exist.
    public init(
        environment: [String: String],
        readFile: @escaping @Sendable (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    ) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Loads the configuration.
    /// - Parameters:
    ///   - path: `--config`, when given; else `PARTNERBOT_CONFIG`; else `Config/partnerbot.yaml` if present.
    ///   - overrides: Command-line flags.
    /// - Throws: `ConfigurationError` naming the file, key or variable at fault.
    public func load(path: String? = nil, overrides: Overrides = Overrides()) throws(ConfigurationError) -> BotConfiguration {
        var configuration = BotConfiguration()
        let explicit = path ?? nonEmpty(environment["PARTNERBOT_CONFIG"])
        if let explicit {
            guard let text = readFile(explicit) else { throw .fileUnreadable(explicit) }
            try apply(yaml: text, file: explicit, to: &configuration)
        } else if let text = readFile(Self.defaultPath) {
            try apply(yaml: text, file: Self.defaultPath, to: &configuration)
        }
        try applyEnvironment(to: &configuration)
        if let host = overrides.host { configuration.server.host = host }
        if let port = overrides.port { configuration.server.port = try Self.port(port, name: "--port") }
        if let database = overrides.databasePath { try Self.selectDatabase(database, name: "--database", in: &configuration) }
        configuration.devMode = configuration.devMode || overrides.devMode
        try Self.validateOAuth(configuration)
        try Self.validateCRM(configuration.crm)
        return configuration
    }

    /// An app-level token, checked for its `xapp-` prefix (the value is never echoed).
    static func appToken(_ text: String, name: String) throws(ConfigurationError) -> String {
        guard text.hasPrefix("xapp-") else {
            throw .invalidValue(name: name, why: "must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)")
        }
        return text
    }

    private func applyEnvironment(to configuration: inout BotConfiguration) throws(ConfigurationError) {
        if let secret = environment["SLACK_SIGNING_SECRET"] { configuration.slack.signingSecret = SigningSecret(secret) }
        if let token = nonEmpty(environment["SLACK_BOT_TOKEN"]) { configuration.slack.botToken = token }
        if let token = nonEmpty(environment["SLACK_APP_TOKEN"]) { configuration.slack.appToken = try Self.appToken(token, name: "SLACK_APP_TOKEN") }
        if let url = nonEmpty(environment["SLACK_API_URL"]) {
            configuration.slack.apiURL = try Self.apiURL(url, name: "SLACK_API_URL")
        }
        if let path = nonEmpty(environment["PARTNERBOT_DATABASE"]) { try Self.selectDatabase(path, name: "PARTNERBOT_DATABASE", in: &configuration) }
        if let url = nonEmpty(environment["PARTNERBOT_DATABASE_URL"]) {
            do {
                configuration.database.url = try PostgresURL(url)
            } catch {
                throw .invalidValue(name: "PARTNERBOT_DATABASE_URL", why: error.reason)
            }
        }
        if let host = nonEmpty(environment["PARTNERBOT_HOST"]) { configuration.server.host = host }
        if let port = nonEmpty(environment["PARTNERBOT_PORT"]) {
            guard let number = Int(port) else { throw .invalidValue(name: "PARTNERBOT_PORT", why: "must be a port number, got \"\(port)\"") }
            configuration.server.port = try Self.port(number, name: "PARTNERBOT_PORT")
        }
        if let managers = nonEmpty(environment["PARTNERBOT_MANAGERS"]) {
            configuration.roles.managers = try Self.userIDList(managers, name: "PARTNERBOT_MANAGERS")
        }
        if let marketing = nonEmpty(environment["PARTNERBOT_MARKETING"]) {
            configuration.roles.marketing = try Self.userIDList(marketing, name: "PARTNERBOT_MARKETING")
        }
        if let channel = nonEmpty(environment["PARTNERBOT_MANAGERS_CHANNEL"]) { configuration.managersChannel = channel }
        try applyOAuthEnvironment(to: &configuration)
        try applyCRMEnvironment(to: &configuration)
        if nonEmpty(environment["PARTNERBOT_DEV"]).map({ ["1", "true", "yes"].contains($0.lowercased()) }) == true {
            configuration.devMode = true
        }
    }

    private func apply(yaml: String, file: String, to configuration: inout BotConfiguration) throws(ConfigurationError) {
        do {
            try Self.apply(document: YAMLValue.parse(yaml, file: file), to: &configuration)
            configuration.source = file
        } catch {
            throw .invalidFile(error)
        }
    }

    private static func apply(document: YAMLValue, to configuration: inout BotConfiguration) throws(YAMLFileError) {
        let root = try document.mapping(allowed: [
            "server", "slack", "database", "commands", "outbox", "dev", "policy", "roles", "channels", "tiers", "certifications", "alerts", "announcements",
            "crm", "tier_criteria", "incentives",
        ])
        try applyServer(root, to: &configuration)
        try applySlack(root, to: &configuration)
        try applyStorage(root, to: &configuration)
        if let dev = root["dev"] { configuration.devMode = try dev.bool() }
        try applyProgram(root, to: &configuration)
        try applyTracks(root, to: &configuration)
        try applyTierCriteria(root, to: &configuration)
        try applyIncentives(root, to: &configuration)
        try applyAlerts(root, to: &configuration)
        try applyCRM(root, to: &configuration)
    }

    private static func applyProgram(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        if let policy = try root["policy"]?.mapping(allowed: [
            "protection_days", "approval_sla_hours", "extension_days", "max_extensions", "require_certification_to_register", "stages",
        ]) {
            if let value = policy["protection_days"] { configuration.policy.protectionDays = try value.int(in: 60...90) }
            if let value = policy["approval_sla_hours"] { configuration.policy.approvalSLAHours = try value.int(in: 1...720) }
            if let value = policy["extension_days"] { configuration.policy.extensionDays = try value.int(in: 1...365) }
            if let value = policy["max_extensions"] { configuration.policy.maxExtensions = try value.int(in: 0...12) }
            if let value = policy["require_certification_to_register"] { configuration.policy.requireCertificationToRegister = try value.bool() }
            if let value = policy["stages"] {
                let stages = try value.stringArray().map { $0.lowercased() }
                guard !stages.isEmpty, Set(stages).count == stages.count else { throw value.error("must be a non-empty list of distinct stage names") }
                guard stages.allSatisfy(isSlug) else { throw value.error("stage names use lowercase letters, digits, - and _") }
                guard Set(stages).isDisjoint(with: ["won", "lost", "expired"]) else { throw value.error("won, lost and expired are outcomes, not stages") }
                configuration.policy.stages = stages
            }
        }
        if let roles = try root["roles"]?.mapping(allowed: ["managers", "marketing"]) {
            if let value = roles["managers"] { configuration.roles.managers = try userIDs(value) }
            if let value = roles["marketing"] { configuration.roles.marketing = try userIDs(value) }
        }
        if let channels = try root["channels"]?.mapping(allowed: ["managers"]) {
            if let value = channels["managers"], !value.isNull { configuration.managersChannel = try value.string() }
        }
        if let value = root["tiers"] {
            let tiers = try value.stringArray().map { $0.lowercased() }
            guard !tiers.isEmpty, Set(tiers).count == tiers.count, tiers.allSatisfy(isSlug) else {
                throw value.error("must be a non-empty list of distinct tier names (lowercase letters, digits, - and _)")
            }
            configuration.tiers = tiers
        }
    }

    private static func applyTracks(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        guard let certifications = try root["certifications"]?.mapping(allowed: ["tracks"]), let list = certifications["tracks"] else { return }
        var tracks: [CertificationTrack] = []
        for item in try list.array() {
            let fields = try item.mapping(allowed: ["id", "name", "type", "level", "valid_months", "recert_window_days", "prerequisite"])
            guard let idValue = fields["id"], let nameValue = fields["name"], let typeValue = fields["type"] else {
                throw item.error("a track needs id, name and type")
            }
            let id = try idValue.string()
            guard isSlug(id) else { throw idValue.error("track ids use lowercase letters, digits, - and _") }
            guard !tracks.contains(where: { $0.id == id }) else { throw idValue.error("track \(id) is defined twice") }
            let typeText = try typeValue.string()
            guard let type = CertificationTrack.Kind(rawValue: typeText) else {
                throw typeValue.error("must be one of \(CertificationTrack.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(typeText)\"")
            }
            var track = CertificationTrack(id: id, name: try nameValue.string(), type: type)
            if let level = fields["level"], !level.isNull { track.level = try level.string() }
            if let months = fields["valid_months"] { track.validMonths = try months.int(in: 1...120) }
            if let window = fields["recert_window_days"] { track.recertWindowDays = try window.int(in: 0...365) }
            if let prerequisite = fields["prerequisite"], !prerequisite.isNull { track.prerequisite = try prerequisite.string() }
            tracks.append(track)
        }
        for (index, track) in tracks.enumerated() {
            guard let prerequisite = track.prerequisite else { continue }
            guard tracks.contains(where: { $0.id == prerequisite }), prerequisite != track.id else {
                throw try list.array()[index].error("prerequisite \(prerequisite) of \(track.id) is not a track")
            }
        }
        configuration.tracks = tracks
    }

    static func dayList(_ value: YAMLValue) throws(YAMLFileError) -> [Int] {
        var days: [Int] = []
        for item in try value.array() { days.append(try item.int(in: 1...365)) }
        guard !days.isEmpty, Set(days).count == days.count else { throw value.error("must be a non-empty list of distinct day counts, e.g. [7, 1]") }
        return days.sorted(by: >)
    }

    private static func userIDs(_ value: YAMLValue) throws(YAMLFileError) -> [String] {
        let ids = try value.stringArray()
        for id in ids where !isUserID(id) {
            throw value.error("\"\(id)\" is not a Slack user id (like U012ABCDEF)")
        }
        return ids
    }

    private static func userIDList(_ text: String, name: String) throws(ConfigurationError) -> [String] {
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for id in ids where !isUserID(id) {
            throw .invalidValue(name: name, why: "must be comma-separated Slack user ids (like U012ABCDEF), got \"\(id)\"")
        }
        return ids
    }

    static func isUserID(_ text: String) -> Bool {
        guard let first = text.first, first == "U" || first == "W", (3...32).contains(text.count) else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private static func port(_ value: Int, name: String) throws(ConfigurationError) -> Int {
        guard (0...65535).contains(value) else { throw .invalidValue(name: name, why: "must be between 0 and 65535, got \(value)") }
        return value
    }

    static func apiURL(_ text: String, name: String) throws(ConfigurationError) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", components.host?.isEmpty == false
        else {
            throw .invalidValue(name: name, why: "must be an http(s) URL such as https://slack.com/api/, got \"\(text)\"")
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// A database named on the command line or in `PARTNERBOT_DATABASE`: a `postgres://` address
    /// selects PostgreSQL, anything else is a SQLite file (and deselects a configured server).
    static func selectDatabase(_ text: String, name: String, in configuration: inout BotConfiguration) throws(ConfigurationError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            configuration.database.path = text
            configuration.database.url = nil
            return
        }
        do {
            configuration.database.url = try PostgresURL(text)
        } catch {
            throw .invalidValue(name: name, why: error.reason)
        }
    }

    func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}
