import FakeSlack
import SlackPlatform
import Testing
@testable import PartnerBot

@Suite("Configuration precedence and validation")
struct ConfigurationTests {
    static let checkedIn: String = (try? String(contentsOfFile: TestSupport.path("Config/partnerbot.yaml"), encoding: .utf8)) ?? ""

    func loader(_ environment: [String: String] = [:], files: [String: String] = [:]) -> ConfigurationLoader {
        ConfigurationLoader(environment: environment, readFile: { files[$0] })
    }

    @Test func theCheckedInFileMatchesTheEmbeddedDefaults() throws {
        var loaded = try loader(files: [ConfigurationLoader.defaultPath: Self.checkedIn]).load()
        loaded.source = BotConfiguration().source
        #expect(loaded == BotConfiguration())
    }

    @Test func environmentOverridesFileAndFlagsOverrideEnvironment() throws {
        let yaml = "server:\n  host: 0.0.0.0\n  port: 9000\ndatabase:\n  path: file.sqlite\n"
        let fromFile = try loader(files: ["c.yaml": yaml]).load(path: "c.yaml")
        #expect(fromFile.server.port == 9000)
        #expect(fromFile.database.path == "file.sqlite")
        let fromEnv = try loader(["PARTNERBOT_PORT": "9100", "PARTNERBOT_DATABASE": "env.sqlite", "SLACK_SIGNING_SECRET": "s"], files: ["c.yaml": yaml]).load(path: "c.yaml")
        #expect(fromEnv.server.port == 9100)
        #expect(fromEnv.server.host == "0.0.0.0")
        #expect(fromEnv.database.path == "env.sqlite")
        #expect(fromEnv.slack.signingSecret == SigningSecret("s"))
        #expect(try loader(["SLACK_SIGNING_SECRET": "  "]).load().slack.signingSecret == nil, "a blank secret is no secret")
        let fromFlags = try loader(["PARTNERBOT_PORT": "9100"], files: ["c.yaml": yaml]).load(path: "c.yaml", overrides: .init(port: 9200, databasePath: "flag.sqlite"))
        #expect(fromFlags.server.port == 9200)
        #expect(fromFlags.database.path == "flag.sqlite")
    }

    @Test func theConfigPathComesFromTheEnvironmentWhenNoFlag() throws {
        let configuration = try loader(["PARTNERBOT_CONFIG": "other.yaml"], files: ["other.yaml": "server:\n  port: 7000\n"]).load()
        #expect(configuration.server.port == 7000)
        #expect(configuration.source == "other.yaml")
    }

    @Test func aMissingExplicitFileIsAnError() {
        #expect(throws: ConfigurationError.fileUnreadable("nope.yaml")) { try loader().load(path: "nope.yaml") }
    }

    @Test func unknownKeysAndBadValuesNameTheirLine() {
        #expect(throws: ConfigurationError.invalidFile(.init(file: "c.yaml", line: 3, key: "server.prot", message: "unknown key (known keys: host, max_body_bytes, port, public_url)"))) {
            try loader(files: ["c.yaml": "server:\n  host: x\n  prot: 1\n"]).load(path: "c.yaml")
        }
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "server:\n  port: eighty\n"]).load(path: "c.yaml") }
        #expect(throws: ConfigurationError.self) { try loader(["PARTNERBOT_PORT": "eighty"]).load() }
        #expect(throws: ConfigurationError.self) { try loader(["SLACK_API_URL": "ftp://x"]).load() }
        #expect(throws: ConfigurationError.self) { try loader(files: ["c.yaml": "server: [unclosed\n"]).load(path: "c.yaml") }
    }

    @Test func theAPIURLIsNormalisedWithATrailingSlash() throws {
        #expect(try loader(["SLACK_API_URL": "http://127.0.0.1:9/api"]).load().slack.apiURL == "http://127.0.0.1:9/api/")
    }

    @Test func aBlankSigningSecretStopsTheServerBuild() async throws {
        var configuration = TestSupport.configuration()
        configuration.slack.signingSecret = SigningSecret("   ")
        let database = try await TestDatabase.make()
        #expect(throws: ConfigurationError.missingSigningSecret) {
            _ = try buildRouter(configuration: configuration, dependencies: .init(database: database, logger: TestSupport.logger, catalog: TestSupport.catalog, chatClient: RecordingWebAPIClient()))
        }
        #expect(ConfigurationError.missingSigningSecret.description.contains("SLACK_SIGNING_SECRET"))
        #expect(!ConfigurationError.missingSigningSecret.description.contains("\n"))
    }

    @Test func theDataDirectoryIsTheDatabaseFolder() {
        var configuration = BotConfiguration()
        #expect(configuration.dataDirectory == "data")
        configuration.database.path = "bot.sqlite"
        #expect(configuration.dataDirectory == ".")
    }
}
