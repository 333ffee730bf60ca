import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot announce FILE`: validates, resolves the audience, enqueues, and shows delivery.
struct Announce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Broadcast an announcement file to its audience through the outbox.",
        discussion: "Re-running never messages a target twice; after editing a sent file, re-running edits the delivered messages.")

    @Argument(help: "The announcement file, e.g. Announcements/q3-competitive-takeout-spiff.md")
    var file: String

    @Flag(name: .long, help: "Validate and resolve the audience; send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Do not wait for delivery (a running `partnerbot serve` delivers).")
    var noWait = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        let now = SystemWallClock().now()
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let rules = AnnouncementRules(tiers: configuration.tiers, tracks: configuration.tracks.map(\.id), today: CalendarDate(now))
        let announcement: Announcement
        do {
            announcement = try AnnouncementParser.parse(String(decoding: data, as: UTF8.self), file: file, rules: rules)
        } catch {
            throw CLIError(error.description)
        }
        let database = try await openDatabase(configuration)
        let result: BroadcastResult
        do {
            result = try await database.broadcast(announcement, by: "cli", now: now, dryRun: dryRun)
        } catch let error as AnnouncementError {
            throw CLIError(error.description)
        }
        print("\(announcement.id): \(announcement.title)")
        print("audience: \(announcement.audience.summary)\(announcement.requiresCertification.map { ", certified on \($0)" } ?? "") → \(result.orgs.count) organisation(s), \(result.targets) target(s)")
        if !result.orgs.isEmpty { print("  " + result.orgs.joined(separator: ", ")) }
        if !result.unreachable.isEmpty { print("unreachable (no channel or members): \(result.unreachable.joined(separator: ", "))") }
        print("\(dryRun ? "would enqueue" : "enqueued") \(result.posted) new message(s), \(result.updated) edit(s); \(result.unchanged) target(s) already up to date")
        guard !dryRun, !noWait, result.posted + result.updated > 0 else { return }
        try await DeliveryProgress.follow(database: database, announcement: announcement.id, total: result.targets)
    }
}

/// `partnerbot announcements report [id]`.
struct Announcements: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Announcement reports.", subcommands: [Report.self])

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Targeted, delivered, failed, acknowledged, read rates, by segment, and who has not acknowledged.")

        @Argument(help: "The announcement id (default: every sent announcement).")
        var id: String?

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let database = try await openDatabase(try options.load())
            let ids: [String]
            if let id { ids = [id] } else { ids = try await database.sentAnnouncements().map(\.id) }
            if ids.isEmpty { print("no announcement has been sent yet") }
            for id in ids {
                do {
                    print(try await database.announcementReport(id: id).text.replacingOccurrences(of: "*", with: ""))
                    print("")
                } catch let error as AnnouncementError {
                    throw CLIError(error.description)
                }
            }
        }
    }
}

/// Shows delivery of an announcement: a progress bar on a terminal, plain lines otherwise.
enum DeliveryProgress {
    static func follow(database: AppDatabase, announcement id: String, total: Int) async throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        var last = (-1, -1)
        var stalledSince = ContinuousClock.now
        while true {
            let report = try await database.announcementReport(id: id)
            let done = report.delivered + report.failed
            if (report.delivered, report.failed) != last {
                last = (report.delivered, report.failed)
                stalledSince = .now
                if terminal {
                    let width = 30
                    let filled = total == 0 ? width : width * done / max(total, 1)
                    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                    print("\r\(bar) \(report.delivered)/\(report.targets) delivered, \(report.failed) failed", terminator: "")
                    fflush(nil)
                } else {
                    print("delivered \(report.delivered)/\(report.targets), failed \(report.failed)")
                }
            }
            if report.pending == 0 {
                if terminal { print("") }
                return
            }
            if ContinuousClock.now - stalledSince > .seconds(15) {
                if terminal { print("") }
                print("no progress for 15 s: is `partnerbot serve` running? The messages stay queued and are delivered when it runs.")
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}
