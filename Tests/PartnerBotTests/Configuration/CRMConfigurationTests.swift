import CRM
import Foundation
import Testing
@testable import PartnerBot

@Suite("Configuration: the crm section")
struct CRMConfigurationTests {
    func load(_ yaml: String, _ environment: [String: String] = [:]) throws -> BotConfiguration {
        try ConfigurationLoader(environment: environment, readFile: { $0 == "c.yaml" ? yaml : nil }).load(path: "c.yaml")
    }

    @Test func noSectionMeansNoCRM() throws {
        #expect(try load("server:\n  port: 3000\n").crm == nil)
    }

    @Test func aHubSpotSectionWithFieldsStagesAndEnvironmentSecrets() throws {
        let yaml = """
            crm:
              provider: hubspot
              fields:
                deal_name: dealname
                amount: amount
                partner_org: partner_org_id
              stages:
                proposal: decisionmakerboughtin
              hubspot:
                id_property: dr_reference
            """
        let configuration = try load(yaml, ["HUBSPOT_TOKEN": "pat-na1-secret", "PARTNERBOT_CRM_WEBHOOK_SECRET": "whsec"])
        let crm = try #require(configuration.crm)
        #expect(crm.provider == .hubspot)
        #expect(crm.mapping.fields == [.dealName: "dealname", .amount: "amount", .partnerOrg: "partner_org_id"], "fields replace the defaults")
        #expect(crm.mapping.stages["proposal"] == "decisionmakerboughtin")
        #expect(crm.mapping.stages["won"] == "closedwon", "unlisted stages keep the CRM's defaults")
        #expect(crm.hubspot.idProperty == "dr_reference")
        #expect(crm.hubspot.token?.text == "pat-na1-secret")
        #expect(crm.webhookSecret?.text == "whsec")
        #expect(!"\(crm)".contains("pat-na1-secret") && !String(reflecting: crm).contains("pat-na1-secret"), "secrets never print")
    }

    @Test func anUnknownBotFieldIsRefusedWithFileAndLine() {
        let yaml = "crm:\n  provider: hubspot\n  fields:\n    deal_name: dealname\n    margin: margin_pct\n"
        #expect {
            try load(yaml, ["HUBSPOT_TOKEN": "t"])
        } throws: { error in
            guard case ConfigurationError.invalidFile(let problem) = error else { return false }
            return problem.file == "c.yaml" && problem.line == 5 && problem.key == "crm.fields.margin" && problem.message.contains("deal_name")
        }
    }

    @Test func anUnknownStageOrProviderIsRefused() {
        #expect(throws: ConfigurationError.self) { try load("crm:\n  provider: hubspot\n  stages:\n    dreaming: x\n", ["HUBSPOT_TOKEN": "t"]) }
        #expect(throws: ConfigurationError.self) { try load("crm:\n  provider: pipedrive\n") }
        #expect(throws: ConfigurationError.self) { try load("crm:\n  provider: hubspot\n  fields:\n    amount: \"amount; DROP\"\n", ["HUBSPOT_TOKEN": "t"]) }
    }

    @Test func missingCredentialsAreRefusedAtStartUp() throws {
        #expect(throws: ConfigurationError.invalidValue(
            name: "HUBSPOT_TOKEN", why: "is required with crm.provider hubspot: the private app's access token (Settings → Integrations → Private Apps)")
        ) { try load("crm:\n  provider: hubspot\n") }
        #expect(throws: ConfigurationError.self) { try load("crm:\n  provider: salesforce\n") }
        #expect(throws: ConfigurationError.self) { try load("crm:\n  provider: salesforce\n", ["SALESFORCE_CLIENT_ID": "id"]) }
        let clientCredentials = try load("crm:\n  provider: salesforce\n", ["SALESFORCE_CLIENT_ID": "id", "SALESFORCE_CLIENT_SECRET": "s"])
        #expect(clientCredentials.crm?.mapping.fields[.stage] == "StageName")
        let jwt = try load(
            "crm:\n  provider: salesforce\n  object: Partner_Deal__c\n  salesforce:\n    username: api@example.com\n    private_key_file: /etc/partnerbot/sf.key\n",
            ["SALESFORCE_CLIENT_ID": "id"])
        #expect(jwt.crm?.object == "Partner_Deal__c")
        #expect(jwt.crm?.salesforce.privateKeyFile == "/etc/partnerbot/sf.key")
    }

    @Test func theProviderCanComeFromTheEnvironment() throws {
        let configuration = try ConfigurationLoader(environment: ["PARTNERBOT_CRM_PROVIDER": "hubspot", "HUBSPOT_TOKEN": "t"], readFile: { _ in nil }).load()
        #expect(configuration.crm?.provider == .hubspot)
    }
}

extension CRMConfigurationTests {
    /// The commented `crm` example in Config/partnerbot.yaml, uncommented, is a valid configuration.
    @Test func theCheckedInExampleLoadsWhenUncommented() throws {
        let file = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("Config/partnerbot.yaml"), encoding: .utf8)
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "# crm:"))
        let block = lines[start...].prefix { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
        #expect(block.count > 30)
        let crm = try #require(try load(block.joined(separator: "\n") + "\n", ["HUBSPOT_TOKEN": "t"]).crm)
        #expect(crm.provider == .hubspot)
        #expect(crm.mapping == CRMMapping.defaults(for: .hubspot), "the example shows the defaults")
        #expect(crm.sync.concurrency == 4)
    }
}
