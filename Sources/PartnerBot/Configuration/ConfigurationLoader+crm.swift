import CRM
import Foundation

/// The `crm` section: `provider`, `object`, `fields` (bot field → CRM property, validated against
/// the bot's fields), `stages`, `webhook_secret`, `concurrency`, and the `hubspot` or
/// `salesforce` credentials; secrets usually come from the environment (`HUBSPOT_TOKEN`,
/// `HUBSPOT_CLIENT_SECRET`, `SALESFORCE_CLIENT_ID`, `SALESFORCE_CLIENT_SECRET`,
/// `SALESFORCE_USERNAME`, `SALESFORCE_PRIVATE_KEY_FILE`, `PARTNERBOT_CRM_WEBHOOK_SECRET`).
extension ConfigurationLoader {
    static func applyCRM(_ root: [String: YAMLValue], to configuration: inout BotConfiguration) throws(YAMLFileError) {
        guard let section = root["crm"], !section.isNull else { return }
        let crm = try section.mapping(allowed: ["provider", "object", "fields", "stages", "webhook_secret", "concurrency", "hubspot", "salesforce"])
        guard let providerValue = crm["provider"], !providerValue.isNull else {
            throw section.error("needs `provider: hubspot` or `provider: salesforce` (or remove the section for no CRM)")
        }
        let name = try providerValue.string()
        guard let provider = CRMProvider(rawValue: name.lowercased()) else { throw providerValue.error("must be hubspot or salesforce, got \"\(name)\"") }
        var settings = CRMConfiguration(provider: provider)
        if let value = crm["object"] { settings.object = try propertyName(value) }
        if let value = crm["fields"] { settings.mapping.fields = try fieldMapping(value) }
        if let value = crm["stages"] {
            let known = Set(configuration.policy.stages + ["won", "lost"])
            for (stage, crmStage) in try value.mapping(allowed: known) { settings.mapping.stages[stage] = try crmStage.string() }
        }
        if let value = crm["webhook_secret"], !value.isNull { settings.webhookSecret = ConfiguredSecret(try value.string()) }
        if let value = crm["concurrency"] { settings.sync.concurrency = try value.int(in: 1...32) }
        if let value = crm["hubspot"] { try applyHubSpot(value, to: &settings.hubspot) }
        if let value = crm["salesforce"] { try applySalesforce(value, to: &settings.salesforce) }
        configuration.crm = settings
    }

    /// `crm.fields`: every key a bot field, every value a property name; replaces the defaults.
    private static func fieldMapping(_ value: YAMLValue) throws(YAMLFileError) -> [CRMField: String] {
        var fields: [CRMField: String] = [:]
        for (key, property) in try value.mapping(allowed: Set(CRMField.allCases.map(\.rawValue))) {
            guard let field = CRMField(rawValue: key) else { continue }
            fields[field] = try propertyName(property)
        }
        return fields
    }

