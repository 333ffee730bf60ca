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

    @Test func itWaitsAnsweringAndBecomesTheBotOnceWritable() async throws {
        let binary = try #require(ServerProcess.binary)
        let small = try await SmallDisk.mount(size: "8m")
        defer { small.unmount() }
        let (root, databasePath) = (small.root, small.databasePath)
        try await small.seedOrganisations(1, prefix: "RO")
        #expect(await small.remount("remount,ro").isEmpty)
        let environment = small.environment(secret: Self.secret)

        // Stopped while waiting: a clean exit.
        let stopped = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await stopped.start()
        #expect(await stopped.stop() == 0)

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

        #expect(await small.remount("remount,rw").isEmpty)
        var registered: (status: Int, text: String)?
        for _ in 0..<200 {
            registered = await register("Writable Customer")
            if registered?.text.contains("Registered") == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(registered?.text.contains("Registered") == true, "the bot took over on the same port: \(String(describing: registered))")
        #expect(await health().contains("\"ok\":true"))
        #expect(await server.stop() == 0)
        let stored = try await AppDatabase.open(path: databasePath).writer.read { db in try String.fetchSet(db, sql: "SELECT customer_name FROM deal") }
        #expect(stored == ["Writable Customer"], "nothing said refused was stored")
    }
}
