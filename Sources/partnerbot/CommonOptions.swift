import ArgumentParser
import Foundation
import Logging
import PartnerBot

/// Options every subcommand that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the YAML configuration (default: $PARTNERBOT_CONFIG, else Config/partnerbot.yaml).")
    var config: String?

    @Option(name: .long, help: "SQLite database file, or a postgres:// address (overrides database.path, database.url and the environment).")
    var database: String?

    /// Loads the configuration, exiting with one clear line on error.
    func load(host: String? = nil, port: Int? = nil, dev: Bool = false) throws -> BotConfiguration {
        try Self.load(config: config, overrides: .init(host: host, port: port, databasePath: database, devMode: dev))
    }

    /// Loads the configuration at `config` (else the default places) with `overrides`.
    static func load(config: String?, overrides: ConfigurationLoader.Overrides = .init()) throws -> BotConfiguration {
        do {
            return try ConfigurationLoader(environment: ProcessInfo.processInfo.environment).load(path: config, overrides: overrides)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// A one-line error printed to standard error, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CLIError: LocalizedError {
    var errorDescription: String? { description }
}

enum CLILogging {
    /// Bootstraps swift-log once for the process (the executable owns global state, never the library).
    static func bootstrap() -> Logger {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "partnerbot")
    }
}
