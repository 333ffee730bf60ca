import CRM
import Foundation

/// A secret from the configuration (a CRM token, client secret or webhook secret): its
/// `description` is redacted so it never reaches a log line, an error or a reply.
public struct ConfiguredSecret: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The secret as configured.
    public let text: String

    /// Creates a secret; `nil` for empty or blank text (that is no secret).
    public init?(_ text: String) {
        guard !text.allSatisfy(\.isWhitespace) else { return nil }
        self.text = text
    }

    public var description: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}

/// The CRM partnerbot keeps in step (`crm` in the configuration): which one, how deal fields and
/// stages are named there, and its credentials.
public struct CRMConfiguration: Sendable, Equatable {
    /// HubSpot: a private app's access token, and the app's client secret for webhook signatures.
    public struct HubSpot: Sendable, Equatable {
        /// The API base URL.
        public var apiURL = "https://api.hubapi.com"
        /// The private app access token (`HUBSPOT_TOKEN`).
        public var token: ConfiguredSecret?
        /// The app's client secret, which signs webhook deliveries (`HUBSPOT_CLIENT_SECRET`).
        public var clientSecret: ConfiguredSecret?
        /// The deal property (unique values) that holds the registration reference.
        public var idProperty = "partnerbot_registration_id"
    }

    /// Salesforce: a connected app with the client credentials flow, or the JWT bearer flow.
    public struct Salesforce: Sendable, Equatable {
        /// The login (token) URL: `https://login.salesforce.com`, `https://test.salesforce.com`
        /// for sandboxes, or the org's My Domain URL.
        public var loginURL = "https://login.salesforce.com"
        /// The REST API version.
        public var apiVersion = "v62.0"
        /// The external id field (Text, External ID, Unique) that holds the registration reference.
        public var externalIDField = "Partnerbot_Registration_Id__c"
        /// The connected app's consumer key (`SALESFORCE_CLIENT_ID`).
        public var clientID: String?
        /// Its consumer secret, for the client credentials flow (`SALESFORCE_CLIENT_SECRET`).
        public var clientSecret: ConfiguredSecret?
        /// The user the JWT bearer flow acts as (`SALESFORCE_USERNAME`).
        public var username: String?
        /// The PEM private key file for the JWT bearer flow (`SALESFORCE_PRIVATE_KEY_FILE`).
        public var privateKeyFile: String?
    }

    /// Which CRM.
    public var provider: CRMProvider
    /// The CRM object deals are written to (HubSpot `deals`; Salesforce `Opportunity` or a
    /// custom object).
    public var object: String
    /// Field and stage names.
    public var mapping: CRMMapping
    /// Pushes and retries.
    public var sync = CRMSyncSettings()
    /// The secret of the generic signed webhook (`POST /crm/webhook`), when offered
    /// (`PARTNERBOT_CRM_WEBHOOK_SECRET`).
    public var webhookSecret: ConfiguredSecret?
    /// HubSpot's settings (with `provider: hubspot`).
    public var hubspot = HubSpot()
    /// Salesforce's settings (with `provider: salesforce`).
    public var salesforce = Salesforce()

    /// A configuration with the CRM's defaults.
    public init(provider: CRMProvider) {
        self.provider = provider
        self.object = provider == .hubspot ? "deals" : "Opportunity"
        self.mapping = .defaults(for: provider)
    }
}
