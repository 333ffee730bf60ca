import ArgumentParser
import CRM
import Foundation
import Logging
import PartnerBot
import PartnerBotDev
import SlackPlatform
import Synchronization

/// `partnerbot serve`: runs the bot server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the bot server (HTTP endpoints and background workers).")

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Dev mode: generated local signing secret, local chat sink when no bot token is set.")
    var dev = false

    @Flag(name: .long, help: "Receive Slack over Socket Mode (needs SLACK_APP_TOKEN or slack.app_token, an xapp- token): no public URL needed.")
    var socketMode = false

    @Option(name: .long, help: "Interface to bind (default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (default 8080).")
    var port: Int?

    func run() async throws {
        var configuration = try options.load(host: host, port: port, dev: dev)
        let logger = CLILogging.bootstrap()
        if configuration.devMode, configuration.slack.signingSecret == nil {
            do {
                configuration.slack.signingSecret = SigningSecret(try DevSecret.loadOrCreate(dataDirectory: configuration.dataDirectory))
            } catch {
                throw CLIError("cannot store the dev signing secret in \(configuration.dataDirectory): \(error.localizedDescription)")
            }
        }
        if socketMode, configuration.slack.appToken == nil {
            throw CLIError("--socket-mode needs an app-level token: set SLACK_APP_TOKEN (xapp-…, scope connections:write) or slack.app_token")
        }
        guard configuration.slack.signingSecret != nil || configuration.slack.appToken != nil else {
            throw CLIError(ConfigurationError.missingSigningSecret.description)
        }
        if configuration.devMode { DevSeed.configure(&configuration) }
        let catalog = try loadCatalog(configuration)
        guard let database = try await openDatabaseWhenWritable(&configuration, logger: logger) else { return }
        // Held while serving: `partnerbot restore` refuses to replace the SQLite file under us.
        let lock = try configuration.database.url == nil ? ServerLock(databasePath: configuration.database.path) : nil
        if let lock, !lock.holdShared() {
            throw CLIError("a restore is running on \(configuration.database.path): start the server when it has finished")
        }
        defer { withExtendedLifetime(lock) {} }
        if configuration.devMode, try await DevSeed.seedIfEmpty(database, tiers: configuration.tiers, now: SystemWallClock().now()) {
            logger.notice("dev mode: seeded a sample program (organisations dev-partner and other-partner)")
        }
        let clock = SystemWallClock()
        let chatClient = try chatClient(
            configuration: configuration, clock: clock, logger: logger,
            output: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
        let dependencies = AppDependencies(
            database: database, clock: clock, logger: logger, catalog: catalog, chatClient: chatClient,
            crmConnector: try crmConnector(configuration, logger: logger))
        let banner = configuration
        try await BotServer.run(configuration: configuration, dependencies: dependencies) { port in
            FileHandle.standardOutput.write(Data((StartupBanner.text(configuration: banner, port: port) + "\n").utf8))
        }
    }
}

func openDatabase(_ configuration: BotConfiguration) async throws -> AppDatabase {
    do {
        return try await openStorage(configuration)
    } catch {
        throw CLIError(error.description)
    }
}

func openStorage(_ configuration: BotConfiguration) async throws(StorageError) -> AppDatabase {
    let database = try await AppDatabase.open(configuration.database, logger: Logger(label: "partnerbot.storage"))
    // Deal changes made by commands (an alert pass expiring deals) reach the CRM too.
    database.setCRMSync(enabled: configuration.crm != nil)
    return database
}

/// The database, once it can be written: while it is read-only (or its disk full, or its
/// PostgreSQL server silent) at start-up, the waiting server answers on the port (see
/// ``DatabaseWaitServer``), which the bot then keeps (also when port 0 picked it).
/// - Returns: `nil` when a shutdown signal came first.
func openDatabaseWhenWritable(_ configuration: inout BotConfiguration, logger: Logger) async throws -> AppDatabase? {
    do {
        return try await openStorage(configuration)
    } catch {
        switch error {
        case .unwritable, .unreachable: break
        default: throw CLIError(error.description)
        }
        let settings = configuration
        let bound = PortBox()
        let database = try await DatabaseWaitServer.run(
            configuration: settings, failure: error, logger: logger,
            onServerRunning: { port in
                bound.port.withLock { $0 = port }
                let url = "http://\(settings.server.host):\(port)"
                FileHandle.standardOutput.write(Data("partnerbot \(PartnerBotVersion.current) listening on \(url), waiting for its database: \(error)\n".utf8))
            },
            open: { try await openStorage(settings) })
        if let port = bound.port.withLock({ $0 }) { configuration.server.port = port }
        return database
    }
}

/// The port the waiting server bound.
final class PortBox: Sendable {
    let port = Mutex<Int?>(nil)
}

func loadCatalog(_ configuration: BotConfiguration) throws -> CommandCatalog {
    do {
        return try CommandCatalog.load(directory: configuration.commandsDirectory)
    } catch {
        throw CLIError(error.description)
    }
}

func chatClient(
    configuration: BotConfiguration, clock: any WallClock, logger: Logger, output: @escaping @Sendable (String) -> Void
) throws -> any SlackWebAPIClient {
    do {
        return try ChatClientFactory.make(configuration: configuration, clock: clock, logger: logger, output: output)
    } catch {
        throw CLIError("cannot open the local chat sink in \(configuration.dataDirectory): \(error)")
    }
}

/// The configured CRM's live connector (libcurl), or nil without a `crm` section.
func crmConnector(_ configuration: BotConfiguration, logger: Logger) throws -> (any CRMConnector)? {
    guard let crm = configuration.crm else { return nil }
    do {
        return try crm.connector(client: CurlRESTClient(threadNamePrefix: "partnerbot-crm"), logger: logger)
    } catch {
        throw CLIError(error.description)
    }
}
