import Foundation

/// A `view_submission` payload: a modal was submitted.
public struct ViewSubmission: Sendable, Equatable, Codable {
    /// The submitting user.
    public var user: InteractionUser
    /// The workspace of the installation.
    public var team: TeamReference?
    /// The Enterprise Grid organisation, when any.
    public var enterprise: EnterpriseReference?
    /// The submitted view.
    public var view: View
    /// Whether the submission came through an organisation-wide (Enterprise Grid) installation.
    public var isEnterpriseInstall: Bool

    /// The submitting user's team: `user.team_id`, falling back to `team.id`.
    public var actingTeamID: String? { user.teamID ?? team?.id }

    /// Creates a submission value.
    public init(
        user: InteractionUser, team: TeamReference? = nil, enterprise: EnterpriseReference? = nil, view: View, isEnterpriseInstall: Bool = false
    ) {
        self.user = user
        self.team = team
        self.enterprise = enterprise
        self.view = view
        self.isEnterpriseInstall = isEnterpriseInstall
    }

    /// The submitted modal.
    public struct View: Sendable, Equatable, Codable {
        /// Identifies which modal this is.
        public var callbackID: String
        /// Opaque state the app put in the modal.
        public var privateMetadata: String?
        /// Field values: block id → action id → value (text, selected option or date).
        public var values: [String: [String: String]]

        /// Creates a view value.
        public init(callbackID: String, privateMetadata: String? = nil, values: [String: [String: String]]) {
            self.callbackID = callbackID
            self.privateMetadata = privateMetadata
            self.values = values
        }

        enum CodingKeys: String, CodingKey {
            case callbackID = "callback_id"
            case privateMetadata = "private_metadata"
            case state
        }

        struct State: Codable {
            var values: [String: [String: Element]]
        }

        struct Element: Codable {
            var type: String?
            var value: String?
            var selectedDate: String?
            var selectedOption: Option?

            struct Option: Codable { var value: String }

            enum CodingKeys: String, CodingKey {
                case type, value
                case selectedDate = "selected_date"
                case selectedOption = "selected_option"
            }

            var flattened: String? { value ?? selectedDate ?? selectedOption?.value }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            callbackID = try container.decode(String.self, forKey: .callbackID)
            privateMetadata = try container.decodeIfPresent(String.self, forKey: .privateMetadata)
            let state = try container.decodeIfPresent(State.self, forKey: .state)
            values = (state?.values ?? [:]).mapValues { $0.compactMapValues(\.flattened) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(callbackID, forKey: .callbackID)
            try container.encodeIfPresent(privateMetadata, forKey: .privateMetadata)
            let state = State(values: values.mapValues { $0.mapValues { Element(type: "plain_text_input", value: $0) } })
            try container.encode(state, forKey: .state)
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, user, team, enterprise, view
        case isEnterpriseInstall = "is_enterprise_install"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decode(InteractionUser.self, forKey: .user)
        team = try container.decodeIfPresent(TeamReference.self, forKey: .team)
        enterprise = try? container.decodeIfPresent(EnterpriseReference.self, forKey: .enterprise)
        view = try container.decode(View.self, forKey: .view)
        isEnterpriseInstall = (try? container.decodeIfPresent(Bool.self, forKey: .isEnterpriseInstall)) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("view_submission", forKey: .type)
        try container.encode(user, forKey: .user)
        try container.encodeIfPresent(team, forKey: .team)
        try container.encodeIfPresent(enterprise, forKey: .enterprise)
        try container.encode(view, forKey: .view)
        if isEnterpriseInstall { try container.encode(true, forKey: .isEnterpriseInstall) }
    }
}