    private static func propertyName(_ value: YAMLValue) throws(YAMLFileError) -> String {
        let text = try value.string().trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(text.count), text.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }) else {
            throw value.error("must be a CRM property or object API name (letters, digits and _), got \"\(text)\"")
        }
        return text
    }

    private static func applyHubSpot(_ value: YAMLValue, to hubspot: inout CRMConfiguration.HubSpot) throws(YAMLFileError) {
        let section = try value.mapping(allowed: ["api_url", "token", "client_secret", "id_property"])
        if let value = section["api_url"] {
            let text = try value.string()
            guard let url = try? httpURL(text, name: "") else { throw value.error("must be an http(s) URL, got \"\(text)\"") }
            hubspot.apiURL = url
        }
        if let value = section["token"], !value.isNull { hubspot.token = ConfiguredSecret(try value.string()) }
        if let value = section["client_secret"], !value.isNull { hubspot.clientSecret = ConfiguredSecret(try value.string()) }
        if let value = section["id_property"] { hubspot.idProperty = try propertyName(value) }
    }

    private static func applySalesforce(_ value: YAMLValue, to salesforce: inout CRMConfiguration.Salesforce) throws(YAMLFileError) {
        let section = try value.mapping(allowed: [
            "login_url", "api_version", "external_id_field", "client_id", "client_secret", "username", "private_key_file",
        ])
        if let value = section["login_url"] {
            let text = try value.string()
            guard let url = try? httpURL(text, name: "") else { throw value.error("must be an http(s) URL, got \"\(text)\"") }
            salesforce.loginURL = url
        }
        if let value = section["api_version"] {
            let text = try value.string()
            guard text.wholeMatch(of: /v\d{2,3}\.\d/) != nil else { throw value.error("must be a REST API version such as v62.0, got \"\(text)\"") }
            salesforce.apiVersion = text
        }
        if let value = section["external_id_field"] { salesforce.externalIDField = try propertyName(value) }
        if let value = section["client_id"], !value.isNull { salesforce.clientID = try value.string() }
        if let value = section["client_secret"], !value.isNull { salesforce.clientSecret = ConfiguredSecret(try value.string()) }
        if let value = section["username"], !value.isNull { salesforce.username = try value.string() }
        if let value = section["private_key_file"], !value.isNull { salesforce.privateKeyFile = try value.string() }
    }

    func applyCRMEnvironment(to configuration: inout BotConfiguration) throws(ConfigurationError) {
        if let name = nonEmpty(environment["PARTNERBOT_CRM_PROVIDER"]) {
            guard let provider = CRMProvider(rawValue: name.lowercased()) else {
                throw .invalidValue(name: "PARTNERBOT_CRM_PROVIDER", why: "must be hubspot or salesforce, got \"\(name)\"")
            }
            if configuration.crm?.provider != provider { configuration.crm = CRMConfiguration(provider: provider) }
        }
        guard var crm = configuration.crm else { return }
        if let secret = environment["PARTNERBOT_CRM_WEBHOOK_SECRET"] { crm.webhookSecret = ConfiguredSecret(secret) }
        if let token = environment["HUBSPOT_TOKEN"] { crm.hubspot.token = ConfiguredSecret(token) }
        if let secret = environment["HUBSPOT_CLIENT_SECRET"] { crm.hubspot.clientSecret = ConfiguredSecret(secret) }
        if let id = nonEmpty(environment["SALESFORCE_CLIENT_ID"]) { crm.salesforce.clientID = id }
        if let secret = environment["SALESFORCE_CLIENT_SECRET"] { crm.salesforce.clientSecret = ConfiguredSecret(secret) }
        if let user = nonEmpty(environment["SALESFORCE_USERNAME"]) { crm.salesforce.username = user }
        if let file = nonEmpty(environment["SALESFORCE_PRIVATE_KEY_FILE"]) { crm.salesforce.privateKeyFile = file }
        configuration.crm = crm
    }

    /// A configured CRM has the credentials it needs: refused at start-up, not at the first push.
    static func validateCRM(_ crm: CRMConfiguration?) throws(ConfigurationError) {
        guard let crm else { return }
        switch crm.provider {
        case .hubspot:
            guard crm.hubspot.token != nil else {
                throw .invalidValue(name: "HUBSPOT_TOKEN", why: "is required with crm.provider hubspot: the private app's access token (Settings → Integrations → Private Apps)")
            }
        case .salesforce:
            let salesforce = crm.salesforce
            guard salesforce.clientID != nil else {
                throw .invalidValue(name: "SALESFORCE_CLIENT_ID", why: "is required with crm.provider salesforce: the connected app's consumer key")
            }
            let jwt = salesforce.username != nil && salesforce.privateKeyFile != nil
            guard salesforce.clientSecret != nil || jwt else {
                throw .invalidValue(
                    name: "SALESFORCE_CLIENT_SECRET",
                    why: "or SALESFORCE_USERNAME with SALESFORCE_PRIVATE_KEY_FILE is required: the client credentials flow or the JWT bearer flow")
            }
        }
    }
}
