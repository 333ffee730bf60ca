import Foundation
import GRDB
import Testing
@testable import PartnerBot
import SlackPlatform

/// The real executable with its database on a size-limited tmpfs that fills during a burst of
/// registrations (mounting needs root, as on the CI machines).
@Suite("Disk full: the real server on a small filesystem", .serialized, .enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
struct DiskFullProcessTests {
    static let secret = "disk-full-secret"

    @Test func everyAcknowledgedRegistrationIsDurableAndTheServerRecoversOnceSpaceIsFreed() async throws {
        let binary = try #require(ServerProcess.binary)
        let small = try await SmallDisk.mount(size: "6m")
        defer { small.unmount() }
        let (root, disk, databasePath) = (small.root, small.disk, small.databasePath)
        try await small.seedOrganisations(8, prefix: "FULL")
        let server = ServerProcess(binary: binary, arguments: ["serve"], environment: small.environment(secret: Self.secret))
        try await server.start()
        defer { server.kill() }
        // Leave about 300 KB: a few hundred registrations fill it.
        let ballast = disk.appendingPathComponent("ballast")
        let free = try #require(try FileManager.default.attributesOfFileSystem(forPath: disk.path)[.systemFreeSize] as? Int)
        try Data(count: max(0, free - 300_000)).write(to: ballast)

        let http = PlainHTTPClient(maxConcurrentRequests: 8, timeout: .seconds(10))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(Self.secret)!)
        let port = server.port
        let register: @Sendable (String, Int) async -> (status: Int, text: String)? = { customer, org in
            let command = SlashCommand(command: "/register", text: "\(customer) note:\"\(String(repeating: "n", count: 900))\"", teamID: "TFULL\(org)", channelID: "CFULL\(org)", userID: "UFULL\(org)")
            let request = builder.slashCommand(command, timestamp: SystemWallClock().unixTime)
            guard let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body) else { return nil }
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        let acknowledged = LinesBox()
        let refused = LinesBox()
        let other = LinesBox()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<600 {
                group.addTask {
                    let customer = "Disk Customer \(index)"
                    switch await register(customer, index % 8) {
                    case let answer? where answer.status == 200 && answer.text.contains("Registered"): acknowledged.append(customer)
                    case let answer? where answer.status == 200 && answer.text.contains("could not be saved, so nothing was registered"): refused.append(customer)
                    case let answer?: other.append("\(answer.status) \(answer.text.prefix(200))")
                    case nil: other.append("no answer")
                    }
                }
            }
        }
        #expect(other.all.isEmpty, "every answer is a registration or a clear refusal: \(other.all.prefix(3))")
        #expect(!refused.all.isEmpty && !acknowledged.all.isEmpty, "the disk filled during the burst")
        let full = await ServerProcess.runToCompletion(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "http://127.0.0.1:\(port)/health"], environment: [:], in: root)
        #expect(full.contains("\"ok\":false") && full.contains("full"), "\(full)")

        try FileManager.default.removeItem(at: ballast)
        let healthy = await ServerProcess.runToCompletion(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "http://127.0.0.1:\(port)/health"], environment: [:], in: root)
        #expect(healthy.contains("\"ok\":true"), "recovers by itself once space is freed: \(healthy)")
        let after = await register("After Space Freed", 0)
        #expect(after?.text.contains("Registered") == true)
        await server.stop()

        let stored = try await AppDatabase.open(path: databasePath).writer.read { db in try String.fetchSet(db, sql: "SELECT customer_name FROM deal") }
        #expect(Set(acknowledged.all + ["After Space Freed"]).isSubset(of: stored), "every acknowledged registration is durable")
        #expect(stored.isDisjoint(with: refused.all), "nothing said refused was stored")
    }
}
