import FakeSlack
import Foundation

/// The files a benchmark server runs from: a configuration YAML, a partner directory CSV and the
/// database path, all in one scratch directory, plus the environment `partnerbot` is started with.
struct RegisterWorkspace: Sendable {
    /// The scratch directory.
    var directory: URL
    /// The port the server listens on.
    var port: Int
    /// Partner organisations `bench-00` … with workspaces `TBENCH0` ….
    var organisations: Int
    /// Whether organisations have a manager and a managers' channel is configured, so each
    /// registration enqueues two review notices.
    var notifications: Bool
    /// The signing secret the server verifies with.
    var signingSecret: String
    /// The Web API base URL review notices go to (a FakeSlack), when `notifications` is on.
    var apiURL: String?

    /// The partner managers (each organisation gets one of them).
    static let managers = (0..<8).map { "U0BENCHMGR\($0)" }

    /// Workspace ids of the organisations.
    var teams: [String] { (0..<organisations).map { "TBENCH\($0)" } }
    var configuration: URL { directory.appendingPathComponent("partnerbot.yaml") }
    var database: URL { directory.appendingPathComponent("data/partnerbot.sqlite") }
    var partners: URL { directory.appendingPathComponent("partners.csv") }

    /// Writes the configuration and the partners file.
    /// - Parameter commandsDirectory: The repository's `Commands` folder (absolute).
    func write(commandsDirectory: String) throws {
        var extra = "roles:\n  managers: [\(Self.managers.joined(separator: ", "))]\n"
        if notifications { extra += "channels:\n  managers: C0BENCHMGRS\n" }
        try ServerFiles.configuration(directory: directory, port: port, commands: commandsDirectory, extra: extra)
            .write(to: configuration, atomically: true, encoding: .utf8)
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for (index, team) in teams.enumerated() {
            let slug = "bench-" + (index < 10 ? "0" : "") + String(index)
            let manager = notifications ? Self.managers[index % Self.managers.count] : ""
            csv += "\(slug),Bench Partner \(index),reseller,select,emea,\(team),C\(team.dropFirst()),\(manager)\n"
        }
        try csv.write(to: partners, atomically: true, encoding: .utf8)
    }

    /// Our environment without anything that would override the configuration file, plus the
    /// signing secret (and a bot token and API URL pointing at the FakeSlack, with notifications).
    func environment() -> [String: String] {
        ServerFiles.environment(secret: signingSecret, apiURL: notifications ? apiURL : nil)
    }
}

/// `partnerbot serve` on a fresh register workspace, as `http-register` and `peers` run it: the
/// FakeSlack for review notices (pacing each channel, when notifications are on), the
/// configuration and partners imported, the server started (not yet live).
struct LaunchedRegisterServer {
    let workspace: RegisterWorkspace
    let fake: FakeSlackServer?
    let server: ServerProcess

    static func launch(binary: String, commands: URL, directory: URL, organisations: Int, secret: String, options: BenchmarkOptions, context: BenchmarkContext) async throws -> LaunchedRegisterServer {
        var fake: FakeSlackServer?
        if options.registerNotifications {
            var behaviour = FakeSlackServer.Behaviour()
            behaviour.perChannelInterval = .seconds(1)
            let server = FakeSlackServer(behaviour: behaviour)
            try await server.start()
            fake = server
        }
        let workspace = RegisterWorkspace(
            directory: directory, port: try LoopbackHTTP.freePort(), organisations: organisations, notifications: options.registerNotifications,
            signingSecret: secret, apiURL: fake?.baseURL)
        do {
            try workspace.write(commandsDirectory: commands.path)
            let imported = try await Subprocess.run(
                binary, ["partners", "import", workspace.partners.path, "--config", workspace.configuration.path],
                environment: workspace.environment(), timeout: .seconds(60))
            guard imported.status == 0 else {
                throw BenchmarkError("partnerbot partners import failed: \(imported.standardError.prefix(400))")
            }
            context.progress("starting \(binary) serve on port \(workspace.port)")
            let server = try ServerProcess(
                binary: binary, arguments: ["serve", "--config", workspace.configuration.path], environment: workspace.environment(),
                port: workspace.port, log: workspace.directory.appendingPathComponent("server.log"))
            return LaunchedRegisterServer(workspace: workspace, fake: fake, server: server)
        } catch {
            await fake?.stop()
            throw error
        }
    }
}
