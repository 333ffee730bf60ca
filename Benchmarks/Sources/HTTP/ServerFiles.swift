import Foundation

/// What every benchmark's `partnerbot serve` runs from: the configuration file's common part and
/// the process environment.
enum ServerFiles {
    /// The configuration: loopback `port`, the database in `directory/data`, the repository's
    /// command specs, then `extra` (YAML sections of the benchmark's own, each line ending in a newline).
    static func configuration(directory: URL, port: Int, commands: String, extra: String = "") -> String {
        """
        # Written by partnerbot-benchmarks.
        server:
          host: 127.0.0.1
          port: \(port)
        database:
          path: \(directory.appendingPathComponent("data/partnerbot.sqlite").path)
        commands:
          directory: \(commands)

        """ + extra
    }

    /// Our environment without anything that would override the configuration file, plus the
    /// signing secret (and a bot token and API URL pointing at a FakeSlack, when given).
    static func environment(secret: String, apiURL: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("SLACK_") && !key.hasPrefix("PARTNERBOT_") && key != "LOG_LEVEL"
        }
        environment["SLACK_SIGNING_SECRET"] = secret
        if let apiURL {
            environment["SLACK_BOT_TOKEN"] = "xoxb-bench"
            environment["SLACK_API_URL"] = apiURL
        }
        return environment
    }
}
