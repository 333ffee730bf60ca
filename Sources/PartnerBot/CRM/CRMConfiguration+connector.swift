import CRM
import Foundation
import Logging
import SlackPlatform

extension CRMConfiguration {
    /// The live connector for the configured CRM, sending through `client` (libcurl in
    /// production). The Salesforce JWT bearer flow reads its private key file here, so a missing
    /// or unreadable key stops start-up rather than the first push.
    public func connector(
        client: any RESTClient, logger: Logger, readFile: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) -> any CRMConnector {
        switch provider {
        case .hubspot:
            let settings = HubSpotSettings(apiBaseURL: hubspot.apiURL, token: HubSpotAccessToken(hubspot.token?.text ?? ""), idProperty: hubspot.idProperty)
            return HubSpotConnector(settings: settings, client: client)
        case .salesforce:
            let settings = SalesforceSettings(
                loginURL: salesforce.loginURL, apiVersion: salesforce.apiVersion, object: object, externalIDField: salesforce.externalIDField,
                auth: try salesforceAuth(readFile: readFile))
            return SalesforceConnector(settings: settings, client: client, logger: logger)
        }
    }

    private func salesforceAuth(readFile: (String) -> String?) throws(ConfigurationError) -> SalesforceAuth {
        let clientID = salesforce.clientID ?? ""
        if let username = salesforce.username, let path = salesforce.privateKeyFile {
            guard let pem = readFile(path), pem.contains("PRIVATE KEY") else {
                throw .invalidValue(name: "SALESFORCE_PRIVATE_KEY_FILE", why: "cannot read a PEM private key from \(path)")
            }
            return .jwtBearer(clientID: clientID, username: username, privateKeyPEM: pem)
        }
        return .clientCredentials(clientID: clientID, clientSecret: salesforce.clientSecret?.text ?? "")
    }
}
