import FakeSlack
import Foundation
import Testing

/// What a test that runs the real executable needs: the binary, a temporary folder with a
/// configuration file, a database path, and a fake Web API on loopback.
struct ProcessTestBed {
    let binary: URL
    let directory: URL
    let slack: FakeSlackServer
    let databasePath: String
    let configPath: String
    let secret: String

    /// Builds the folder, writes the configuration (`extra` YAML after the common part) and starts the fake.
    static func start(secret: String, extraConfiguration: String) async throws -> ProcessTestBed {
        let binary = try #require(ServerProcess.binary, "build the executable first: `swift build --product partnerbot` (`make test` does)")
        let directory = try TestSupport.temporaryDirectory()
        let slack = FakeSlackServer()
        try await slack.start()
        let databasePath = directory.appendingPathComponent("bot.sqlite").path
        let configPath = directory.appendingPathComponent("partnerbot.yaml").path
        let configuration = ServerProcess.configuration(databasePath: databasePath, extra: extraConfiguration)
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: configPath))
        return ProcessTestBed(binary: binary, directory: directory, slack: slack, databasePath: databasePath, configPath: configPath, secret: secret)
    }

    /// The environment the executable runs with: signed by `secret`, talking to the fake.
    var environment: [String: String] {
        [
            "SLACK_SIGNING_SECRET": secret, "SLACK_BOT_TOKEN": "xoxb-process-test", "SLACK_API_URL": slack.baseURL,
            "PARTNERBOT_CONFIG": configPath, "PATH": "/usr/bin:/bin", "LOG_LEVEL": "error",
        ]
    }

    /// Stops the fake and removes the folder.
    func tearDown() async {
        await slack.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
