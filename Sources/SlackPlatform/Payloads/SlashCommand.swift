import Foundation

/// A slash command invocation as posted by the platform (SLACK.md §2).
///
/// Only signed fields are kept; `user_name` is deliberately dropped (never trust it for identity).
public struct SlashCommand: Sendable, Equatable {
    /// The command, e.g. `/register`.
    public var command: String
    /// Everything the user typed after the command.
    public var text: String
    /// The workspace the command was run from.
    public var teamID: String
    /// The Enterprise Grid organisation, when there is one.
    public var enterpriseID: String?
    /// The channel the command was run in.
    public var channelID: String
    /// The user who ran it.
    public var userID: String
    /// Where delayed replies go (up to 5 times within 30 minutes).
    public var responseURL: String?
    /// Opens a modal within 3 s, once.
    public var triggerID: String?
    /// The app the command belongs to.
    public var apiAppID: String?
    /// Whether the command came through an organisation-wide (Enterprise Grid) installation.
    public var isEnterpriseInstall: Bool

    /// Creates a command value.
    public init(
        command: String, text: String, teamID: String, enterpriseID: String? = nil, channelID: String,
        userID: String, responseURL: String? = nil, triggerID: String? = nil, apiAppID: String? = nil, isEnterpriseInstall: Bool = false
    ) {
        self.command = command
        self.text = text
        self.teamID = teamID
        self.enterpriseID = enterpriseID
        self.channelID = channelID
        self.userID = userID
        self.responseURL = responseURL
        self.triggerID = triggerID
        self.apiAppID = apiAppID
        self.isEnterpriseInstall = isEnterpriseInstall
    }

    /// Decodes the form body of a slash command request.
    /// - Throws: `PayloadError.missingField` when `command`, `team_id`, `user_id` or `channel_id` is absent.
    public init(form: FormBody) throws(PayloadError) {
        func required(_ name: String) throws(PayloadError) -> String {
            guard let value = form[name], !value.isEmpty else { throw .missingField(name) }
            return value
        }
        func optional(_ name: String) -> String? {
            guard let value = form[name], !value.isEmpty else { return nil }
            return value
        }
        self.init(
            command: try required("command"),
            text: form["text"] ?? "",
            teamID: try required("team_id"),
            enterpriseID: optional("enterprise_id"),
            channelID: try required("channel_id"),
            userID: try required("user_id"),
            responseURL: optional("response_url"),
            triggerID: optional("trigger_id"),
            apiAppID: optional("api_app_id"),
            isEnterpriseInstall: form["is_enterprise_install"] == "true"
        )
    }

    /// The form body the platform would send for this command.
    public var form: FormBody {
        var fields: [(name: String, value: String)] = [
            ("team_id", teamID), ("channel_id", channelID), ("user_id", userID),
            ("command", command), ("text", text),
        ]
        if let enterpriseID { fields.append(("enterprise_id", enterpriseID)) }
        if let responseURL { fields.append(("response_url", responseURL)) }
        if let triggerID { fields.append(("trigger_id", triggerID)) }
        if let apiAppID { fields.append(("api_app_id", apiAppID)) }
        if isEnterpriseInstall { fields.append(("is_enterprise_install", "true")) }
        return FormBody(fields: fields)
    }
}

extension SlashCommand {
    /// Decodes a slash command delivered as a JSON object of its fields (Socket Mode's
    /// `slash_commands` payload); the same fields as the form body, and the same checks.
    /// - Throws: `PayloadError.invalidJSON` for anything but an object, `PayloadError.missingField` as `init(form:)`.
    public init(jsonObject bytes: [UInt8]) throws(PayloadError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw .invalidJSON("slash command payload is not a JSON object")
        }
        var fields: [(name: String, value: String)] = []
        for (name, value) in object {
            switch value {
            case let text as String: fields.append((name, text))
            case let flag as Bool: fields.append((name, flag ? "true" : "false"))
            case let number as NSNumber: fields.append((name, number.stringValue))
            default: continue
            }
        }
        try self.init(form: FormBody(fields: fields))
    }
}
