import Foundation
import PartnerBotDev
import Testing

@Suite("Dev mode's generated signing secret")
struct DevSecretTests {
    @Test func serversStartingTogetherOnOneFolderAgreeOnOneSecret() async throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("data").path
        let secrets = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try DevSecret.loadOrCreate(dataDirectory: directory) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(secrets.count == 1)
        let secret = try #require(secrets.first)
        #expect(secret.hasPrefix("dev-"))
        #expect(DevSecret.load(dataDirectory: directory) == secret, "the stored one")
        #expect(try DevSecret.loadOrCreate(dataDirectory: directory) == secret)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(leftovers == [DevSecret.fileName], "no file written aside is left")
        let mode = try FileManager.default.attributesOfItem(atPath: DevSecret.path(dataDirectory: directory))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
