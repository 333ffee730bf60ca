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

    @Test func aPostgresAddressSelectsPostgreSQLFromFileEnvironmentOrFlag() throws {
        let yaml = "database:\n  url: postgres://bot:s3cret@db.internal/partners?sslmode=require\n  connections: 12\n"
        let fromFile = try loader(files: ["c.yaml": yaml]).load(path: "c.yaml")
        #expect(fromFile.database.url?.host == "db.internal")
        #expect(fromFile.database.url?.password == "s3cret")
        #expect(fromFile.database.connections == 12)
        #expect(fromFile.database.location == "postgres://bot:***@db.internal:5432/partners?sslmode=require", "never the password")
        #expect(try loader().load().database.url == nil, "SQLite is the default")
        let fromEnv = try loader(["PARTNERBOT_DATABASE_URL": "postgresql://bot@env-db:6543/p"]).load()
        #expect(fromEnv.database.url?.host == "env-db")
        #expect(fromEnv.database.url?.port == 6543)
        // A file path in the environment or on the command line selects SQLite over the file's server.
        #expect(try loader(["PARTNERBOT_DATABASE": "env.sqlite"], files: ["c.yaml": yaml]).load(path: "c.yaml").database.url == nil)
        let flagged = try loader(["PARTNERBOT_DATABASE_URL": "postgres://bot@env-db/p"]).load(overrides: .init(databasePath: "flag.sqlite"))
        #expect(flagged.database.url == nil)
        #expect(flagged.database.path == "flag.sqlite")
        let flaggedServer = try loader().load(overrides: .init(databasePath: "postgres://bot@flag-db/p"))
        #expect(flaggedServer.database.url?.host == "flag-db")
    }

    @Test func aMalformedPostgresAddressIsRefusedWithoutEchoingIt() throws {
        #expect(throws: ConfigurationError.invalidValue(name: "PARTNERBOT_DATABASE_URL", why: "no database name after the host")) {
            try loader(["PARTNERBOT_DATABASE_URL": "postgres://bot:s3cret@db"]).load()
        }
        #expect(throws: ConfigurationError.invalidValue(name: "--database", why: "sslmode must be disable, prefer or require")) {
            try loader().load(overrides: .init(databasePath: "postgres://bot@db/p?sslmode=verify-full"))
        }
        do {
            _ = try loader(files: ["c.yaml": "database:\n  url: mysql://bot:s3cret@db/p\n"]).load(path: "c.yaml")
            Issue.record("a non-PostgreSQL address was accepted")
        } catch {
            #expect(error.description.contains("database.url"))
            #expect(!error.description.contains("s3cret"))
        }
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
