import Foundation
@testable import PartnerBot

/// A size-limited tmpfs mounted for one process test (mounting needs root), holding the
/// database of a real `partnerbot serve`, whose configuration file sits beside it.
struct SmallDisk {
    let root: URL
    let disk: URL
    let databasePath: String
    let configPath: String

    /// Mounts a tmpfs of `size` (e.g. `6m`) and writes the server's configuration.
    /// - Throws: When `mount` fails, with what it printed.
    static func mount(size: String) async throws -> SmallDisk {
        let root = try TestSupport.temporaryDirectory()
        let disk = root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mounted = await ServerProcess.runToCompletion(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", disk.path], environment: [:], in: root)
        guard mounted.isEmpty else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mount: \(mounted)"]) }
        let small = SmallDisk(
            root: root, disk: disk, databasePath: disk.appendingPathComponent("bot.sqlite").path,
            configPath: root.appendingPathComponent("partnerbot.yaml").path)
        try ServerProcess.configuration(databasePath: small.databasePath, extra: "").write(toFile: small.configPath, atomically: true, encoding: .utf8)
        return small
    }

    /// Remounts with `options` (`remount,ro`, `remount,rw`).
    /// - Returns: What `mount` printed (empty when it worked).
    func remount(_ options: String) async -> String {
        await ServerProcess.runToCompletion(URL(fileURLWithPath: "/bin/mount"), ["-o", options, disk.path], environment: [:], in: root)
    }

    func unmount() {
        _ = Foundation.system("umount '\(disk.path)' 2>/dev/null")
    }

    /// Creates the database with `count` organisations `org-N` of team `T<prefix>N`, channel `C<prefix>N`.
    func seedOrganisations(_ count: Int, prefix: String) async throws {
        let database = try AppDatabase.open(path: databasePath)
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<count { csv += "org-\(index),Org \(index),reseller,select,emea,T\(prefix)\(index),C\(prefix)\(index),\n" }
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: Date())
    }

    /// The server's environment: its signing secret and configuration.
    func environment(secret: String) -> [String: String] {
        ["SLACK_SIGNING_SECRET": secret, "PARTNERBOT_CONFIG": configPath, "PATH": "/usr/bin:/bin", "LOG_LEVEL": "critical"]
    }
}
