import Foundation
import GRDB
import Testing
@testable import PartnerBot
import SlackPlatform

/// The real executable started on a database whose file system is read-only (a tmpfs remounted
/// read-only; mounting needs root, as on the CI machines): it answers on its port, says nothing
/// was registered, and becomes the bot by itself once the file system is writable again.
@Suite("Read-only database at start-up: the real server", .serialized, .enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
struct ReadOnlyStartProcessTests {
    static let secret = "read-only-secret"

    static func mount(_ options: String, _ disk: URL, in root: URL) async -> String {
        await ServerProcess.runToCompletion(URL(fileURLWithPath: "/bin/mount"), ["-o", options, disk.path], environment: [:], in: root)
    }

    @Test func itWaitsAnsweringAndBecomesTheBotOnceWritable() async throws {
        let binary = try #require(ServerProcess.binary)
        let root = try TestSupport.temporaryDirectory()
        let disk = root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mounted = await ServerProcess.runToCompletion(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.path], environment: [:], in: root)
        #expect(mounted.isEmpty, "mount: \(mounted)")
        defer { _ = Foundation.system("umount '\(disk.path)' 2>/dev/null") }
        let databasePath = disk.appendingPathComponent("bot.sqlite").path
        let configPath = root.appendingPathComponent("partnerbot.yaml").path
        try ServerProcess.configuration(databasePath: databasePath, extra: "").write(toFile: configPath, atomically: true, encoding: .utf8)
        do {
            let database = try AppDatabase.open(path: databasePath)
            let csv = "org,name,type,tier,region,team_id,channel_id,manager\norg-0,Org 0,reseller,select,emea,TRO0,CRO0,\n"
            _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: Date())
        }
        #expect(await Self.mount("remount,ro", disk, in: root).isEmpty)
        let environment = ["SLACK_SIGNING_SECRET": Self.secret, "PARTNERBOT_CONFIG": configPath, "PATH": "/usr/bin:/bin", "LOG_LEVEL": "critical"]

        // Stopped while waiting: a clean exit.
        let stopped = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await stopped.start()
        stopped.terminate()
        #expect(stopped.process.terminationStatus == 0)

        let server = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await server.start()
        defer { server.kill() }
        let port = server.port
        let http = PlainHTTPClient(maxConcurrentRequests: 2, timeout: .seconds(10))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(Self.secret)!)
        let register: @Sendable (String) async -> (status: Int, text: String)? = { customer in
            let command = SlashCommand(command: "/register", text: customer, teamID: "TRO0", channelID: "CRO0", userID: "URO0")
            let request = builder.slashCommand(command, timestamp: SystemWallClock().unixTime)
            guard let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body) else { return nil }
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        let health = { await ServerProcess.runToCompletion(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "http://127.0.0.1:\(port)/health"], environment: [:], in: root) }

        let refused = await register("Read Only Customer")
        #expect(refused?.status == 200 && refused?.text.contains("nothing was registered") == true, "\(String(describing: refused))")
        let waiting = await health()
        #expect(waiting.contains("\"ok\":false") && waiting.contains("read-only"), "\(waiting)")

        #expect(await Self.mount("remount,rw", disk, in: root).isEmpty)
        var registered: (status: Int, text: String)?
        for _ in 0..<200 {
            registered = await register("Writable Customer")
            if registered?.text.contains("Registered") == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(registered?.text.contains("Registered") == true, "the bot took over on the same port: \(String(describing: registered))")
        #expect(await health().contains("\"ok\":true"))
        server.terminate()
        let stored = try await AppDatabase.open(path: databasePath).writer.read { db in try String.fetchSet(db, sql: "SELECT customer_name FROM deal") }
        #expect(stored == ["Writable Customer"], "nothing said refused was stored")
    }
}
